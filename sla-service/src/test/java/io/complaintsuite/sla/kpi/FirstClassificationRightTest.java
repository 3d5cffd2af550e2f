package io.complaintsuite.sla.kpi;

import static io.complaintsuite.sla.support.SlaApi.as;
import static io.complaintsuite.sla.support.SlaApi.at;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.PoisonRecords;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * "First classification right" (需求理解准确率) from routing's assignment.reclassified: a day of
 * complaints with a hand-kept ledger of which ones had their problem type corrected, the KPI API
 * and the daily report against that ledger, a correction consumed before its complaint, one of a
 * complaint received on another day, a redelivery, and poison records.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "sla",
    topics = {"complaints", "assignments", "surveys", "sla-alerts", "sla-service.dlq"})
class FirstClassificationRightTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String CONSUMER = "sla-service.assignments";
  private static final String RECLASSIFIED = "assignment.reclassified";

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @ConfigProperty(name = "suite.topics.sla-service.dlq")
  String deadLetters;

  @Inject MutableClock clock;

  /** intake's complaint.received: low priority (no response due within the tests' days). */
  private void received(TopicWriter w, String id, String local) {
    w.publish(
        complaints,
        id,
        "complaint.received",
        "/intake-service",
        "{\"complaintId\":\""
            + id
            + "\",\"number\":\"TS-"
            + id.substring(0, 8)
            + "\",\"channel\":\"phone\",\"problemType\":\"unclassified\",\"priority\":\"low\","
            + "\"receivedAt\":\""
            + at(local)
            + "\"}");
  }

  private void assigned(TopicWriter w, String id, String problemType, String department) {
    w.publish(
        assignments,
        id,
        "assignment.created",
        "/routing-service",
        "{\"complaintId\":\""
            + id
            + "\",\"department\":\""
            + department
            + "\",\"agent\":null,\"problemType\":\""
            + problemType
            + "\"}");
  }

  private static String reclassification(
      String id, String first, String previous, String corrected, String source, String local) {
    return "{\"complaintId\":\""
        + id
        + "\",\"number\":\"TS-"
        + id.substring(0, 8)
        + "\",\"firstProblemType\":\""
        + first
        + "\",\"previousProblemType\":\""
        + previous
        + "\",\"problemType\":\""
        + corrected
        + "\",\"source\":\""
        + source
        + "\",\"by\":\"as-liu\",\"reason\":\"客户说的是师傅没上门安装\",\"reclassifiedAt\":\""
        + at(local)
        + "\"}";
  }

  /** Publishes routing's assignment.reclassified; returns its ce_id. */
  private String reclassified(
      TopicWriter w,
      String id,
      String first,
      String previous,
      String corrected,
      String source,
      String local) {
    return w.publish(
        assignments,
        id,
        RECLASSIFIED,
        "/routing-service",
        reclassification(id, first, previous, corrected, source, local));
  }

  /**
   * 15 Dec 2026: complaints 1..20, odd ones product-quality (after-sales), even ones delivery
   * (logistics). Corrected: #1 twice (→ repair-installation → refund, an agent), #2 by a transfer
   * to after-sales (→ refund), #3 (→ repair-installation) whose correction is consumed before its
   * complaint.received. #0, received on 14 Dec at 23:30, is corrected on 15 Dec. #1's first
   * correction is delivered again. Ledger for 15 Dec: 20 received, 3 corrected, 17 right.
   */
  @Test
  void seventeenOfTwentyClassifiedRightIsBelowTheTarget() {
    clock.setShanghai("2026-12-16T10:00:00");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i <= 20; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    String from = at("2026-12-15T00:00:00");
    String to = at("2026-12-16T00:00:00");
    double processedBefore = counted("inbox_events_processed_total");
    String firstOfOne;
    try (TopicWriter w = new TopicWriter()) {
      // #3: routing assigned and corrected it; sla sees that before the complaint itself.
      assigned(w, ids.get(3), "product-quality", "after-sales");
      reclassified(
          w,
          ids.get(3),
          "product-quality",
          "product-quality",
          "repair-installation",
          "reclassify",
          "2026-12-15T10:05:00");
      await().atMost(WAIT).until(() -> counted("inbox_events_processed_total") > processedBefore);
      assertEquals(0, kpis(from, to).getLong("volume"), "a correction alone is no complaint");

      for (int i = 1; i <= 20; i++) {
        String id = ids.get(i);
        received(w, id, String.format("2026-12-15T%02d:%02d:00", 8 + i * 25 / 60, i * 25 % 60));
        if (i != 3) {
          boolean odd = i % 2 == 1;
          assigned(w, id, odd ? "product-quality" : "delivery", odd ? "after-sales" : "logistics");
        }
      }
      // #1: corrected by its agent, then corrected again.
      firstOfOne =
          reclassified(
              w,
              ids.get(1),
              "product-quality",
              "product-quality",
              "repair-installation",
              "reclassify",
              "2026-12-15T10:30:00");
      reclassified(
          w,
          ids.get(1),
          "product-quality",
          "repair-installation",
          "refund",
          "reclassify",
          "2026-12-15T11:00:00");
      // #2: an accepted transfer to after-sales, which owns refunds: routing assigns it again and
      // says its type was corrected.
      assigned(w, ids.get(2), "refund", "after-sales");
      reclassified(
          w, ids.get(2), "delivery", "delivery", "refund", "transfer", "2026-12-15T12:00:00");
      // #0: received the day before, corrected within 15 Dec.
      received(w, ids.get(0), "2026-12-14T23:30:00");
      assigned(w, ids.get(0), "delivery", "logistics");
      reclassified(
          w, ids.get(0), "delivery", "delivery", "refund", "reclassify", "2026-12-15T09:00:00");
    }

    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              JsonPath k = kpis(from, to);
              assertEquals(20, k.getLong("volume"));
              assertEquals(17, k.getLong("firstClassificationRightCount"));
              assertEquals(20, k.getLong("firstClassificationRightTotal"));
              assertEquals(0.85, k.getDouble("firstClassificationRight"), 1e-9);
              // Odd 10 product-quality (#1 now refund, #3 repair-installation), even 10 delivery
              // (#2 now refund).
              assertEquals(
                  Map.of(
                      "product-quality", 8, "delivery", 9, "refund", 2, "repair-installation", 1),
                  k.getMap("volumeByProblemType"));
              // #0 counts on its own day, not on the day it was corrected.
              JsonPath dayBefore = kpis(at("2026-12-14T00:00:00"), from);
              assertEquals(1, dayBefore.getLong("volume"));
              assertEquals(0, dayBefore.getLong("firstClassificationRightCount"));
              assertEquals(0.0, dayBefore.getDouble("firstClassificationRight"), 1e-9);
            });
    JsonPath k = kpis(from, to);
    assertEquals(0.95, k.getDouble("firstClassificationRightTarget"), 1e-9);
    assertEquals(
        Map.of(
            "kpi", "firstClassificationRight", "scope", "all", "value", 0.85f, "threshold", 0.95f),
        k.getMap("thresholdAlerts.find { it.kpi == 'firstClassificationRight' }"),
        "below the 95 % target");

    // The first correction of #1 delivered again (same ce_id): recognised, applied once.
    double duplicatesBefore = counted("inbox_events_duplicate_total");
    try (TopicWriter w = new TopicWriter()) {
      w.publish(
          assignments,
          ids.get(1),
          firstOfOne,
          RECLASSIFIED,
          "/routing-service",
          reclassification(
              ids.get(1),
              "product-quality",
              "product-quality",
              "repair-installation",
              "reclassify",
              "2026-12-15T10:30:00"));
    }
    await().atMost(WAIT).until(() -> counted("inbox_events_duplicate_total") > duplicatesBefore);
    JsonPath again = kpis(from, to);
    assertEquals(17, again.getLong("firstClassificationRightCount"));
    assertEquals(20, again.getLong("firstClassificationRightTotal"));
    assertEquals(
        2,
        ((Number) again.getMap("volumeByProblemType").get("refund")).intValue(),
        "the redelivered first correction did not undo the second");

    // The daily report of 15 Dec: the same figures, below its target, in JSON, CSV and HTML.
    JsonPath daily = report("2026-12-15");
    assertEquals(20, daily.getLong("totals.volume"));
    assertEquals(17, daily.getLong("totals.firstClassificationRightCount"));
    assertEquals(0.85, daily.getDouble("totals.firstClassificationRight"), 1e-9);
    assertEquals(0.95, daily.getDouble("firstClassificationRightTarget"), 1e-9);
    String csv = reportAs("csv", "2026-12-15");
    List<String> lines = List.of(csv.split("\n"));
    assertTrue(lines.contains("totals,2026-12-15,firstClassificationRight,0.85"), csv);
    assertTrue(lines.contains("totals,2026-12-15,firstClassificationRightCount,17"), csv);
    assertTrue(lines.contains("report,daily,firstClassificationRightTarget,0.95"), csv);
    String html = reportAs("html", "2026-12-15");
    assertTrue(html.contains("data-below-target=\"true\""), html);
    assertTrue(html.contains("data-kpi=\"firstClassificationRight\">85.0%<"), html);
    assertTrue(html.contains("data-kpi=\"firstClassificationRightCount\">17 / 20<"), html);
    assertTrue(html.contains(">低于目标 95.0%<"), html);
  }

  /**
   * The KPI API counts a correction whenever it came (as of now); a report counts those made by the
   * end of its period, like its other figures, so a stored report does not change afterwards.
   */
  @Test
  void aReportCountsCorrectionsMadeByTheEndOfItsPeriod() {
    clock.setShanghai("2026-12-18T10:00:00");
    String right = UUID.randomUUID().toString();
    String late = UUID.randomUUID().toString();
    try (TopicWriter w = new TopicWriter()) {
      received(w, right, "2026-12-17T09:00:00");
      assigned(w, right, "delivery", "logistics");
      received(w, late, "2026-12-17T23:00:00");
      assigned(w, late, "delivery", "logistics");
      reclassified(w, late, "delivery", "delivery", "refund", "reclassify", "2026-12-18T09:00:00");
    }
    String from = at("2026-12-17T00:00:00");
    String to = at("2026-12-18T00:00:00");
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              JsonPath k = kpis(from, to);
              assertEquals(2, k.getLong("firstClassificationRightTotal"));
              assertEquals(1, k.getLong("firstClassificationRightCount"));
              assertEquals(0.5, k.getDouble("firstClassificationRight"), 1e-9);
              assertEquals(Map.of("delivery", 1, "refund", 1), k.getMap("volumeByProblemType"));
            });
    JsonPath daily = report("2026-12-17");
    assertEquals(2, daily.getLong("totals.firstClassificationRightCount"), "corrected on 18 Dec");
    assertEquals(1.0, daily.getDouble("totals.firstClassificationRight"), 1e-9);
    assertTrue(reportAs("html", "2026-12-17").contains("data-below-target=\"false\""));
  }

  /**
   * A correction without its complaint id (and records that are not JSON or not CloudEvents) on the
   * assignments topic is dead-lettered, the reason naming the field; the next one is applied.
   */
  @Test
  void aCorrectionWithoutComplaintIdIsDeadLetteredNamingTheField() {
    clock.setShanghai("2026-12-21T10:00:00");
    String id = UUID.randomUUID().toString();
    try (TopicWriter w = new TopicWriter()) {
      received(w, id, "2026-12-20T10:00:00");
      assigned(w, id, "delivery", "logistics");
    }
    String from = at("2026-12-20T00:00:00");
    String to = at("2026-12-21T00:00:00");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertEquals(1, kpis(from, to).getLong("firstClassificationRightCount")));
    try (PoisonRecords poison = new PoisonRecords()) {
      String valid =
          reclassification(
              id, "delivery", "delivery", "refund", "reclassify", "2026-12-20T11:00:00");
      poison.sendPoison(
          assignments,
          id,
          RECLASSIFIED,
          "/routing-service",
          valid.replace("\"complaintId\":\"" + id + "\",", ""),
          "complaintId");
      poison.send(assignments, id, RECLASSIFIED, 1, "/routing-service", valid);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> assertEquals(0, kpis(from, to).getLong("firstClassificationRightCount")));
      // Records that are not JSON or not CloudEvents are refused by both channels reading the
      // topic (the board's too); the event without its complaint id only by the one handling it.
      poison.assertDeadLettered(deadLetters, sent -> sent.malformed() ? 2 : 1);
    }
  }

  private double counted(String name) {
    String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return PoisonRecords.counter(scrape, name, Map.of("consumer", CONSUMER, "type", RECLASSIFIED));
  }

  private static JsonPath kpis(String from, String to) {
    return as("supervisor")
        .queryParam("from", from)
        .queryParam("to", to)
        .get("/api/v1/kpis")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath report(String date) {
    return as("supervisor")
        .queryParam("date", date)
        .get("/api/v1/reports/daily")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String reportAs(String format, String date) {
    return as("supervisor")
        .queryParam("date", date)
        .queryParam("format", format)
        .get("/api/v1/reports/daily")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }
}
