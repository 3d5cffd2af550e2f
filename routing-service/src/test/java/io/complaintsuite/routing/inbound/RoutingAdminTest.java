package io.complaintsuite.routing.inbound;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.routing.Suite;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admin API, capacity and on-duty, dry-run and rule-set versions, against the real infra. */
@QuarkusTest
@WithSuiteInfra(
    database = "routing",
    topics = {"complaints", "assignments", "sla-alerts", "routing-service.dlq"})
class RoutingAdminTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  private TopicWriter writer;
  private TopicReader reader;

  @BeforeEach
  void open() {
    writer = new TopicWriter();
    reader = new TopicReader(assignments);
  }

  @AfterEach
  void close() {
    writer.close();
    reader.close();
  }

  private static RequestSpecification as(String role) {
    return given().auth().oauth2(Tokens.forRole(role)).contentType(ContentType.JSON);
  }

  private JsonNode routed(UUID id) throws Exception {
    return Suite.validData(reader.await(e -> id.toString().equals(e.key()), 1, WAIT).get(0));
  }

  private static Map<String, Object> agent(
      String department, List<String> skills, int capacity, boolean onDuty) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "测试坐席");
    body.put("department", department);
    body.put("skills", skills);
    body.put("languages", List.of("zh"));
    body.put("channels", List.of());
    body.put("capacity", capacity);
    body.put("onDuty", onDuty);
    body.put("openComplaints", 0);
    return body;
  }

  @Test
  void capacityAndOnDutyDecideWhoGetsAComplaintAndTheRestWaitsInTheQueue() throws Exception {
    as("admin")
        .body(agent("legal", List.of(), 1, true))
        .put("/api/v1/agents/lw-huang")
        .then()
        .statusCode(200);
    as("admin")
        .body(agent("legal", List.of(), 5, false))
        .put("/api/v1/agents/lw-sun")
        .then()
        .statusCode(200)
        .body("onDuty", equalTo(false));
    // A rule set that sends contract disputes to legal, so legal's agents are the candidates.
    Map<String, Object> rule =
        Map.of("name", "contract-to-legal", "keywords", List.of("合同纠纷"), "department", "legal");
    int version = createRuleSet(List.of(rule));
    as("admin").post("/api/v1/rule-sets/" + version + "/activation").then().statusCode(200);

    String text = "合同纠纷：你们单方面修改了服务合同条款，要求解释";
    UUID first = Suite.publishComplaint(writer, complaints, "C-cap-1", "email", text);
    JsonNode one = routed(first);
    assertEquals("legal", one.get("department").asText());
    assertEquals("lw-huang", one.get("agent").asText());

    UUID second = Suite.publishComplaint(writer, complaints, "C-cap-2", "email", text);
    JsonNode two = routed(second);
    assertEquals("legal", two.get("department").asText());
    assertTrue(two.get("queued").asBoolean(), "lw-huang is full and lw-sun off duty: " + two);
    assertTrue(two.get("agent").isNull());
    assertTrue(two.get("explanation").get("agentReason").asText().startsWith("queued in legal"));
    as("agent")
        .get("/api/v1/assignments/" + second)
        .then()
        .statusCode(200)
        .body("status", equalTo("queued"))
        .body("agent", nullValue());

    as("admin")
        .body(agent("legal", List.of(), 5, true))
        .put("/api/v1/agents/lw-sun")
        .then()
        .statusCode(200);
    UUID third = Suite.publishComplaint(writer, complaints, "C-cap-3", "email", text);
    assertEquals("lw-sun", routed(third).get("agent").asText());
    as("admin")
        .get("/api/v1/agents/lw-huang")
        .then()
        .statusCode(200)
        .body("openComplaints", equalTo(1));
  }

  private int createRuleSet(List<Map<String, Object>> extra) {
    List<Object> rules =
        new ArrayList<>(
            as("admin")
                .get("/api/v1/rule-sets/1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("rules"));
    rules.addAll(extra);
    return as("admin")
        .body(Map.of("description", "test", "rules", rules))
        .post("/api/v1/rule-sets")
        .then()
        .statusCode(201)
        .body("status", equalTo("draft"))
        .extract()
        .path("version");
  }

  @Test
  void aNewRuleSetVersionChangesTheRoutingOfNewComplaintsOnly() throws Exception {
    String text = "会员到期后又被自动续费了99元，我从来没订过这个服务，请取消自动续费";
    UUID before = Suite.publishComplaint(writer, complaints, "C-rules-1", "app", text);
    JsonNode old = routed(before);
    assertEquals("billing", old.get("department").asText());
    int oldVersion = old.get("ruleSetVersion").asInt();

    Map<String, Object> rule =
        Map.of(
            "name", "auto-renewal-to-product",
            "keywords", List.of("自动续费"),
            "department", "product",
            "priority", "urgent");
    int version = createRuleSet(List.of(rule));
    as("admin")
        .post("/api/v1/rule-sets/" + version + "/validation")
        .then()
        .statusCode(200)
        .body("version", equalTo(version))
        .body("changed", greaterThan(0))
        .body("changes.departmentAfter", hasItem("product"))
        .body("candidate.accuracy", notNullValue())
        .body("acceptable", equalTo(true));
    as("agent").post("/api/v1/rule-sets/" + version + "/activation").then().statusCode(403);
    as("admin")
        .post("/api/v1/rule-sets/" + version + "/activation")
        .then()
        .statusCode(200)
        .body("acceptable", equalTo(true));
    as("admin").get("/api/v1/rule-sets/" + version).then().body("status", equalTo("active"));

    UUID after = Suite.publishComplaint(writer, complaints, "C-rules-2", "app", text);
    JsonNode now = routed(after);
    assertEquals("product", now.get("department").asText());
    assertEquals("urgent", now.get("priority").asText());
    assertEquals(version, now.get("ruleSetVersion").asInt());
    assertTrue(
        now.get("explanation").get("matchedRules").toString().contains("auto-renewal-to-product"));

    as("agent")
        .get("/api/v1/assignments/" + before)
        .then()
        .statusCode(200)
        .body("department", equalTo("billing"))
        .body("ruleSetVersion", equalTo(oldVersion));
  }

  @Test
  void aRuleSetThatWouldMisrouteIsNotActivated() {
    Map<String, Object> greedy =
        Map.of("name", "everything-is-consultation", "regex", ".", "problemType", "consultation");
    int version =
        as("admin")
            .body(Map.of("rules", List.of(greedy)))
            .post("/api/v1/rule-sets")
            .then()
            .statusCode(201)
            .extract()
            .path("version");
    as("admin")
        .post("/api/v1/rule-sets/" + version + "/activation")
        .then()
        .statusCode(422)
        .contentType("application/problem+json");
    as("admin").get("/api/v1/rule-sets/" + version).then().body("status", equalTo("draft"));
  }

  @Test
  void badRulesAndAgentsAreAnsweredWithTheFieldAtFault() {
    as("admin")
        .body(
            Map.of("rules", List.of(Map.of("name", "broken", "regex", "([", "priority", "urgent"))))
        .post("/api/v1/rule-sets")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("rules[0].regex"));
    as("admin")
        .body(
            Map.of(
                "rules",
                List.of(Map.of("name", "x", "keywords", List.of("a"), "problemType", "nonsense"))))
        .post("/api/v1/rule-sets")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("rules[0].problemType"));
    as("admin")
        .body(agent("tech-support", List.of("account-stolen"), -1, true))
        .put("/api/v1/agents/ts-new")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("capacity"));
    as("admin")
        .body(agent("nowhere", List.of(), 3, true))
        .put("/api/v1/agents/ts-new")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("department"));
    as("admin")
        .body(agent("tech-support", List.of("flying"), 3, true))
        .put("/api/v1/agents/ts-new")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("skills"));
    as("admin").body("{\"name\": ").put("/api/v1/agents/ts-new").then().statusCode(400);
    given().get("/api/v1/agents").then().statusCode(401);
    as("agent").get("/api/v1/agents").then().statusCode(403);
    as("agent")
        .get("/api/v1/assignments/not-a-uuid")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("complaintId"));
    as("agent").get("/api/v1/assignments/" + UUID.randomUUID()).then().statusCode(404);
  }

  @Test
  void aDryRunExplainsTheDecisionWithoutAssigningAnything() {
    int load =
        as("admin")
            .get("/api/v1/agents/bl-zhao")
            .then()
            .statusCode(200)
            .extract()
            .path("openComplaints");
    Map<String, Object> body = new HashMap<>();
    body.put("channel", "web-chat");
    body.put("customer", Map.of("id", "C-dry-1", "tier", "gold"));
    body.put("subject", "充值没到账");
    body.put("description", "充值1288元没到账，有扣款短信为证，请尽快处理");
    as("agent")
        .body(body)
        .post("/api/v1/routing/dry-run")
        .then()
        .statusCode(200)
        .body("department", equalTo("billing"))
        .body("agent", equalTo("bl-zhao"))
        .body("problemType", equalTo("money-lost"))
        .body("priority", equalTo("urgent"))
        .body("explanation.decidedBy", equalTo("rule"))
        .body("explanation.agentReason", notNullValue());
    as("admin").get("/api/v1/agents/bl-zhao").then().body("openComplaints", equalTo(load));

    body.put("channel", "fax");
    as("agent")
        .body(body)
        .post("/api/v1/routing/dry-run")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("channel"));
    body.put("channel", "phone");
    body.put("description", " ");
    as("agent")
        .body(body)
        .post("/api/v1/routing/dry-run")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("description"));
    as("channel").body(body).post("/api/v1/routing/dry-run").then().statusCode(403);
  }
}
