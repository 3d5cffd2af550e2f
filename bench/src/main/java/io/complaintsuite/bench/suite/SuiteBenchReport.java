package io.complaintsuite.bench.suite;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@link SuiteBench} prints: the progress line every few seconds, the per-minute details and
 * the summary block of a measured run, and where the time goes when a target is missed.
 */
final class SuiteBenchReport {
  /** Memory may grow this much from the first to the last minute. */
  static final double GROWTH_TOLERANCE = 0.10;

  private final SuiteBenchOptions o;
  private final OpenLoad load;
  private final Ledger ledger;

  SuiteBenchReport(SuiteBenchOptions o, OpenLoad load, Ledger ledger) {
    this.o = o;
    this.load = load;
    this.ledger = ledger;
  }

  void printProgress(double second, org.HdrHistogram.Histogram interval, Map<String, Long> lagNow) {
    String lags =
        lagNow.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(3)
            .map(e -> e.getKey().replace(' ', '/') + " " + e.getValue())
            .collect(Collectors.joining(", "));
    System.out.printf(
        Locale.ROOT,
        "  %4.0f s  sent %7d  201 %7d  failed %5d  in flight %4d | intake p99 %6s ms | behind %d"
            + " | assignments seen %7d | awaiting timers %5d | lag %s%n",
        second,
        load.sent(),
        load.created(),
        load.failed(),
        load.inFlight(),
        interval.getTotalCount() == 0
            ? "n/a"
            : Latencies.millis(interval.getValueAtPercentile(99) / 1000.0),
        load.behind(),
        ledger.assignmentEvents(),
        ledger.awaitingTimer(100_000).size(),
        lags.isEmpty() ? "0" : lags);
  }

  void printDetails(Phase p) {
    System.out.println();
    System.out.println("per minute (complaints by the minute they were sent):");
    System.out.printf(
        "%-6s %8s %11s %11s %11s %11s %11s %7s  %s%n",
        "minute",
        "201s",
        "intake p50",
        "intake p99",
        "assign p50",
        "assign p99",
        "timer p99",
        "busy",
        "memory at the minute's end (MB; postgres: Pss)");
    Processes.Sample previous = p.first;
    for (int m = 0; m < p.assignmentByMinute.size(); m++) {
      Latencies in = m < p.intakeByMinute.size() ? p.intakeByMinute.get(m) : new Latencies();
      Processes.Sample s = m < p.minutes.size() ? p.minutes.get(m) : null;
      String busy = "n/a";
      String memory = "";
      if (s != null) {
        busy =
            String.format(
                Locale.ROOT,
                "%.0f%%",
                100
                    * (s.machineBusySeconds() - previous.machineBusySeconds())
                    / Math.max(1e-9, s.machineSeconds() - previous.machineSeconds()));
        memory =
            s.memoryBytes().entrySet().stream()
                .map(e -> shortName(e.getKey()) + " " + mb(e.getValue()))
                .collect(Collectors.joining(", "));
        previous = s;
      }
      System.out.printf(
          Locale.ROOT,
          "%-6d %8d %11s %11s %11s %11s %11s %7s  %s%n",
          m + 1,
          p.assignmentByMinute.get(m).count() + p.assignmentByMinute.get(m).missingCount(),
          Latencies.millis(in.percentileMillis(50)),
          Latencies.millis(in.percentileMillis(99)),
          Latencies.millis(p.assignmentByMinute.get(m).percentileMillis(50)),
          Latencies.millis(p.assignmentByMinute.get(m).percentileMillis(99)),
          Latencies.millis(p.timerByMinute.get(m).percentileMillis(99)),
          busy,
          memory);
    }
    System.out.println("consumer lag (records; max over the run / at minute 1 / at the end):");
    p.lagMax.forEach(
        (key, max) ->
            System.out.printf(
                Locale.ROOT,
                "  %-45s %7d %7d %7d%n",
                key,
                max,
                p.lagAtMinuteOne.getOrDefault(key, 0L),
                p.lagAtEnd.getOrDefault(key, 0L)));
    System.out.println("CPU by process (ms per complaint; share of one core):");
    for (String proc : p.last.cpuSeconds().keySet()) {
      System.out.printf(
          Locale.ROOT,
          "  %-18s %6.2f ms  %5.0f%%%n",
          proc,
          p.cpuPerComplaintMillis(proc),
          100 * p.coreShare(proc));
    }
  }

