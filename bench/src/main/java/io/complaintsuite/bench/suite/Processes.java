package io.complaintsuite.bench.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time and memory of the suite's processes, read from {@code /proc} (Linux): each service's JVM
 * and the Kafka broker by pid, PostgreSQL as its postmaster with every child (backends come and go;
 * the CPU of those that ended is in the postmaster's children's time). RSS for the JVMs; for
 * PostgreSQL the proportional set size (Pss), since its processes share the buffer cache and their
 * RSS would count it many times. Heap figures come from each service's {@code /q/metrics}.
 */
final class Processes {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  /** This process: it shares the machine with the suite, so its CPU is reported too. */
  static final String GENERATOR = "load generator";

  record Watched(String name, long pid, String metricsUrl) {}

  /** One reading of every watched process and of the machine. */
  record Sample(
      long atNanos,
      Map<String, Double> cpuSeconds,
      Map<String, Long> memoryBytes,
      Map<String, Long> heapUsedBytes,
      double machineBusySeconds,
      double machineSeconds,
      String loadAverage) {}

  private final List<Watched> watched = new ArrayList<>();
  private final long postmasterPid;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  Processes(List<Watched> watched, long postmasterPid) {
    this.watched.addAll(watched);
    this.postmasterPid = postmasterPid;
  }

  List<Watched> watched() {
    return watched;
  }

  Sample sample(boolean withHeap) {
    Map<String, Double> cpu = new LinkedHashMap<>();
    Map<String, Long> memory = new LinkedHashMap<>();
    Map<String, Long> heap = new LinkedHashMap<>();
    for (Watched w : watched) {
      cpu.put(w.name(), cpuSeconds(w.pid(), false));
      memory.put(w.name(), statusKb(w.pid(), "VmRSS:") * 1024);
      if (withHeap && w.metricsUrl() != null) {
        heap.put(w.name(), heapUsed(w.metricsUrl()));
      }
    }
    if (postmasterPid > 0) {
      double pgCpu = cpuSeconds(postmasterPid, true);
      long pss = pss(postmasterPid);
      for (long child : children(postmasterPid)) {
        pgCpu += Math.max(0, cpuSeconds(child, false));
        pss += pss(child);
      }
      cpu.put("postgres", pgCpu);
      memory.put("postgres", pss);
    }
    cpu.put(
        GENERATOR,
        ((com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime()
            / 1e9);
    double[] machine = machineCpu();
    return new Sample(System.nanoTime(), cpu, memory, heap, machine[0], machine[1], loadAverage());
  }

  /** CPU seconds by thread name (numbers stripped: "vert.x-eventloop-thread-#"), busiest first. */
  Map<String, Double> threadCpu(long pid) {
    Map<String, Double> byName = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        String line = read(t.resolve("stat"));
        if (line != null) {
          String name =
              line.substring(line.indexOf('(') + 1, line.lastIndexOf(')')).replaceAll("\\d+", "#");
          byName.merge(name, seconds(line, false), Double::sum);
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return byName;
  }

  /** CPU seconds of every thread of every watched process, keyed by process and thread name. */
  Map<String, Double> threadCpuByService() {
    Map<String, Double> all = new LinkedHashMap<>();
    for (Watched w : watched) {
      threadCpu(w.pid()).forEach((t, s) -> all.put(w.name() + "\u0000" + t, s));
    }
    return all;
  }

  /**
   * CPU seconds by process and thread name spent since {@code before} (a {@link
   * #threadCpuByService()} reading); threads that spent none left out.
   */
  Map<String, Map<String, Double>> threadCpuSince(Map<String, Double> before) {
    Map<String, Map<String, Double>> delta = new LinkedHashMap<>();
    threadCpuByService()
        .forEach(
            (key, after) -> {
              String[] parts = key.split("\u0000", 2);
              double d = after - before.getOrDefault(key, 0.0);
              if (d > 0) {
                delta.computeIfAbsent(parts[0], x -> new TreeMap<>()).put(parts[1], d);
              }
            });
    return delta;
  }

  long heapUsed(String metricsUrl) {
    try {
      HttpResponse<Stream<String>> r =
          http.send(
              HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofLines());
      if (r.statusCode() != 200) {
        r.body().close();
        return -1;
      }
      try (Stream<String> lines = r.body()) {
        return (long)
            lines
                .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static double cpuSeconds(long pid, boolean withReapedChildren) {
    String line = read(Path.of("/proc", Long.toString(pid), "stat"));
    return line == null ? -1 : seconds(line, withReapedChildren);
  }

  private static double seconds(String statLine, boolean withReapedChildren) {
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] f = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    if (withReapedChildren) {
      ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
    return ticks / TICKS_PER_SECOND;
  }

  private static List<Long> children(long parent) {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String line = read(p.resolve("stat"));
        if (line != null) {
          String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
          if (Long.parseLong(f[1]) == parent) {
            pids.add(Long.parseLong(name));
          }
        }
      }
    } catch (IOException e) {
      // /proc not readable: no children counted
    }
    return pids;
  }

  private static long statusKb(long pid, String field) {
    String status = read(Path.of("/proc", Long.toString(pid), "status"));
    return status == null ? -1 : kb(status, field);
  }

  private static long pss(long pid) {
    String rollup = read(Path.of("/proc", Long.toString(pid), "smaps_rollup"));
    long kb = rollup == null ? -1 : kb(rollup, "Pss:");
    return kb < 0 ? Math.max(0, statusKb(pid, "VmRSS:")) * 1024 : kb * 1024;
  }

  private static long kb(String text, String field) {
    for (String l : text.split("\n")) {
      if (l.startsWith(field)) {
        return Long.parseLong(l.substring(field.length()).trim().split("\\s+")[0]);
      }
    }
    return -1;
  }

  /** Busy and total CPU seconds of the whole machine, over all cores, since boot. */
  private static double[] machineCpu() {
    String stat = read(Path.of("/proc/stat"));
    if (stat == null) {
      return new double[] {0, 0};
    }
    String[] f = stat.substring(0, stat.indexOf('\n')).trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < Math.min(f.length, 9); i++) {
      total += Long.parseLong(f[i]);
    }
    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
    return new double[] {(total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND};
  }

  static String loadAverage() {
    String l = read(Path.of("/proc/loadavg"));
    if (l == null) {
      return "n/a";
    }
    String[] f = l.trim().split("\\s+");
    return f[0] + " " + f[1] + " " + f[2];
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return null;
    }
  }
}
