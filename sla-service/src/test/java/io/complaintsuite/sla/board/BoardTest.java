package io.complaintsuite.sla.board;

import static io.complaintsuite.sla.support.SlaApi.as;
import static io.complaintsuite.sla.support.SlaApi.at;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.sla.incident.SpikeDetector;
import io.complaintsuite.sla.support.SlaApi;
import io.complaintsuite.sla.threshold.ThresholdWatcher;
import io.complaintsuite.sla.timer.DeadlineChecker;
import io.complaintsuite.testsupport.Browser;
import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The supervisor's board in headless Chromium on a realistic morning (Wednesday 16 Dec 2026, and
 * the same morning a week before): login with a pasted token, the KPI figures equal to the KPI
 * API's for the same windows (first classification right shown below its target), the charts' data,
 * backlog, incident, risk cases, call-backs and the channel connections needing attention (渠道连接异常:
 * a failing web chat, an SMS gateway with dead messages); a complaint published on the real {@code
 * complaints} topic whose response deadline passes raises an alert that appears on the open page
 * within 2 s, is acknowledged there (the alerts API records who), a connection healthy again leaves
 * the open page, and the page reconnects by itself after its stream is cut. Screenshots in
 * target/screenshots (board-zh.png, board-en.png).
 */
@QuarkusTest
@WithSuiteInfra(
    database = "sla",
    topics = {"complaints", "assignments", "surveys", "sla-alerts", "sla-service.dlq"})
class BoardTest {
  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @ConfigProperty(name = "suite.topics.surveys")
  String surveys;

  @TestHTTPResource("/board/")
  URL page;

  @Inject MutableClock clock;
  @Inject DeadlineChecker checker;
  @Inject SpikeDetector spikes;
  @Inject ThresholdWatcher thresholds;

  private static final String WEB_CHAT = "01a2531a-1156-7683-a189-d3bdee8d4671";
  private static final String SMS = "3f0c6a52-8d1e-4f57-9a43-2b7c1d9e6a10";

  private static boolean loaded;
  private static int sequence;
  private static final List<String> MORNING = new ArrayList<>();

  private record Agent(String department, String agent, String problemType) {}

  private static final Agent[] AGENTS = {
    new Agent("tech-support", "ts-zhang", "account-stolen"),
    new Agent("tech-support", "ts-li", "technical-fault"),
    new Agent("billing", "bl-zhao", "billing-dispute"),
    new Agent("after-sales", "as-liu", "refund"),
    new Agent("after-sales", "as-chen", "product-quality"),
    new Agent("logistics", "lg-yang", "delivery"),
    new Agent("service-desk", "sd-wu", "service-attitude"),
    new Agent("service-desk", "sd-xu", "consultation"),
  };

  /** One complaint's events: received, assigned, optionally responded after N minutes, resolved. */
  private String complaint(
      TopicWriter w,
      String day,
      String local,
      Agent a,
      String priority,
      Integer respondAfterMinutes,
      Integer resolveAfterMinutes,
      String risk) {
    String id = UUID.randomUUID().toString();
    String received = at(day + "T" + local);
    String number = "TS" + day.replace("-", "") + String.format("-%06d", ++sequence);
    w.publish(
        complaints,
        id,
        "complaint.received",
        "/intake-service",
        "{\"complaintId\":\""
            + id
            + "\",\"number\":\""
            + number
            + "\",\"channel\":\"phone\",\"problemType\":\""
            + a.problemType()
            + "\",\"priority\":\""
            + priority
            + "\",\"receivedAt\":\""
            + received
            + "\"}");
    w.publish(
        assignments,
        id,
        "assignment.created",
        "/routing-service",
        "{\"complaintId\":\""
            + id
            + "\",\"number\":\""
            + number
            + "\",\"department\":\""
            + a.department()
            + "\",\"agent\":"
            + (a.agent() == null ? "null" : "\"" + a.agent() + "\"")
            + ",\"problemType\":\""
            + a.problemType()
            + "\",\"priority\":\""
            + priority
            + "\",\"assignedAt\":\""
            + received
            + "\",\"risk\":"
            + (risk == null ? "{\"flagged\":false,\"evidence\":[],\"alsoRoutedTo\":[]}" : risk)
            + "}");
    OffsetDateTime start = OffsetDateTime.parse(received);
    if (respondAfterMinutes != null) {
      w.publish(
          complaints,
          id,
          "complaint.responded",
          "/intake-service",
          SlaApi.lifecycle(id, start.plusMinutes(respondAfterMinutes).toString(), ""));
    }
    if (resolveAfterMinutes != null) {
      w.publish(
          complaints,
          id,
          "complaint.resolved",
          "/intake-service",
          SlaApi.lifecycle(id, start.plusMinutes(resolveAfterMinutes).toString(), ""));
    }
    return id;
  }

