package io.complaintsuite.survey.answer;

import static io.complaintsuite.survey.support.SurveyApi.WAIT;
import static io.complaintsuite.survey.support.SurveyApi.as;
import static io.complaintsuite.survey.support.SurveyApi.at;
import static io.complaintsuite.survey.support.SurveyApi.awaitSurvey;
import static io.complaintsuite.survey.support.SurveyApi.instant;
import static io.complaintsuite.survey.support.SurveyApi.publish;
import static io.complaintsuite.survey.support.SurveyApi.resolved;
import static io.complaintsuite.survey.support.SurveyApi.send;
import static io.complaintsuite.survey.support.SurveyApi.surveys;
import static io.complaintsuite.survey.support.SurveyApi.tokenOf;
import static io.complaintsuite.survey.support.SurveyApi.validated;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.complaintsuite.survey.schedule.SurveySender;
import io.complaintsuite.survey.token.SurveyTokens;
import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The customer's link, page and answer, and the supervisors' call-backs, end to end. */
@QuarkusTest
@WithSuiteInfra(
    database = "survey",
    topics = {
      "complaints",
      "assignments",
      "sla-alerts",
      "surveys",
      "notifications",
      "survey-service.dlq"
    })
class AnswersAndCallbacksTest {
  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.surveys")
  String surveysTopic;

  @ConfigProperty(name = "suite.topics.notifications")
  String notifications;

  @Inject MutableClock clock;
  @Inject SurveySender sender;
  @Inject SurveyTokens tokens;

