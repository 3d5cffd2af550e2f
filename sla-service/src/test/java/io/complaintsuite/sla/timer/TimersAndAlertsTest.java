package io.complaintsuite.sla.timer;

import static io.complaintsuite.sla.support.SlaApi.alerts;
import static io.complaintsuite.sla.support.SlaApi.as;
import static io.complaintsuite.sla.support.SlaApi.at;
import static io.complaintsuite.sla.support.SlaApi.check;
import static io.complaintsuite.sla.support.SlaApi.instant;
import static io.complaintsuite.sla.support.SlaApi.lifecycle;
import static io.complaintsuite.sla.support.SlaApi.publish;
import static io.complaintsuite.sla.support.SlaApi.received;
import static io.complaintsuite.sla.support.SlaApi.timer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Lifecycle events in, timers and alerts out, on the real broker and database. */
@QuarkusTest
@WithSuiteInfra(
    database = "sla",
    topics = {"complaints", "assignments", "surveys", "sla-alerts", "sla-service.dlq"})
class TimersAndAlertsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(30);

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @ConfigProperty(name = "suite.topics.sla-alerts")
  String slaAlerts;

  @ConfigProperty(name = "suite.topics.sla-service.dlq")
  String deadLetters;

  @Inject MutableClock clock;
  @Inject DeadlineChecker checker;

  private void awaitTimer(String id, String kind, String field, Object value) {
    await().atMost(WAIT).until(() -> value.equals(timer(id, kind).get(field)));
  }

  @Test
  void eachLifecycleEventMovesTheTimers() {
    String id = UUID.randomUUID().toString();
    // Monday 23 Nov 10:00; general: respond in 24 h round the clock, resolve in 40 working hours.
    publish(
        complaints, id, "complaint.received", received(id, "general", at("2026-11-23T10:00:00")));
    awaitTimer(id, "resolution", "state", "running");
    Map<String, Object> resolution = timer(id, "resolution");
    assertEquals(instant(at("2026-11-30T10:00:00")), instant(resolution.get("deadlineAt")));
    assertEquals(1, resolution.get("policyVersion"));
    assertEquals(
        instant(at("2026-11-24T10:00:00")), instant(timer(id, "response").get("deadlineAt")));

    publish(complaints, id, "complaint.responded", lifecycle(id, at("2026-11-23T10:30:00"), ""));
    awaitTimer(id, "response", "state", "met");

    publish(
        complaints,
        id,
        "complaint.waiting-for-customer",
        lifecycle(id, at("2026-11-23T11:00:00"), "\"reason\":\"need the order number\""));
    awaitTimer(id, "resolution", "state", "paused");
    assertEquals(3600, ((Number) timer(id, "resolution").get("consumedSeconds")).intValue());

    // An agent's note does not resume; the customer's answer does, with 39 working hours left.
    publish(
        complaints,
        id,
        "complaint.message-added",
        lifecycle(
            id,
            at("2026-11-23T15:00:00"),
            "\"direction\":\"internal\",\"status\":\"waiting-for-customer\""));
    publish(
        complaints,
        id,
        "complaint.message-added",
        lifecycle(
            id,
            at("2026-11-24T09:00:00"),
            "\"direction\":\"from-customer\",\"status\":\"in-progress\""));
    awaitTimer(id, "resolution", "state", "running");
    assertEquals(
        instant(at("2026-11-30T17:00:00")), instant(timer(id, "resolution").get("deadlineAt")));

    publish(complaints, id, "complaint.resolved", lifecycle(id, at("2026-11-25T09:00:00"), ""));
    awaitTimer(id, "resolution", "state", "met");

    publish(complaints, id, "complaint.reopened", lifecycle(id, at("2026-12-01T10:00:00"), ""));
    awaitTimer(id, "resolution", "cycle", 1);
    resolution = timer(id, "resolution");
    assertEquals("running", resolution.get("state"));
    assertEquals(instant(at("2026-12-08T10:00:00")), instant(resolution.get("deadlineAt")));
    assertEquals("met", timer(id, "response").get("state"), "a reopen restarts resolution only");
  }

  @Test
  void warningBreachAndEscalationFireOnceAtTheirInstantOnTheRealTopic() throws Exception {
    String id = UUID.randomUUID().toString();
    Instant t0 = clock.setShanghai("2026-10-01T10:00:00"); // National Day: urgent is 24x7
    publish(
        complaints, id, "complaint.received", received(id, "urgent", at("2026-10-01T10:00:00")));
    publish(
        assignments,
        id,
        "assignment.created",
        "{\"complaintId\":\""
            + id
            + "\",\"department\":\"tech-support\",\"agent\":\"agent-zhangwei\","
            + "\"problemType\":\"account-security\",\"priority\":\"urgent\",\"extra\":1}");
    awaitTimer(id, "response", "agent", "agent-zhangwei");

    clock.set(t0.plusSeconds(12 * 60 - 1));
    check(checker);
    assertEquals(List.of(), alerts(id), "nothing before 80 % of 15 min");

    clock.set(t0.plusSeconds(12 * 60));
    check(checker);
    check(checker);
    List<Map<String, Object>> raised = alerts(id);
    assertEquals(1, raised.size());
    assertEquals("warning", raised.get(0).get("kind"));
    assertEquals("agent-zhangwei", raised.get(0).get("recipient"));
    assertEquals(instant(t0.plusSeconds(720).toString()), instant(raised.get(0).get("dueAt")));

    clock.set(t0.plusSeconds(15 * 60));
    check(checker);
    clock.set(t0.plusSeconds(45 * 60));
    check(checker);
    check(checker);
    raised = alerts(id);
    assertEquals(
        List.of("escalated", "breached", "warning"),
        raised.stream().map(a -> a.get("kind")).toList());
    assertEquals("supervisor", raised.get(1).get("recipientRole"));
    assertEquals("director", raised.get(0).get("recipientRole"));
    assertEquals(1, raised.get(0).get("level"));

    try (TopicReader reader = new TopicReader(slaAlerts)) {
      List<TopicReader.Event> events = reader.await(e -> id.equals(e.key()), 3, WAIT);
      assertEquals(
          List.of("sla.warning", "sla.breached", "sla.escalated"),
          events.stream().map(e -> e.header("ce_type")).toList());
      for (TopicReader.Event e : events) {
        Set<ValidationMessage> errors =
            schema(e.header("ce_dataschema")).validate(JSON.readTree(e.body()));
        assertTrue(errors.isEmpty(), e.header("ce_type") + ": " + errors);
        assertEquals(id, JSON.readTree(e.body()).get("complaintId").asText());
      }
      assertEquals(
          3, reader.drain(e -> id.equals(e.key()), Duration.ofSeconds(2)).size(), "no duplicate");
    }

    // Acknowledged once, with who and when.
    String alertId = raised.get(1).get("id").toString();
    as("agent").post("/api/v1/alerts/" + alertId + "/acknowledge").then().statusCode(403);
    as("supervisor")
        .post("/api/v1/alerts/" + alertId + "/acknowledge")
        .then()
        .statusCode(200)
        .body("acknowledgedBy", equalTo("supervisor-user"))
        .body("acknowledgedAt", org.hamcrest.Matchers.notNullValue());
    as("supervisor")
        .post("/api/v1/alerts/" + alertId + "/acknowledge")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    as("supervisor")
        .post("/api/v1/alerts/" + UUID.randomUUID() + "/acknowledge")
        .then()
        .statusCode(404);
    as("supervisor")
        .queryParam("kind", "bogus")
        .get("/api/v1/alerts")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("kind"));
  }

  @Test
  void aPausedTimerRaisesNothingAndResumesWithWhatWasLeft() {
    String id = UUID.randomUUID().toString();
    Instant t0 = clock.setShanghai("2026-11-02T02:00:00");
    publish(
        complaints, id, "complaint.received", received(id, "urgent", at("2026-11-02T02:00:00")));
    publish(complaints, id, "complaint.responded", lifecycle(id, at("2026-11-02T02:05:00"), ""));
    publish(
        complaints,
        id,
        "complaint.waiting-for-customer",
        lifecycle(id, at("2026-11-02T03:00:00"), "\"reason\":\"photos\""));
    awaitTimer(id, "resolution", "state", "paused");

    clock.set(t0.plus(Duration.ofDays(3)));
    check(checker);
    assertEquals(List.of(), alerts(id), "no alert while waiting for the customer");

    // Resumed three days later with 23 h left: warning at 80 % of 24 h counted from the start.
    publish(
        complaints,
        id,
        "complaint.message-added",
        lifecycle(
            id,
            at("2026-11-05T02:00:00"),
            "\"direction\":\"from-customer\",\"status\":\"in-progress\""));
    awaitTimer(id, "resolution", "state", "running");
    Map<String, Object> resolution = timer(id, "resolution");
    assertEquals(instant(at("2026-11-06T01:00:00")), instant(resolution.get("deadlineAt")));
    assertEquals(instant(at("2026-11-05T20:12:00")), instant(resolution.get("warnAt")));
  }

  @Test
  void aDuplicateEventIsAppliedOnceAndPoisonIsDeadLettered() {
    String id = UUID.randomUUID().toString();
    publish(
        complaints, id, "complaint.received", received(id, "general", at("2026-11-23T10:00:00")));
    publish(complaints, id, "complaint.resolved", lifecycle(id, at("2026-11-23T11:00:00"), ""));
    try (TopicWriter writer = new TopicWriter()) {
      String eventId = UUID.randomUUID().toString();
      String reopen = lifecycle(id, at("2026-11-24T10:00:00"), "");
      writer.publish(complaints, id, eventId, "complaint.reopened", "/intake-service", reopen);
      writer.publish(complaints, id, eventId, "complaint.reopened", "/intake-service", reopen);
      writer.raw(
          complaints,
          id,
          "{not json",
          "ce_specversion",
          "1.0",
          "ce_id",
          UUID.randomUUID().toString(),
          "ce_type",
          "complaint.received",
          "ce_source",
          "/intake-service");
      writer.publish(
          complaints,
          id,
          "complaint.received",
          "/intake-service",
          received(UUID.randomUUID().toString(), "extreme", at("2026-11-24T10:00:00")));
      // Same key, same partition: once this shows, everything before it was consumed.
      writer.publish(
          complaints,
          id,
          "complaint.waiting-for-customer",
          "/intake-service",
          lifecycle(id, at("2026-11-24T11:00:00"), ""));
    }
    awaitTimer(id, "resolution", "state", "paused");
    assertEquals(1, timer(id, "resolution").get("cycle"), "the reopen was applied once");
    try (TopicReader reader = new TopicReader(deadLetters)) {
      // The record that is not JSON is dead-lettered by each consumer group reading complaints
      // (the timers' and the board's); the one with an unknown priority by the timers' only.
      List<TopicReader.Event> priority =
          reader.await(
              e ->
                  id.equals(e.key())
                      && String.valueOf(e.header("dead-letter-reason")).contains("priority"),
              1,
              WAIT);
      assertEquals(1, priority.size());
      List<TopicReader.Event> notJson =
          reader.await(e -> id.equals(e.key()) && "{not json".equals(e.body()), 1, WAIT);
      assertEquals("{not json", notJson.get(0).body());
    }
  }

  static JsonSchema schema(String dataschema) throws Exception {
    String file = dataschema.substring(dataschema.lastIndexOf('/') + 1);
    JsonNode schema =
        JSON.readTree(SuiteSettings.home().resolve("docs/events").resolve(file).toFile());
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
  }
}