  private void answer(TopicWriter w, String id, int rating, int nps, String when) {
    w.publish(
        surveys,
        id,
        "survey.answered",
        "/survey-service",
        "{\"complaintId\":\""
            + id
            + "\",\"surveyId\":\"SV-"
            + id.substring(0, 8)
            + "\",\"ratings\":{\"responseSpeed\":"
            + rating
            + ",\"attitude\":"
            + rating
            + ",\"resolution\":"
            + rating
            + "},\"nps\":"
            + nps
            + ",\"occurredAt\":\""
            + at(when)
            + "\"}");
  }

  private void callback(TopicWriter w, String id, String reasons, String agent, String due) {
    w.publish(
        surveys,
        id,
        "survey.callback-opened",
        "/survey-service",
        "{\"callbackId\":\""
            + UUID.randomUUID()
            + "\",\"complaintId\":\""
            + id
            + "\",\"reasons\":"
            + reasons
            + ",\"department\":\"tech-support\",\"agent\":\""
            + agent
            + "\",\"customerId\":\"C-1\",\"dueAt\":\""
            + at(due)
            + "\",\"occurredAt\":\""
            + at("2026-12-16T09:00:00")
            + "\"}");
  }

  /** routing-service corrected the problem type it first decided (需求理解准确率). */
  private void reclassified(TopicWriter w, String id, String first, String corrected, String when) {
    w.publish(
        assignments,
        id,
        "assignment.reclassified",
        "/routing-service",
        "{\"complaintId\":\""
            + id
            + "\",\"firstProblemType\":\""
            + first
            + "\",\"previousProblemType\":\""
            + first
            + "\",\"problemType\":\""
            + corrected
            + "\",\"source\":\"reclassify\",\"by\":\"supervisor-liu\",\"reason\":\"客户说的是另一回事\","
            + "\"reclassifiedAt\":\""
            + at(when)
            + "\"}");
  }

  /**
   * intake-service's report on a channel connection (channel.connection-health), Shanghai times.
   */
  private void connection(
      TopicWriter w,
      String id,
      String name,
      String channel,
      String state,
      int pending,
      int dead,
      String lastError,
      String since,
      String occurredAt) {
    w.publish(
        complaints,
        id,
        "channel.connection-health",
        "/intake-service",
        "{\"endpointId\":\""
            + id
            + "\",\"name\":\""
            + name
            + "\",\"channel\":\""
            + channel
            + "\",\"state\":\""
            + state
            + "\",\"pendingDeliveries\":"
            + pending
            + ",\"deadDeliveries\":"
            + dead
            + ",\"lastError\":"
            + (lastError == null ? "null" : "\"" + lastError + "\"")
            + ",\"since\":\""
            + at(since)
            + "\",\"occurredAt\":\""
            + at(occurredAt)
            + "\"}");
  }

  private static final String REGULATOR =
      "{\"flagged\":true,\"evidence\":[{\"term\":\"12315\",\"category\":\"regulator\"}],"
          + "\"alsoRoutedTo\":[\"legal\",\"pr\"]}";
  private static final String MEDIA =
      "{\"flagged\":true,\"evidence\":[{\"term\":\"曝光\",\"category\":\"media\"},"
          + "{\"term\":\"微博\",\"category\":\"viral\"}],\"alsoRoutedTo\":[\"pr\"]}";