  /**
   * A resolved complaint whose survey went out; returns {complaintId, token from the real link}.
   */
  String[] sentSurvey(String priority) {
    String id = UUID.randomUUID().toString();
    clock.setShanghai("2026-11-23T10:00:00");
    ObjectNode r =
        resolved(id, "C-" + id.substring(0, 8), "13800138000", at("2026-11-23T10:00:00"));
    r.put("priority", priority);
    publish(complaints, id, "complaint.resolved", r.toString());
    awaitSurvey(id, 1);
    clock.setShanghai("2026-11-23T10:30:00");
    send(sender);
    try (TopicReader reader = new TopicReader(notifications)) {
      JsonNode n = validated(reader.await(e -> id.equals(e.key()), 1, WAIT).get(0));
      return new String[] {id, tokenOf(n.get("link").asText())};
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Response page(String token) {
    return given().get("/s/" + token);
  }

  static Response submit(String token, Map<String, String> form) {
    return given()
        .contentType("application/x-www-form-urlencoded; charset=UTF-8")
        .formParams(form)
        .post("/s/" + token);
  }

  @Test
  void theLinkOpensTheFormAndTheAnswerIsRecordedAndPublishedOnce() throws Exception {
    String[] sent = sentSurvey("general");
    String id = sent[0];
    String token = sent[1];
    page(token)
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .body(containsString("服务满意度回访"))
        .body(containsString(surveys(id).get(0).get("number").toString()))
        .body(containsString("<legend>1. 响应速度</legend>"))
        .body(containsString("非常不满意"))
        .body(containsString("<label for=\"comment\">"))
        .body(not(containsString("<script")));

    submit(
            token,
            Map.of(
                "responseSpeed",
                "5",
                "attitude",
                "4",
                "resolution",
                "4",
                "nps",
                "9",
                "comment",
                "处理及时，客服态度很好"))
        .then()
        .statusCode(200)
        .body(containsString("感谢您的评价"))
        .body(not(containsString("主管")));
    submit(token, Map.of("responseSpeed", "1", "attitude", "1", "resolution", "1"))
        .then()
        .statusCode(409)
        .body(containsString("您已提交过评价"));
    page(token).then().statusCode(409).body(containsString("您已提交过评价"));

    Map<String, Object> survey = surveys(id).get(0);
    assertEquals("answered", survey.get("state"));
    try (TopicReader reader = new TopicReader(surveysTopic)) {
      List<TopicReader.Event> answered =
          reader.await(
              e -> id.equals(e.key()) && "survey.answered".equals(e.header("ce_type")), 1, WAIT);
      JsonNode a = validated(answered.get(0));
      assertEquals(5, a.get("ratings").get("responseSpeed").asInt());
      assertEquals(4, a.get("ratings").get("attitude").asInt());
      assertEquals(9, a.get("nps").asInt());
      assertEquals("处理及时，客服态度很好", a.get("comment").asText());
      assertEquals("after-sales", a.get("department").asText());
      assertEquals("agent-zhangwei", a.get("agent").asText());
      assertEquals("phone", a.get("channel").asText());
      assertEquals("logistics", a.get("problemType").asText());
      assertEquals(
          1,
          reader
              .drain(
                  e -> id.equals(e.key()) && "survey.answered".equals(e.header("ce_type")),
                  Duration.ofSeconds(2))
              .size(),
          "the second submit published nothing");
    }
    assertEquals(
        List.of(),
        as("supervisor")
            .queryParam("complaintId", id)
            .get("/api/v1/callbacks")
            .jsonPath()
            .getList(""),
        "a good answer opens no call-back");
  }

  @Test
  void tamperedForgedExpiredAndUnknownLinksGetFriendlyPages() {
    String[] sent = sentSurvey("general");
    String token = sent[1];
    String[] parts = token.split("\\.");
    String longer =
        String.join(
            ".",
            parts[0],
            parts[1],
            parts[2],
            Long.toString(Long.parseLong(parts[3]) + 86400 * 30),
            parts[4]);
    String otherKey =
        new SurveyTokens(clock, List.of("evil:" + Base64.getEncoder().encodeToString(new byte[32])))
            .sign(parts[2], Instant.parse("2027-01-01T00:00:00Z"));
    for (String bad :
        List.of(
            longer,
            otherKey,
            token.substring(0, token.length() - 2) + "xx",
            "v1.nonsense",
            "%3Cscript%3E")) {
      page(bad)
          .then()
          .statusCode(404)
          .contentType(containsString("text/html"))
          .body(containsString("链接无效"))
          .body(not(containsString("Exception")));
      submit(bad, Map.of("responseSpeed", "5", "attitude", "5", "resolution", "5"))
          .then()
          .statusCode(404);
    }
    given()
        .accept("application/json")
        .get("/s/" + longer)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404));
    // Validly signed, but no such survey here.
    page(tokens.sign("SV-doesnotexist0000", Instant.parse("2027-01-01T00:00:00Z")))
        .then()
        .statusCode(410)
        .body(containsString("本次回访已结束"));

    Instant expiresAt = instant(surveys(sent[0]).get(0).get("expiresAt"));
    clock.set(expiresAt.minusSeconds(1));
    page(token).then().statusCode(200);
    clock.set(expiresAt);
    page(token).then().statusCode(410).body(containsString("链接已过期"));
    submit(token, Map.of("responseSpeed", "5", "attitude", "5", "resolution", "5"))
        .then()
        .statusCode(410)
        .body(containsString("链接已过期"));
    assertEquals("sent", surveys(sent[0]).get(0).get("state"), "nothing recorded");
  }

  @Test
  void aLinkAnswersOnlyItsOwnSurveyAndCannotBeGuessed() {
    String[] a = sentSurvey("general");
    String[] b = sentSurvey("general");
    String surveyOfB = surveys(b[0]).get(0).get("id").toString();
    String[] parts = a[1].split("\\.");
    // A's signature and expiry around B's survey id: the link of one complaint opening another's.
    String crossed = String.join(".", parts[0], parts[1], surveyOfB, parts[3], parts[4]);
    page(crossed).then().statusCode(404);
    submit(crossed, Map.of("responseSpeed", "1", "attitude", "1", "resolution", "1"))
        .then()
        .statusCode(404);
    // Guessing: well-formed links with random MACs for B's real survey id never get in.
    java.security.SecureRandom random = new java.security.SecureRandom();
    for (int i = 0; i < 200; i++) {
      byte[] mac = new byte[32];
      random.nextBytes(mac);
      String guess =
          String.join(
              ".",
              parts[0],
              parts[1],
              surveyOfB,
              parts[3],
              Base64.getUrlEncoder().withoutPadding().encodeToString(mac));
      submit(guess, Map.of("responseSpeed", "1", "attitude", "1", "resolution", "1"))
          .then()
          .statusCode(404);
    }
    assertEquals("sent", surveys(b[0]).get(0).get("state"), "B's survey was not touched");

    submit(a[1], Map.of("responseSpeed", "5", "attitude", "5", "resolution", "5"))
        .then()
        .statusCode(200);
    assertEquals("answered", surveys(a[0]).get(0).get("state"));
    assertEquals("sent", surveys(b[0]).get(0).get("state"), "answering A left B open");
    submit(a[1], Map.of("responseSpeed", "1", "attitude", "1", "resolution", "1"))
        .then()
        .statusCode(409);
    // B's own link still works.
    page(b[1]).then().statusCode(200);
  }

