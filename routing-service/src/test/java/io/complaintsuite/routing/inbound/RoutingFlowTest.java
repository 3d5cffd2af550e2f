package io.complaintsuite.routing.inbound;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.routing.Suite;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** complaint events in, assignment events out, on the real broker and database. */
@QuarkusTest
@WithSuiteInfra(
    database = "routing",
    topics = {"complaints", "assignments", "sla-alerts", "routing-service.dlq"})
class RoutingFlowTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @ConfigProperty(name = "suite.topics.routing-service.dlq")
  String dlq;

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

  private JsonNode assignment(UUID id, String type, int nth) throws Exception {
    List<TopicReader.Event> events =
        reader.await(
            e -> id.toString().equals(e.key()) && type.equals(e.header("ce_type")), nth, WAIT);
    return Suite.validData(events.get(nth - 1));
  }

  @Test
  void aComplaintEventBecomesAnExplainedAssignmentEvent() throws Exception {
    UUID id =
        Suite.publishComplaint(
            writer, complaints, "C-flow-1", "web-chat", "快递显示已签收但我根本没收到，联系快递公司也没人管，运单号YT88231");
    TopicReader.Event event = reader.await(e -> id.toString().equals(e.key()), 1, WAIT).get(0);
    assertEquals("assignment.created", event.header("ce_type"));
    assertEquals("/routing-service", event.header("ce_source"));
    assertEquals(id.toString(), event.header("ce_subject"));
    assertTrue(event.header("ce_dataschema").endsWith("docs/events/assignment.created.v1.json"));
    JsonNode data = Suite.validData(event);
    assertEquals("complaint.received", data.get("cause").asText());
    assertEquals("logistics", data.get("department").asText());
    assertEquals("lg-yang", data.get("agent").asText());
    assertEquals("delivery", data.get("problemType").asText());
    assertEquals("general", data.get("priority").asText());
    assertEquals(1, data.get("ruleSetVersion").asInt());
    JsonNode explanation = data.get("explanation");
    assertEquals("classifier", explanation.get("decidedBy").asText());
    assertFalse(explanation.get("topFeatures").isEmpty(), "the words that decided: " + explanation);
    assertTrue(explanation.get("agentReason").asText().contains("lg-yang"), explanation.toString());
    assertTrue(data.get("confidence").asDouble() > 0.3, data.toString());

    given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .get("/api/v1/assignments/" + id)
        .then()
        .statusCode(200)
        .body("department", equalTo("logistics"))
        .body("agent", equalTo("lg-yang"))
        .body("status", equalTo("assigned"))
        .body("decision.explanation.decidedBy", equalTo("classifier"))
        .body("decision.explanation.agentReason", equalTo(explanation.get("agentReason").asText()));
  }

  @Test
  void theAssignmentContinuesTheComplaintsTrace() throws Exception {
    // intake's relay sends the complaint event with its trace context; routing's assignment event
    // must belong to the same trace, so one complaint's path across services is one trace.
    UUID id = UUID.randomUUID();
    String traceId = UUID.randomUUID().toString().replace("-", "");
    writer.raw(
        complaints,
        id.toString(),
        Suite.received(id, "C-trace-1", "web-chat", "快递没收到", "快递显示已签收但我根本没收到，运单号YT10001"),
        "ce_specversion",
        "1.0",
        "ce_id",
        UUID.randomUUID().toString(),
        "ce_type",
        "complaint.received",
        "ce_source",
        "/intake-service",
        "ce_subject",
        id.toString(),
        "content-type",
        "application/json",
        "traceparent",
        "00-" + traceId + "-a3ce929d0e0e4736-01");
    TopicReader.Event event = reader.await(e -> id.toString().equals(e.key()), 1, WAIT).get(0);
    String traceparent = event.header("traceparent");
    assertTrue(traceparent != null && traceparent.split("-")[1].equals(traceId), "" + traceparent);
  }

  @Test
  void anAccountStolenComplaintIsUrgentAndDecidedByARule() throws Exception {
    UUID id =
        Suite.publishComplaint(
            writer, complaints, "C-flow-2", "phone", "今天早上收到短信说我的帐户在异地登录，随后余额被转走了2000元！请马上冻结账户");
    JsonNode data = assignment(id, "assignment.created", 1);
    assertEquals("tech-support", data.get("department").asText());
    assertEquals("account-stolen", data.get("problemType").asText());
    assertEquals("urgent", data.get("priority").asText());
    assertEquals("rule", data.get("explanation").get("decidedBy").asText());
    assertTrue(data.get("explanation").get("rule").asText().startsWith("account-stolen-phrases"));
    assertEquals(1.0, data.get("confidence").asDouble());
    assertFalse(data.get("queued").asBoolean());
  }

  @Test
  void aPublicOpinionThreatIsUrgentAndAlsoGoesToPrAndLegal() throws Exception {
    UUID id =
        Suite.publishComplaint(
            writer,
            complaints,
            "C-flow-3",
            "social-media",
            "刚买的洗衣机用了3天就坏了，售后一直拖着不修。再不处理我就打12315投诉，还要找媒体曝光你们！");
    JsonNode data = assignment(id, "assignment.created", 1);
    assertEquals("after-sales", data.get("department").asText());
    assertEquals("urgent", data.get("priority").asText(), "a risk makes it urgent");
    JsonNode risk = data.get("risk");
    assertTrue(risk.get("flagged").asBoolean());
    List<String> evidence = new ArrayList<>();
    risk.get("evidence").forEach(e -> evidence.add(e.get("term").asText()));
    assertTrue(evidence.contains("12315") && evidence.contains("曝光"), evidence.toString());
    List<String> also = new ArrayList<>();
    risk.get("alsoRoutedTo").forEach(d -> also.add(d.asText()));
    assertEquals(List.of("legal", "pr"), also);
    assertTrue(
        data.get("explanation").get("priorityReasons").toString().contains("public-opinion risk"));
  }

  @Test
  void aRedeliveredEventIsAppliedOnce() throws Exception {
    UUID id = UUID.randomUUID();
    String eventId = UUID.randomUUID().toString();
    String data = Suite.received(id, "C-flow-4", "email", "发票开错了", "发票金额开错了，请重新开一张，账单号BILL-2231");
    writer.publish(
        complaints, id.toString(), eventId, "complaint.received", "/intake-service", data);
    writer.publish(
        complaints, id.toString(), eventId, "complaint.received", "/intake-service", data);
    // A replay under another event id must not route the complaint twice either.
    writer.publish(complaints, id.toString(), "complaint.received", "/intake-service", data);
    assignment(id, "assignment.created", 1);
    List<TopicReader.Event> all =
        reader.drain(e -> id.toString().equals(e.key()), Duration.ofSeconds(3));
    assertEquals(1, all.size(), "one assignment for three deliveries");
  }

  @Test
  void aPoisonRecordIsDeadLetteredAndTheNextComplaintIsRouted() throws Exception {
    String poisonKey = "poison-" + UUID.randomUUID();
    writer.raw(
        complaints,
        poisonKey,
        "{not json",
        "ce_specversion",
        "1.0",
        "ce_id",
        UUID.randomUUID().toString(),
        "ce_type",
        "complaint.received",
        "ce_source",
        "/broken");
    UUID next =
        Suite.publishComplaint(
            writer, complaints, "C-flow-5", "app", "APP一打开就闪退，已经卸载重装了还是一样，版本号v5.0");
    JsonNode data = assignment(next, "assignment.created", 1);
    assertEquals("tech-support", data.get("department").asText());
    try (TopicReader dead = new TopicReader(dlq)) {
      TopicReader.Event record = dead.await(e -> poisonKey.equals(e.key()), 1, WAIT).get(0);
      assertEquals("{not json", record.body());
      assertNotNull(record.header("dead-letter-reason"), record.headers().toString());
    }
  }

  @Test
  void aTransferBackIsRefusedUnlessASupervisorForcesIt() throws Exception {
    UUID id =
        Suite.publishComplaint(
            writer, complaints, "C-flow-6", "web-chat", "账号被人盗了，密码被改了，绑定的银行卡也有风险");
    assertEquals(
        "tech-support", assignment(id, "assignment.created", 1).get("department").asText());

    writer.publish(
        complaints,
        id.toString(),
        "complaint.transfer-requested",
        "/intake-service",
        Suite.transferRequested(id, "ts-li", "billing", "tech-support", "钱被盗刷，需要账务部追回资金"));
    JsonNode moved = assignment(id, "assignment.created", 2);
    assertEquals("transfer", moved.get("cause").asText());
    assertEquals("billing", moved.get("department").asText());
    assertEquals("tech-support", moved.get("previousDepartment").asText());
    assertEquals(1, moved.get("transferCount").asInt());
    assertEquals("钱被盗刷，需要账务部追回资金", moved.get("explanation").get("transferReason").asText());

    writer.publish(
        complaints,
        id.toString(),
        "complaint.transfer-requested",
        "/intake-service",
        Suite.transferRequested(id, "bl-zhao", "tech-support", "billing", "这是账号安全问题，不归我们"));
    JsonNode refused = assignment(id, "assignment.transfer-refused", 1);
    assertEquals("tech-support", refused.get("requestedDepartment").asText());
    assertEquals("billing", refused.get("currentDepartment").asText());
    assertTrue(refused.get("reason").asText().contains("already had"), refused.toString());

    Map<String, Object> back = Map.of("department", "tech-support", "reason", "主管决定由技术支持跟进");
    given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .contentType(ContentType.JSON)
        .body(back)
        .post("/api/v1/assignments/" + id + "/transfers")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(Tokens.forRole("supervisor"))
        .contentType(ContentType.JSON)
        .body(back)
        .post("/api/v1/assignments/" + id + "/transfers")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(Tokens.forRole("supervisor"))
        .contentType(ContentType.JSON)
        .body(Map.of("department", "tech-support", "reason", "主管决定由技术支持跟进", "force", true))
        .post("/api/v1/assignments/" + id + "/transfers")
        .then()
        .statusCode(200)
        .body("department", equalTo("tech-support"))
        .body("transferCount", equalTo(2))
        .body("decision.explanation.decidedBy", equalTo("forced-transfer"));
    assertEquals(
        "tech-support", assignment(id, "assignment.created", 3).get("department").asText());
  }

  @Test
  void aReturningCustomerGetsTheAgentOfTheirRecentComplaint() throws Exception {
    UUID first =
        Suite.publishComplaint(writer, complaints, "C-flow-7", "app", "收不到短信验证码，换了WiFi也不行");
    String agent = assignment(first, "assignment.created", 1).get("agent").asText();
    UUID second =
        Suite.publishComplaint(writer, complaints, "C-flow-7", "app", "小程序里的按钮点了没反应，清了缓存也没用");
    JsonNode data = assignment(second, "assignment.created", 1);
    assertEquals(agent, data.get("agent").asText());
    assertTrue(
        data.get("explanation").get("agentReason").asText().startsWith("sticky"),
        data.get("explanation").toString());
  }
}