  /**
   * Last Wednesday 08:00–10:30: 8 complaints, responses in 10 min, 3 answers. This morning: 14
   * complaints over the types (two late responses, four resolved), a broadband outage spike of 10
   * 服务中断 in ten minutes (an incident with a progress update), two risk cases, five answers, two
   * call-backs, and three urgent complaints whose response deadline passed unmet (alerts).
   */
  @BeforeEach
  void morning() throws Exception {
    if (loaded) {
      return;
    }
    loaded = true;
    clock.setShanghai("2026-12-16T10:20:00");
    try (TopicWriter w = new TopicWriter()) {
      String week = "2026-12-09";
      List<String> lastWeek = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        lastWeek.add(
            complaint(
                w,
                week,
                String.format("%02d:%02d:00", 8 + i / 4, (i * 17) % 60),
                AGENTS[i % AGENTS.length],
                "general",
                10,
                i < 5 ? 60 : null,
                null));
      }
      answer(w, lastWeek.get(0), 5, 10, week + "T10:00:00");
      answer(w, lastWeek.get(1), 4, 9, week + "T10:05:00");
      answer(w, lastWeek.get(2), 2, 5, week + "T10:10:00");

      String day = "2026-12-16";
      for (int i = 0; i < 14; i++) {
        Agent a = AGENTS[i % AGENTS.length];
        String id =
            complaint(
                w,
                day,
                String.format("%02d:%02d:00", 8 + i / 7, (i * 8) % 60),
                a,
                i % 5 == 0 ? "urgent" : "general",
                i % 5 == 0 ? 25 : 12,
                i < 4 ? 50 : null,
                i == 5 ? REGULATOR : i == 10 ? MEDIA : null);
        MORNING.add(id);
      }
      // The outage: 10 服务中断 between 09:50 and 09:59, queued in tech support.
      Agent outage = new Agent("tech-support", null, "service-outage");
      for (int i = 0; i < 10; i++) {
        complaint(w, day, String.format("09:5%d:00", i), outage, "urgent", null, null, null);
      }
      answer(w, MORNING.get(0), 5, 10, day + "T09:30:00");
      answer(w, MORNING.get(1), 5, 9, day + "T09:40:00");
      answer(w, MORNING.get(2), 4, 8, day + "T09:45:00");
      answer(w, MORNING.get(3), 1, 3, day + "T09:50:00");
      answer(w, MORNING.get(0), 5, 10, day + "T09:30:00");
      // Two of this morning's types were corrected by their agents: 22 of 24 classified right.
      reclassified(w, MORNING.get(4), "product-quality", "refund", day + "T09:10:00");
      reclassified(w, MORNING.get(6), "service-attitude", "consultation", day + "T09:20:00");
      callback(w, MORNING.get(3), "[\"poor-answer\"]", "ts-zhang", day + "T09:55:00");
      callback(w, MORNING.get(0), "[\"urgent\"]", "ts-zhang", "2026-12-17T09:30:00");
      // The web chat's receiver has answered 503 since 10:05 (37 messages wait); three SMS died
      // undelivered overnight, the gateway is healthy again.
      connection(
          w,
          WEB_CHAT,
          "微信客服 web chat",
          "web-chat",
          "failing",
          37,
          0,
          "receiver answered 503",
          day + "T10:05:00",
          day + "T10:05:00");
      connection(
          w,
          SMS,
          "短信网关",
          "sms",
          "healthy",
          0,
          3,
          "receiver answered 500",
          day + "T07:30:00",
          day + "T07:30:00");
    }
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              JsonPath k = kpis(at("2026-12-16T00:00:00"), at("2026-12-16T10:20:00"));
              assertEquals(24, k.getLong("volume"));
              assertEquals(22, k.getLong("firstClassificationRightCount"));
              assertEquals(4, k.getLong("surveyAnswers"));
              assertEquals(
                  2, board().getList("callbacks").size(), "both call-backs consumed by the board");
              assertEquals(2, board().getList("riskCases").size(), "both open risk cases");
              assertEquals(
                  2, board().getList("channelConnections").size(), "both channel connections");
              assertEquals(
                  8, kpis(at("2026-12-09T00:00:00"), at("2026-12-09T10:20:00")).getLong("volume"));
            });
    // 10:00: the ten outage complaints are in the spike window [09:50, 10:00).
    clock.setShanghai("2026-12-16T10:00:00");
    run(spikes::evaluate);
    // 10:20: their responses (urgent, 15 min) are overdue; last week's unresolved complaints
    // passed their 40 working hours. Raise everything due, so that later runs raise only new ones.
    clock.setShanghai("2026-12-16T10:20:00");
    while (SlaApi.check(checker) > 0) {
      // next batch or stage
    }
    run(thresholds::evaluate);
    String incident = board().getString("incidents[0].id");
    assertNotNull(incident, "the outage opened an incident");
    as("supervisor")
        .body("{\"status\":\"mitigating\",\"message\":\"宽带故障已定位为城东机房光缆中断，抢修中，预计11:30恢复。\"}")
        .post("/api/v1/incidents/" + incident + "/updates")
        .then()
        .statusCode(201);
  }

  private static JsonPath kpis(String from, String to) {
    return as("supervisor")
        .queryParam("from", from)
        .queryParam("to", to)
        .get("/api/v1/kpis")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath board() {
    return as("supervisor").get("/api/v1/board").then().statusCode(200).extract().jsonPath();
  }

  private static <T> T run(Supplier<io.smallrye.mutiny.Uni<T>> uni) {
    try {
      return VertxContextSupport.subscribeAndAwait(uni);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void dataEndpointsNeedTheSupervisorRole() {
    RestAssured.given().get("/api/v1/board").then().statusCode(401);
    RestAssured.given().get("/api/v1/board/stream").then().statusCode(401);
    as("agent").get("/api/v1/board").then().statusCode(403);
    as("admin").get("/api/v1/board/stream").then().statusCode(403);
    RestAssured.given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .get("/api/v1/board/stream")
        .then()
        .statusCode(403);
    // The page itself and the chart library are static and public (they hold no data).
    RestAssured.given().get("/board/").then().statusCode(200);
    RestAssured.given().get("/_static/echarts/6.0.0/dist/echarts.min.js").then().statusCode(200);
  }

  @Test
  void supervisorWatchesAlertsArriveAcknowledgesThemAndSeesTheKpiApisNumbers() throws Exception {
    try (Browser b = Browser.open(1366, 768)) {
      ChromeDriver d = b.driver();
      WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(20));
      d.get(page.toString());
      // Not logged in: the login dialog, nothing else works.
      wait.until(x -> d.findElement(By.id("login")).isDisplayed());
      d.findElement(By.id("token")).sendKeys(Tokens.forUser("supervisor-liu", "supervisor"));
      d.findElement(By.id("login-submit")).click();
      wait.until(x -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
      wait.until(x -> !d.findElement(By.id("login")).isDisplayed());

      // The KPI cards equal the KPI API's figures for the windows the board used.
      WebElement cards = d.findElement(By.cssSelector(".kpis"));
      assertEquals(
          OffsetDateTime.parse(at("2026-12-16T00:00:00")).toInstant(),
          OffsetDateTime.parse(cards.getAttribute("data-from")).toInstant());
      JsonPath today = kpis(cards.getAttribute("data-from"), cards.getAttribute("data-to"));
      JsonPath lastWeek =
          kpis(cards.getAttribute("data-last-week-from"), cards.getAttribute("data-last-week-to"));
      assertEquals(24, today.getLong("volume"));
      assertEquals(8, lastWeek.getLong("volume"));
      for (String kpi :
          List.of(
              "volume",
              "responseInTimeRate",
              "firstContactResolutionRate",
              "firstClassificationRight",
              "csat",
              "nps")) {
        for (var period : Map.of("today", today, "lastWeek", lastWeek).entrySet()) {
          WebElement shown =
              d.findElement(
                  By.cssSelector(
                      "[data-kpi='" + kpi + "'][data-period='" + period.getKey() + "']"));
          Object expected = period.getValue().get(kpi);
          assertNotNull(expected, kpi + " " + period.getKey());
          assertEquals(
              Double.parseDouble(expected.toString()),
              Double.parseDouble(shown.getAttribute("data-value")),
              1e-9,
              kpi + " " + period.getKey());
          assertEquals(format(kpi, expected), shown.getText(), kpi + " " + period.getKey());
        }
      }
      // Hand-checked: 11 of the 24 responses in time (3 urgent ones answered after 25 min, the 10
      // outage responses overdue); CSAT 3 of 4 answers ≥ 4; NPS (2 promoters - 1 detractor) / 4;
      // last week every response in time, CSAT 2 of 3, NPS (2 - 1) / 3.
      assertEquals("45.8%", text(d, "[data-kpi='responseInTimeRate'][data-period='today']"));
      assertEquals("100.0%", text(d, "[data-kpi='responseInTimeRate'][data-period='lastWeek']"));
      assertEquals("33.3", text(d, "[data-kpi='nps'][data-period='lastWeek']"));
      assertEquals("75.0%", text(d, "[data-kpi='csat'][data-period='today']"));
      assertEquals("25.0", text(d, "[data-kpi='nps'][data-period='today']"));
      // First classification right: 22 of 24 today (two corrected), below its 95 % target; last
      // week nothing corrected, 8 of 8.
      assertEquals("91.7%", text(d, "[data-kpi='firstClassificationRight'][data-period='today']"));
      assertEquals(
          "100.0%", text(d, "[data-kpi='firstClassificationRight'][data-period='lastWeek']"));
      assertEquals("▼ 8.3pt", text(d, "[data-delta='firstClassificationRight']"));
      assertEquals("低于目标 95%", text(d, "[data-target='firstClassificationRight']"));
      assertEquals(
          "true",
          d.findElement(By.cssSelector(".kpi[data-card='firstClassificationRight']"))
              .getAttribute("data-below-target"));

      // The hour chart is drawn by ECharts from the KPI API's volumeByHour.
      @SuppressWarnings("unchecked")
      List<Number> bars =
          (List<Number>)
              d.executeScript("return board.charts.hour.getOption().series[0].data.map(Number)");
      Map<String, Object> byHour = today.getMap("volumeByHour");
      for (int h = 0; h < 24; h++) {
        Object v = byHour.get(String.valueOf(h));
        assertEquals(
            v == null ? 0 : ((Number) v).longValue(), bars.get(h).longValue(), "hour " + h);
      }
      assertEquals(17L, bars.get(9).longValue(), "09h: 7 of the morning and the 10 of the outage");
      assertEquals(
          today.getMap("volumeByProblemType").size(),
          ((Number) d.executeScript("return board.charts.type.getOption().series[0].data.length"))
              .intValue());

      // Backlog per department and agent, the incident with its update, risk cases, call-backs.
      assertEquals(
          "10",
          d.findElement(By.cssSelector("tr.agent[data-department='tech-support'][data-agent='']"))
              .getAttribute("data-open"),
          "the 10 queued outage complaints");
      WebElement incident = d.findElement(By.cssSelector("[data-incident]"));
      assertTrue(incident.getText().contains("城东机房光缆中断"), incident.getText());
      assertTrue(incident.getText().contains("缓解中"), incident.getText());
      assertEquals(10, incident.findElements(By.cssSelector(".members a")).size());
      assertEquals(2, d.findElements(By.cssSelector("#risk [data-risk]")).size());
      assertTrue(d.findElement(By.id("risk")).getText().contains("监管投诉"));
      assertEquals(2, d.findElements(By.cssSelector("#callbacks [data-callback]")).size());
      assertEquals(1, d.findElements(By.cssSelector("#callbacks .overdue-flag")).size());
      // 渠道连接异常: failing first, then the healthy gateway's dead messages; times in Shanghai.
      assertEquals("渠道连接异常", text(d, "#channels-title"));
      assertEquals(
          "true", d.findElement(By.cssSelector(".panel.channels")).getAttribute("data-attention"));
      List<WebElement> connections = d.findElements(By.cssSelector("#channels [data-endpoint]"));
      assertEquals(2, connections.size());
      WebElement webChat = connections.get(0);
      assertEquals(WEB_CHAT, webChat.getAttribute("data-endpoint"));
      assertEquals("failing", webChat.getAttribute("data-state"));
      assertEquals("微信客服 web chat 网页在线客服 失败中", text(webChat, "div"));
      assertEquals(
          "待发送 37 · 已失败 0 · 自 12/16 10:05 · receiver answered 503", text(webChat, ".meta"));
      WebElement sms = connections.get(1);
      assertEquals("短信网关 短信 正常", text(sms, "div"));
      assertEquals("待发送 0 · 已失败 3 · 自 12/16 07:30 · receiver answered 500", text(sms, ".meta"));
      assertEquals("3", sms.findElement(By.cssSelector(".dead")).getAttribute("data-dead"));
      String link = d.findElement(By.cssSelector("#risk a[data-complaint]")).getAttribute("href");
      assertTrue(link.startsWith("http://127.0.0.1:8081/api/v1/complaints/"), link);

      int before = d.findElements(By.cssSelector("#alerts [data-alert]")).size();
      assertEquals(
          as("supervisor")
              .queryParam("acknowledged", false)
              .get("/api/v1/alerts")
              .then()
              .extract()
              .jsonPath()
              .getList("")
              .size(),
          before);
      assertTrue(before >= 10, "the outage's response breaches are listed: " + before);
      assertFitsTheWindow(d, "1366x768");
      b.screenshot("board-zh");

      // A new urgent complaint on the real topic, its 15 minutes passed: the alert is on the page
      // within 2 s of being raised, without reloading.
      String late = newUrgentComplaint("2026-12-16T10:00:00");
      long raised = System.nanoTime();
      assertEquals(1, SlaApi.check(checker), "one breach raised");
      WebElement alert =
          new WebDriverWait(d, Duration.ofSeconds(2))
              .until(
                  x ->
                      x
                          .findElements(
                              By.cssSelector(
                                  "#alerts [data-alert] a[data-complaint='" + late + "']"))
                          .stream()
                          .findFirst()
                          .orElse(null));
      double seconds = (System.nanoTime() - raised) / 1e9;
      System.out.printf("board: new alert shown %.3f s after the checker raised it%n", seconds);
      assertTrue(alert.getText().startsWith("TS"), alert.getText());
      WebElement item = alert.findElement(By.xpath("./ancestor::li"));
      assertEquals("breached", item.getAttribute("data-kind"));
      assertEquals(String.valueOf(before + 1), text(d, "#alert-count"));

      // Acknowledge it on the page: gone from the board, recorded by the alerts API.
      String alertId = item.getAttribute("data-alert");
      item.findElement(By.cssSelector("button.ack")).click();
      wait.until(x -> x.findElements(By.cssSelector("[data-alert='" + alertId + "']")).isEmpty());
      List<Map<String, Object>> alerts = SlaApi.alerts(late);
      assertEquals("supervisor-liu", alerts.get(0).get("acknowledgedBy"));
      assertEquals(String.valueOf(before), text(d, "#alert-count"));

      // The web chat's receiver answers again: its line leaves the open page through the feed
      // ("changed"), well before the page's own 30 s re-read would.
      try (TopicWriter w = new TopicWriter()) {
        connection(
            w,
            WEB_CHAT,
            "微信客服 web chat",
            "web-chat",
            "healthy",
            0,
            0,
            null,
            "2026-12-16T10:21:00",
            "2026-12-16T10:21:00");
      }
      new WebDriverWait(d, Duration.ofSeconds(15))
          .until(
              x ->
                  x.findElements(By.cssSelector("#channels [data-endpoint='" + WEB_CHAT + "']"))
                      .isEmpty());
      assertEquals(1, d.findElements(By.cssSelector("#channels [data-endpoint]")).size());

      // The English switch.
      d.findElement(By.id("lang")).click();
      assertEquals("Live SLA alerts", text(d, "#alerts-title"));
      assertEquals("Channel connections needing attention", text(d, "#channels-title"));
      assertEquals(
          "pending 0 · dead 3 · since 16/12, 07:30 · receiver answered 500",
          text(d, "#channels [data-endpoint='" + SMS + "'] .meta"));
      assertEquals("below target 95%", text(d, "[data-target='firstClassificationRight']"));
      b.screenshot("board-en");
      d.findElement(By.id("lang")).click();
      assertEquals("实时预警", text(d, "#alerts-title"));

      // The stream is cut (a restart, a proxy): the page reconnects by itself, re-reads the state
      // and the next alert still arrives.
      d.executeScript("board.stream.abort()");
      wait.until(x -> "live".equals(x.findElement(By.id("connection")).getAttribute("data-state")));
      String later = newUrgentComplaint("2026-12-16T10:01:00");
      assertEquals(1, SlaApi.check(checker));
      new WebDriverWait(d, Duration.ofSeconds(2))
          .until(
              x ->
                  !x.findElements(By.cssSelector("#alerts a[data-complaint='" + later + "']"))
                      .isEmpty());
      Path shot = b.screenshot("board");
      assertTrue(Files.size(shot) > 10_000);

      // A wall screen: the same board, larger, still one screen.
      d.manage().window().setSize(new org.openqa.selenium.Dimension(1920, 1080));
      wait.until(
          x ->
              ((Number) d.executeScript("return window.innerWidth")).intValue() > 1800
                  && ((Number) d.executeScript("return board.charts.hour.getWidth() > 400 ? 1 : 0"))
                          .intValue()
                      == 1);
      assertFitsTheWindow(d, "1920x1080");
      b.screenshot("board-wall");
    }
  }

  /** Received at the given Shanghai time, urgent, never answered; the clock moves past 15 min. */
  private String newUrgentComplaint(String local) {
    String id;
    try (TopicWriter w = new TopicWriter()) {
      id =
          complaint(
              w,
              local.substring(0, 10),
              local.substring(11),
              AGENTS[0],
              "urgent",
              null,
              null,
              null);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> !SlaApi.timer(id, "response").isEmpty());
    clock.setShanghai("2026-12-16T10:20:00");
    return id;
  }

  /** One screen: the page itself does not scroll (the lists scroll inside their panels). */
  private static void assertFitsTheWindow(ChromeDriver d, String size) {
    long scroll =
        ((Number) d.executeScript("return document.documentElement.scrollHeight")).longValue();
    long height = ((Number) d.executeScript("return window.innerHeight")).longValue();
    assertTrue(scroll <= height, size + ": page is " + scroll + " px high in " + height);
    long panels =
        ((Number)
                d.executeScript(
                    "return [...document.querySelectorAll('.panel:not(.channels)')]"
                        + ".filter(p => p.getBoundingClientRect().height >= 120).length"))
            .longValue();
    assertEquals(7, panels, size + ": every panel has room");
    // The channel connections' strip: at least one connection's two lines in view.
    long strip =
        ((Number)
                d.executeScript(
                    "return document.querySelector('#channels').getBoundingClientRect().height"))
            .longValue();
    assertTrue(strip >= 30, size + ": the channel connections' strip is " + strip + " px high");
  }

  private static String text(org.openqa.selenium.SearchContext d, String css) {
    return d.findElement(By.cssSelector(css)).getText();
  }

  private static String format(String kpi, Object value) {
    double v = Double.parseDouble(value.toString());
    return switch (kpi) {
      case "volume" -> String.valueOf((long) v);
      case "nps" -> String.format(java.util.Locale.ROOT, "%.1f", v);
      default -> String.format(java.util.Locale.ROOT, "%.1f%%", v * 100);
    };
  }
}