  @Test
  void badInputNamesTheFieldAndStoresNothing() {
    String[] sent = sentSurvey("general");
    String token = sent[1];
    Map<String, String> bad =
        Map.of("responseSpeed", "5", "resolution", "7", "nps", "11", "comment", "太".repeat(501));
    submit(token, bad)
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        .body(containsString("请为“服务态度”打分"))
        .body(containsString("“解决效果”的评分须为 1 到 5 分"))
        .body(containsString("推荐意愿请选择 0 到 10 之间的分数"))
        .body(containsString("意见建议最多 500 个字"))
        .body(containsString("aria-invalid=\"true\""))
        .body(containsString("value=\"5\" required checked"));
    given()
        .accept("application/json")
        .contentType("application/x-www-form-urlencoded; charset=UTF-8")
        .formParams(bad)
        .post("/s/" + token)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", equalTo(List.of("attitude", "resolution", "nps", "comment")));
    assertEquals("sent", surveys(sent[0]).get(0).get("state"));
    submit(
            token,
            Map.of(
                "responseSpeed",
                "5",
                "attitude",
                "5",
                "resolution",
                "5",
                "comment",
                "太".repeat(500)))
        .then()
        .statusCode(200);
  }

  @Test
  void concurrentSubmitsRecordOneAnswer() throws Exception {
    String[] sent = sentSurvey("general");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String score = Integer.toString(1 + i % 5);
      calls.add(
          () ->
              submit(sent[1], Map.of("responseSpeed", score, "attitude", "3", "resolution", "3"))
                  .statusCode());
    }
    List<Integer> codes = new ArrayList<>();
    for (Future<Integer> f : pool.invokeAll(calls)) {
      codes.add(f.get());
    }
    pool.shutdown();
    assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes.toString());
    assertEquals(7, codes.stream().filter(c -> c == 409).count(), codes.toString());
    try (TopicReader reader = new TopicReader(surveysTopic)) {
      assertEquals(
          1,
          reader
              .drain(
                  e -> sent[0].equals(e.key()) && "survey.answered".equals(e.header("ce_type")),
                  Duration.ofSeconds(3))
              .size());
    }
  }

  @Test
  void aPoorAnswerOpensACallbackThatASupervisorClaimsAndCompletes() throws Exception {
    String[] sent = sentSurvey("general");
    String id = sent[0];
    clock.setShanghai("2026-11-23T11:00:00");
    submit(sent[1], Map.of("responseSpeed", "4", "attitude", "3", "resolution", "2", "nps", "8"))
        .then()
        .statusCode(200)
        .body(containsString("客服主管将尽快与您联系"));
    List<Map<String, Object>> tasks =
        as("supervisor")
            .queryParam("complaintId", id)
            .get("/api/v1/callbacks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("");
    assertEquals(1, tasks.size());
    Map<String, Object> task = tasks.get(0);
    assertEquals(List.of("poor-answer"), task.get("reasons"));
    assertEquals("open", task.get("state"));
    assertEquals("after-sales", task.get("department"));
    assertEquals("13800138000", task.get("phone"));
    assertEquals(surveys(id).get(0).get("id"), task.get("surveyId"));
    assertEquals(instant(at("2026-11-24T11:00:00")), instant(task.get("dueAt")));
    String taskId = task.get("id").toString();

    given().get("/api/v1/callbacks").then().statusCode(401);
    as("agent").get("/api/v1/callbacks").then().statusCode(403);
    as("agent").post("/api/v1/callbacks/" + taskId + "/claim").then().statusCode(403);
    String liu = Tokens.forUser("supervisor-liu", "supervisor");
    String chen = Tokens.forUser("supervisor-chen", "supervisor");
    given()
        .auth()
        .oauth2(liu)
        .contentType("application/json")
        .body("{\"outcome\":\"reached\"}")
        .post("/api/v1/callbacks/" + taskId + "/complete")
        .then()
        .statusCode(409)
        .body("detail", containsString("claim"));
    given()
        .auth()
        .oauth2(liu)
        .post("/api/v1/callbacks/" + taskId + "/claim")
        .then()
        .statusCode(200)
        .body("state", equalTo("claimed"))
        .body("claimedBy", equalTo("supervisor-liu"));
    given()
        .auth()
        .oauth2(liu)
        .post("/api/v1/callbacks/" + taskId + "/claim")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(chen)
        .post("/api/v1/callbacks/" + taskId + "/claim")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("supervisor-liu"));
    given()
        .auth()
        .oauth2(chen)
        .contentType("application/json")
        .body("{\"outcome\":\"reached\"}")
        .post("/api/v1/callbacks/" + taskId + "/complete")
        .then()
        .statusCode(409);
    given()
        .auth()
        .oauth2(liu)
        .contentType("application/json")
        .body("{\"outcome\":\"maybe\"}")
        .post("/api/v1/callbacks/" + taskId + "/complete")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("outcome"));
    given()
        .auth()
        .oauth2(liu)
        .contentType("application/json")
        .body("{\"outcome\":\"reached\",\"note\":\"" + "很".repeat(2001) + "\"}")
        .post("/api/v1/callbacks/" + taskId + "/complete")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("note"));
    clock.setShanghai("2026-11-23T16:05:00");
    given()
        .auth()
        .oauth2(liu)
        .contentType("application/json")
        .body("{\"outcome\":\"reached\",\"note\":\"已致电客户致歉，客户表示理解\"}")
        .post("/api/v1/callbacks/" + taskId + "/complete")
        .then()
        .statusCode(200)
        .body("state", equalTo("completed"))
        .body("outcome", equalTo("reached"))
        .body("completedBy", equalTo("supervisor-liu"))
        .body("overdue", equalTo(false));
    given()
        .auth()
        .oauth2(liu)
        .contentType("application/json")
        .body("{\"outcome\":\"reached\"}")
        .post("/api/v1/callbacks/" + taskId + "/complete")
        .then()
        .statusCode(409);
    as("supervisor")
        .queryParam("state", "completed")
        .get("/api/v1/callbacks")
        .then()
        .statusCode(200)
        .body("id", org.hamcrest.Matchers.hasItem(taskId));
    as("supervisor")
        .queryParam("state", "done")
        .get("/api/v1/callbacks")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("state"));
    as("supervisor").get("/api/v1/callbacks/" + UUID.randomUUID()).then().statusCode(404);

    try (TopicReader reader = new TopicReader(surveysTopic)) {
      JsonNode opened =
          validated(
              reader
                  .await(
                      e ->
                          id.equals(e.key())
                              && "survey.callback-opened".equals(e.header("ce_type")),
                      1,
                      WAIT)
                  .get(0));
      assertEquals(List.of("poor-answer"), List.of(opened.get("reasons").get(0).asText()));
      JsonNode done =
          validated(
              reader
                  .await(
                      e ->
                          id.equals(e.key())
                              && "survey.callback-completed".equals(e.header("ce_type")),
                      1,
                      WAIT)
                  .get(0));
      assertEquals("reached", done.get("outcome").asText());
      assertEquals("supervisor-liu", done.get("completedBy").asText());
      assertFalse(opened.has("phone"));
    }
  }

  @Test
  void aPoorAnswerOnAnUrgentComplaintJoinsItsOpenCallback() {
    String[] sent = sentSurvey("urgent");
    submit(sent[1], Map.of("responseSpeed", "5", "attitude", "5", "resolution", "5", "nps", "3"))
        .then()
        .statusCode(200);
    List<Map<String, Object>> tasks =
        as("supervisor")
            .queryParam("complaintId", sent[0])
            .get("/api/v1/callbacks")
            .jsonPath()
            .getList("");
    assertEquals(1, tasks.size(), "one call-back, both reasons");
    assertEquals(List.of("urgent", "poor-answer"), tasks.get(0).get("reasons"));
    assertTrue(tasks.get(0).get("surveyId").toString().startsWith("SV-"));
  }
}
