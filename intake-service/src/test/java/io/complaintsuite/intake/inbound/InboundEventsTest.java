package io.complaintsuite.intake.inbound;

import static io.complaintsuite.intake.support.IntakeApi.accountStolen;
import static io.complaintsuite.intake.support.IntakeApi.as;
import static io.complaintsuite.intake.support.IntakeApi.receive;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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

/** Routing's assignments and survey answers, consumed from the real broker exactly once. */
@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
class InboundEventsTest {
  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @ConfigProperty(name = "suite.topics.surveys")
  String surveys;

  @ConfigProperty(name = "suite.topics.intake-service.dlq")
  String deadLetters;

  private static String assignment(String id, String department, String agent) {
    return "{\"complaintId\":\""
        + id
        + "\",\"department\":\""
        + department
        + "\",\"agent\":\""
        + agent
        + "\",\"problemType\":\"account-security\",\"priority\":\"urgent\","
        + "\"explanation\":\"规则 account-stolen 命中 账户被盗\","
        + "\"occurredAt\":\"2026-11-23T09:15:03+08:00\"}";
  }

  private static List<String> kinds(String id) {
    return as("agent")
        .get("/api/v1/complaints/" + id + "/timeline")
        .then()
        .statusCode(200)
        .extract()
        .path("kind");
  }

  private static String agentOf(String id) {
    return as("agent").get("/api/v1/complaints/" + id).path("agent");
  }

  @Test
  void anAssignmentDeliveredTwiceIsAppliedOnce() {
    String id = receive(accountStolen());
    try (TopicWriter writer = new TopicWriter()) {
      String eventId = UUID.randomUUID().toString();
      String first = assignment(id, "tech-support", "agent-zhangwei");
      writer.publish(assignments, id, eventId, "assignment.created", "/routing-service", first);
      writer.publish(assignments, id, eventId, "assignment.created", "/routing-service", first);
      // Same key, same partition: once this later event shows, the duplicate was consumed.
      writer.publish(
          assignments,
          id,
          "assignment.created",
          "/routing-service",
          assignment(id, "billing", "agent-lina"));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> "agent-lina".equals(agentOf(id)));
    as("agent")
        .get("/api/v1/complaints/" + id)
        .then()
        .body("department", org.hamcrest.Matchers.equalTo("billing"))
        .body("problemType", org.hamcrest.Matchers.equalTo("account-security"));
    assertEquals(2, kinds(id).stream().filter("assigned"::equals).count());
  }

  @Test
  void aPoisonRecordIsDeadLetteredAndTheNextOneIsProcessed() {
    String id = receive(accountStolen());
    try (TopicWriter writer = new TopicWriter()) {
      writer.raw(
          assignments,
          id,
          "{not json",
          "ce_specversion",
          "1.0",
          "ce_id",
          UUID.randomUUID().toString(),
          "ce_type",
          "assignment.created",
          "ce_source",
          "/routing-service");
      writer.publish(
          assignments,
          id,
          "assignment.created",
          "/routing-service",
          "{\"complaintId\":\"" + UUID.randomUUID() + "\",\"department\":\"pr\"}");
      writer.publish(
          assignments,
          id,
          "assignment.created",
          "/routing-service",
          assignment(id, "tech-support", "agent-after-poison"));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> "agent-after-poison".equals(agentOf(id)));
    try (TopicReader reader = new TopicReader(deadLetters)) {
      List<TopicReader.Event> dead =
          reader.await(e -> id.equals(e.key()), 2, Duration.ofSeconds(30));
      assertEquals("{not json", dead.get(0).body());
      assertNotNull(dead.get(0).header("dead-letter-reason"), "the reason travels with the record");
      org.junit.jupiter.api.Assertions.assertTrue(
          dead.get(1).header("dead-letter-reason").contains("unknown complaint"),
          dead.get(1).header("dead-letter-reason"));
    }
  }

  @Test
  void aSurveyAnswerAppearsOnTheTimelineAndOtherTypesAreSkipped() {
    String id = receive(accountStolen());
    try (TopicWriter writer = new TopicWriter()) {
      writer.publish(
          surveys,
          id,
          "survey.sent",
          "/survey-service",
          "{\"complaintId\":\"" + id + "\",\"surveyId\":\"SV-1\"}");
      writer.publish(
          surveys,
          id,
          "survey.answered",
          "/survey-service",
          "{\"complaintId\":\""
              + id
              + "\",\"surveyId\":\"SV-1\",\"ratings\":{\"responseSpeed\":2,\"attitude\":4,"
              + "\"resolution\":1},\"nps\":3,\"comment\":\"处理太慢了\","
              + "\"occurredAt\":\"2026-11-24T09:30:00+08:00\"}");
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> kinds(id).contains("survey-answered"));
    List<Map<String, Object>> entries =
        as("agent").get("/api/v1/complaints/" + id + "/timeline").then().extract().path("");
    Map<String, Object> survey = entries.get(entries.size() - 1);
    assertEquals("处理太慢了", survey.get("text"));
    assertEquals(1, ((Map<?, ?>) survey.get("details")).get("resolution"));
    assertEquals(3, ((Map<?, ?>) survey.get("details")).get("nps"));
  }
}
