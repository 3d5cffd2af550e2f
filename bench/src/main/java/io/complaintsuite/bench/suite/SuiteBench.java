package io.complaintsuite.bench.suite;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *
 * <p>This class runs the phases; {@link SuiteBenchOptions} reads the command line, {@link Phase}
 * holds what one phase measured and {@link SuiteBenchReport} prints it.
 */
public final class SuiteBench {
  private static final int SAMPLE_SECONDS = 10;

  private final SuiteBenchOptions o;
  private final Ledger ledger = new Ledger();
  private final Processes processes;
  private final ConsumerLag lag;
  private final OpenLoad load;
  private final SuiteBenchReport report;

  private SuiteBench(SuiteBenchOptions o) {
    this.o = o;
    this.processes = new Processes(o.watched, o.postmasterPid);
    this.lag = new ConsumerLag(o.bootstrap);
    String run = UUID.randomUUID().toString().substring(0, 8);
    this.load = new OpenLoad(o.intake, o.tokens, ledger, run, o.connections);
    this.report = new SuiteBenchReport(o, load, ledger);
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    SuiteBenchOptions o = SuiteBenchOptions.parse(args);
    new SuiteBench(o).run(SuiteBenchOptions.shownArguments(args));
    System.exit(0);
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
        report.printDetails(p);
        report.printSummary(args, p);
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
                        Locale.ROOT,
                        "%s %.1f%%",
                        SuiteBenchReport.shortName(e.getKey()),
                        100 * e.getValue()))
            .collect(Collectors.joining(", ")));
  }

  private Phase runPhase(String name, double rate, int seconds, boolean measureMemory)
      throws Exception {
    Phase p = new Phase();
    p.name = name;
    p.rate = rate;
    p.seconds = seconds;
    p.idle = idleCores;
    Map<String, Double> threadsBefore = processes.threadCpuByService();
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
      report.printProgress((System.nanoTime() - start) / 1e9, interval, lagNow);
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
    p.threadCpu = processes.threadCpuSince(threadsBefore);
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

  // ------------------------------------------------------------------ find the sustainable rate

  private void findSustainable(String args) throws Exception {
    List<Phase> steps = new ArrayList<>();
    for (double rate : o.steps) {
      System.out.printf(Locale.ROOT, "%nstep: %.0f/s for %d s%n", rate, o.stepSeconds);
      Phase p = runPhase("step-" + (int) rate, rate, o.stepSeconds, false);
      steps.add(p);
      if (!p.sustained()) {
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
      boolean ok = p.sustained();
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
          ok ? "PASS" : "MISS: " + p.missReason());
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
          SuiteBenchReport.cpuPerComplaint(p),
          p.suiteCpuPerComplaintMillis(),
          p.cpuCeilingPerSecond());
    }
    Phase worst = steps.get(steps.size() - 1);
    if (!worst.sustained()) {
      System.out.printf(Locale.ROOT, "at %.0f/s:%n", worst.rate);
      report.printBottleneck(worst);
    }
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, 1_000_000_000L));
    }
  }
}
