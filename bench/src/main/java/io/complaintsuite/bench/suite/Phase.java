package io.complaintsuite.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one phase at one rate of {@link SuiteBench} measured (warm-up, the measured run, or a step
 * of {@code --find-sustainable}), and whether it met the targets.
 */
final class Phase {
  /** Complaint-to-assignment p99 target. */
  static final double P99_TARGET_MILLIS = 1000;

  String name;
  double rate;
  int seconds;
  long sent;
  long created;
  long behind;
  Map<String, Long> failures = new TreeMap<>();
  Latencies intake = new Latencies();
  Latencies lateness = new Latencies();
  Latencies assignment;
  Latencies timer;
  List<Latencies> intakeByMinute = new ArrayList<>();
  List<Latencies> assignmentByMinute = new ArrayList<>();
  List<Latencies> timerByMinute = new ArrayList<>();
  Processes.Sample first;
  Processes.Sample last;
  List<Processes.Sample> minutes = new ArrayList<>();
  Map<String, Long> heapAfterGcFirst = new LinkedHashMap<>();
  Map<String, Long> heapAfterGcLast = new LinkedHashMap<>();
  Map<String, Long> lagMax = new TreeMap<>();
  Map<String, Long> lagAtMinuteOne = new TreeMap<>();
  Map<String, Long> lagAtEnd = new TreeMap<>();
  Map<String, Map<String, Double>> threadCpu = new LinkedHashMap<>();
  double elapsedSeconds;
  Map<String, Double> idle = Map.of();

  double throughput() {
    return created / (double) seconds;
  }

  double busyShare() {
    return (last.machineBusySeconds() - first.machineBusySeconds())
        / Math.max(1e-9, last.machineSeconds() - first.machineSeconds());
  }

  double cpuPerComplaintMillis(String process) {
    Double a = first.cpuSeconds().get(process);
    Double b = last.cpuSeconds().get(process);
    return a == null || b == null || a < 0 || b < 0 || created == 0
        ? Double.NaN
        : (b - a) * 1000 / created;
  }

  /** CPU milliseconds per complaint of the suite's processes (not the load generator). */
  double suiteCpuPerComplaintMillis() {
    return last.cpuSeconds().keySet().stream()
        .filter(n -> !n.equals(Processes.GENERATOR))
        .mapToDouble(this::cpuPerComplaintMillis)
        .filter(v -> !Double.isNaN(v))
        .sum();
  }

  /**
   * The rate at which the suite would use every core of this machine, from its CPU per complaint: a
   * ceiling that does not depend on what else ran meanwhile (but CPU per complaint itself rises
   * somewhat on a crowded machine: cache misses, context switches).
   */
  double cpuCeilingPerSecond() {
    double idleMillisPerSecond =
        1000 * idle.values().stream().mapToDouble(Double::doubleValue).sum();
    double marginal = suiteCpuPerComplaintMillis() - idleMillisPerSecond * elapsedSeconds / created;
    return (Runtime.getRuntime().availableProcessors() * 1000.0 - idleMillisPerSecond)
        / Math.max(1e-6, marginal);
  }

  double coreShare(String process) {
    Double a = first.cpuSeconds().get(process);
    Double b = last.cpuSeconds().get(process);
    return a == null || b == null || a < 0 || b < 0 ? Double.NaN : (b - a) / elapsedSeconds;
  }

  /** Whether this rate was held: assignment p99 under the target, no failures, all of it served. */
  boolean sustained() {
    return assignment.percentileMillis(99) < P99_TARGET_MILLIS
        && failures.isEmpty()
        && generatorOnTime()
        && throughput() >= 0.99 * rate;
  }

  /**
   * At most 0.1 % of the sends more than 50 ms late: a few late sends (a GC pause of the generator,
   * a busy core) do not change the load offered, many mean the figures understate it.
   */
  boolean generatorOnTime() {
    return behind <= sent / 1000;
  }

  /** Which of the conditions of {@link #sustained()} failed. */
  String missReason() {
    List<String> why = new ArrayList<>();
    if (!(assignment.percentileMillis(99) < P99_TARGET_MILLIS)) {
      why.add("assignment p99");
    }
    if (!failures.isEmpty()) {
      why.add("failures " + failures);
    }
    if (!generatorOnTime()) {
      why.add("generator behind");
    }
    if (throughput() < 0.99 * rate) {
      why.add("throughput");
    }
    return String.join(", ", why);
  }
}
