package io.complaintsuite.routing.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.routing.Suite;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SLA breaches and escalations from the real sla-alerts topic move and escalate assignments. */
@QuarkusTest
@WithSuiteInfra(
    database = "routing",
    topics = {"complaints", "assignments", "sla-alerts", "routing-service.dlq"})
class EscalationTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @ConfigProperty(name = "suite.topics.sla-alerts")
  String slaAlerts;

  @ConfigProperty(name = "suite.topics.routing-service.dlq")
  String dlq;

  private TopicWriter writer;
  private TopicReader reader;

  @BeforeEach
  void open() {
    writer = new TopicWriter();
    reader = new TopicReader(assignments);
  }

  @AfterEach
  void close() {
    writer.close();
    reader.close();
  }

  private static void putAgent(String id, boolean onDuty) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "物流坐席");
    body.put("department", "logistics");
    body.put("skills", List.of("delivery"));
    body.put("languages", List.of("zh"));
    body.put("channels", List.of());
    body.put("capacity", 10);
    body.put("onDuty", onDuty);
    given()
        .auth()
        .oauth2(Tokens.forRole("admin"))
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/v1/agents/" + id)
        .then()
        .statusCode(200);
  }

  /** sla.breached / sla.escalated data as sla-service publishes it. */
  private String alert(UUID complaintId, int level, String recipientRole) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("alertId", UUID.randomUUID().toString());
    data.put("complaintId", complaintId.toString());
    data.put("number", "TS20261123-000001");
    data.put("timer", "response");
    data.put("priority", "general");
    data.put("policyVersion", 1);
    data.put("level", level);
    data.put("recipientRole", recipientRole);
    data.put("recipient", "logistics");
    data.put("department", "logistics");
    data.put("deadlineAt", "2026-11-23T02:00:00Z");
    data.put("dueAt", "2026-11-23T02:00:00Z");
    data.put("raisedAt", OffsetDateTime.now().toString());
    try {
      return Suite.JSON.writeValueAsString(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<JsonNode> events(UUID id, String type, int count) throws Exception {
    List<TopicReader.Event> found =
        reader.await(
            e -> id.toString().equals(e.key()) && type.equals(e.header("ce_type")), count, WAIT);
    List<JsonNode> data = new java.util.ArrayList<>();
    for (TopicReader.Event e : found) {
      data.add(Suite.validData(e));
    }
    return data;
  }

  @Test
  void aBreachMovesAQueuedComplaintToAFreeAgentAndTheLadderEscalatesOncePerLevel()
      throws Exception {
    putAgent("lg-yang", false); // the only logistics agent goes off duty
    UUID id =
        Suite.publishComplaint(
            writer, complaints, "C-esc-1", "app", "快递显示已签收但我根本没收到，联系快递公司也没人管，运单号YT55120");
    JsonNode first = events(id, "assignment.created", 1).get(0);
    assertEquals("logistics", first.get("department").asText());
    assertTrue(first.get("queued").asBoolean(), first.toString());

    // A colleague comes on duty: the queue is drained at once (cause queue). Then they go off
    // duty (rule keep: they keep it) and lg-yang comes back: the breach moves it to lg-yang.
    putAgent("lg-new", true);
    JsonNode drained = events(id, "assignment.created", 2).get(1);
    assertEquals("queue", drained.get("cause").asText());
    assertEquals("lg-new", drained.get("agent").asText());
    putAgent("lg-new", false);
    putAgent("lg-yang", true);
    // A warning changes nothing; the breach does.
    writer.publish(slaAlerts, id.toString(), "sla.warning", "/sla-service", alert(id, 0, "agent"));
    writer.publish(
        slaAlerts, id.toString(), "sla.breached", "/sla-service", alert(id, 0, "supervisor"));

    JsonNode moved = events(id, "assignment.created", 3).get(2);
    assertEquals("escalation", moved.get("cause").asText());
    assertEquals("lg-yang", moved.get("agent").asText());
    assertFalse(moved.get("queued").asBoolean());
    assertEquals("escalation", moved.get("explanation").get("decidedBy").asText());
    assertEquals(0, moved.get("transferCount").asInt(), "an escalation is not a transfer");

    JsonNode escalated = events(id, "assignment.escalated", 1).get(0);
    assertEquals(1, escalated.get("level").asInt());
    assertEquals("supervisor", escalated.get("recipientRole").asText());
    assertTrue(escalated.get("reassigned").asBoolean());
    assertEquals("lg-yang", escalated.get("agent").asText());

    // The same breach raised again (another alert id), then the ladder's first rung.
    writer.publish(
        slaAlerts, id.toString(), "sla.breached", "/sla-service", alert(id, 0, "supervisor"));
    writer.publish(
        slaAlerts, id.toString(), "sla.escalated", "/sla-service", alert(id, 1, "director"));
    List<JsonNode> ladder = events(id, "assignment.escalated", 2);
    JsonNode director = ladder.get(1);
    assertEquals(2, director.get("level").asInt(), "the repeated breach added no level");
    assertEquals("director", director.get("recipientRole").asText());
    assertFalse(director.get("reassigned").asBoolean(), "an on-duty agent keeps it");
    assertEquals("lg-yang", director.get("agent").asText());
    assertTrue(
        reader
                .drain(
                    e ->
                        id.toString().equals(e.key())
                            && e.header("ce_type").startsWith("assignment."),
                    Duration.ofSeconds(2))
                .stream()
                .filter(e -> "assignment.escalated".equals(e.header("ce_type")))
                .count()
            <= 2,
        "one escalation event per level");

    given()
        .auth()
        .oauth2(Tokens.forRole("supervisor"))
        .get("/api/v1/assignments/" + id)
        .then()
        .statusCode(200)
        .body("agent", equalTo("lg-yang"))
        .body("status", equalTo("assigned"))
        .body("escalationLevel", equalTo(2))
        .body("transferCount", equalTo(0));
    given()
        .auth()
        .oauth2(Tokens.forRole("admin"))
        .get("/api/v1/agents/lg-yang")
        .then()
        .statusCode(200)
        .body("openComplaints", equalTo(1));
    given()
        .auth()
        .oauth2(Tokens.forRole("admin"))
        .get("/api/v1/agents/lg-new")
        .then()
        .statusCode(200)
        .body("openComplaints", equalTo(0)); // released when the escalation moved it
  }

  @Test
  void anAlertWithoutAnAlertIdIsDeadLetteredAndTheNextOneIsHandled() throws Exception {
    UUID id =
        Suite.publishComplaint(
            writer, complaints, "C-esc-2", "phone", "今天早上收到短信说我的帐户在异地登录，随后余额被转走了2000元！请马上冻结账户");
    JsonNode assigned = events(id, "assignment.created", 1).get(0);
    String agent = assigned.get("agent").asText();

    String poison = alert(id, 0, "supervisor").replaceFirst("\"alertId\":\"[^\"]+\",", "");
    writer.publish(slaAlerts, id.toString(), "sla.breached", "/sla-service", poison);
    writer.publish(
        slaAlerts, id.toString(), "sla.breached", "/sla-service", alert(id, 0, "supervisor"));

    try (TopicReader dead = new TopicReader(dlq)) {
      TopicReader.Event letter = dead.await(e -> id.toString().equals(e.key()), 1, WAIT).get(0);
      assertTrue(letter.body().contains("\"complaintId\""), letter.body());
    }
    JsonNode escalated = events(id, "assignment.escalated", 1).get(0);
    assertEquals(1, escalated.get("level").asInt());
    assertFalse(escalated.get("reassigned").asBoolean());
    assertEquals(agent, escalated.get("agent").asText(), "an on-duty agent keeps the complaint");
  }
}
