package io.complaintsuite.intake.inbound;

import static io.complaintsuite.intake.support.IntakeApi.accountStolen;
import static io.complaintsuite.intake.support.IntakeApi.as;
import static io.complaintsuite.intake.support.IntakeApi.receive;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.intake.support.IntakeApi;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defect 1: a complaint posted without an urgency hint that routing makes urgent must be
 * published as {@code complaint.priority-changed}, or sla-service keeps its general timers.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
class PriorityByRoutingTest {
  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  /** The phone complaint, without an urgency hint: intake files it as general. */
  private static String stolenWithoutHint() {
    Map<String, Object> body = accountStolen();
    body.remove("urgency");
    body.put("subject", "账号被盗");
    body.put("description", "我的账号被人盗了，余额被转走了两千块");
    String id = receive(body);
    as("agent").get("/api/v1/complaints/" + id).then().body("priority", equalTo("general"));
    return id;
  }

  private static org.hamcrest.Matcher<Object> equalTo(Object value) {
    return org.hamcrest.Matchers.equalTo(value);
  }

  /** assignment.created as routing-service v1 writes it (explanation and risk as objects). */
  private static String assignment(
      String id, String agent, String priority, List<String> reasons, boolean flagged) {
    String reasonsJson =
        reasons.stream().map(r -> "\"" + r + "\"").reduce((a, b) -> a + "," + b).orElse("");
    return "{\"complaintId\":\""
        + id
        + "\",\"number\":\"TS-x\",\"customerId\":\"C-1\",\"cause\":\"complaint.received\","
        + "\"department\":\"account-security\",\"agent\":\""
        + agent
        + "\",\"queued\":false,\"problemType\":\"account-stolen\",\"priority\":\""
        + priority
        + "\",\"confidence\":1,\"explanation\":{\"decidedBy\":\"rule\",\"rule\":\"account-stolen\","
        + "\"matchedRules\":[\"account-stolen\"],\"topFeatures\":[],\"priorityReasons\":["
        + reasonsJson
        + "],\"agentReason\":\"least loaded\"},\"risk\":{\"flagged\":"
        + flagged
        + ",\"evidence\":[],\"alsoRoutedTo\":[]},\"ruleSetVersion\":3,\"transferCount\":0,"
        + "\"assignedAt\":\"2026-11-23T09:15:03+08:00\"}";
  }

  private static String priorityOf(String id) {
    return as("supervisor").get("/api/v1/complaints/" + id).path("priority");
  }

  private static String agentOf(String id) {
    return as("supervisor").get("/api/v1/complaints/" + id).path("agent");
  }

  private static boolean isPriorityChange(TopicReader.Event e, String id) {
    return id.equals(e.key()) && "complaint.priority-changed".equals(e.header("ce_type"));
  }

  /**
   * A marker after everything the test sent: an agent's note publishes complaint.message-added on
   * the same key, and intake's outbox sends a key's events in order, so once it shows, anything
   * published before it has shown too.
   */
  private static void noteAsAssignedAgent(String id) {
    IntakeApi.act(id, "notes", Map.of("text", "marker")).then().statusCode(200);
  }

  @Test
  void routingRaisingGeneralToUrgentPublishesOnePriorityChangeAndAReplayNone() {
    String id = stolenWithoutHint();
    String eventId = UUID.randomUUID().toString();
    String raised =
        assignment(id, "as-wang", "urgent", List.of("rule account-stolen: urgent"), false);
    try (TopicWriter writer = new TopicWriter()) {
      writer.publish(assignments, id, eventId, "assignment.created", "/routing-service", raised);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> "urgent".equals(priorityOf(id)));

    // Replay of the same record, then a later assignment (transfer) at the same priority.
    try (TopicWriter writer = new TopicWriter()) {
      writer.publish(assignments, id, eventId, "assignment.created", "/routing-service", raised);
      writer.publish(
          assignments,
          id,
          "assignment.created",
          "/routing-service",
          assignment(id, "as-li", "urgent", List.of("rule account-stolen: urgent"), false));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> "as-li".equals(agentOf(id)));
    noteAsAssignedAgent(id);

    try (TopicReader reader = new TopicReader(complaints)) {
      reader.await(
          e -> id.equals(e.key()) && "complaint.message-added".equals(e.header("ce_type")),
          1,
          Duration.ofSeconds(30));
      List<TopicReader.Event> changes =
          reader.drain(e -> isPriorityChange(e, id), Duration.ofMillis(500));
      assertEquals(1, changes.size(), "exactly one complaint.priority-changed");
      JsonNode data = IntakeApi.validated(changes.get(0));
      assertEquals("general", data.get("from").asText());
      assertEquals("urgent", data.get("to").asText());
      assertEquals("routing-service", data.get("actor").asText());
      assertEquals("rule account-stolen: urgent", data.get("reason").asText());
    }

    List<Map<String, Object>> timeline =
        as("supervisor").get("/api/v1/complaints/" + id + "/timeline").then().extract().path("");
    List<String> kinds = timeline.stream().map(e -> (String) e.get("kind")).toList();
    assertEquals(
        List.of("received", "assigned", "priority-changed", "assigned", "internal-note"), kinds);
    Map<String, Object> change = timeline.get(2);
    assertEquals("routing-service", change.get("actor"));
    assertEquals("rule account-stolen: urgent", change.get("text"));
    assertEquals(Map.of("from", "general", "to", "urgent"), change.get("details"));
  }

  @Test
  void anAssignmentAtTheSamePriorityPublishesNoPriorityChange() {
    String id = stolenWithoutHint();
    try (TopicWriter writer = new TopicWriter()) {
      writer.publish(
          assignments,
          id,
          "assignment.created",
          "/routing-service",
          assignment(
              id, "as-zhou", "general", List.of("default of account-stolen: general"), false));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> "as-zhou".equals(agentOf(id)));
    noteAsAssignedAgent(id);
    try (TopicReader reader = new TopicReader(complaints)) {
      reader.await(
          e -> id.equals(e.key()) && "complaint.message-added".equals(e.header("ce_type")),
          1,
          Duration.ofSeconds(30));
      assertEquals(0, reader.drain(e -> isPriorityChange(e, id), Duration.ofMillis(500)).size());
    }
    assertEquals("general", priorityOf(id));
  }

  @Test
  void aPublicOpinionRiskFlagMakesItUrgentAndSaysSo() {
    String id = stolenWithoutHint();
    try (TopicWriter writer = new TopicWriter()) {
      writer.publish(
          assignments,
          id,
          "assignment.created",
          "/routing-service",
          assignment(
              id, "as-qian", "general", List.of("default of account-stolen: general"), true));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> "urgent".equals(priorityOf(id)));
    try (TopicReader reader = new TopicReader(complaints)) {
      TopicReader.Event change =
          reader.await(e -> isPriorityChange(e, id), 1, Duration.ofSeconds(30)).get(0);
      JsonNode data = IntakeApi.validated(change);
      assertEquals("general", data.get("from").asText());
      assertEquals("urgent", data.get("to").asText());
      assertEquals(
          "default of account-stolen: general; public-opinion risk: urgent",
          data.get("reason").asText());
    }
  }
}
