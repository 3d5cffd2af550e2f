package io.complaintsuite.intake.action;

import static io.complaintsuite.intake.support.IntakeApi.accountStolen;
import static io.complaintsuite.intake.support.IntakeApi.act;
import static io.complaintsuite.intake.support.IntakeApi.as;
import static io.complaintsuite.intake.support.IntakeApi.receive;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.intake.support.IntakeApi;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The complaint's whole life through the state machine, as agents and customers drive it. */
@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
class LifecycleTest {
  @ConfigProperty(name = "suite.topics.complaints")
  String complaintsTopic;

  @Test
  void fromReceiptToClosureEveryStepIsOnTheTimelineAndPublished() {
    String id = receive(accountStolen());
    // Routing's decision: from here on its assigned agent acts (IntakeApi.act).
    IntakeApi.assign(id, "account-security", "as-wang");

    act(id, "respond", Map.of("message", "您好，已收到您的反馈，正在为您冻结账户。"))
        .then()
        .statusCode(200)
        .body("status", equalTo("in_progress"))
        .body("respondedAt", notNullValue());
    act(id, "notes", Map.of("text", "已联系风控核实异地登录")).then().statusCode(200);
    act(id, "priority", Map.of("priority", "general", "reason", "资金已冻结，风险解除"))
        .then()
        .statusCode(200)
        .body("priority", equalTo("general"));
    act(id, "wait-for-customer", Map.of("reason", "请提供转账记录截图"))
        .then()
        .statusCode(200)
        .body("status", equalTo("waiting_for_customer"));
    as("channel")
        .body(Map.of("text", "截图已发到邮箱，请查收"))
        .post("/api/v1/complaints/" + id + "/messages")
        .then()
        .statusCode(201)
        .body("complaintStatus", equalTo("in_progress"));
    act(
            id,
            "resolve",
            Map.of(
                "summary", "已追回资金并退还原账户",
                "rootCause", "account-security",
                "compensation", Map.of("type", "coupon", "amount", 50, "note", "50元优惠券")))
        .then()
        .statusCode(200)
        .body("status", equalTo("resolved"))
        .body("resolution.compensation.amount", equalTo(50))
        .body("resolution.compensation.currency", equalTo("CNY"));
    as("channel")
        .body(Map.of("text", "钱只退回了一半，问题没解决", "reopen", true))
        .post("/api/v1/complaints/" + id + "/messages")
        .then()
        .statusCode(201)
        .body("complaintStatus", equalTo("in_progress"));
    act(id, "resolve", Map.of("summary", "剩余款项已退还", "rootCause", "account-security"))
        .then()
        .statusCode(200)
        .body("reopenCount", equalTo(1));
    act(id, "close", null).then().statusCode(200).body("status", equalTo("closed"));

    List<String> kinds =
        as("agent")
            .get("/api/v1/complaints/" + id + "/timeline")
            .then()
            .statusCode(200)
            .extract()
            .path("kind");
    assertEquals(
        List.of(
            "received",
            "assigned",
            "reply-to-customer",
            "responded",
            "internal-note",
            "priority-changed",
            "waiting-for-customer",
            "resumed",
            "message-from-customer",
            "resolved",
            "reopened",
            "message-from-customer",
            "resolved",
            "closed"),
        kinds);

    try (TopicReader reader = new TopicReader(complaintsTopic)) {
      List<TopicReader.Event> events =
          reader.await(e -> id.equals(e.key()), 12, Duration.ofSeconds(30));
      List<String> types = events.stream().map(e -> e.header("ce_type")).toList();
      assertEquals(
          List.of(
              "complaint.received",
              "complaint.message-added",
              "complaint.responded",
              "complaint.message-added",
              "complaint.priority-changed",
              "complaint.waiting-for-customer",
              "complaint.message-added",
              "complaint.resolved",
              "complaint.reopened",
              "complaint.message-added",
              "complaint.resolved",
              "complaint.closed"),
          types);
      for (TopicReader.Event event : events) {
        IntakeApi.validated(event);
      }
      JsonNode resolved = IntakeApi.validated(events.get(7));
      assertEquals("+86 138 0013 8000", resolved.get("contact").get("phone").asText());
      assertTrue(
          events.stream()
              .filter(e -> !e.header("ce_type").equals("complaint.resolved"))
              .noneMatch(e -> e.body().contains("138 0013")),
          "only complaint.resolved carries the contact");
    }
  }

