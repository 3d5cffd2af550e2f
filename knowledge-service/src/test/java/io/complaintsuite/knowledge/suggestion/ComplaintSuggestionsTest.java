package io.complaintsuite.knowledge.suggestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.knowledge.EventSchemas;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** complaint.received in, knowledge.suggested out, on the real broker. */
@QuarkusTest
@WithSuiteInfra(
    database = "knowledge",
    topics = {"complaints", "knowledge", "knowledge-service.dlq"})
class ComplaintSuggestionsTest {
  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.knowledge")
  String knowledge;

  @ConfigProperty(name = "suite.topics.knowledge-service.dlq")
  String dlq;

  static String complaint(String id, String subject, String description) {
    return """
        {"complaintId":"%s","number":"TS20261123-000042","channel":"web-chat","form":"written",
         "externalId":"CHAT-1","customer":{"id":"C-1","name":"王丽"},"subject":"%s",
         "description":"%s","problemType":"unclassified","priority":"general",
         "priorityGiven":false,"expectedResolutionAt":null,"receivedAt":"2026-11-23T06:00:00Z"}
        """
        .formatted(id, subject, description);
  }

  @Test
  void aComplaintGetsItsTopArticlesOnceEvenWhenDeliveredTwice() throws Exception {
    String id = UUID.randomUUID().toString();
    String event = UUID.randomUUID().toString();
    String body = complaint(id, "快递显示已签收但没收到", "快递显示昨天已签收，但我根本没收到包裹，联系物流也没人管。");
    try (TopicWriter writer = new TopicWriter();
        TopicReader reader = new TopicReader(knowledge)) {
      writer.publish(complaints, id, event, "complaint.received", "/intake-service", body);
      writer.publish(complaints, id, event, "complaint.received", "/intake-service", body);
      TopicReader.Event suggested =
          reader
              .await(
                  e -> id.equals(e.key()) && "knowledge.suggested".equals(e.header("ce_type")),
                  1,
                  Duration.ofSeconds(60))
              .get(0);
      JsonNode data = EventSchemas.valid(suggested, "knowledge.suggested");
      assertEquals(id, data.get("complaintId").asText());
      assertEquals(id, suggested.header("ce_subject"));
      JsonNode suggestions = data.get("suggestions");
      assertTrue(suggestions.size() >= 1 && suggestions.size() <= 3, suggestions.toString());
      List<String> slugs = new ArrayList<>();
      suggestions.forEach(s -> slugs.add(s.get("slug").asText()));
      assertEquals("delivery-signed-not-received", slugs.get(0), slugs.toString());
      assertEquals(1.0, suggestions.get(0).get("score").asDouble());

      // The redelivered event (same ce_id) produced nothing more.
      List<TopicReader.Event> all =
          reader.drain(
              e -> id.equals(e.key()) && "knowledge.suggested".equals(e.header("ce_type")),
              Duration.ofSeconds(3));
      assertEquals(1, all.size(), "one suggestion per complaint event");
    }
  }

  @Test
  void aPoisonRecordIsDeadLetteredAndTheNextComplaintIsServed() throws Exception {
    String poisonKey = UUID.randomUUID().toString();
    String next = UUID.randomUUID().toString();
    try (TopicWriter writer = new TopicWriter();
        TopicReader suggestions = new TopicReader(knowledge);
        TopicReader deadLetters = new TopicReader(dlq)) {
      writer.raw(
          complaints,
          poisonKey,
          "this is not json",
          "ce_specversion",
          "1.0",
          "ce_id",
          UUID.randomUUID().toString(),
          "ce_type",
          "complaint.received",
          "ce_source",
          "/broken-producer");
      writer.publish(
          complaints,
          next,
          "complaint.received",
          "/intake-service",
          complaint(next, "账号被盗了", "我的账号被别人登录了，还下了陌生订单。"));
      TopicReader.Event dead =
          deadLetters.await(e -> poisonKey.equals(e.key()), 1, Duration.ofSeconds(60)).get(0);
      assertEquals("this is not json", dead.body());
      TopicReader.Event served =
          suggestions
              .await(
                  e -> next.equals(e.key()) && "knowledge.suggested".equals(e.header("ce_type")),
                  1,
                  Duration.ofSeconds(60))
              .get(0);
      JsonNode data = EventSchemas.valid(served, "knowledge.suggested");
      assertEquals("account-stolen", data.get("suggestions").get(0).get("slug").asText());
      assertFalse(
          suggestions.drain(e -> poisonKey.equals(e.key()), Duration.ofMillis(500)).stream()
              .findAny()
              .isPresent(),
          "nothing is suggested for a poison record");
    }
  }
}
