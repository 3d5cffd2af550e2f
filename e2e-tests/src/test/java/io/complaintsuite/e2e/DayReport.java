package io.complaintsuite.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;

/**
 * The one-screen "day report" of the day journey: complaints and queue by hour, deadlines, and
 * every figure expected from the ledger against what the services reported. A figure that differs
 * is a failure.
 */
final class DayReport {
  private final List<String> failures;
  private final List<String> lines = new ArrayList<>();
  private final List<String> kpis = new ArrayList<>();
  private final List<String> hours = new ArrayList<>();

  DayReport(List<String> failures) {
    this.failures = failures;
  }

  List<String> failures() {
    return failures;
  }

  void line(String what, String value) {
    lines.add(String.format(Locale.ROOT, "%-36s %s", what, value));
  }

  void kpi(String what, double expected, double reported) {
    // sla-service reports its figures rounded to four decimals (docs/sla-service.md).
    double rounded = Math.round(expected * 10_000) / 10_000.0;
    boolean same = Math.abs(rounded - reported) <= 1e-9 * Math.max(1, Math.abs(expected));
    kpis.add(
        String.format(
            Locale.ROOT,
            "%-36s %12.4f %12.4f  %s",
            what,
            expected,
            reported,
            same ? "ok" : "DIFFERS"));
    if (!same) {
      failures.add(what + ": expected " + expected + " (ledger), reported " + reported);
    }
  }

  void byHour(SortedMap<Integer, Integer> received, SortedMap<Integer, Integer> queued) {
    for (int h = 9; h <= 21; h++) {
      int r = received.getOrDefault(h, 0);
      int q = queued.getOrDefault(h, 0);
      hours.add(
          String.format(
              Locale.ROOT,
              "%02d:00  %4d %-30s queue max %3d %s",
              h,
              r,
              "#".repeat(r / 3),
              q,
              "+".repeat(q)));
    }
  }

  String print() {
    StringBuilder out = new StringBuilder();
    out.append(
        "== a day at the centre: Wed 30 Sep 2026 and the two days after (DayAtTheCentreTest) ==\n");
    lines.forEach(l -> out.append(l).append('\n'));
    out.append(
        "\ncomplaints received by hour (Asia/Shanghai), and the longest queue in that hour\n");
    hours.forEach(l -> out.append(l).append('\n'));
    out.append(String.format(Locale.ROOT, "%n%-36s %12s %12s%n", "figure", "ledger", "reported"));
    kpis.forEach(l -> out.append(l).append('\n'));
    out.append("\nresult: ")
        .append(
            failures.isEmpty()
                ? "every figure as the ledger expects"
                : failures.size() + " failures")
        .append('\n');
    failures.stream().limit(40).forEach(f -> out.append("  ").append(f).append('\n'));
    return out.toString();
  }
}
