package io.complaintsuite.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counter read from a real-looking scrape: with and without an exemplar, summed over lines. */
class PoisonRecordsCounterTest {
  private static final String SCRAPE =
      """
      # TYPE inbox_events_dead_lettered_total counter
      inbox_events_dead_lettered_total{consumer="sla-service.lifecycle",type="complaint.received"} 2.0 # {span_id="8a1b",trace_id="f00d"} 1.0 1765180000.123
      inbox_events_dead_lettered_total{consumer="sla-service.board.complaints",type="complaint.received"} 3.0
      inbox_events_dead_lettered_total{consumer="sla-service.lifecycle",type="complaint.closed"} 5.0
      """;

  @Test
  void readsTheSampleNotTheExemplarsTimestamp() {
    assertEquals(
        2.0,
        PoisonRecords.counter(
            SCRAPE,
            "inbox_events_dead_lettered_total",
            Map.of("consumer", "sla-service.lifecycle", "type", "complaint.received")));
    assertEquals(
        5.0,
        PoisonRecords.counter(
            SCRAPE, "inbox_events_dead_lettered_total", Map.of("type", "complaint.received")));
    assertEquals(
        0.0,
        PoisonRecords.counter(SCRAPE, "inbox_events_dead_lettered_total", Map.of("type", "x")));
  }
}
