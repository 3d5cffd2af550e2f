package io.complaintsuite.routing.inbound;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.routing.Suite;
import io.complaintsuite.testsupport.PoisonRecords;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Poison and skew on both topics routing consumes (complaints, sla-alerts): malformed and
 * schema-invalid records are dead-lettered with the reason while the next event is applied; a newer
 * type version is skipped and counted; replaying both topics from offset 0 changes no assignment,
 * no agent's load, and publishes nothing.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "routing",
    topics = {"complaints", "assignments", "sla-alerts", "routing-service.dlq"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonAndReplayTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<UUID> COMPLAINTS = new ArrayList<>();
  private static final String DELIVERY = "快递显示已签收但我根本没收到，联系快递公司也没人管，运单号YT66120";

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @ConfigProperty(name = "suite.topics.sla-alerts")
  String slaAlerts;

  @ConfigProperty(name = "suite.topics.routing-service.dlq")
  String deadLetters;

  private static String received(UUID id) {
    return Suite.received(id, "C-poison", "app", "快递没收到", DELIVERY);
  }

  private static String alert(UUID complaintId, String recipientRole, String timer) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("alertId", UUID.randomUUID().toString());
    data.put("complaintId", complaintId.toString());
    data.put("number", "TS20261123-000001");
    data.put("timer", timer);
    data.put("priority", "general");
    data.put("policyVersion", 1);
    data.put("level", 1);
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

  private static List<TopicReader.Event> published(
      TopicReader reader, UUID id, String type, int count) {
    return reader.await(
        e -> id.toString().equals(e.key()) && type.equals(e.header("ce_type")), count, WAIT);
  }

  private static String stateOf(UUID id) {
    return given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .get("/api/v1/assignments/" + id)
        .then()
        .extract()
        .asString();
  }

  private static String agents() {
    return given()
        .auth()
        .oauth2(Tokens.forRole("admin"))
        .get("/api/v1/agents")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  private static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  @Test
  @Order(1)
  void malformedAndSchemaInvalidRecordsAreDeadLetteredAndProcessingContinues() {
    UUID id = UUID.randomUUID();
    COMPLAINTS.add(id);
    try (PoisonRecords poison = new PoisonRecords();
        TopicReader out = new TopicReader(assignments)) {
      String noNumber = received(id).replaceFirst("\"number\":\"[^\"]*\",", "");
      poison.sendPoison(
          complaints, id.toString(), "complaint.received", "/intake-service", noNumber, "number");
      poison.send(
          complaints, id.toString(), "complaint.received", 1, "/intake-service", received(id));
      published(out, id, "assignment.created", 1);

      poison.sendPoison(
          slaAlerts,
          id.toString(),
          "sla.escalated",
          "/sla-service",
          alert(id, "director", "lunch"),
          "timer");
      poison.send(
          slaAlerts,
          id.toString(),
          "sla.escalated",
          1,
          "/sla-service",
          alert(id, "director", "response"));
      String escalation = published(out, id, "assignment.escalated", 1).get(0).body();
      assertTrue(escalation.contains("director"), escalation);
      poison.assertDeadLettered(deadLetters);
    }
  }

  @Test
  @Order(2)
  void anEventOfANewerTypeVersionIsSkippedAndCounted() {
    UUID skipped = UUID.randomUUID();
    UUID routed = UUID.randomUUID();
    COMPLAINTS.add(skipped);
    COMPLAINTS.add(routed);
    try (PoisonRecords records = new PoisonRecords();
        TopicReader out = new TopicReader(assignments)) {
      // Same key, so the v1 event comes after the v2 one on one partition.
      String key = routed.toString();
      records.send(complaints, key, "complaint.received", 2, "/intake-service", received(skipped));
      records.send(complaints, key, "complaint.received", 1, "/intake-service", received(routed));
      published(out, routed, "assignment.created", 1);

      records.send(
          slaAlerts, key, "sla.escalated", 2, "/sla-service", alert(routed, "ceo-v2", "response"));
      records.send(
          slaAlerts,
          key,
          "sla.escalated",
          1,
          "/sla-service",
          alert(routed, "director", "response"));
      published(out, routed, "assignment.escalated", 1);
      List<TopicReader.Event> escalations =
          out.drain(
              e -> key.equals(e.key()) && "assignment.escalated".equals(e.header("ce_type")),
              Duration.ofMillis(500));
      assertEquals(1, escalations.size(), "only the v1 escalation was applied");
      assertTrue(escalations.get(0).body().contains("director"), escalations.get(0).body());
      assertTrue(
          out.drain(e -> e.body().contains(skipped.toString()), Duration.ofMillis(1)).isEmpty(),
          "the v2 complaint was not routed");
    }
    given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .get("/api/v1/assignments/" + skipped)
        .then()
        .statusCode(404);
    PoisonRecords.awaitSkippedNewerVersion(
        PoisonAndReplayTest::metrics,
        Duration.ofSeconds(10),
        Map.of(
            "routing-service", "complaint.received",
            "routing-service.sla-alerts", "sla.escalated"));
  }

  @Test
  @Order(3)
  void replayingEveryConsumedTopicFromTheStartChangesNothing() {
    assertFalse(COMPLAINTS.isEmpty(), "runs after the tests that fill the topics");
    List<String> before = COMPLAINTS.stream().map(PoisonAndReplayTest::stateOf).toList();
    String agentsBefore = agents();
    try (TopicReader out = new TopicReader(assignments)) {
      int published = out.drain(e -> true, Duration.ofSeconds(1)).size();
      assertTrue(PoisonRecords.replay(complaints) > 0);
      assertTrue(PoisonRecords.replay(slaAlerts) > 0);
      PoisonRecords.awaitConsumed("routing-service", Duration.ofSeconds(60), complaints, slaAlerts);
      assertEquals(before, COMPLAINTS.stream().map(PoisonAndReplayTest::stateOf).toList());
      assertEquals(agentsBefore, agents(), "no agent's load changed");
      assertEquals(
          published,
          out.drain(e -> true, Duration.ofSeconds(2)).size(),
          "the replay published no assignment event");
    }
  }
}
