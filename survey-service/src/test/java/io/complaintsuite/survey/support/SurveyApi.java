package io.complaintsuite.survey.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.complaintsuite.survey.schedule.SurveySender;
import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.TopicWriter;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the tests do to the service: publish upstream events, run the sender, read API and topics.
 */
public final class SurveyApi {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final Duration WAIT = Duration.ofSeconds(30);

  private SurveyApi() {}

  public static RequestSpecification as(String role) {
    return given().auth().oauth2(Tokens.forRole(role)).contentType("application/json");
  }

  public static String at(String shanghaiLocal) {
    return OffsetDateTime.parse(shanghaiLocal + "+08:00").toString();
  }

  public static Instant instant(Object value) {
    return OffsetDateTime.parse(value.toString()).toInstant();
  }

  /** A complaint.resolved v1 as intake publishes it; the caller may change any field. */
  public static ObjectNode resolved(
      String complaintId, String customerId, String phone, String occurredAt) {
    ObjectNode n = JSON.createObjectNode();
    n.put("complaintId", complaintId);
    n.put(
        "number",
        "TS20261123-" + String.format("%06d", Math.abs(complaintId.hashCode()) % 1000000));
    n.put("actor", "agent-zhangwei");
    n.put("summary", "已核实物流误投，补发商品并赔付20元优惠券");
    n.put("rootCause", "logistics-misdelivery");
    n.putNull("compensation");
    n.put("channel", "phone");
    n.put("problemType", "logistics");
    n.put("priority", "general");
    n.put("department", "after-sales");
    n.put("agent", "agent-zhangwei");
    ObjectNode contact = n.putObject("contact");
    contact.put("customerId", customerId);
    contact.put("name", "王丽");
    if (phone == null) {
      contact.putNull("phone");
    } else {
      contact.put("phone", phone);
    }
    contact.putNull("email");
    n.put("reopenCount", 0);
    n.put("receivedAt", at("2026-11-23T09:15:02"));
    n.put("occurredAt", occurredAt);
    return n;
  }

  public static String reopened(String complaintId, int reopenCount, String occurredAt) {
    ObjectNode n = JSON.createObjectNode();
    n.put("complaintId", complaintId);
    n.put("number", "TS20261123-000123");
    n.put("actor", "customer");
    n.put("reason", "问题没有解决，钱只退回了一半");
    n.put("reopenCount", reopenCount);
    n.put("occurredAt", occurredAt);
    return n.toString();
  }

  public static String received(String complaintId, String customerId, String channel) {
    ObjectNode n = JSON.createObjectNode();
    n.put("complaintId", complaintId);
    n.put("number", "TS20261123-000777");
    n.put("channel", channel);
    n.put("form", "written");
    ObjectNode customer = n.putObject("customer");
    customer.put("id", customerId);
    customer.put("name", "李强");
    n.put("subject", "宽带无法上网");
    n.put("description", "从早上开始家里宽带一直断线，光猫指示灯红色闪烁，影响居家办公。");
    n.put("problemType", "network-outage");
    n.put("priority", "urgent");
    n.put("priorityGiven", false);
    n.put("receivedAt", at("2026-11-23T08:00:00"));
    return n.toString();
  }

  public static void publish(String topic, String key, String type, String json) {
    try (TopicWriter writer = new TopicWriter()) {
      writer.publish(topic, key, type, "/intake-service", json);
    }
  }

  public static List<Map<String, Object>> surveys(String complaintId) {
    Response r = as("supervisor").queryParam("complaintId", complaintId).get("/api/v1/surveys");
    return r.statusCode() == 200 ? r.jsonPath().getList("") : List.of();
  }

  /** Waits until the complaint has {@code count} surveys; returns the newest. */
  public static Map<String, Object> awaitSurvey(String complaintId, int count) {
    await().atMost(WAIT).until(() -> surveys(complaintId).size() >= count);
    return surveys(complaintId).get(0);
  }

  public static Map<String, Object> awaitSurveyState(String complaintId, String state) {
    await()
        .atMost(WAIT)
        .until(() -> surveys(complaintId).stream().anyMatch(s -> state.equals(s.get("state"))));
    return surveys(complaintId).stream()
        .filter(s -> state.equals(s.get("state")))
        .findFirst()
        .get();
  }

  /** One run of the sender on a Vert.x context, as the scheduler runs it. */
  public static int send(SurveySender sender) {
    try {
      return VertxContextSupport.subscribeAndAwait(sender::sendOnce);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks a published event's data against the schema its ce_dataschema names. */
  public static JsonNode validated(TopicReader.Event e) throws Exception {
    String dataschema = e.header("ce_dataschema");
    String file = dataschema.substring(dataschema.lastIndexOf('/') + 1);
    JsonNode schema =
        JSON.readTree(SuiteSettings.home().resolve("docs/events").resolve(file).toFile());
    JsonSchema validator =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
    JsonNode data = JSON.readTree(e.body());
    Set<ValidationMessage> errors = validator.validate(data);
    assertTrue(errors.isEmpty(), e.header("ce_type") + ": " + errors + " in " + e.body());
    return data;
  }

  /** The token at the end of a survey link. */
  public static String tokenOf(String link) {
    return link.substring(link.lastIndexOf("/s/") + 3);
  }
}
