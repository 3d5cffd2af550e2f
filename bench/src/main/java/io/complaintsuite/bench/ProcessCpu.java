package io.complaintsuite.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the processes a benchmark drives, read from {@code /proc} (Linux). Throughput on a
 * shared 2-core machine depends on whatever else runs; CPU time per unit of work does not, so the
 * benchmark prints both.
 */
final class ProcessCpu {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private final Map<String, Long> pids = new LinkedHashMap<>();

  /** Watches the process whose pid is in {@code pidFile} under {@code name}, if the file exists. */
  ProcessCpu watch(String name, Path pidFile) {
    try {
      if (pidFile != null && Files.isReadable(pidFile)) {
        pids.put(name, Long.parseLong(Files.readString(pidFile).trim()));
      }
    } catch (IOException | NumberFormatException e) {
      // Not running here: the figure is left out.
    }
    return this;
  }

  /** CPU seconds so far: each watched process, every process named postgres, and this JVM. */
  Map<String, Double> sample() {
    Map<String, Double> cpu = new LinkedHashMap<>();
    pids.forEach((name, pid) -> cpu.put(name, seconds(Path.of("/proc", pid.toString(), "stat"))));
    cpu.put("postgres", postgres());
    cpu.put(
        "load generator",
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime()
            / 1e9);
    return cpu;
  }

  /** Milliseconds of CPU per unit of work between two samples, by process. */
  static Map<String, Double> perUnit(
      Map<String, Double> before, Map<String, Double> after, long n) {
    Map<String, Double> per = new LinkedHashMap<>();
    after.forEach(
        (name, end) -> {
          Double start = before.get(name);
          if (start != null && n > 0 && end >= 0 && start >= 0) {
            per.put(name, (end - start) * 1000 / n);
          }
        });
    return per;
  }

  private static double postgres() {
    // Backends come and go; the ones serving the benchmark live in its connection pools.
    double total = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        if (p.getFileName().toString().chars().allMatch(Character::isDigit)) {
          Path stat = p.resolve("stat");
          String line = read(stat);
          if (line != null && line.contains("(postgres)")) {
            total += seconds(line);
          }
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return total;
  }

  private static double seconds(Path stat) {
    String line = read(stat);
    return line == null ? -1 : seconds(line);
  }

  private static double seconds(String statLine) {
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] f = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
  }

  private static String read(Path stat) {
    try {
      return Files.readString(stat);
    } catch (IOException e) {
      return null;
    }
  }
}
