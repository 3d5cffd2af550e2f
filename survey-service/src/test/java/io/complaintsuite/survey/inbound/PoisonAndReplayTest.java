package io.complaintsuite.survey.inbound;

import static io.complaintsuite.survey.support.SurveyApi.JSON;
import static io.complaintsuite.survey.support.SurveyApi.WAIT;
import static io.complaintsuite.survey.support.SurveyApi.as;
import static io.complaintsuite.survey.support.SurveyApi.at;
import static io.complaintsuite.survey.support.SurveyApi.awaitSurvey;
import static io.complaintsuite.survey.support.SurveyApi.resolved;
import static io.complaintsuite.survey.support.SurveyApi.surveys;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.PoisonRecords;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Poison and skew on the three topics survey-service consumes (complaints, assignments,
 * sla-alerts): malformed and schema-invalid records are dead-lettered with the reason while the
 * next event is applied; a newer type version is skipped and counted; replaying the topics from
 * offset 0 schedules no second survey and sends no second notice.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "survey",
    topics = {
      "complaints",
      "assignments",
      "sla-alerts",
      "surveys",
      "notifications",
      "survey-service.dlq"
    })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonAndReplayTest {
  private static final String NOW = "2026-12-16T10:00:00";
  private static final List<String> COMPLAINTS = new ArrayList<>();

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @ConfigProperty(name = "suite.topics.sla-alerts")
  String slaAlerts;

  @ConfigProperty(name = "suite.topics.notifications")
  String notifications;

  @ConfigProperty(name = "suite.topics.survey-service.dlq")
  String deadLetters;

  @Inject MutableClock clock;

  @BeforeEach
  void freezeTime() {
    // Frozen at the resolutions' moment: no survey falls due while the test looks.
    clock.setShanghai(NOW);
  }

  private static String resolution(String id) {
    return resolved(id, "C-" + UUID.randomUUID(), "13300133000", at(NOW)).toString();
  }

  private static String assignment(String id, String department) {
    return "{\"complaintId\":\""
        + id
        + "\",\"department\":\""
        + department
        + "\",\"agent\":\"agent-zhangwei\",\"priority\":\"general\"}";
  }

  private static String incidentUpdate(String update, Object complaintIds) {
    return JSON.createObjectNode()
        .put("incidentId", UUID.randomUUID().toString())
        .put("updateId", update)
        .put("problemType", "network-outage")
        .put("title", "浦东新区宽带中断")
        .put("status", "mitigating")
        .put("message", "抢修人员正在现场处理，预计今天18:00前恢复。")
        .put("postedBy", "supervisor-zhang")
        .put("occurredAt", "2026-12-16T02:30:00Z")
        .set("complaintIds", JSON.valueToTree(complaintIds))
        .toString();
  }

  private static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  private static double processed(String consumer) {
    return PoisonRecords.counter(
        metrics(), "inbox_events_processed_total", Map.of("consumer", consumer));
  }

  @Test
  @Order(1)
  void malformedAndSchemaInvalidRecordsAreDeadLetteredAndProcessingContinues() {
    String id = UUID.randomUUID().toString();
    COMPLAINTS.add(id);
    double assignmentsBefore = processed("survey-service.assignments");
    String update = UUID.randomUUID().toString();
    try (PoisonRecords poison = new PoisonRecords();
        TopicReader notices = new TopicReader(notifications)) {
      String noContact = resolved(id, "C-x", null, at(NOW)).without("contact").toString();
      poison.sendPoison(
          complaints, id, "complaint.resolved", "/intake-service", noContact, "contact");
      poison.sendPoison(
          assignments,
          id,
          "assignment.created",
          "/routing-service",
          assignment(id, "tech-support").replace("\"department\":\"tech-support\",", ""),
          "department");
      poison.sendPoison(
          slaAlerts,
          id,
          "sla.incident-updated",
          "/sla-service",
          incidentUpdate(UUID.randomUUID().toString(), "all of them"),
          "complaintIds");

      poison.send(complaints, id, "complaint.resolved", 1, "/intake-service", resolution(id));
      poison.send(
          assignments, id, "assignment.created", 1, "/routing-service", assignment(id, "billing"));
      awaitSurvey(id, 1);
      poison.send(
          slaAlerts,
          id,
          "sla.incident-updated",
          1,
          "/sla-service",
          incidentUpdate(update, List.of(id)));
      notices.await(e -> e.body().contains(update), 1, WAIT);
      await().atMost(WAIT).until(() -> processed("survey-service.assignments") > assignmentsBefore);
      poison.assertDeadLettered(deadLetters);
    }
  }

  @Test
  @Order(2)
  void anEventOfANewerTypeVersionIsSkippedAndCounted() {
    String skipped = UUID.randomUUID().toString();
    String applied = UUID.randomUUID().toString();
    COMPLAINTS.add(skipped);
    COMPLAINTS.add(applied);
    String update = UUID.randomUUID().toString();
    try (PoisonRecords records = new PoisonRecords();
        TopicReader notices = new TopicReader(notifications)) {
      // Same key: the v1 event comes after the v2 one on one partition.
      records.send(
          complaints, applied, "complaint.resolved", 2, "/intake-service", resolution(skipped));
      records.send(
          complaints, applied, "complaint.resolved", 1, "/intake-service", resolution(applied));
      records.send(
          assignments,
          applied,
          "assignment.created",
          2,
          "/routing-service",
          assignment(applied, "billing"));
      records.send(
          slaAlerts,
          applied,
          "sla.incident-updated",
          2,
          "/sla-service",
          incidentUpdate(update, List.of(applied)));
      awaitSurvey(applied, 1);
      assertEquals(List.of(), surveys(skipped), "the v2 resolution scheduled no survey");
      PoisonRecords.awaitSkippedNewerVersion(
          PoisonAndReplayTest::metrics,
          WAIT,
          Map.of(
              "survey-service.complaints", "complaint.resolved",
              "survey-service.assignments", "assignment.created",
              "survey-service.sla-alerts", "sla.incident-updated"));
      assertTrue(
          notices.drain(e -> e.body().contains(update), Duration.ofSeconds(1)).isEmpty(),
          "the v2 incident update notified no one");
    }
  }

  @Test
  @Order(3)
  void replayingEveryConsumedTopicFromTheStartChangesNothing() {
    assertFalse(COMPLAINTS.isEmpty(), "runs after the tests that fill the topics");
    try (TopicReader notices = new TopicReader(notifications)) {
      int noticesBefore = notices.drain(e -> true, Duration.ofSeconds(1)).size();
      List<Object> before = state();
      assertTrue(PoisonRecords.replay(complaints) > 0);
      assertTrue(PoisonRecords.replay(assignments) > 0);
      assertTrue(PoisonRecords.replay(slaAlerts) > 0);
      PoisonRecords.awaitConsumed(
          "survey-service", Duration.ofSeconds(60), complaints, assignments, slaAlerts);
      assertEquals(before, state());
      assertEquals(
          noticesBefore,
          notices.drain(e -> true, Duration.ofSeconds(2)).size(),
          "the replay sent no second notice");
    }
  }

  private static List<Object> state() {
    List<Object> state = new ArrayList<>();
    for (String id : COMPLAINTS) {
      state.add(surveys(id));
    }
    state.add(as("supervisor").get("/api/v1/callbacks").then().extract().asString());
    return state;
  }
}