  void printSummary(String args, Phase p) {
    double a50 = p.assignment.percentileMillis(50);
    double a99 = p.assignment.percentileMillis(99);
    long failed = p.failures.values().stream().mapToLong(Long::longValue).sum();
    System.out.println();
    System.out.println("== suite benchmark summary (copy into the note) ==");
    System.out.println("command        ./suite bench-suite" + (args.isEmpty() ? "" : " " + args));
    System.out.printf(
        Locale.ROOT,
        "run            %s, %.0f/s offered for %d min after %d s warm-up%n",
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        p.rate,
        o.minutes,
        o.warmupSeconds);
    System.out.printf(
        Locale.ROOT,
        "machine        load average %s at the end; CPU busy %.0f%% of all cores during the run"
            + " (every process on the machine)%n",
        p.last.loadAverage(),
        100 * p.busyShare());
    System.out.printf("%-42s %-6s %-14s %s%n", "figure", "result", "target", "measured");
    row(
        "intake throughput (201 per s)",
        String.format(Locale.ROOT, "%.1f (%d of %d sent)", p.throughput(), p.created, p.sent),
        String.format(Locale.ROOT, ">= %.0f", p.rate * 0.99),
        pass(p.throughput() >= 0.99 * p.rate));
    row(
        "intake latency p50 / p99 / max (ms)",
        Latencies.millis(p.intake.percentileMillis(50))
            + " / "
            + Latencies.millis(p.intake.percentileMillis(99))
            + " / "
            + Latencies.millis(p.intake.maxMillis()),
        "-",
        "-");
    row("intake failures", failed == 0 ? "0" : failed + " " + p.failures, "0", pass(failed == 0));
    row(
        "generator sends > 50 ms late",
        p.behind + " (max " + Latencies.millis(p.lateness.maxMillis()) + " ms late)",
        "<= 0.1%",
        pass(p.generatorOnTime()));
    row(
        "complaint-to-assignment p50 / p99 (ms)",
        Latencies.millis(a50) + " / " + Latencies.millis(a99),
        "p99 < 1000",
        pass(a99 < Phase.P99_TARGET_MILLIS));
    row(
        "complaint-to-timer p50 / p99 (ms)",
        Latencies.millis(p.timer.percentileMillis(50))
            + " / "
            + Latencies.millis(p.timer.percentileMillis(99))
            + " (poll "
            + o.timerPollMillis
            + " ms)",
        "-",
        "-");
    row(
        "assigned / timers seen / 201s",
        p.assignment.count() + " / " + p.timer.count() + " / " + p.created,
        "all",
        pass(p.assignment.missingCount() == 0 && p.timer.missingCount() == 0));
    String maxLag =
        p.lagMax.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(e -> e.getValue() + " (" + e.getKey() + ")")
            .orElse("n/a");
    row("max consumer lag (records)", maxLag, "-", "-");
    String endLag = String.valueOf(p.lagAtEnd.values().stream().mapToLong(Long::longValue).sum());
    row("consumer lag at the end, all groups", endLag, "-", "-");
    if (p.minutes.size() >= 2) {
      Processes.Sample m1 = p.minutes.get(0);
      Processes.Sample mN = p.minutes.get(p.minutes.size() - 1);
      boolean rssOk = true;
      List<String> rss = new ArrayList<>();
      for (var e : mN.memoryBytes().entrySet()) {
        long before = m1.memoryBytes().getOrDefault(e.getKey(), -1L);
        rssOk &= growthOk(before, e.getValue());
        rss.add(shortName(e.getKey()) + " " + growth(before, e.getValue()));
      }
      String label = "memory growth minute 1 -> " + p.minutes.size();
      row(label + " (RSS)", String.join(", ", rss), "<= +10% each", pass(rssOk));
      if (!p.heapAfterGcFirst.isEmpty() && !p.heapAfterGcLast.isEmpty()) {
        boolean heapOk = true;
        List<String> heap = new ArrayList<>();
        for (var e : p.heapAfterGcLast.entrySet()) {
          long before = p.heapAfterGcFirst.getOrDefault(e.getKey(), -1L);
          heapOk &= growthOk(before, e.getValue());
          heap.add(shortName(e.getKey()) + " " + growth(before, e.getValue()));
        }
        row(label + " (heap after GC)", String.join(", ", heap), "<= +10% each", pass(heapOk));
      }
    } else {
      row("memory growth", "needs a run of at least 2 minutes", "-", "-");
    }
    row("CPU ms per complaint", cpuPerComplaint(p), "-", "-");
    row(
        "CPU ceiling (cores / suite CPU per complaint)",
        String.format(
            Locale.ROOT,
            "%.0f/s on %d cores (suite %.2f ms per complaint incl. idle work, generator excluded)",
            p.cpuCeilingPerSecond(),
            Runtime.getRuntime().availableProcessors(),
            p.suiteCpuPerComplaintMillis()),
        ">= " + (int) p.rate,
        pass(p.cpuCeilingPerSecond() >= p.rate));
    boolean met =
        p.throughput() >= 0.99 * p.rate
            && a99 < Phase.P99_TARGET_MILLIS
            && failed == 0
            && p.generatorOnTime()
            && p.assignment.missingCount() == 0;
    System.out.println(
        met
            ? "result         throughput and complaint-to-assignment targets MET"
            : "result         target MISSED: where the time goes below");
    if (!met) {
      printBottleneck(p);
    }
  }

