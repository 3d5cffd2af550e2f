package io.complaintsuite.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatenciesTest {
  private static final long MS = 1_000_000L;

  @Test
  void percentilesOfMeasuredLatencies() {
    Latencies l = new Latencies();
    for (int i = 1; i <= 100; i++) {
      l.record(i * MS);
    }

    assertEquals(50.0, l.percentileMillis(50), 0.1);
    assertEquals(99.0, l.percentileMillis(99), 0.1);
    assertEquals(100.0, l.maxMillis(), 0.1);
  }

  @Test
  void aFewMissingStillLeaveP99Measured() {
    Latencies l = new Latencies();
    for (int i = 1; i <= 999; i++) {
      l.record(i * MS);
    }
    l.missing();

    assertEquals(990.0, l.percentileMillis(99), 1.0);
    assertTrue(Double.isInfinite(l.maxMillis()), "one never arrived");
  }

  @Test
  void moreThanOnePercentMissingMakesP99Missing() {
    Latencies l = new Latencies();
    for (int i = 1; i <= 98; i++) {
      l.record(MS);
    }
    l.missing();
    l.missing();

    assertTrue(Double.isInfinite(l.percentileMillis(99)));
    assertFalse(l.percentileMillis(99) < Phase.P99_TARGET_MILLIS, "missing never passes");
    assertEquals("missing", Latencies.millis(l.percentileMillis(99)));
  }

  @Test
  void memoryGrowthToleratesTenPercent() {
    assertTrue(SuiteBenchReport.growthOk(400L << 20, 440L << 20));
    assertFalse(SuiteBenchReport.growthOk(400L << 20, 441L << 20));
    assertFalse(SuiteBenchReport.growthOk(-1, 400L << 20), "no reading is no pass");
  }
}
