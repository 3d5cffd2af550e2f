package io.complaintsuite.bench.suite;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds (HdrHistogram, 3 significant digits) plus the count of those that never
 * completed. A missing one counts as slower than any measured: p99 is reported as missing when more
 * than 1 % never arrived, so a stage that stops keeping up cannot look fast.
 */
final class Latencies {
  private final Histogram histogram = new Histogram(3_600_000_000L, 3);
  private long missing;

  void record(long nanos) {
    histogram.recordValue(Math.max(0, Math.min(nanos / 1000, 3_600_000_000L)));
  }

  void missing() {
    missing++;
  }

  void add(Histogram other) {
    histogram.add(other);
  }

  long count() {
    return histogram.getTotalCount();
  }

  long missingCount() {
    return missing;
  }

  /** The p-th percentile in milliseconds, or infinity when it falls among the missing ones. */
  double percentileMillis(double p) {
    long all = histogram.getTotalCount() + missing;
    if (all == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(p / 100.0 * all);
    if (rank > histogram.getTotalCount()) {
      return Double.POSITIVE_INFINITY;
    }
    double withinMeasured = 100.0 * rank / histogram.getTotalCount();
    return histogram.getValueAtPercentile(Math.min(100.0, withinMeasured)) / 1000.0;
  }

  double maxMillis() {
    return missing > 0 ? Double.POSITIVE_INFINITY : histogram.getMaxValue() / 1000.0;
  }

  static String millis(double ms) {
    if (Double.isNaN(ms)) {
      return "n/a";
    }
    if (Double.isInfinite(ms)) {
      return "missing";
    }
    return ms >= 100
        ? String.format(Locale.ROOT, "%.0f", ms)
        : String.format(Locale.ROOT, "%.1f", ms);
  }
}
