package io.complaintsuite.routing.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time at one moment: the whole JVM (GC and JIT included), the benchmark's own threads (load
 * generator, its Kafka producer and consumer), and the service's PostgreSQL backends. The service's
 * CPU is the JVM's minus the benchmark's: it runs in the same JVM as a {@code @QuarkusTest}.
 */
final class CpuUsage {
  /** Threads (and Kafka client ids, which name the clients' threads) of the benchmark itself. */
  static final String BENCH_THREAD_PREFIX = "bench-";

  private static final Set<Long> BENCH_THREADS = ConcurrentHashMap.newKeySet();
  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private final long processNanos;
  private final long benchNanos;
  private final Map<String, Long> serviceThreadNanos;
  private final Map<Integer, Long> postgresNanos;

  private CpuUsage(
      long processNanos,
      long benchNanos,
      Map<String, Long> serviceThreadNanos,
      Map<Integer, Long> postgresNanos) {
    this.processNanos = processNanos;
    this.benchNanos = benchNanos;
    this.serviceThreadNanos = serviceThreadNanos;
    this.postgresNanos = postgresNanos;
  }

  /** The service's threads by what they do; the rest of the JVM's CPU is GC, JIT and the VM. */
  private static String group(String thread) {
    if (thread.startsWith("vert.x-eventloop")) {
      return "event loops";
    }
    if (thread.contains("kafka") || thread.contains("Kafka")) {
      return "Kafka clients";
    }
    return "other threads";
  }

  static void markBenchThread(Thread thread) {
    BENCH_THREADS.add(thread.getId());
  }

  static CpuUsage now(List<Integer> postgresPids) {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long bench = 0;
    Map<String, Long> service = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      if (BENCH_THREADS.contains(info.getThreadId())
          || info.getThreadName().startsWith(BENCH_THREAD_PREFIX)
          || info.getThreadName().contains("| " + BENCH_THREAD_PREFIX)) {
        bench += cpu;
      } else {
        service.merge(group(info.getThreadName()), cpu, Long::sum);
      }
    }
    Map<Integer, Long> postgres = new HashMap<>();
    for (int pid : postgresPids) {
      postgres.put(pid, processCpuNanos(pid));
    }
    return new CpuUsage(os.getProcessCpuTime(), bench, service, postgres);
  }

  /** Prints the CPU per complaint between {@code before} and this moment. */
  void report(CpuUsage before, int complaints, double seconds) {
    long service = (processNanos - before.processNanos) - (benchNanos - before.benchNanos);
    long bench = benchNanos - before.benchNanos;
    long postgres = 0;
    for (Map.Entry<Integer, Long> e : postgresNanos.entrySet()) {
      postgres += e.getValue() - before.postgresNanos.getOrDefault(e.getKey(), 0L);
    }
    double n = Math.max(1, complaints);
    System.out.println(
        String.format(
            Locale.ROOT,
            "CPU per complaint: service %.2f ms (JVM incl. GC/JIT, without the benchmark's threads;"
                + " %.2f cores over %.1f s), its PostgreSQL backends %.2f ms, benchmark %.2f ms;"
                + " load average %s",
            service / 1e6 / n,
            service / 1e9 / seconds,
            seconds,
            postgres / 1e6 / n,
            bench / 1e6 / n,
            loadAverage()));
    StringBuilder threads = new StringBuilder("  service CPU per complaint by threads:");
    long inThreads = 0;
    for (Map.Entry<String, Long> e : new java.util.TreeMap<>(serviceThreadNanos).entrySet()) {
      long delta = e.getValue() - before.serviceThreadNanos.getOrDefault(e.getKey(), 0L);
      inThreads += delta;
      threads.append(String.format(Locale.ROOT, " %s %.2f ms,", e.getKey(), delta / 1e6 / n));
    }
    threads.append(
        String.format(
            Locale.ROOT, " GC/JIT/VM and ended threads %.2f ms", (service - inThreads) / 1e6 / n));
    System.out.println(threads);
  }

  private static long processCpuNanos(int pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name (which may hold spaces) closed by ')': utime is 14th, stime
      // 15th.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0; // not on this machine (remote database) or gone
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
