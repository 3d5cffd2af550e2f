package io.complaintsuite.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@link SuiteBench}: what the user chose (rate, minutes, steps ...) and the
 * suite's own wiring that {@code ./suite bench-suite} adds (tokens, ports, pid files).
 */
final class SuiteBenchOptions {
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

  static SuiteBenchOptions parse(String[] args) throws Exception {
    SuiteBenchOptions o = new SuiteBenchOptions();
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
}
