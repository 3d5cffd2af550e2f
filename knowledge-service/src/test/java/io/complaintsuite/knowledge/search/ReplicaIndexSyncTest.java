package io.complaintsuite.knowledge.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Another replica published an article (its row is in the shared database, its event on the topic):
 * this replica's index picks it up from the event.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "knowledge",
    topics = {"complaints", "knowledge", "knowledge-service.dlq"})
class ReplicaIndexSyncTest {
  @Inject SearchIndex index;
  @Inject Pool pool;

  @ConfigProperty(name = "suite.topics.knowledge")
  String knowledge;

  @Test
  void anArticlePublishedByAnotherReplicaBecomesSearchable() {
    UUID id = UUID.randomUUID();
    OffsetDateTime now = OffsetDateTime.now();
    pool.preparedQuery(
            "insert into article (id, slug, kind, published_version, latest_version, created_at,"
                + " created_by, updated_at) values ($1, 'pet-insurance', 'FAQ', 1, 1, $2, 'other',"
                + " $2)")
        .execute(Tuple.of(id, now))
        .await()
        .atMost(Duration.ofSeconds(10));
    pool.preparedQuery(
            "insert into article_version (id, article_id, version, status, title, body, category,"
                + " audience, created_at, created_by, updated_at) values ($1, $2, 1, 'PUBLISHED',"
                + " '宠物保险怎么理赔', '宠物生病就医后，上传病历和发票即可申请宠物保险理赔。', '保险', 'CUSTOMER',"
                + " $3, 'other', $3)")
        .execute(Tuple.of(UUID.randomUUID(), id, now))
        .await()
        .atMost(Duration.ofSeconds(10));
    assertTrue(
        search().stream().noneMatch(h -> "pet-insurance".equals(h.slug())),
        "not in this replica's index before the event");

    try (TopicWriter writer = new TopicWriter()) {
      writer.publish(
          knowledge,
          id.toString(),
          "knowledge.article-published",
          "/knowledge-service",
          "{\"articleId\":\"" + id + "\",\"slug\":\"pet-insurance\",\"version\":1}");
    }
    Instant deadline = Instant.now().plusSeconds(30);
    List<SearchHit> hits = search();
    while (hits.stream().noneMatch(h -> "pet-insurance".equals(h.slug()))
        && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // waiting for the consumer
      hits = search();
    }
    assertEquals("pet-insurance", hits.isEmpty() ? null : hits.get(0).slug());
  }

  private List<SearchHit> search() {
    return index.search(SearchRequest.of("宠物保险理赔", 3));
  }
}