  /** The slowest stage: lag that grows, a saturated machine, and the busiest threads. */
  void printBottleneck(Phase p) {
    String growing =
        p.lagAtEnd.entrySet().stream()
            .filter(e -> e.getValue() > p.rate) // more than a second of arrivals behind
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    System.out.println(
        "  consumers behind at the end (lag > 1 s of arrivals): "
            + (growing.isEmpty() ? "none" : growing));
    double busy = p.busyShare();
    System.out.printf(
        Locale.ROOT,
        "  machine CPU busy %.0f%% of all cores%s%n",
        100 * busy,
        busy >= 0.9 ? ": saturated, the suite is CPU-bound on this machine" : "");
    String byCore =
        p.last.cpuSeconds().keySet().stream()
            .sorted((a, b) -> Double.compare(p.coreShare(b), p.coreShare(a)))
            .map(n -> String.format(Locale.ROOT, "%s %.0f%%", shortName(n), 100 * p.coreShare(n)))
            .collect(Collectors.joining(", "));
    System.out.println("  share of one core by process: " + byCore);
    if (p.intake.percentileMillis(99) >= Phase.P99_TARGET_MILLIS) {
      System.out.println(
          "  intake itself answers slower than 1 s at p99: the first stage saturates");
    }
    p.threadCpu.entrySet().stream()
        .sorted(
            (a, b) ->
                Double.compare(
                    b.getValue().values().stream().mapToDouble(Double::doubleValue).sum(),
                    a.getValue().values().stream().mapToDouble(Double::doubleValue).sum()))
        .limit(3)
        .forEach(
            e ->
                System.out.println(
                    "  busiest threads of "
                        + e.getKey()
                        + " (CPU s): "
                        + e.getValue().entrySet().stream()
                            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                            .limit(6)
                            .map(
                                t ->
                                    String.format(Locale.ROOT, "%s %.1f", t.getKey(), t.getValue()))
                            .collect(Collectors.joining(", "))));
  }

  static String cpuPerComplaint(Phase p) {
    return p.last.cpuSeconds().keySet().stream()
        .map(n -> String.format(Locale.ROOT, "%s %.2f", shortName(n), p.cpuPerComplaintMillis(n)))
        .collect(Collectors.joining(", "));
  }

  private static void row(String figure, String measured, String target, String result) {
    System.out.printf("%-42s %-6s %-14s %s%n", figure, result, target, measured);
  }

  private static String pass(boolean ok) {
    return ok ? "PASS" : "MISS";
  }

  static boolean growthOk(long before, long after) {
    return before > 0 && after > 0 && after <= before * (1 + GROWTH_TOLERANCE);
  }

  private static String growth(long before, long after) {
    if (before <= 0 || after <= 0) {
      return "n/a";
    }
    return String.format(
        Locale.ROOT,
        "%d->%d MB (%+.0f%%)",
        before >> 20,
        after >> 20,
        100.0 * (after - before) / before);
  }

  private static String mb(long bytes) {
    return bytes < 0 ? "n/a" : Long.toString(bytes >> 20);
  }

  static String shortName(String process) {
    return process.replace("-service", "");
  }
}
