package io.complaintsuite.intake.inbound;

import static io.complaintsuite.intake.support.IntakeApi.accountStolen;
import static io.complaintsuite.intake.support.IntakeApi.as;
import static io.complaintsuite.intake.support.IntakeApi.receive;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.testsupport.PoisonRecords;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Poison and skew on both topics intake consumes (assignments, surveys): malformed and
 * schema-invalid records are dead-lettered with the reason while the next event is applied; a newer
 * type version is skipped and counted; replaying both topics from offset 0 changes nothing.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonAndReplayTest {
  private static final List<String> COMPLAINTS = new ArrayList<>();

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @ConfigProperty(name = "suite.topics.surveys")
  String surveys;

  @ConfigProperty(name = "suite.topics.intake-service.dlq")
  String deadLetters;

  private static String assignment(String id, String agent) {
    return "{\"complaintId\":\""
        + id
        + "\",\"department\":\"tech-support\",\"agent\":\""
        + agent
        + "\",\"problemType\":\"account-security\",\"priority\":\"urgent\"}";
  }

  private static String answer(String id, int resolution) {
    return "{\"complaintId\":\""
        + id
        + "\",\"surveyId\":\"SV-9\",\"ratings\":{\"responseSpeed\":4,\"attitude\":5,"
        + "\"resolution\":"
        + resolution
        + "},\"nps\":9,\"occurredAt\":\"2026-11-24T09:30:00+08:00\"}";
  }

  private static String agentOf(String id) {
    return as("agent").get("/api/v1/complaints/" + id).path("agent");
  }

  private static List<String> kinds(String id) {
    return as("agent").get("/api/v1/complaints/" + id + "/timeline").then().extract().path("kind");
  }

  private static String stateOf(String id) {
    return as("agent").get("/api/v1/complaints/" + id).then().statusCode(200).extract().asString()
        + as("agent")
            .get("/api/v1/complaints/" + id + "/timeline")
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
    String id = receive(accountStolen());
    COMPLAINTS.add(id);
    try (PoisonRecords poison = new PoisonRecords()) {
      poison.sendPoison(
          assignments,
          id,
          "assignment.created",
          "/routing-service",
          "{\"complaintId\":\"" + id + "\",\"agent\":\"agent-poison\"}",
          "department");
      poison.sendPoison(
          surveys,
          id,
          "survey.answered",
          "/survey-service",
          "{\"complaintId\":\""
              + id
              + "\",\"ratings\":{\"responseSpeed\":4,\"attitude\":5,\"resolution\":5},"
              + "\"nps\":\"very high\"}",
          "nps");
      poison.send(
          assignments,
          id,
          "assignment.created",
          1,
          "/routing-service",
          assignment(id, "agent-after-poison"));
      poison.send(surveys, id, "survey.answered", 1, "/survey-service", answer(id, 4));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  "agent-after-poison".equals(agentOf(id))
                      && kinds(id).contains("survey-answered"));
      poison.assertDeadLettered(deadLetters);
    }
    assertEquals(1, kinds(id).stream().filter("assigned"::equals).count());
  }

  @Test
  @Order(2)
  void anEventOfANewerTypeVersionIsSkippedAndCounted() {
    String id = receive(accountStolen());
    COMPLAINTS.add(id);
    try (PoisonRecords records = new PoisonRecords()) {
      records.send(
          assignments, id, "assignment.created", 2, "/routing-service", assignment(id, "agent-v2"));
      records.send(surveys, id, "survey.answered", 2, "/survey-service", answer(id, 1));
      records.send(
          assignments, id, "assignment.created", 1, "/routing-service", assignment(id, "agent-v1"));
      records.send(surveys, id, "survey.answered", 1, "/survey-service", answer(id, 5));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "agent-v1".equals(agentOf(id)) && kinds(id).contains("survey-answered"));
    assertEquals(1, kinds(id).stream().filter("assigned"::equals).count());
    assertEquals(1, kinds(id).stream().filter("survey-answered"::equals).count());
    PoisonRecords.awaitSkippedNewerVersion(
        PoisonAndReplayTest::metrics,
        Duration.ofSeconds(10),
        Map.of(
            "intake-service.assignments", "assignment.created",
            "intake-service.surveys", "survey.answered"));
  }

  @Test
  @Order(3)
  void replayingEveryConsumedTopicFromTheStartChangesNothing() {
    assertFalse(COMPLAINTS.isEmpty(), "runs after the tests that fill the topics");
    List<String> before = COMPLAINTS.stream().map(PoisonAndReplayTest::stateOf).toList();
    assertTrue(PoisonRecords.replay(assignments) > 0);
    assertTrue(PoisonRecords.replay(surveys) > 0);
    PoisonRecords.awaitConsumed("intake-service", Duration.ofSeconds(60), assignments, surveys);
    assertEquals(before, COMPLAINTS.stream().map(PoisonAndReplayTest::stateOf).toList());
  }
}
