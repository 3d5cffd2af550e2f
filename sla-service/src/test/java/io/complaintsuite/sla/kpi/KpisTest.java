package io.complaintsuite.sla.kpi;

import static io.complaintsuite.sla.support.SlaApi.as;
import static io.complaintsuite.sla.support.SlaApi.at;
import static io.complaintsuite.sla.support.SlaApi.lifecycle;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** KPIs of a known event stream equal the figures computed by hand. */
@QuarkusTest
@WithSuiteInfra(
    database = "sla",
    topics = {"complaints", "assignments", "surveys", "sla-alerts", "sla-service.dlq"})
class KpisTest {
  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @ConfigProperty(name = "suite.topics.surveys")
  String surveys;

  @Inject MutableClock clock;

  static String received(String id, String priority, String problemType, String local) {
    return io.complaintsuite.sla.support.SlaApi.received(id, priority, at(local))
        .replace("account-security", problemType);
  }

  private void assign(TopicWriter w, String id, String department) {
    w.publish(
        assignments,
        id,
        "assignment.created",
        "/routing-service",
        "{\"complaintId\":\"" + id + "\",\"department\":\"" + department + "\",\"agent\":null}");
  }

  private void survey(TopicWriter w, String id, int a, int b, int c, int nps) {
    w.publish(
        surveys,
        id,
        "survey.answered",
        "/survey-service",
        "{\"complaintId\":\""
            + id
            + "\",\"surveyId\":\"SV-1\",\"ratings\":{\"responseSpeed\":"
            + a
            + ",\"attitude\":"
            + b
            + ",\"resolution\":"
            + c
            + "},\"nps\":"
            + nps
            + ",\"occurredAt\":\""
            + at("2026-12-15T16:00:00")
            + "\"}");
  }

  /**
   * The cause of the old flake, made likely: each complaint's assignment is published while its
   * responded and resolved events are in flight on the other topic. Before the per-complaint lock,
   * the assignment handler rewrote timer rows it had read before the responded commit, resetting
   * met timers (and respondedAt / resolvedAt).
   */
  @Test
  void assignmentsRacingLifecycleEventsLoseNothing() {
    clock.setShanghai("2026-12-10T18:00:00");
    int n = 40;
    try (TopicWriter w = new TopicWriter()) {
      for (int i = 0; i < n; i++) {
        String id = UUID.randomUUID().toString();
        w.publish(
            complaints,
            id,
            "complaint.received",
            "/intake-service",
            received(id, "urgent", "network", "2026-12-10T09:00:00"));
        assign(w, id, "network-ops");
        w.publish(
            complaints,
            id,
            "complaint.responded",
            "/intake-service",
            lifecycle(id, at("2026-12-10T09:05:00"), ""));
        assign(w, id, "network-ops");
        w.publish(
            complaints,
            id,
            "complaint.resolved",
            "/intake-service",
            lifecycle(id, at("2026-12-10T09:30:00"), ""));
        assign(w, id, "network-ops");
      }
    }
    String from = at("2026-12-10T00:00:00");
    String to = at("2026-12-11T00:00:00");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonPath k = kpis(from, to);
              assertEquals(n, k.getInt("volume"));
              assertEquals(1.0f, k.getFloat("responseInTimeRate"), "every response met in time");
              assertEquals(30.0f, k.getFloat("averageHandlingMinutes"), "every one resolved");
              assertEquals(Map.of(), k.getMap("backlogByDepartment"));
            });
  }

  @Test
  void kpisOfAKnownDayMatchTheHandComputedFigures() {
    clock.setShanghai("2026-12-15T18:00:00");
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    String c = UUID.randomUUID().toString();
    String d = UUID.randomUUID().toString();
    try (TopicWriter w = new TopicWriter()) {
      // A: urgent, answered in 10 min, resolved after 60 min, delighted.
      w.publish(
          complaints,
          a,
          "complaint.received",
          "/intake-service",
          received(a, "urgent", "account-security", "2026-12-15T10:00:00"));
      w.publish(
          complaints,
          a,
          "complaint.responded",
          "/intake-service",
          lifecycle(a, at("2026-12-15T10:10:00"), ""));
      w.publish(
          complaints,
          a,
          "complaint.resolved",
          "/intake-service",
          lifecycle(a, at("2026-12-15T11:00:00"), ""));
      // B: urgent, answered late (20 min), resolved, then reopened: unhappy.
      w.publish(
          complaints,
          b,
          "complaint.received",
          "/intake-service",
          received(b, "urgent", "account-security", "2026-12-15T10:30:00"));
      w.publish(
          complaints,
          b,
          "complaint.responded",
          "/intake-service",
          lifecycle(b, at("2026-12-15T10:50:00"), ""));
      w.publish(
          complaints,
          b,
          "complaint.resolved",
          "/intake-service",
          lifecycle(b, at("2026-12-15T12:00:00"), ""));
      w.publish(
          complaints,
          b,
          "complaint.reopened",
          "/intake-service",
          lifecycle(b, at("2026-12-15T13:00:00"), ""));
      // C: general, answered in 30 min, open. D: general, not answered yet (due tomorrow), open.
      w.publish(
          complaints,
          c,
          "complaint.received",
          "/intake-service",
          received(c, "general", "billing", "2026-12-15T11:00:00"));
      w.publish(
          complaints,
          c,
          "complaint.responded",
          "/intake-service",
          lifecycle(c, at("2026-12-15T11:30:00"), ""));
      w.publish(
          complaints,
          d,
          "complaint.received",
          "/intake-service",
          received(d, "general", "billing", "2026-12-15T11:45:00"));
      assign(w, a, "tech-support");
      assign(w, b, "tech-support");
      assign(w, c, "billing");
      assign(w, d, "billing");
      survey(w, a, 5, 5, 4, 10);
      survey(w, b, 2, 2, 2, 3);
    }
    String from = at("2026-12-15T00:00:00");
    String to = at("2026-12-16T00:00:00");
    // Events arrive on three topics in any order: the figures settle once all are consumed (a
    // rate is null until its first event is: getFloat then throws, which must not end the wait).
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              JsonPath k = kpis(from, to);
              assertEquals(
                  0.6667f, k.getFloat("responseInTimeRate"), "A and C in time, B late, D not due");
              assertEquals(0.5f, k.getFloat("firstContactResolutionRate"), "A of A, B");
              assertEquals(
                  60.0f, k.getFloat("averageHandlingMinutes"), "A: 60 min (B is open again)");
              assertEquals(0.5f, k.getFloat("csat"), "A rated 4.67, B 2");
              assertEquals(0.0f, k.getFloat("nps"), "one promoter, one detractor");
              assertEquals(
                  Map.of("tech-support", 1, "billing", 2), k.getMap("backlogByDepartment"));
              assertEquals(
                  Map.of("account-security", 2, "billing", 2), k.getMap("volumeByProblemType"));
              assertEquals(Map.of("10", 2, "11", 2), k.getMap("volumeByHour"));
              List<String> alerts = k.getList("thresholdAlerts.kpi");
              assertEquals(List.of("csat", "responseInTimeRate"), alerts);
            });
    as("supervisor")
        .queryParam("from", "yesterday")
        .get("/api/v1/kpis")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("from"));
    as("agent").get("/api/v1/kpis").then().statusCode(403);
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
}
