package io.complaintsuite.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The whole suite end to end: complaints posted to intake-service at a fixed rate (open model) for
 * a bounded time, each followed to its {@code assignment.created} on Kafka and to its SLA timers in
 * sla-service's database, while consumer lag, CPU and memory of every process are sampled. Ends
 * with a summary block of each figure beside its target.
 *
 * <p>Started by {@code ./suite bench-suite [--rate 500] [--minutes 5] [--warmup-seconds 30]
 * [--find-sustainable [--steps 25,50,75,100,150,200,300,400,500] [--step-seconds 60]]}.
 */
public final class SuiteBench {
  static final double P99_TARGET_MILLIS = 1000;
  static final double GROWTH_TOLERANCE = 0.10;
  private static final int SAMPLE_SECONDS = 10;

  private final Options o;
  private final Ledger ledger = new Ledger();
  private final Processes processes;
  private final ConsumerLag lag;
  private final OpenLoad load;

  private SuiteBench(Options o) {
    this.o = o;
    this.processes = new Processes(o.watched, o.postmasterPid);
    this.lag = new ConsumerLag(o.bootstrap);
    String run = UUID.randomUUID().toString().substring(0, 8);
    this.load = new OpenLoad(o.intake, o.tokens, ledger, run, o.connections);
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Options o = Options.parse(args);
    new SuiteBench(o).run(shownArguments(args));
    System.exit(0);
  }

  /**
   * The arguments as given, but the tokens and the suite's own wiring (ports, pid files) left out.
   */
  static String shownArguments(String[] args) {
    List<String> shown = new ArrayList<>();
    List<String> wiring =
        List.of(
            "--token",
            "--intake",
            "--bootstrap",
            "--sla-jdbc",
            "--db-user",
            "--process",
            "--metrics",
            "--postgres-pid-file");
    for (int i = 0; i < args.length; i++) {
      if (wiring.contains(args[i])) {
        i++;
      } else {
        shown.add(args[i]);
      }
    }
    return String.join(" ", shown);
  }

  private void run(String args) throws Exception {
    System.out.printf(
        "whole-suite benchmark: %s, intake %s, Kafka %s, load average %s%n",
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        o.intake,
        o.bootstrap,
        Processes.loadAverage());
    System.out.println(
        "watching "
            + o.watched.stream()
                .map(w -> w.name() + " " + w.pid())
                .collect(Collectors.joining(", "))
            + (o.postmasterPid > 0 ? ", postgres " + o.postmasterPid + " and its children" : ""));
    try (AssignmentListener listener = new AssignmentListener(o.bootstrap, ledger).start();
        TimerPoller timers =
            new TimerPoller(o.slaJdbc, o.dbUser, ledger, o.timerPollMillis).start()) {
      measureIdle();
      if (o.warmupSeconds > 0) {
        System.out.printf(
            Locale.ROOT,
            "%nwarm-up: %.0f/s for %d s (not counted)%n",
            o.warmupRate,
            o.warmupSeconds);
        Phase w = runPhase("warmup", o.warmupRate, o.warmupSeconds, false);
        System.out.printf(
            Locale.ROOT,
            "warm-up done: %d sent, %d created, complaint-to-assignment p99 %s ms%n",
            w.sent,
            w.created,
            Latencies.millis(w.assignment.percentileMillis(99)));
        // A backlog left by the warm-up would be consumed during the first measured phase and
        // count against it.
        awaitCaughtUp(Duration.ofSeconds(180));
      }
      if (o.findSustainable) {
        findSustainable(args);
      } else {
        System.out.printf(Locale.ROOT, "%nmeasured: %.0f/s for %d min%n", o.rate, o.minutes);
        Phase p = runPhase("main", o.rate, o.minutes * 60, true);
        printDetails(p);
        printSummary(args, p);
      }
      if (timers.lastError() != null) {
        System.out.println(
            "note: the sla database poll failed at least once: " + timers.lastError());
      }
    } finally {
      load.close();
      lag.close();
    }
  }

