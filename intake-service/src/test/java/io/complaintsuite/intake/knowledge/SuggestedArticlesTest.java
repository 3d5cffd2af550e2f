package io.complaintsuite.intake.knowledge;

import static io.complaintsuite.intake.support.IntakeApi.accountStolen;
import static io.complaintsuite.intake.support.IntakeApi.as;
import static io.complaintsuite.intake.support.IntakeApi.receive;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** knowledge.suggested reaches the work order exactly once; the latest by suggestedAt wins. */
@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {
      "complaints",
      "assignments",
      "surveys",
      "notifications",
      "knowledge",
      "intake-service.dlq"
    })
class SuggestedArticlesTest {
  @ConfigProperty(name = "suite.topics.knowledge", defaultValue = "knowledge")
  String knowledge;

  @ConfigProperty(name = "suite.topics.intake-service.dlq")
  String deadLetters;

  private static String suggested(String id, String at, String slug, int version, double score) {
    return "{\"complaintId\":\""
        + id
        + "\",\"complaintNumber\":\"TS-x\",\"suggestions\":[{\"articleId\":\""
        + UUID.randomUUID()
        + "\",\"slug\":\""
        + slug
        + "\",\"version\":"
        + version
        + ",\"kind\":\"reply-script\",\"title\":\"账户被盗处理话术\",\"snippet\":\"先冻结账户\","
        + "\"score\":"
        + score
        + "}],\"suggestedAt\":\""
        + at
        + "\"}";
  }

  private static List<Map<String, Object>> articles(String id) {
    return as("agent")
        .get("/api/v1/complaints/" + id)
        .then()
        .statusCode(200)
        .extract()
        .path("suggestedArticles");
  }

  @Test
  void theLatestSuggestionIsOnTheWorkOrderAndAnOlderOneDoesNotReplaceIt() {
    String id = receive(accountStolen());
    assertEquals(List.of(), articles(id), "empty before any suggestion arrived");
    try (TopicWriter writer = new TopicWriter()) {
      writer.publish(
          knowledge,
          id,
          "knowledge.suggested",
          "/knowledge-service",
          suggested(id, "2026-11-23T09:15:00+08:00", "account-stolen-script", 2, 1.0));
      // A later suggestion, then a late record from before both: the later one stays.
      writer.publish(
          knowledge,
          id,
          "knowledge.suggested",
          "/knowledge-service",
          suggested(id, "2026-11-23T09:20:00+08:00", "account-freeze-steps", 3, 0.82));
      writer.publish(
          knowledge,
          id,
          "knowledge.suggested",
          "/knowledge-service",
          suggested(id, "2026-11-23T09:10:00+08:00", "stale-article", 1, 0.5));
      writer.publish(
          knowledge,
          id,
          "article.published",
          "/knowledge-service",
          "{\"articleId\":\"" + UUID.randomUUID() + "\"}");
      // An unknown complaint is poison; the marker after it shows it was consumed.
      writer.publish(
          knowledge,
          id,
          "knowledge.suggested",
          "/knowledge-service",
          suggested(UUID.randomUUID().toString(), "2026-11-23T09:30:00+08:00", "x", 1, 1.0));
    }
    try (TopicReader reader = new TopicReader(deadLetters)) {
      String reason =
          reader
              .await(e -> id.equals(e.key()), 1, Duration.ofSeconds(30))
              .get(0)
              .header("dead-letter-reason");
      assertTrue(reason.contains("unknown complaint"), reason);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !articles(id).isEmpty());
    assertEquals(
        List.of(
            Map.of(
                "title", "账户被盗处理话术", "slug", "account-freeze-steps", "version", 3, "score", 0.82f)),
        articles(id));
    String body = as("agent").get("/api/v1/complaints/" + id).asString();
    assertTrue(
        body.contains(
            "\"suggestedArticles\":[{\"title\":\"账户被盗处理话术\",\"slug\":\"account-freeze-steps\","
                + "\"version\":3,\"score\":0.82}]"),
        body);
  }
}
