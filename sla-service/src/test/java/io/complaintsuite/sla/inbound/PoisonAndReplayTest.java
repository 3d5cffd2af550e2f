package io.complaintsuite.sla.inbound;

import static io.complaintsuite.sla.support.SlaApi.as;
import static io.complaintsuite.sla.support.SlaApi.at;
import static io.complaintsuite.sla.support.SlaApi.lifecycle;
import static io.complaintsuite.sla.support.SlaApi.received;
import static io.complaintsuite.sla.support.SlaApi.timer;
import static io.complaintsuite.sla.support.SlaApi.timers;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.PoisonRecords;
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
 * Poison and skew on the three topics sla-service consumes, through all six channels (timers:
 * complaints, assignments, surveys; board: complaints, assignments, surveys): malformed and
 * schema-invalid records are dead-lettered with the reason by every channel that reads them while
 * the next event is applied; a newer type version is skipped and counted; replaying the topics from
 * offset 0 changes no timer, alert or board figure (channel connections included).
 */
@QuarkusTest
@WithSuiteInfra(
    database = "sla",
    topics = {"complaints", "assignments", "surveys", "sla-alerts", "sla-service.dlq"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonAndReplayTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String NOW = "2026-12-16T10:00:00";
  private static final List<String> COMPLAINTS = new ArrayList<>();
  private static final String CONNECTION = "5e1d7c3a-9b2f-4a6e-8c0d-3f4b5a6c7d8e";

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @ConfigProperty(name = "suite.topics.surveys")
  String surveys;

  @ConfigProperty(name = "suite.topics.sla-service.dlq")
  String deadLetters;

  @Inject MutableClock clock;

  @BeforeEach
  void freezeTime() {
    // A frozen clock: the board's figures and the timers' states change only through events.
    clock.setShanghai(NOW);
  }

  private static String assignment(String id, String agent) {
    return "{\"complaintId\":\""
        + id
        + "\",\"number\":\"TS-"
        + id.substring(0, 8)
        + "\",\"department\":\"tech-support\",\"agent\":\""
        + agent
        + "\",\"problemType\":\"account-security\",\"priority\":\"general\",\"assignedAt\":\""
        + at(NOW)
        + "\",\"risk\":{\"flagged\":true,\"evidence\":[{\"category\":\"media\",\"term\":\"曝光\"}],"
        + "\"alsoRoutedTo\":[\"pr\"]}}";
  }

  private static String answer(String id, Object nps) {
    return "{\"complaintId\":\""
        + id
        + "\",\"surveyId\":\"SV-1\",\"ratings\":{\"responseSpeed\":4,\"attitude\":4,"
        + "\"resolution\":4},\"nps\":"
        + nps
        + ",\"department\":\"tech-support\",\"agent\":\"ts-zhang\",\"occurredAt\":\""
        + at(NOW)
        + "\"}";
  }

  private static String callbackOpened(String id, String reasons) {
    return "{\"callbackId\":\""
        + UUID.randomUUID()
        + "\",\"complaintId\":\""
        + id
        + "\",\"reasons\":"
        + reasons
        + ",\"department\":\"tech-support\",\"agent\":\"ts-zhang\",\"dueAt\":\""
        + at("2026-12-17T10:00:00")
        + "\",\"occurredAt\":\""
        + at(NOW)
        + "\"}";
  }

  private static String board() {
    return as("supervisor").get("/api/v1/board").then().statusCode(200).extract().asString();
  }

  private static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  private static double counted(String name, String consumer, String type, String version) {
    return PoisonRecords.counter(
        metrics(),
        name,
        version == null
            ? Map.of("consumer", consumer, "type", type)
            : Map.of("consumer", consumer, "type", type, "version", version));
  }

  @Test
  @Order(1)
  void malformedAndSchemaInvalidRecordsAreDeadLetteredByEveryChannelAndProcessingContinues() {
    String id = UUID.randomUUID().toString();
    COMPLAINTS.add(id);
    double answersBefore =
        counted("inbox_events_processed_total", "sla-service.surveys", "survey.answered", null);
    try (PoisonRecords poison = new PoisonRecords()) {
      String noPriority = received(id, "general", at(NOW)).replace("\"priority\":\"general\",", "");
      poison.sendPoison(
          complaints, id, "complaint.received", "/intake-service", noPriority, "priority");
      poison.sendPoison(
          assignments,
          id,
          "assignment.created",
          "/routing-service",
          assignment(id, "ts-zhang").replace(id + "\",\"number", "not-a-uuid\",\"number"),
          "complaintId");
      poison.sendPoison(
          surveys, id, "survey.answered", "/survey-service", answer(id, "\"high\""), "nps");
      poison.sendInvalid(
          surveys,
          id,
          "survey.callback-opened",
          "/survey-service",
          callbackOpened(id, "[]"),
          "reasons");

      poison.send(
          complaints,
          id,
          "complaint.received",
          1,
          "/intake-service",
          received(id, "general", at(NOW)));
      poison.send(
          assignments, id, "assignment.created", 1, "/routing-service", assignment(id, "ts-zhang"));
      poison.send(surveys, id, "survey.answered", 1, "/survey-service", answer(id, 9));
      poison.send(
          surveys,
          id,
          "survey.callback-opened",
          1,
          "/survey-service",
          callbackOpened(id, "[\"poor-rating\"]"));

      await().atMost(WAIT).until(() -> "ts-zhang".equals(timer(id, "response").get("agent")));
      await()
          .atMost(WAIT)
          .until(
              () -> {
                String board = board();
                // the risk case and the call-back, each shown once
                return board.split(id, -1).length - 1 == 2;
              });
      await()
          .atMost(WAIT)
          .until(
              () ->
                  counted(
                          "inbox_events_processed_total",
                          "sla-service.surveys",
                          "survey.answered",
                          null)
                      > answersBefore);
      // Two channels read each topic: each refuses a malformed record, and both assignment
      // channels need the complaint id; the received complaint's, the call-back's and the answer's
      // fields are each read by one channel only.
      poison.assertDeadLettered(
          deadLetters, sent -> sent.topic().equals(assignments) || sent.malformed() ? 2 : 1);
    }
  }

  @Test
  @Order(2)
  void anEventOfANewerTypeVersionIsSkippedAndCounted() {
    String skipped = UUID.randomUUID().toString();
    String applied = UUID.randomUUID().toString();
    COMPLAINTS.add(skipped);
    COMPLAINTS.add(applied);
    try (PoisonRecords records = new PoisonRecords()) {
      // Same key: the v1 events come after the v2 ones on one partition.
      records.send(
          complaints,
          applied,
          "complaint.received",
          2,
          "/intake-service",
          received(skipped, "general", at(NOW)));
      records.send(
          assignments,
          applied,
          "assignment.created",
          2,
          "/routing-service",
          assignment(skipped, "ts-v2"));
      records.send(surveys, applied, "survey.answered", 2, "/survey-service", answer(skipped, 0));
      records.send(
          complaints,
          applied,
          "complaint.received",
          1,
          "/intake-service",
          received(applied, "general", at(NOW)));
      records.send(
          assignments,
          applied,
          "assignment.created",
          1,
          "/routing-service",
          assignment(applied, "ts-zhang"));
    }
    await().atMost(WAIT).until(() -> "ts-zhang".equals(timer(applied, "response").get("agent")));
    assertEquals(List.of(), timers(skipped), "the v2 complaint started no timer");
    assertFalse(board().contains(skipped), "the v2 assignment flagged no risk case");
    PoisonRecords.awaitSkippedNewerVersion(
        PoisonAndReplayTest::metrics,
        WAIT,
        Map.of(
            "sla-service.complaints", "complaint.received",
            "sla-service.assignments", "assignment.created",
            "sla-service.board.assignments", "assignment.created",
            "sla-service.surveys", "survey.answered"));
  }

  @Test
  @Order(3)
  void replayingEveryConsumedTopicFromTheStartChangesNothing() {
    assertFalse(COMPLAINTS.isEmpty(), "runs after the tests that fill the topics");
    // Complete the lifecycle so that the replay also meets responded and resolved events.
    String id = COMPLAINTS.get(0);
    try (PoisonRecords records = new PoisonRecords()) {
      records.send(
          complaints,
          id,
          "complaint.responded",
          1,
          "/intake-service",
          lifecycle(id, at("2026-12-16T10:30:00"), ""));
      records.send(
          complaints,
          id,
          "complaint.resolved",
          1,
          "/intake-service",
          lifecycle(id, at("2026-12-16T11:00:00"), ""));
      // A channel connection failing since 09:40 (the board's consumer of complaints).
      records.send(
          complaints,
          CONNECTION,
          "channel.connection-health",
          1,
          "/intake-service",
          "{\"endpointId\":\""
              + CONNECTION
              + "\",\"name\":\"短信网关\",\"channel\":\"sms\",\"state\":\"failing\","
              + "\"pendingDeliveries\":12,\"deadDeliveries\":1,\"lastError\":\"timeout\","
              + "\"since\":\""
              + at("2026-12-16T09:40:00")
              + "\",\"occurredAt\":\""
              + at("2026-12-16T09:40:00")
              + "\"}");
    }
    await().atMost(WAIT).until(() -> "met".equals(timer(id, "resolution").get("state")));
    await().atMost(WAIT).until(() -> board().contains(CONNECTION));
    List<Object> before = state();
    assertTrue(PoisonRecords.replay(complaints) > 0);
    assertTrue(PoisonRecords.replay(assignments) > 0);
    assertTrue(PoisonRecords.replay(surveys) > 0);
    PoisonRecords.awaitConsumed(
        "sla-service", Duration.ofSeconds(60), complaints, assignments, surveys);
    PoisonRecords.awaitConsumed(
        "sla-service-board", Duration.ofSeconds(60), complaints, assignments, surveys);
    assertEquals(before, state());
  }

  private static List<Object> state() {
    List<Object> state = new ArrayList<>();
    for (String id : COMPLAINTS) {
      state.add(timers(id));
      state.add(
          as("supervisor")
              .queryParam("complaintId", id)
              .get("/api/v1/alerts")
              .then()
              .extract()
              .asString());
    }
    state.add(board());
    return state;
  }
}