  /** Waits until no consumer group lags (or {@code atMost} passed); returns the last lag seen. */
  private Map<String, Long> awaitCaughtUp(Duration atMost) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + atMost.toNanos();
    Map<String, Long> backlog = lag.sample();
    while (backlog.values().stream().mapToLong(Long::longValue).sum() > 0
        && System.nanoTime() < deadline) {
      Thread.sleep(2_000);
      backlog = lag.sample();
    }
    long left = backlog.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf(
        Locale.ROOT,
        "consumers %s after %.0f s%n",
        left == 0 ? "caught up" : "still " + left + " records behind",
        (System.nanoTime() - start) / 1e9);
    return backlog;
  }

  /** CPU seconds per second each process spends with no load (schedulers, polls, GC). */
  private Map<String, Double> idleCores = new LinkedHashMap<>();

  /**
   * The suite's CPU with no complaints arriving, once the consumers have caught up: subtracted when
   * the CPU ceiling is computed, so that it holds for rates other than the measured one.
   */
  private void measureIdle() throws InterruptedException {
    Map<String, Long> backlog = awaitCaughtUp(Duration.ofSeconds(120));
    // Records left over from earlier runs would be consumed during the measurement, and every
    // figure would then describe that catching-up instead of the rate asked for.
    long left = backlog.values().stream().mapToLong(Long::longValue).sum();
    if (left > 1_000) {
      throw new IllegalStateException(
          "the suite still has "
              + left
              + " records to consume from earlier runs after 120 s ("
              + backlog
              + "); measure on fresh data: ./suite down, then run with SUITE_STATE_DIR pointing at"
              + " an empty folder (docs/benchmarks.md)");
    }
    Processes.Sample a = processes.sample(false);
    Thread.sleep(TimeUnit.SECONDS.toMillis(o.idleSeconds));
    Processes.Sample b = processes.sample(false);
    double seconds = (b.atNanos() - a.atNanos()) / 1e9;
    b.cpuSeconds()
        .forEach(
            (n, v) -> {
              Double before = a.cpuSeconds().get(n);
              if (before != null && before >= 0 && v >= 0 && !n.equals(Processes.GENERATOR)) {
                idleCores.put(n, (v - before) / seconds);
              }
            });
    System.out.printf(
        Locale.ROOT,
        "idle CPU of the suite over %d s (share of one core): %s%n",
        o.idleSeconds,
        idleCores.entrySet().stream()
            .map(
                e ->
                    String.format(
                        Locale.ROOT, "%s %.1f%%", shortName(e.getKey()), 100 * e.getValue()))
            .collect(Collectors.joining(", ")));
  }

  // ------------------------------------------------------------------ one phase

  /** What one phase at one rate measured. */
  static final class Phase {
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
     * The rate at which the suite would use every core of this machine, from its CPU per complaint:
     * a ceiling that does not depend on what else ran meanwhile (but CPU per complaint itself rises
     * somewhat on a crowded machine: cache misses, context switches).
     */
    double cpuCeilingPerSecond() {
      double idleMillisPerSecond =
          1000 * idle.values().stream().mapToDouble(Double::doubleValue).sum();
      double marginal =
          suiteCpuPerComplaintMillis() - idleMillisPerSecond * elapsedSeconds / created;
      return (Runtime.getRuntime().availableProcessors() * 1000.0 - idleMillisPerSecond)
          / Math.max(1e-6, marginal);
    }

    double coreShare(String process) {
      Double a = first.cpuSeconds().get(process);
      Double b = last.cpuSeconds().get(process);
      return a == null || b == null || a < 0 || b < 0 ? Double.NaN : (b - a) / elapsedSeconds;
    }
  }

  private Phase runPhase(String name, double rate, int seconds, boolean measureMemory)
      throws Exception {
    Phase p = new Phase();
    p.name = name;
    p.rate = rate;
    p.seconds = seconds;
    p.idle = idleCores;
    Map<String, Double> threadsBefore = threadCpuByService();
    load.takeIntakeLatencies();
    load.takeLateness();
    long sent0 = load.sent();
    long created0 = load.created();
    long behind0 = load.behind();
    Map<String, Long> failures0 = load.failures();
    p.first = processes.sample(false);
    long start = System.nanoTime();
    CompletableFuture<Void> sending = load.start(name, rate, seconds);
    int ticks = (seconds + SAMPLE_SECONDS - 1) / SAMPLE_SECONDS;
    for (int k = 1; k <= ticks; k++) {
      long wake = start + TimeUnit.SECONDS.toNanos((long) Math.min(k * SAMPLE_SECONDS, seconds));
      sleepUntil(wake);
      int minute = (int) ((k - 1) * SAMPLE_SECONDS / 60);
      var interval = load.takeIntakeLatencies();
      p.intake.add(interval);
      while (p.intakeByMinute.size() <= minute) {
        p.intakeByMinute.add(new Latencies());
      }
      p.intakeByMinute.get(minute).add(interval);
      p.lateness.add(load.takeLateness());
      Map<String, Long> lagNow = lag.sample();
      lagNow.forEach((key, v) -> p.lagMax.merge(key, v, Math::max));
      boolean minuteEnds = (k * SAMPLE_SECONDS) % 60 == 0 || k == ticks;
      Processes.Sample s = processes.sample(measureMemory && minuteEnds);
      if (minuteEnds && measureMemory) {
        p.minutes.add(s);
        if (p.minutes.size() == 1) {
          p.lagAtMinuteOne = lagNow;
          if (o.gcProbe && seconds >= 120) {
            p.heapAfterGcFirst = heapAfterGc();
          }
        }
      }
      printProgress((System.nanoTime() - start) / 1e9, interval, lagNow);
      if (k == ticks) {
        p.lagAtEnd = lagNow;
      }
    }
    sending.get(60, TimeUnit.SECONDS);
    long answersDue = System.nanoTime() + TimeUnit.SECONDS.toNanos(35);
    while (load.inFlight() > 0 && System.nanoTime() < answersDue) {
      Thread.sleep(50);
    }
    p.elapsedSeconds = (System.nanoTime() - start) / 1e9;
    p.last = processes.sample(false);
    if (measureMemory && !p.heapAfterGcFirst.isEmpty()) {
      p.heapAfterGcLast = heapAfterGc();
    }
    p.threadCpu = threadDelta(threadsBefore);
    var tail = load.takeIntakeLatencies();
    p.intake.add(tail);
    if (!p.intakeByMinute.isEmpty()) {
      p.intakeByMinute.get(p.intakeByMinute.size() - 1).add(tail);
    }
    p.lateness.add(load.takeLateness());
    p.sent = load.sent() - sent0;
    p.created = load.created() - created0;
    p.behind = load.behind() - behind0;
    load.failures()
        .forEach(
            (k, v) -> {
              long d = v - failures0.getOrDefault(k, 0L);
              if (d > 0) {
                p.failures.put(k, d);
              }
            });
    // Let the last complaints reach routing and sla-service before counting what is missing.
    long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.drainSeconds);
    while (System.nanoTime() < drainUntil
        && (ledger.outstanding(name, false) > 0 || ledger.outstanding(name, true) > 0)) {
      Thread.sleep(250);
    }
    p.assignment = ledger.latencies(name, -1, false);
    p.timer = ledger.latencies(name, -1, true);
    int minutes = Math.max(1, (seconds + 59) / 60);
    for (int m = 0; m < minutes; m++) {
      p.assignmentByMinute.add(ledger.latencies(name, m, false));
      p.timerByMinute.add(ledger.latencies(name, m, true));
    }
    return p;
  }

  private Map<String, Double> threadCpuByService() {
    Map<String, Double> all = new LinkedHashMap<>();
    for (Processes.Watched w : processes.watched()) {
      processes.threadCpu(w.pid()).forEach((t, s) -> all.put(w.name() + "\u0000" + t, s));
    }
    return all;
  }

  private Map<String, Map<String, Double>> threadDelta(Map<String, Double> before) {
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

  /**
   * Heap in use right after a full collection, per service: {@code GC.run} through the JDK's Attach
   * API (what {@code jcmd PID GC.run} does, without starting a JVM per call), then {@code
   * jvm_memory_used_bytes{area="heap"}} from its /q/metrics. Costs each service one full collection
   * (tens of milliseconds with a 384 MB heap). Needs {@code --add-exports
   * jdk.attach/sun.tools.attach=ALL-UNNAMED}; without it the figure is left out.
   */
  private Map<String, Long> heapAfterGc() {
    Map<String, Long> heap = new LinkedHashMap<>();
    for (Processes.Watched w : processes.watched()) {
      if (w.metricsUrl() == null) {
        continue;
      }
      try {
        fullGc(w.pid());
        heap.put(w.name(), processes.heapUsed(w.metricsUrl()));
      } catch (Exception | LinkageError e) {
        System.out.println("  no heap-after-GC figure for " + w.name() + ": " + e);
      }
    }
    return heap;
  }

  private static void fullGc(long pid) throws Exception {
    com.sun.tools.attach.VirtualMachine vm =
        com.sun.tools.attach.VirtualMachine.attach(Long.toString(pid));
    try {
      java.lang.reflect.Method jcmd =
          Class.forName("sun.tools.attach.HotSpotVirtualMachine")
              .getMethod("executeJCmd", String.class);
      try (java.io.InputStream out = (java.io.InputStream) jcmd.invoke(vm, "GC.run")) {
        out.readAllBytes();
      }
    } finally {
      vm.detach();
    }
  }

  private void printProgress(
      double second, org.HdrHistogram.Histogram interval, Map<String, Long> lagNow) {
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

  // ------------------------------------------------------------------ find the sustainable rate

  private void findSustainable(String args) throws Exception {
    List<Phase> steps = new ArrayList<>();
    for (double rate : o.steps) {
      System.out.printf(Locale.ROOT, "%nstep: %.0f/s for %d s%n", rate, o.stepSeconds);
      Phase p = runPhase("step-" + (int) rate, rate, o.stepSeconds, false);
      steps.add(p);
      if (!sustained(p)) {
        break;
      }
    }
    System.out.println();
    System.out.println("== suite benchmark: sustainable rate (copy into the note) ==");
    System.out.println("command        ./suite bench-suite" + (args.isEmpty() ? "" : " " + args));
    System.out.println("load average   " + Processes.loadAverage() + " (at the end)");
    System.out.printf(
        "%-8s %8s %11s %11s %11s %11s %11s %7s %7s %6s  %s%n",
        "offered/s",
        "201/s",
        "intake p99",
        "assign p50",
        "assign p99",
        "timer p50",
        "timer p99",
        "behind",
        "failed",
        "busy",
        "result");
    double best = 0;
    for (Phase p : steps) {
      boolean ok = sustained(p);
      if (ok) {
        best = Math.max(best, p.rate);
      }
      System.out.printf(
          Locale.ROOT,
          "%-9.0f %8.1f %11s %11s %11s %11s %11s %7d %7d %5.0f%%  %s%n",
          p.rate,
          p.throughput(),
          Latencies.millis(p.intake.percentileMillis(99)),
          Latencies.millis(p.assignment.percentileMillis(50)),
          Latencies.millis(p.assignment.percentileMillis(99)),
          Latencies.millis(p.timer.percentileMillis(50)),
          Latencies.millis(p.timer.percentileMillis(99)),
          p.behind,
          p.failures.values().stream().mapToLong(Long::longValue).sum(),
          100 * p.busyShare(),
          ok ? "PASS" : "MISS: " + missReason(p));
    }
    System.out.printf(
        Locale.ROOT,
        "sustainable rate (complaint-to-assignment p99 < 1 s, no failures, generator on time): %s%n",
        best > 0 ? String.format(Locale.ROOT, "%.0f/s", best) : "below the first step");
    System.out.println("CPU ms per complaint by process, per step (and the CPU ceiling it gives):");
    for (Phase p : steps) {
      System.out.printf(
          Locale.ROOT,
          "  %5.0f/s  %s; suite %.2f ms: ceiling %.0f/s%n",
          p.rate,
          cpuPerComplaint(p),
          p.suiteCpuPerComplaintMillis(),
          p.cpuCeilingPerSecond());
    }
    Phase worst = steps.get(steps.size() - 1);
    if (!sustained(worst)) {
      System.out.printf(Locale.ROOT, "at %.0f/s:%n", worst.rate);
      printBottleneck(worst);
    }
  }

  static boolean sustained(Phase p) {
    return p.assignment.percentileMillis(99) < P99_TARGET_MILLIS
        && p.failures.isEmpty()
        && generatorOnTime(p)
        && p.throughput() >= 0.99 * p.rate;
  }

  /**
   * At most 0.1 % of the sends more than 50 ms late: a few late sends (a GC pause of the generator,
   * a busy core) do not change the load offered, many mean the figures understate it.
   */
  static boolean generatorOnTime(Phase p) {
    return p.behind <= p.sent / 1000;
  }

  private static String missReason(Phase p) {
    List<String> why = new ArrayList<>();
    if (!(p.assignment.percentileMillis(99) < P99_TARGET_MILLIS)) {
      why.add("assignment p99");
    }
    if (!p.failures.isEmpty()) {
      why.add("failures " + p.failures);
    }
    if (!generatorOnTime(p)) {
      why.add("generator behind");
    }
    if (p.throughput() < 0.99 * p.rate) {
      why.add("throughput");
    }
    return String.join(", ", why);
  }

  // ------------------------------------------------------------------ reporting

  private void printDetails(Phase p) {
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

  private void printSummary(String args, Phase p) {
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
        pass(generatorOnTime(p)));
    row(
        "complaint-to-assignment p50 / p99 (ms)",
        Latencies.millis(a50) + " / " + Latencies.millis(a99),
        "p99 < 1000",
        pass(a99 < P99_TARGET_MILLIS));
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
            && a99 < P99_TARGET_MILLIS
            && failed == 0
            && generatorOnTime(p)
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
  private void printBottleneck(Phase p) {
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
    if (p.intake.percentileMillis(99) >= P99_TARGET_MILLIS) {
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

  private static String cpuPerComplaint(Phase p) {
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

  private static String shortName(String process) {
    return process.replace("-service", "");
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, 1_000_000_000L));
    }
  }

  // ------------------------------------------------------------------ options

  static final class Options {
    String intake = "http://127.0.0.1:8081";
    String[] tokens;
    String bootstrap = "127.0.0.1:19092";
    String slaJdbc = "jdbc:postgresql://127.0.0.1:15432/sla";
    String dbUser = "postgres";
    double rate = 500;
    int minutes = 5;
    int warmupSeconds = -1; // 30, or 120 before --find-sustainable's steps (the JIT warms up)
    double warmupRate = -1; // the rate measured, or the first step
    boolean findSustainable;
    double[] steps = {25, 50, 75, 100, 150, 200, 300, 400, 500};
    int stepSeconds = 60;
    int drainSeconds = 30;
    long timerPollMillis = 100;
    int connections = 64;
    int idleSeconds = 10;
    boolean gcProbe = true;
    long postmasterPid = -1;
    List<Processes.Watched> watched = new ArrayList<>();

    static Options parse(String[] args) throws Exception {
      Options o = new Options();
      Map<String, String> metrics = new LinkedHashMap<>();
      Map<String, Long> pids = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--find-sustainable" -> o.findSustainable = true;
          case "--no-gc-probe" -> o.gcProbe = false;
          default -> {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
              case "--intake" -> o.intake = v;
              case "--token" -> o.tokens = v.split(",");
              case "--bootstrap" -> o.bootstrap = v;
              case "--sla-jdbc" -> o.slaJdbc = v;
              case "--db-user" -> o.dbUser = v;
              case "--rate" -> o.rate = Double.parseDouble(v);
              case "--minutes" -> o.minutes = Integer.parseInt(v);
              case "--warmup-seconds" -> o.warmupSeconds = Integer.parseInt(v);
              case "--warmup-rate" -> o.warmupRate = Double.parseDouble(v);
              case "--steps" ->
                  o.steps = Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
              case "--step-seconds" -> o.stepSeconds = Integer.parseInt(v);
              case "--drain-seconds" -> o.drainSeconds = Integer.parseInt(v);
              case "--timer-poll-ms" -> o.timerPollMillis = Long.parseLong(v);
              case "--connections" -> o.connections = Integer.parseInt(v);
              case "--idle-seconds" -> o.idleSeconds = Integer.parseInt(v);
              case "--postgres-pid-file" -> o.postmasterPid = firstNumber(Path.of(v));
              case "--process" -> {
                String[] nv = v.split("=", 2);
                long pid = firstNumber(Path.of(nv[1]));
                if (pid > 0) {
                  pids.put(nv[0], pid);
                }
              }
              case "--metrics" -> {
                String[] nv = v.split("=", 2);
                metrics.put(nv[0], nv[1]);
              }
              default -> throw new IllegalArgumentException("unknown option " + a);
            }
          }
        }
      }
      if (o.tokens == null) {
        throw new IllegalArgumentException("--token is required (./suite token channel)");
      }
      // Before --find-sustainable's low first steps the JIT needs longer to compile the hot paths
      // than 30 s at that rate give it.
      if (o.warmupSeconds < 0) {
        o.warmupSeconds = o.findSustainable ? 120 : 30;
      }
      if (o.warmupRate <= 0) {
        o.warmupRate = o.findSustainable ? o.steps[0] : o.rate;
      }
      if (o.rate <= 0 || o.minutes <= 0 || o.stepSeconds <= 0 || o.steps.length == 0) {
        throw new IllegalArgumentException("rates, minutes and steps must be positive");
      }
      pids.forEach((n, pid) -> o.watched.add(new Processes.Watched(n, pid, metrics.get(n))));
      return o;
    }

    private static long firstNumber(Path file) {
      try {
        String text = Files.readString(file).trim();
        return Long.parseLong(text.split("\\s+")[0]);
      } catch (Exception e) {
        return -1;
      }
    }
  }
}
