package io.complaintsuite.sla.timer;

import static io.complaintsuite.sla.support.SlaApi.alerts;
import static io.complaintsuite.sla.support.SlaApi.as;
import static io.complaintsuite.sla.support.SlaApi.at;
import static io.complaintsuite.sla.support.SlaApi.check;
import static io.complaintsuite.sla.support.SlaApi.instant;
import static io.complaintsuite.sla.support.SlaApi.lifecycle;
import static io.complaintsuite.sla.support.SlaApi.publish;
import static io.complaintsuite.sla.support.SlaApi.timer;
import static io.complaintsuite.sla.support.SlaApi.timers;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.agroal.api.AgroalDataSource;
import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The customer's expected resolution time flags "promise at risk" (timers API and board) without
 * moving the policy's deadline, cleared on resolution; a supervisor's call-back still open at its
 * due time raises one callback-overdue alert (alerts API, board, sla.callback-overdue on
 * sla-alerts), one completed in time none. Expected values by hand, clock moved.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "sla",
    topics = {"complaints", "assignments", "surveys", "sla-alerts", "sla-service.dlq"})
class PromiseAndCallbackAlertsTest {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final ObjectMapper JSON = new ObjectMapper();

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.surveys")
  String surveys;

  @ConfigProperty(name = "suite.topics.sla-alerts")
  String slaAlerts;

  @Inject MutableClock clock;
  @Inject DeadlineChecker checker;
  @Inject AgroalDataSource jdbc;

  private static String received(String id, String priority, String receivedAt, String expected) {
    String json = io.complaintsuite.sla.support.SlaApi.received(id, priority, receivedAt);
    return expected == null
        ? json
        : json.substring(0, json.length() - 1) + ",\"expectedResolutionAt\":\"" + expected + "\"}";
  }

  private static JsonPath board() {
    return as("supervisor").get("/api/v1/board").then().statusCode(200).extract().jsonPath();
  }

  @Test
  void anEarlierCustomerExpectationFlagsThePromiseAtRiskUntilResolved() {
    // Wednesday 2 Dec 2026, 10:00 Shanghai. General: resolution 40 working hours on cn-business,
    // due Wednesday 9 Dec 10:00 (7 h Wed, 8 Thu, Fri, Mon, Tue, 1 h Wed).
    clock.setShanghai("2026-12-02T10:30:00");
    String risky = UUID.randomUUID().toString();
    String fine = UUID.randomUUID().toString();
    String none = UUID.randomUUID().toString();
    // The customer expects it by Thursday 3 Dec 18:00: earlier than 9 Dec 10:00, at risk.
    publish(
        complaints,
        risky,
        "complaint.received",
        received(risky, "general", at("2026-12-02T10:00:00"), at("2026-12-03T18:00:00")));
    // Urgent (1440 min on 24x7, due 3 Dec 10:00), expected by Saturday 5 Dec 10:00: kept.
    publish(
        complaints,
        fine,
        "complaint.received",
        received(fine, "urgent", at("2026-12-02T10:00:00"), at("2026-12-05T10:00:00")));
    publish(
        complaints,
        none,
        "complaint.received",
        received(none, "general", at("2026-12-02T10:00:00"), null));
    await().atMost(WAIT).until(() -> timers(risky).size() == 2 && timers(fine).size() == 2);
    await().atMost(WAIT).until(() -> timers(none).size() == 2);

    Map<String, Object> r = timer(risky, "resolution");
    assertEquals(instant(at("2026-12-09T10:00:00")), instant(r.get("deadlineAt")));
    assertEquals(2400, r.get("targetMinutes"), "the policy stays the target");
    assertEquals(instant(at("2026-12-03T18:00:00")), instant(r.get("expectedResolutionAt")));
    assertEquals(true, r.get("promiseAtRisk"));
    assertEquals(true, timer(risky, "response").get("promiseAtRisk"), "complaint-level");
    assertEquals(false, timer(fine, "resolution").get("promiseAtRisk"));
    assertEquals(
        instant(at("2026-12-05T10:00:00")),
        instant(timer(fine, "resolution").get("expectedResolutionAt")));
    assertEquals(false, timer(none, "resolution").get("promiseAtRisk"));
    assertNull(timer(none, "resolution").get("expectedResolutionAt"));

    JsonPath b = board();
    assertEquals(1, b.getInt("promisesAtRiskCount"));
    assertEquals(List.of(risky), b.getList("promisesAtRisk.complaintId"));
    assertEquals(
        instant(at("2026-12-09T10:00:00")), instant(b.getString("promisesAtRisk[0].deadlineAt")));
    assertEquals(
        instant(at("2026-12-03T18:00:00")),
        instant(b.getString("promisesAtRisk[0].expectedResolutionAt")));

    // Resolved: no longer at risk, gone from the board.
    publish(
        complaints, risky, "complaint.resolved", lifecycle(risky, at("2026-12-03T11:00:00"), ""));
    await().atMost(WAIT).until(() -> "met".equals(timer(risky, "resolution").get("state")));
    assertEquals(false, timer(risky, "resolution").get("promiseAtRisk"));
    assertEquals(0, board().getInt("promisesAtRiskCount"));
    assertEquals(List.of(), board().getList("promisesAtRisk"));
  }