  @Test
  void anActionTheStateDoesNotAllowIs409NamingTheStatesThatDo() {
    String id = receive(accountStolen());
    act(id, "close", null)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("allowed in: resolved"));
    act(id, "resolve", Map.of("summary", "x", "rootCause", "other"))
        .then()
        .statusCode(409)
        .body("detail", containsString("in_progress, waiting_for_customer"));
    act(id, "wait-for-customer", null).then().statusCode(409);
    act(id, "reopen", Map.of("reason", "再看看")).then().statusCode(409);
    act(id, "respond", null).then().statusCode(200);
    act(id, "respond", null)
        .then()
        .statusCode(409)
        .body("detail", containsString("allowed in: received"));
    act(id, "resolve", Map.of("summary", "已处理", "rootCause", "other")).then().statusCode(200);
    act(id, "close", null).then().statusCode(200);
    act(id, "reopen", Map.of("reason", "客户再次来电"))
        .then()
        .statusCode(409)
        .body("detail", containsString("final"));
    act(id, "reply", Map.of("text", "您好")).then().statusCode(409);
    as("channel")
        .body(Map.of("text", "还在吗"))
        .post("/api/v1/complaints/" + id + "/messages")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    act(id, "notes", Map.of("text", "已归档备注")).then().statusCode(200);
  }

  @Test
  void theFirstReplyIsTheFirstResponseAndAgentReopenWorks() {
    String id = receive(accountStolen());
    act(id, "reply", Map.of("text", "您好，我们正在处理"))
        .then()
        .statusCode(200)
        .body("status", equalTo("in_progress"));
    act(id, "resolve", Map.of("summary", "已处理", "rootCause", "other")).then().statusCode(200);
    act(id, "reopen", Map.of("reason", "客户回电表示未解决"))
        .then()
        .statusCode(200)
        .body("status", equalTo("in_progress"))
        .body("reopenCount", equalTo(1));
  }

  @Test
  void badActionBodiesNameTheirFields() {
    String id = receive(accountStolen());
    act(id, "respond", null).then().statusCode(200);
    act(id, "priority", Map.of("priority", "critical", "reason", "x"))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("priority"));
    act(id, "priority", Map.of("priority", "urgent"))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("reason"));
    act(id, "priority", Map.of("priority", "urgent", "reason", "same")).then().statusCode(400);
    act(
            id,
            "resolve",
            Map.of(
                "summary",
                "ok",
                "rootCause",
                "Bad Code",
                "compensation",
                Map.of("type", "refund", "amount", -5)))
        .then()
        .statusCode(400)
        .body("errors.field", org.hamcrest.Matchers.hasItems("rootCause", "compensation.amount"));
    act(id, "transfer-request", Map.of("reason", ""))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("reason"));
    act("channel", id, "respond", null).then().statusCode(403);
  }

  @Test
  void aTransferRequestIsCountedAndPublishedForRouting() {
    String id = receive(accountStolen());
    act(id, "transfer-request", Map.of("reason", "属于扣费问题，请转计费部门", "suggestedDepartment", "billing"))
        .then()
        .statusCode(200)
        .body("transferRequests", equalTo(1))
        .body("status", equalTo("received"));
    try (TopicReader reader = new TopicReader(complaintsTopic)) {
      TopicReader.Event event =
          reader
              .await(
                  e ->
                      id.equals(e.key())
                          && "complaint.transfer-requested".equals(e.header("ce_type")),
                  1,
                  Duration.ofSeconds(30))
              .get(0);
      assertEquals("billing", IntakeApi.validated(event).get("suggestedDepartment").asText());
    }
  }

  @Test
  void aReclassificationShowsOnTheWorkOrderAndIsPublishedForRouting() {
    String id = receive(accountStolen());
    act(id, "reclassify", Map.of("problemType", "Privacy Leak", "reason", "x"))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("problemType"));
    act(id, "reclassify", Map.of("problemType", "privacy-leak", "reason", ""))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("reason"));
    act(id, "reclassify", Map.of("problemType", "privacy-leak", "reason", "骗子知道订单信息，账号没有被登录"))
        .then()
        .statusCode(200)
        .body("problemType", equalTo("privacy-leak"))
        .body("status", equalTo("received"));
    act(id, "reclassify", Map.of("problemType", "privacy-leak", "reason", "again"))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("problemType"));
    try (TopicReader reader = new TopicReader(complaintsTopic)) {
      TopicReader.Event event =
          reader
              .await(
                  e -> id.equals(e.key()) && "complaint.reclassified".equals(e.header("ce_type")),
                  1,
                  Duration.ofSeconds(30))
              .get(0);
      var data = IntakeApi.validated(event);
      assertEquals("privacy-leak", data.get("problemType").asText());
      assertEquals("骗子知道订单信息，账号没有被登录", data.get("reason").asText());
    }
  }
}
