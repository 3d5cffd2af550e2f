package io.complaintsuite.intake.complaint;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.complaintsuite.intake.support.IntakeApi;
import io.complaintsuite.testsupport.Infra;
import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** What downstream services see on the real broker's {@code complaints} topic. */
@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
class ComplaintEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ConfigProperty(name = "suite.topics.complaints")
  String topic;

  private String post(Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(Tokens.forRole("channel"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/complaints")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void complaintReceivedIsACloudEventValidAgainstItsSchema() throws Exception {
    Map<String, Object> body = IntakeApi.accountStolen();
    String id = post(body);
    try (TopicReader reader = new TopicReader(topic)) {
      TopicReader.Event event =
          reader.await(e -> id.equals(e.key()), 1, Duration.ofSeconds(30)).get(0);
      assertEquals("1.0", event.header("ce_specversion"));
      assertEquals("complaint.received", event.header("ce_type"));
      assertEquals("/intake-service", event.header("ce_source"));
      assertEquals(id, event.header("ce_subject"));
      assertNotNull(event.header("ce_id"));
      assertNotNull(event.header("ce_time"));
      assertTrue(
          event.header("ce_dataschema").endsWith("docs/events/complaint.received.v1.json"),
          event.header("ce_dataschema"));
      assertEquals("application/json", event.header("content-type"));

      JsonNode data = JSON.readTree(event.body());
      Set<ValidationMessage> errors = schema(event.header("ce_dataschema")).validate(data);
      assertTrue(errors.isEmpty(), errors::toString);
      assertEquals(id, data.get("complaintId").asText());
      assertEquals(body.get("description"), data.get("description").asText());
      assertEquals("urgent", data.get("priority").asText());
      assertFalse(event.body().contains("138 0013"), "the customer's phone must not travel");
      assertFalse(event.body().contains("wangli@"), "the customer's e-mail must not travel");
    }
  }

  @Test
  void theEventContinuesTheTraceOfTheChannelsRequest() throws Exception {
    // A channel that traces its own calls sends a W3C traceparent; the complaint's event, published
    // later by the outbox relay, must belong to the same trace (one complaint, one trace).
    String traceId = java.util.UUID.randomUUID().toString().replace("-", "");
    String id =
        given()
            .auth()
            .oauth2(Tokens.forRole("channel"))
            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
            .contentType(ContentType.JSON)
            .body(IntakeApi.accountStolen())
            .post("/api/v1/complaints")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    try (TopicReader reader = new TopicReader(topic)) {
      TopicReader.Event event =
          reader.await(e -> id.equals(e.key()), 1, Duration.ofSeconds(30)).get(0);
      String traceparent = event.header("traceparent");
      assertNotNull(traceparent, "the record carries the trace context: " + event.headers());
      assertEquals(traceId, traceparent.split("-")[1], traceparent);
      assertFalse(
          traceparent.contains("00f067aa0ba902b7"), "a span of intake's own, not the caller's");
    }
  }

  @Test
  void withTheBrokerStoppedComplaintsAreAcceptedAndTheirEventsArriveAfterRestart() {
    List<String> ids = new ArrayList<>();
    Infra.stopKafka();
    try {
      for (int i = 0; i < 20; i++) {
        ids.add(post(IntakeApi.accountStolen()));
      }
    } finally {
      Infra.startKafka();
    }
    try (TopicReader reader = new TopicReader(topic)) {
      Set<String> wanted = Set.copyOf(ids);
      List<TopicReader.Event> events =
          reader.await(e -> wanted.contains(e.key()), ids.size(), Duration.ofSeconds(90));
      Map<String, Set<String>> eventIdsPerComplaint =
          events.stream()
              .collect(
                  Collectors.groupingBy(
                      TopicReader.Event::key,
                      Collectors.mapping(e -> e.header("ce_id"), Collectors.toSet())));
      assertEquals(wanted, eventIdsPerComplaint.keySet(), "every complaint's event arrived");
      eventIdsPerComplaint.forEach(
          (complaint, eventIds) ->
              assertEquals(1, eventIds.size(), "a redelivery keeps its event id: " + complaint));
    }
  }

  static JsonSchema schema(String dataschema) throws Exception {
    String file = dataschema.substring(dataschema.lastIndexOf('/') + 1);
    JsonNode schema =
        JSON.readTree(SuiteSettings.home().resolve("docs/events").resolve(file).toFile());
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
  }
}
