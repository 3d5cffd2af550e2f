package io.complaintsuite.knowledge.inbound;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.knowledge.search.SearchHit;
import io.complaintsuite.knowledge.search.SearchIndex;
import io.complaintsuite.knowledge.search.SearchRequest;
import io.complaintsuite.testsupport.PoisonRecords;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Poison and skew on both topics knowledge-service consumes: on {@code complaints} (suggestions)
 * malformed and schema-invalid records are dead-lettered with the reason while the next complaint
 * is served, and a newer type version is skipped and counted; on {@code knowledge} (this replica's
 * index sync, which reads only the key and type, never the data) poison is passed over without
 * stopping the sync. Replaying both topics from offset 0 suggests nothing twice and leaves the
 * index as it was.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "knowledge",
    topics = {"complaints", "knowledge", "knowledge-service.dlq"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonAndReplayTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SUGGESTED = "knowledge.suggested";

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.knowledge")
  String knowledge;

  @ConfigProperty(name = "suite.topics.knowledge-service.dlq")
  String deadLetters;

  @ConfigProperty(name = "quarkus.uuid")
  String instance;

  @Inject SearchIndex index;
  @Inject Pool pool;

  static String complaint(String id) {
    return """
        {"complaintId":"%s","number":"TS20261123-000042","channel":"web-chat","form":"written",
         "externalId":"CHAT-1","customer":{"id":"C-1","name":"王丽"},"subject":"账号被盗了",
         "description":"我的账号被别人登录了，还下了陌生订单。","problemType":"unclassified",
         "priority":"general","priorityGiven":false,"expectedResolutionAt":null,
         "receivedAt":"2026-11-23T06:00:00Z"}
        """
        .formatted(id);
  }

  private static List<TopicReader.Event> suggestions(TopicReader reader, String id, int count) {
    return reader.await(
        e -> id.equals(e.key()) && SUGGESTED.equals(e.header("ce_type")), count, WAIT);
  }

  private List<String> searched(String query) {
    return searched(query, 5);
  }

  private List<String> searched(String query, int limit) {
    List<String> slugs = new ArrayList<>();
    for (SearchHit hit : index.search(SearchRequest.of(query, limit))) {
      slugs.add(hit.slug() + "@" + hit.version());
    }
    return slugs;
  }

  /** An article as another replica writes it: its rows, then its event (which this test sends). */
  private UUID insertArticle(String slug, String title, String body) {
    UUID id = UUID.randomUUID();
    OffsetDateTime now = OffsetDateTime.now();
    pool.preparedQuery(
            "insert into article (id, slug, kind, published_version, latest_version, created_at,"
                + " created_by, updated_at) values ($1, $2, 'FAQ', 1, 1, $3, 'other', $3)")
        .execute(Tuple.of(id, slug, now))
        .await()
        .atMost(Duration.ofSeconds(10));
    pool.preparedQuery(
            "insert into article_version (id, article_id, version, status, title, body, category,"
                + " audience, created_at, created_by, updated_at) values ($1, $2, 1, 'PUBLISHED',"
                + " $3, $4, '保险', 'CUSTOMER', $5, 'other', $5)")
        .execute(Tuple.of(UUID.randomUUID(), id, title, body, now))
        .await()
        .atMost(Duration.ofSeconds(10));
    return id;
  }

  private static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  @Test
  @Order(1)
  void malformedAndSchemaInvalidComplaintsAreDeadLetteredAndTheNextIsServed() {
    String id = UUID.randomUUID().toString();
    try (PoisonRecords poison = new PoisonRecords();
        TopicReader reader = new TopicReader(knowledge)) {
      String noId = complaint(id).replace("\"complaintId\":\"" + id + "\",", "");
      poison.sendPoison(
          complaints, id, "complaint.received", "/intake-service", noId, "complaintId");
      poison.send(complaints, id, "complaint.received", 1, "/intake-service", complaint(id));
      assertTrue(suggestions(reader, id, 1).get(0).body().contains("account-stolen"));
      poison.assertDeadLettered(deadLetters);
      assertEquals(
          1,
          reader
              .drain(
                  e -> id.equals(e.key()) && SUGGESTED.equals(e.header("ce_type")),
                  Duration.ofMillis(500))
              .size(),
          "the poison suggested nothing");
    }
  }

  @Test
  @Order(2)
  void poisonOnTheKnowledgeTopicDoesNotStopTheIndexSync() {
    UUID article = insertArticle("pet-insurance-claims", "宠物保险怎么理赔", "宠物生病就医后，上传病历和发票即可申请宠物保险理赔。");
    assertFalse(searched("宠物保险理赔").contains("pet-insurance-claims@1"));
    try (TopicWriter writer = new TopicWriter()) {
      String key = article.toString();
      writer.raw(
          knowledge, key, "{not json", "ce_id", "x", "ce_type", "knowledge.article-published");
      writer.raw(knowledge, key, "{\"articleId\":\"" + key + "\"}");
      writer.raw(
          knowledge, "not-a-uuid", "{}", "ce_id", "y", "ce_type", "knowledge.article-published");
      writer.publish(
          knowledge,
          key,
          "knowledge.article-published",
          "/knowledge-service",
          "{\"articleId\":\"" + key + "\",\"slug\":\"pet-insurance-claims\",\"version\":1}");
    }
    java.time.Instant deadline = java.time.Instant.now().plus(WAIT);
    while (!searched("宠物保险理赔").contains("pet-insurance-claims@1")
        && java.time.Instant.now().isBefore(deadline)) {
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    assertTrue(
        searched("宠物保险理赔").contains("pet-insurance-claims@1"),
        "the article published after the poison was indexed");
  }

  @Test
  @Order(3)
  void aComplaintOfANewerTypeVersionIsSkippedAndCounted() {
    String skipped = UUID.randomUUID().toString();
    String applied = UUID.randomUUID().toString();
    try (PoisonRecords records = new PoisonRecords();
        TopicReader reader = new TopicReader(knowledge)) {
      // Same key: the v1 event comes after the v2 one on one partition.
      records.send(
          complaints, applied, "complaint.received", 2, "/intake-service", complaint(skipped));
      records.send(
          complaints, applied, "complaint.received", 1, "/intake-service", complaint(applied));
      suggestions(reader, applied, 1);
      assertTrue(
          reader.drain(e -> e.body().contains(skipped), Duration.ofMillis(500)).isEmpty(),
          "nothing suggested for the v2 complaint");
    }
    PoisonRecords.awaitSkippedNewerVersion(
        PoisonAndReplayTest::metrics,
        Duration.ofSeconds(10),
        Map.of("knowledge-suggestions", "complaint.received"));
  }

  @Test
  @Order(4)
  void replayingEveryConsumedTopicFromTheStartChangesNothing() {
    // Every hit, not the first five: with the hybrid search's rank fusion, near-equal candidates
    // at the cut can swap places when re-indexing changes the term statistics, so the fifth hit
    // alone could differ; the whole list (what the words match, and what the meaning finds above
    // its floor) does not depend on those statistics.
    List<String> indexBefore = searched("宠物保险理赔 账号被盗", 50);
    try (TopicReader reader = new TopicReader(knowledge)) {
      int suggested =
          reader.drain(e -> SUGGESTED.equals(e.header("ce_type")), Duration.ofSeconds(1)).size();
      assertTrue(suggested >= 2, "runs after the tests that fill the topics");
      assertTrue(PoisonRecords.replay(complaints) > 0);
      PoisonRecords.awaitConsumed("knowledge-service", WAIT, complaints);
      assertEquals(
          suggested,
          reader.drain(e -> SUGGESTED.equals(e.header("ce_type")), Duration.ofSeconds(2)).size(),
          "the replayed complaints suggested nothing again");
    }
    assertTrue(PoisonRecords.replay(knowledge) > 0);
    PoisonRecords.awaitConsumed("knowledge-index-" + instance, WAIT, knowledge);
    // The same articles at the same versions; their order may move among near-equal scores,
    // since re-indexing a document changes the index's term statistics until segments merge.
    assertEquals(sorted(indexBefore), sorted(searched("宠物保险理赔 账号被盗", 50)));
  }

  private static List<String> sorted(List<String> hits) {
    return hits.stream().sorted().toList();
  }
}