  private void callbackOpened(String callbackId, String complaintId, String due) {
    publish(
        surveys,
        complaintId,
        "survey.callback-opened",
        "{\"callbackId\":\""
            + callbackId
            + "\",\"complaintId\":\""
            + complaintId
            + "\",\"number\":\"TS-CB-"
            + complaintId.substring(0, 4)
            + "\",\"surveyId\":\"SV-1\",\"reasons\":[\"poor-answer\"],\"department\":\"vip-care\","
            + "\"agent\":\"vip-wang\",\"customerId\":\"C-9\",\"dueAt\":\""
            + due
            + "\",\"occurredAt\":\""
            + at("2026-12-14T09:00:00")
            + "\"}");
  }

  private long sql(String query, String param) throws Exception {
    try (Connection c = jdbc.getConnection();
        PreparedStatement p = c.prepareStatement(query)) {
      p.setString(1, param);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  @Test
  void aCallBackStillOpenAtItsDueTimeRaisesOneAlertOneDoneInTimeNone() throws Exception {
    // Monday 14 Dec 2026: two call-backs of vip-care due 10:00; the second is done at 09:30.
    String late = UUID.randomUUID().toString();
    String lateCallback = UUID.randomUUID().toString();
    String done = UUID.randomUUID().toString();
    String doneCallback = UUID.randomUUID().toString();
    callbackOpened(lateCallback, late, at("2026-12-14T10:00:00"));
    callbackOpened(doneCallback, done, at("2026-12-14T10:00:00"));
    publish(
        surveys,
        done,
        "survey.callback-completed",
        "{\"callbackId\":\""
            + doneCallback
            + "\",\"complaintId\":\""
            + done
            + "\",\"outcome\":\"reached\",\"note\":\"客户满意\",\"completedBy\":\"supervisor-liu\","
            + "\"dueAt\":\""
            + at("2026-12-14T10:00:00")
            + "\",\"occurredAt\":\""
            + at("2026-12-14T09:30:00")
            + "\"}");
    await()
        .atMost(WAIT)
        .until(
            () ->
                sql("select count(*) from board_callback where callback_id = ?::uuid", lateCallback)
                        == 1
                    && sql(
                            "select count(*) from board_callback where callback_id = ?::uuid"
                                + " and completed_at is not null",
                            doneCallback)
                        == 1);

    clock.setShanghai("2026-12-14T09:59:59");
    check(checker);
    assertEquals(List.of(), alerts(late), "not due yet");

    // 10:00, while another replica holds the call-back's row: this one skips it.
    clock.setShanghai("2026-12-14T10:00:00");
    try (Connection c = jdbc.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement p =
          c.prepareStatement(
              "select 1 from board_callback where callback_id = ?::uuid for update")) {
        p.setString(1, lateCallback);
        p.executeQuery().close();
        check(checker);
        assertEquals(List.of(), alerts(late), "held by the other replica");
      }
      c.rollback();
    }
    check(checker);
    List<Map<String, Object>> raised = alerts(late);
    assertEquals(1, raised.size());
    Map<String, Object> a = raised.get(0);
    assertEquals("callback-overdue", a.get("kind"));
    assertEquals("callback", a.get("timer"));
    assertEquals(lateCallback, a.get("callbackId"));
    assertEquals("supervisor", a.get("recipientRole"));
    assertEquals("vip-care", a.get("recipient"));
    assertEquals("vip-care", a.get("department"));
    assertEquals(instant(at("2026-12-14T10:00:00")), instant(a.get("dueAt")));
    assertEquals(instant(at("2026-12-14T10:00:00")), instant(a.get("raisedAt")));
    assertEquals(List.of(), alerts(done), "completed in time: no alert");

    // Once: later runs raise nothing more, also after the call-back is completed late.
    clock.setShanghai("2026-12-14T11:00:00");
    check(checker);
    assertEquals(1, alerts(late).size());
    assertEquals(
        1,
        as("supervisor")
            .queryParam("kind", "callback-overdue")
            .get("/api/v1/alerts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("")
            .size());

    // On the board like any breach: among the open alerts, and the call-back marked overdue.
    JsonPath b = board();
    assertTrue(
        b.getList("alerts.findAll { it.kind == 'callback-overdue' }.complaintId").contains(late));
    assertEquals(List.of(lateCallback), b.getList("callbacks.callbackId"));
    assertEquals(List.of(true), b.getList("callbacks.overdue"));

    try (TopicReader reader = new TopicReader(slaAlerts)) {
      List<TopicReader.Event> events = reader.await(e -> late.equals(e.key()), 1, WAIT);
      TopicReader.Event e = events.get(0);
      assertEquals("sla.callback-overdue", e.header("ce_type"));
      JsonNode body = JSON.readTree(e.body());
      JsonNode schema =
          JSON.readTree(
              SuiteSettings.home().resolve("docs/events/sla.callback-overdue.v1.json").toFile());
      Set<ValidationMessage> errors =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
              .getSchema(schema)
              .validate(body);
      assertTrue(errors.isEmpty(), errors.toString());
      assertEquals(lateCallback, body.get("callbackId").asText());
      assertEquals("vip-care", body.get("recipient").asText());
      assertEquals("vip-wang", body.get("agent").asText());
      assertTrue(e.header("ce_dataschema").endsWith("sla.callback-overdue.v1.json"));
    }
  }
}
