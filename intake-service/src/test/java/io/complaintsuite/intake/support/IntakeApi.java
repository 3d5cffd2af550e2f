package io.complaintsuite.intake.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.TopicWriter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/** What intake's tests do again and again: post complaints, act on them, check events. */
public final class IntakeApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private IntakeApi() {}

  public static RequestSpecification as(String role) {
    return given().auth().oauth2(Tokens.forRole(role)).contentType(ContentType.JSON);
  }

  /** A realistic complaint: account stolen, money gone, in the customer's own words. */
  public static Map<String, Object> accountStolen() {
    Map<String, Object> customer = new HashMap<>();
    customer.put("id", "C-" + UUID.randomUUID().toString().substring(0, 8));
    customer.put("name", "王丽");
    customer.put("phone", "+86 138 0013 8000");
    customer.put("email", "wangli@example.cn");
    Map<String, Object> body = new HashMap<>();
    body.put("channel", "phone");
    body.put("customer", customer);
    body.put("subject", "账户被盗，余额被转走");
    body.put(
        "description",
        "今天早上8点收到短信说我的账户在异地登录，随后余额被转走了2000元！我没有做过任何操作，"
            + "请尽快冻结账户并追回资金。客服热线打了三次都没人接，太让人失望了😡 order#A-1029");
    body.put("urgency", "urgent");
    body.put("expectedResolutionAt", "2026-11-24T18:00:00+08:00");
    return body;
  }

  /** Posts a complaint as a channel; returns its id. */
  public static String receive(Map<String, Object> body) {
    return as("channel")
        .body(body)
        .post("/api/v1/complaints")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** As the agent {@code agentId} of {@code department} (token claim {@code department}). */
  public static RequestSpecification asAgent(String agentId, String department) {
    return given()
        .auth()
        .oauth2(Tokens.forAgent(agentId, department))
        .contentType(ContentType.JSON);
  }

  /**
   * An action with the given token's role; returns the raw response for the caller's assertions.
   */
  public static Response act(String role, String id, String action, Object body) {
    return act(as(role), id, action, body);
  }

  public static Response act(RequestSpecification as, String id, String action, Object body) {
    RequestSpecification request = as;
    if (body != null) {
      request = request.body(body);
    }
    return request.post("/api/v1/complaints/" + id + "/actions/" + action);
  }

  /**
   * An action by whoever is meant to act on the work order now: its assigned agent (with their
   * department), else an agent of the department it is queued in, else (not yet assigned, as
   * nothing routes in intake's own tests) a supervisor.
   */
  public static Response act(String id, String action, Object body) {
    return act(owner(id), id, action, body);
  }

  /** A token spec for the complaint's current owner (see {@link #act(String, String, Object)}). */
  public static RequestSpecification owner(String id) {
    Map<String, Object> c =
        as("supervisor").get("/api/v1/complaints/" + id).then().extract().path("");
    String agent = (String) c.get("agent");
    String department = (String) c.get("department");
    if (agent != null) {
      return asAgent(agent, department);
    }
    if (department != null) {
      return asAgent(department + "-queue-agent", department);
    }
    return as("supervisor");
  }

  /**
   * Routing's decision, as routing-service would publish it on the assignments topic ({@code agent}
   * null: queued in the department); waits until intake shows it.
   */
  public static void assign(String id, String department, String agent) {
    try (TopicWriter writer = new TopicWriter()) {
      publishAssignment(writer, id, department, agent);
    }
    awaitAssigned(id, department, agent);
  }

  /** Publishes routing's decision without waiting (many at once, then {@link #awaitAssigned}). */
  public static void publishAssignment(
      TopicWriter writer, String id, String department, String agent) {
    String topic = ConfigProvider.getConfig().getValue("suite.topics.assignments", String.class);
    String data =
        "{\"complaintId\":\""
            + id
            + "\",\"department\":\""
            + department
            + "\",\"agent\":"
            + (agent == null ? "null" : "\"" + agent + "\"")
            + ",\"queued\":"
            + (agent == null)
            + ",\"problemType\":\"account-security\"}";
    writer.publish(topic, id, "assignment.created", "/routing-service", data);
  }

  /** Waits until the work order shows {@code department} and {@code agent}. */
  public static void awaitAssigned(String id, String department, String agent) {
    Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .pollInterval(java.time.Duration.ofMillis(100))
        .until(
            () -> {
              Map<String, Object> c =
                  as("supervisor").get("/api/v1/complaints/" + id).then().extract().path("");
              return department.equals(c.get("department"))
                  && java.util.Objects.equals(agent, c.get("agent"));
            });
  }

  /** Fails unless the record's data is valid against the schema its ce_dataschema names. */
  public static JsonNode validated(TopicReader.Event event) {
    try {
      String dataschema = event.header("ce_dataschema");
      String file = dataschema.substring(dataschema.lastIndexOf('/') + 1);
      JsonNode schema =
          JSON.readTree(SuiteSettings.home().resolve("docs/events").resolve(file).toFile());
      JsonNode data = JSON.readTree(event.body());
      Set<ValidationMessage> errors =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
              .getSchema(schema)
              .validate(data);
      if (!errors.isEmpty()) {
        throw new AssertionError(
            event.header("ce_type") + " does not match " + file + ": " + errors);
      }
      return data;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
