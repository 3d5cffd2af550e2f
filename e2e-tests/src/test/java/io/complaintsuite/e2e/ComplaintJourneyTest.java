package io.complaintsuite.e2e;

import static io.complaintsuite.e2e.Api.WAIT;
import static io.complaintsuite.e2e.Api.as;
import static io.complaintsuite.e2e.Api.asUser;
import static io.complaintsuite.e2e.Api.awaitJson;
import static io.complaintsuite.e2e.Api.instant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.testsupport.Browser;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * One complaint's whole life across the five real service processes, on their shared moved clock: a
 * web-chat integration posts it; routing classifies and assigns it, knowledge suggests articles,
 * sla-service starts its timers and raises a warning and then a breach as the clock passes them
 * (routing escalates); the agent responds and resolves it; 30 minutes later survey-service sends
 * the link, the customer answers it poorly in headless Chromium, a supervisor call-back opens and
 * is completed; intake's timeline, the KPIs, the survey results and the daily report show all of
 * it. Every check is what a user of an API (or a consumer of a topic) sees.
 */
@ExtendWith(RunningSuite.class)
class ComplaintJourneyTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final String AGENT = "lg-yang"; // the logistics department's only agent (seed)

  @Test
  void aComplaintFromReceiptToTheDailyReport(ServiceProcesses suite) throws Exception {
    String intake = suite.url("intake-service");
    String routing = suite.url("routing-service");
    String sla = suite.url("sla-service");
    String survey = suite.url("survey-service");

    // A week ahead, 09:30 in Shanghai: the whole journey stays out of the survey's quiet hours.
    LocalDate day = LocalDate.now(SHANGHAI).plusDays(7);
    Instant start = day.atTime(LocalTime.of(9, 30)).atZone(SHANGHAI).toInstant();
    suite.setClock(start);

    // The SLA manager makes general complaints due for a first response within an hour (24x7).
    as("admin", sla)
        .contentType("application/json")
        .body(
            Map.of(
                "responseMinutes",
                60,
                "responseCalendar",
                "24x7",
                "resolutionMinutes",
                480,
                "resolutionCalendar",
                "24x7"))
        .post("/api/v1/policies/general")
        .then()
        .statusCode(201);

    // The web-chat integration and the SMS gateway are connected: the customer hears from us.
    String secret =
        "whsec_"
            + java.util.Base64.getEncoder()
                .encodeToString(
                    new byte[] {
                      11, 22, 33, 44, 55, 66, 77, 88, 99, 10, 20, 30, 40, 50, 60, 70, 80, 90, 1, 2,
                      3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16
                    });
    try (WebhookReceiver chat = new WebhookReceiver(suite::now, secret);
        WebhookReceiver sms = new WebhookReceiver(suite::now, secret);
        TopicReader knowledgeTopic = new TopicReader(suite.topic("knowledge"));
        TopicReader alertsTopic = new TopicReader(suite.topic("sla-alerts"));
        TopicReader notificationsTopic = new TopicReader(suite.topic("notifications"));
        TopicReader surveysTopic = new TopicReader(suite.topic("surveys"))) {

      Api.connect(
          intake,
          "journey web chat " + System.nanoTime(),
          "web-chat",
          chat,
          secret,
          List.of("receipt", "reply", "waiting-for-customer", "resolved", "reopened", "closed"));
      Api.connect(
          intake,
          "journey sms " + System.nanoTime(),
          "sms",
          sms,
          secret,
          List.of("survey-invitation"));

      // 1. Contact: the web-chat integration posts the complaint; 201 once it is stored.
      JsonPath posted =
          as("channel", intake)
              .contentType("application/json")
              .header("Idempotency-Key", "e2e-journey-1")
              .body(
                  """
                  {"channel":"web-chat","externalId":"CHAT-E2E-1",
                   "customer":{"id":"C-100233","name":"王丽","phone":"13800138000"},
                   "subject":"快递显示已签收但没收到",
                   "description":"快递显示昨天已签收，但我根本没收到包裹，联系物流也没人管，要求尽快处理。",
                   "urgency":"general"}
                  """)
              .post("/api/v1/complaints")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath();
      String id = posted.getString("id");
      Instant received = instant(posted.get("receivedAt"));
      assertEquals("received", posted.getString("status"));
      assertTrue(
          posted
              .getString("number")
              .startsWith("TS" + day.format(DateTimeFormatter.BASIC_ISO_DATE)),
          "numbered on the moved clock's day: " + posted.getString("number"));

      // ... and the customer's chat window shows the receipt with the number, once routing set
      // the priority (general: "within 24 hours").
      String number = posted.getString("number");
      org.awaitility.Awaitility.await().atMost(WAIT).until(() -> chat.accepted.size() == 1);
      WebhookReceiver.Accepted receipt = chat.accepted.get(0);
      assertEquals("receipt", receipt.kind());
      assertEquals("CHAT-E2E-1", receipt.payload().at("/data/externalId").asText());
      assertTrue(receipt.text().contains("工单号 " + number), receipt.text());
      assertTrue(receipt.text().contains("我们将在24小时内联系您"), receipt.text());

      // 2. Routing classifies it as a delivery problem and assigns the logistics agent, with why.
      JsonPath assignment = awaitJson("agent", routing, "/api/v1/assignments/" + id, a -> true);
      assertEquals("logistics", assignment.getString("department"));
      assertEquals(AGENT, assignment.getString("agent"));
      assertEquals("delivery", assignment.getString("problemType"));
      assertEquals("general", assignment.getString("priority"));
      assertNotNull(assignment.get("decision"), "the decision explains itself");
      // ... and the work order in intake shows it.
      JsonPath workOrder =
          awaitJson(
              "agent",
              intake,
              "/api/v1/complaints/" + id,
              c -> "logistics".equals(c.getString("department")));
      assertEquals(AGENT, workOrder.getString("agent"));
      assertEquals("delivery", workOrder.getString("problemType"));

      // 3. Knowledge suggests articles for the agent, on its topic, keyed by the complaint.
      JsonNode suggested =
          EventSchemas.valid(
              knowledgeTopic.await(e -> id.equals(e.key()), 1, WAIT).get(0),
              "knowledge.suggested",
              "knowledge-service");
      assertEquals(
          "delivery-signed-not-received", suggested.at("/suggestions/0/slug").asText(), "best");

      // 4. sla-service runs both timers on the new policy: response due at 10:30.
      List<Map<String, Object>> timers = awaitTimers(sla, id, 2);
      Map<String, Object> response = timer(timers, "response");
      assertEquals("running", response.get("state"));
      assertEquals(2, response.get("policyVersion"));
      assertEquals(60, response.get("targetMinutes"));
      assertEquals(received.plus(Duration.ofMinutes(60)), instant(response.get("deadlineAt")));
      assertEquals(received.plus(Duration.ofMinutes(48)), instant(response.get("warnAt")));
      assertEquals("running", timer(timers, "resolution").get("state"));

      // 5. Time passes without a response. At 10:17 (47 min) nothing is due yet ...
      suite.setClock(start.plus(Duration.ofMinutes(47)));
      Thread.sleep(2500); // two ticks of the checker (every second here)
      assertEquals(0, alerts(sla, id).size(), "no alert before 80 % of the target");
      // ... at 10:19 the agent is warned ...
      suite.setClock(start.plus(Duration.ofMinutes(49)));
      Map<String, Object> warning = awaitAlert(sla, id, "warning");
      assertEquals("response", warning.get("timer"));
      assertEquals("agent", warning.get("recipientRole"));
      assertEquals(AGENT, warning.get("recipient"));
      // ... and at 10:31 the response is breached: the department's supervisor is alerted.
      suite.setClock(start.plus(Duration.ofMinutes(61)));
      Map<String, Object> breach = awaitAlert(sla, id, "breached");
      assertEquals("supervisor", breach.get("recipientRole"));
      assertEquals("logistics", breach.get("department"));
      assertEquals(2, alerts(sla, id).size(), "one warning, one breach");
      EventSchemas.valid(
          alertsTopic.await(e -> id.equals(e.key()) && is(e, "sla.warning"), 1, WAIT).get(0),
          "sla.warning",
          "sla-service");
      EventSchemas.valid(
          alertsTopic.await(e -> id.equals(e.key()) && is(e, "sla.breached"), 1, WAIT).get(0),
          "sla.breached",
          "sla-service");
      // Routing escalates the breached complaint (the on-duty agent keeps it).
      JsonPath escalated =
          awaitJson(
              "supervisor",
              routing,
              "/api/v1/assignments/" + id,
              a -> a.getInt("escalationLevel") == 1);
      assertEquals(AGENT, escalated.getString("agent"));

      // 6. The agent responds at 10:35 and resolves at 11:00 with root cause and compensation.
      suite.setClock(start.plus(Duration.ofMinutes(65)));
      asUser(AGENT, "agent", intake)
          .contentType("application/json")
          .body(Map.of("message", "您好，已收到您的反馈，正在联系快递公司调取签收记录。"))
          .post("/api/v1/complaints/" + id + "/actions/respond")
          .then()
          .statusCode(200)
          .body("status", org.hamcrest.Matchers.equalTo("in_progress"));
      suite.setClock(start.plus(Duration.ofMinutes(90)));
      JsonPath resolved =
          asUser(AGENT, "agent", intake)
              .contentType("application/json")
              .body(
                  """
              {"summary":"快递误投，已补发并赔付","rootCause":"logistics-misdelivery",
               "compensation":{"type":"coupon","amount":20,"currency":"CNY"}}
              """)
              .post("/api/v1/complaints/" + id + "/actions/resolve")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertEquals("resolved", resolved.getString("status"));
      Instant resolvedAt = instant(resolved.get("resolvedAt"));
      List<Map<String, Object>> met =
          awaitTimers(sla, id, t -> "met".equals(timer(t, "resolution").get("state")));
      assertEquals("met", timer(met, "response").get("state"));

      // 7. The survey is due 30 minutes after the resolution; at 11:31 the sender sends it.
      JsonPath scheduled =
          awaitJson(
              "supervisor",
              survey,
              "/api/v1/surveys?complaintId=" + id,
              s -> s.getList("$").size() == 1);
      assertEquals("scheduled", scheduled.getString("[0].state"));
      assertEquals(resolvedAt.plus(Duration.ofMinutes(30)), instant(scheduled.get("[0].dueAt")));
      suite.setClock(start.plus(Duration.ofMinutes(121)));
      JsonPath sent =
          awaitJson(
              "supervisor",
              survey,
              "/api/v1/surveys?complaintId=" + id,
              s -> "sent".equals(s.getString("[0].state")));
      assertEquals("sms", sent.getString("[0].delivery"));
      JsonNode notification =
          EventSchemas.valid(
              notificationsTopic.await(e -> id.equals(e.key()), 1, WAIT).get(0),
              "notification.requested",
              "survey-service");
      assertEquals("survey-invitation", notification.get("purpose").asText());
      assertEquals("13800138000", notification.at("/recipient/phone").asText());
      String link = notification.get("link").asText();
      assertTrue(link.startsWith(survey + "/s/"), link);
      assertTrue(notification.get("text").asText().contains(link), "the SMS text carries the link");
      // The SMS gateway got it, with the phone number it needs and the link.
      org.awaitility.Awaitility.await().atMost(WAIT).until(() -> sms.accepted.size() == 1);
      WebhookReceiver.Accepted invitation = sms.accepted.get(0);
      assertEquals("survey-invitation", invitation.kind());
      assertEquals("13800138000", invitation.payload().at("/data/customer/phone").asText());
      assertEquals(link, invitation.payload().at("/data/link").asText());
      assertTrue(invitation.text().contains(link), invitation.text());

      // 8. The customer opens the link on a phone and answers: slow, rude, not solved.
      try (Browser browser = Browser.phone()) {
        WebDriver page = browser.driver();
        page.get(link);
        assertEquals("服务满意度回访", page.getTitle());
        page.findElement(By.cssSelector("input[name=responseSpeed][value='1']")).click();
        page.findElement(By.cssSelector("input[name=attitude][value='2']")).click();
        page.findElement(By.cssSelector("input[name=resolution][value='1']")).click();
        page.findElement(By.cssSelector("input[name=nps][value='3']")).click();
        page.findElement(By.id("comment")).sendKeys("等了一个多小时才有人回复，包裹到现在也没找到。");
        browser.screenshot("e2e-survey-filled");
        browser.submitAndAwaitTitle(By.cssSelector("button[type=submit]"), "感谢您的评价");
        assertEquals("感谢您的评价！", page.findElement(By.tagName("h1")).getText());
        browser.screenshot("e2e-survey-thank-you");
      }
      JsonNode answered =
          EventSchemas.valid(
              surveysTopic
                  .await(e -> id.equals(e.key()) && is(e, "survey.answered"), 1, WAIT)
                  .get(0),
              "survey.answered",
              "survey-service");
      assertEquals("logistics", answered.get("department").asText());
      assertEquals(1, answered.at("/ratings/responseSpeed").asInt());

      // 9. The poor score opens a call-back for the logistics supervisor, who makes it.
      JsonPath callbacks =
          awaitJson(
              "supervisor",
              survey,
              "/api/v1/callbacks?complaintId=" + id,
              c -> c.getList("$").size() == 1);
      assertEquals("open", callbacks.getString("[0].state"));
      assertEquals(List.of("poor-answer"), callbacks.getList("[0].reasons"));
      assertEquals("logistics", callbacks.getString("[0].department"));
      assertEquals("13800138000", callbacks.getString("[0].phone"));
      String callback = callbacks.getString("[0].id");
      asUser("sup-zhou", "supervisor", survey)
          .post("/api/v1/callbacks/" + callback + "/claim")
          .then()
          .statusCode(200);
      asUser("sup-zhou", "supervisor", survey)
          .contentType("application/json")
          .body(Map.of("outcome", "reached", "note", "已致电客户致歉，补发包裹已送达"))
          .post("/api/v1/callbacks/" + callback + "/complete")
          .then()
          .statusCode(200)
          .body("state", org.hamcrest.Matchers.equalTo("completed"));
      surveysTopic.await(e -> id.equals(e.key()) && is(e, "survey.callback-completed"), 1, WAIT);

      // 10. The agent closes the work order; its timeline tells the whole story in order.
      asUser(AGENT, "agent", intake)
          .contentType("application/json")
          .post("/api/v1/complaints/" + id + "/actions/close")
          .then()
          .statusCode(200);
      JsonPath timeline =
          awaitJson(
              "agent",
              intake,
              "/api/v1/complaints/" + id + "/timeline",
              t -> t.getList("kind").contains("survey-answered"));
      List<String> kinds = timeline.getList("kind");
      // The chat window got, in order and once each: receipt, the agent's words, the resolution,
      // the closure; every request signed; the SMS gateway only the invitation.
      org.awaitility.Awaitility.await().atMost(WAIT).until(() -> chat.accepted.size() == 4);
      assertEquals(
          List.of("receipt", "reply", "resolved", "closed"),
          chat.accepted.stream().map(WebhookReceiver.Accepted::kind).toList());
      assertTrue(chat.accepted.get(1).text().contains("正在联系快递公司调取签收记录"));
      assertTrue(chat.accepted.get(2).text().contains("快递误投，已补发并赔付"));
      assertFalse(chat.accepted.get(2).payload().toString().contains("logistics-misdelivery"));
      assertEquals(4, chat.accepted.stream().map(WebhookReceiver.Accepted::id).distinct().count());
      assertEquals(List.of(), chat.refused);
      assertEquals(List.of(), sms.refused);
      assertEquals(1, sms.accepted.size());
      Api.disconnect(intake, "journey ");
      for (String kind :
          List.of("received", "assigned", "responded", "resolved", "survey-answered", "closed")) {
        assertTrue(kinds.contains(kind), kind + " in " + kinds);
      }
      assertTrue(kinds.indexOf("assigned") < kinds.indexOf("responded"), kinds::toString);
      assertTrue(kinds.indexOf("resolved") < kinds.indexOf("survey-answered"), kinds::toString);

      // 11. The director's figures for the day reflect all of it.
      String from = day.atStartOfDay(SHANGHAI).toInstant().toString();
      String to = day.plusDays(1).atStartOfDay(SHANGHAI).toInstant().toString();
      JsonPath kpis =
          awaitJson(
              "supervisor",
              sla,
              "/api/v1/kpis?from=" + from + "&to=" + to,
              k -> k.getInt("surveyAnswers") == 1);
      assertEquals(1, kpis.getInt("volume"));
      assertEquals(0.0, kpis.getDouble("responseInTimeRate"), "answered after the deadline");
      assertEquals(1.0, kpis.getDouble("firstContactResolutionRate"));
      assertHandlingAbout90Minutes(kpis.getDouble("averageHandlingMinutes"));
      assertEquals(0.0, kpis.getDouble("csat"));
      assertEquals(-100.0, kpis.getDouble("nps"), "one detractor");
      assertEquals(Map.of("delivery", 1), kpis.getMap("volumeByProblemType"));
      assertEquals(Map.of("9", 1), kpis.getMap("volumeByHour"));

      JsonPath results =
          as("supervisor", survey)
              .get("/api/v1/survey-results?from=" + from + "&to=" + to)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertEquals(1, results.getInt("overall.sent"));
      assertEquals(1, results.getInt("overall.answered"));
      assertEquals(0.0, results.getDouble("overall.csat"));

      JsonPath report =
          as("supervisor", sla)
              .get("/api/v1/reports/daily?date=" + day)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertEquals(1, report.getInt("totals.volume"));
      assertEquals(1, report.getInt("totals.resolved"));
      assertEquals(0, report.getInt("totals.unresolved"));
      assertEquals(0.0, report.getDouble("totals.responseInTimeRate"));
      assertHandlingAbout90Minutes(report.getDouble("totals.averageHandlingMinutes"));
      assertEquals(0.0, report.getDouble("totals.csat"));
      assertEquals(1, report.getInt("totals.surveyAnswers"));
      assertEquals("delivery", report.getString("byProblemType[0].key"));
      assertEquals(1, report.getInt("volumeByHour[9]"));
      String html =
          as("supervisor", sla)
              .accept("text/html")
              .get("/api/v1/reports/daily?date=" + day)
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertTrue(html.contains("<svg"), "the printable report draws its charts");

      // 12. Personal data stays out of the logs: after all of the above, no service has written
      // the customer's phone number (intake, routing, survey and the SMS request all carried it).
      for (String service : ServiceProcesses.SERVICES) {
        String log = Files.readString(Path.of("target", "e2e-logs", service + ".log"));
        assertTrue(log.contains("started in"), service + "'s log is the one of this run");
        assertFalse(log.contains("13800138000"), service + " logged the customer's phone number");
      }
    }
  }

  /** Received 09:30, resolved 11:00 on the moved clock, give or take the seconds between steps. */
  private static void assertHandlingAbout90Minutes(double minutes) {
    assertTrue(Math.abs(minutes - 90.0) < 1.0, "handling minutes " + minutes);
  }

  private static boolean is(TopicReader.Event event, String type) {
    return type.equals(event.header("ce_type"));
  }

  private static List<Map<String, Object>> alerts(String sla, String id) {
    return as("supervisor", sla)
        .get("/api/v1/alerts?complaintId=" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$");
  }

  private static Map<String, Object> awaitAlert(String sla, String id, String kind) {
    JsonPath found =
        awaitJson(
            "supervisor",
            sla,
            "/api/v1/alerts?complaintId=" + id + "&kind=" + kind,
            a -> a.getList("$").size() == 1);
    Map<String, Object> alert = found.getMap("[0]");
    assertNull(alert.get("acknowledgedAt"));
    return alert;
  }

  private static List<Map<String, Object>> awaitTimers(String sla, String id, int count) {
    return awaitTimers(sla, id, t -> t.size() == count);
  }

  private static List<Map<String, Object>> awaitTimers(
      String sla, String id, Predicate<List<Map<String, Object>>> condition) {
    return awaitJson(
            "agent",
            sla,
            "/api/v1/complaints/" + id + "/timers",
            t -> condition.test(t.getList("$")))
        .getList("$");
  }

  private static Map<String, Object> timer(List<Map<String, Object>> timers, String kind) {
    return timers.stream()
        .filter(t -> kind.equals(t.get("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " timer in " + timers));
  }
}
