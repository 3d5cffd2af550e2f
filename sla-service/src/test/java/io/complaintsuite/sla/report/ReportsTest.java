package io.complaintsuite.sla.report;

import static io.complaintsuite.sla.support.SlaApi.as;
import static io.complaintsuite.sla.support.SlaApi.at;
import static io.complaintsuite.sla.support.SlaApi.lifecycle;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.testsupport.Browser;
import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Daily, weekly and monthly reports of a known data set: hand-computed figures, CSV, the scheduled
 * generation, and the printable HTML page rendered in headless Chromium, its charts present and its
 * numbers equal to the JSON report's (screenshot kept as target/screenshots/sla-daily-report.png).
 */
@QuarkusTest
@WithSuiteInfra(
    database = "sla",
    topics = {"complaints", "assignments", "surveys", "sla-alerts", "sla-service.dlq"})
class ReportsTest {
  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @Inject MutableClock clock;
  @Inject ReportScheduler scheduler;

  private void complaint(
      TopicWriter w, String problemType, String department, String local, String resolvedLocal) {
    String id = UUID.randomUUID().toString();
    w.publish(
        complaints,
        id,
        "complaint.received",
        "/intake-service",
        io.complaintsuite.sla.support.SlaApi.received(id, "urgent", at(local))
            .replace("account-security", problemType));
    w.publish(
        complaints,
        id,
        "complaint.responded",
        "/intake-service",
        lifecycle(id, at(local.substring(0, 14) + "10:00"), ""));
    if (resolvedLocal != null) {
      w.publish(
          complaints,
          id,
          "complaint.resolved",
          "/intake-service",
          lifecycle(id, at(resolvedLocal), ""));
    }
    w.publish(
        assignments,
        id,
        "assignment.created",
        "/routing-service",
        "{\"complaintId\":\"" + id + "\",\"department\":\"" + department + "\",\"agent\":null}");
  }

  /**
   * 15 Dec 2026 (Tuesday): three 宽带故障 at 09:xx (one resolved at 11:00), two 话费争议 at 10:xx (one
   * resolved at 12:00), one 账户安全 at 14:00; every response 10 min after receipt (in time). 8 Dec:
   * one 话费争议 (the previous week, same month).
   */
  private static boolean loaded;

  // Not @BeforeAll: REST Assured learns the random test port only before each test.
  @BeforeEach
  void knownDataSet() {
    if (loaded) {
      return;
    }
    loaded = true;
    clock.setShanghai("2026-12-16T09:00:00");
    try (TopicWriter w = new TopicWriter()) {
      complaint(w, "宽带故障", "network", "2026-12-15T09:00:00", "2026-12-15T11:00:00");
      complaint(w, "宽带故障", "network", "2026-12-15T09:20:00", null);
      complaint(w, "宽带故障", "network", "2026-12-15T09:40:00", null);
      complaint(w, "话费争议", "billing", "2026-12-15T10:00:00", "2026-12-15T12:00:00");
      complaint(w, "话费争议", "billing", "2026-12-15T10:30:00", null);
      complaint(w, "账户安全", "security", "2026-12-15T14:00:00", null);
      complaint(w, "话费争议", "billing", "2026-12-08T10:00:00", null);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonPath m = report("monthly", "month", "2026-12");
              assertEquals(7, m.getInt("totals.volume"));
              assertEquals(2, m.getInt("totals.resolved"));
              JsonPath d = report("daily", "date", "2026-12-15");
              assertEquals(
                  Map.of("network", 2, "billing", 1, "security", 1),
                  toMap(d.getList("unresolvedByDepartment")));
            });
  }

  private static Map<String, Integer> toMap(List<Map<String, Object>> shares) {
    return shares.stream()
        .collect(
            java.util.stream.Collectors.toMap(
                s -> (String) s.get("key"), s -> ((Number) s.get("count")).intValue()));
  }

  private static JsonPath report(String kind, String param, String value) {
    return as("supervisor")
        .queryParam(param, value)
        .get("/api/v1/reports/" + kind)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .jsonPath();
  }

  @Test
  void dailyReportEqualsTheHandComputedFigures() {
    JsonPath d = report("daily", "date", "2026-12-15");
    assertEquals("2026-12-15", d.getString("period"));
    assertEquals(6, d.getInt("totals.volume"));
    assertEquals(2, d.getInt("totals.resolved"));
    assertEquals(4, d.getInt("totals.unresolved"));
    assertEquals(1.0f, d.getFloat("totals.responseInTimeRate"), "all six answered in 10 min");
    assertEquals(120.0f, d.getFloat("totals.averageHandlingMinutes"), "2 h and 2 h");
    assertEquals(List.of("宽带故障", "话费争议", "账户安全"), d.getList("byProblemType.key"));
    assertEquals(0.5f, d.getFloat("byProblemType[0].share"));
    assertEquals(List.of("宽带故障"), d.getList("concentratedIssues.key"), "3 of 6; 话费争议 has 2 < 3");
    List<Integer> hours = d.getList("volumeByHour");
    assertEquals(24, hours.size());
    assertEquals(3, hours.get(9));
    assertEquals(2, hours.get(10));
    assertEquals(1, hours.get(14));
    assertEquals(6, hours.stream().mapToInt(Integer::intValue).sum());
    // Default: yesterday (the clock says 16 Dec 09:00 in Shanghai).
    as("supervisor")
        .get("/api/v1/reports/daily")
        .then()
        .statusCode(200)
        .body("period", equalTo("2026-12-15"));
  }

  @Test
  void weeklyTrendAndMonthlyComparison() {
    JsonPath w = report("weekly", "week", "2026-12-17");
    assertEquals("2026-W51", w.getString("period"));
    assertEquals("2026-12-14", w.getString("start"));
    assertEquals(7, w.getList("days").size());
    assertEquals(6, w.getInt("days[1].volume"), "Tuesday 15 Dec");
    assertEquals(4, w.getInt("days[1].unresolved"));
    assertEquals(0, w.getInt("days[0].volume"));
    assertEquals(6, w.getInt("totals.volume"));
    assertEquals("2026-W50", w.getString("previousPeriod"));
    assertEquals(1, w.getInt("previous.volume"));
    JsonPath m = report("monthly", "month", "2026-12");
    assertEquals(31, m.getList("days").size());
    assertEquals(7, m.getInt("totals.volume"));
    assertEquals(5, m.getInt("totals.unresolved"));
    assertEquals("2026-11", m.getString("previousPeriod"));
    assertEquals(0, m.getInt("previous.volume"));
    assertEquals(Map.of("话费争议", 3, "宽带故障", 3, "账户安全", 1), toMap(m.getList("byProblemType")));
  }

  @Test
  void csvByParameterOrAcceptHeader() {
    String byParam =
        as("supervisor")
            .queryParam("date", "2026-12-15")
            .queryParam("format", "csv")
            .get("/api/v1/reports/daily")
            .then()
            .statusCode(200)
            .contentType("text/csv")
            .extract()
            .asString();
    String byAccept =
        as("supervisor")
            .accept("text/csv")
            .queryParam("date", "2026-12-15")
            .get("/api/v1/reports/daily")
            .then()
            .statusCode(200)
            .contentType("text/csv")
            .extract()
            .asString();
    assertTrue(byParam.startsWith("\uFEFFsection,key,metric,value\n"), byParam);
    List<String> lines = List.of(byAccept.split("\n"));
    assertTrue(lines.contains("totals,2026-12-15,volume,6"), byAccept);
    assertTrue(lines.contains("totals,2026-12-15,unresolved,4"), byAccept);
    assertTrue(lines.contains("problemType,宽带故障,count,3"), byAccept);
    assertTrue(lines.contains("concentratedIssue,宽带故障,share,0.5"), byAccept);
    assertTrue(lines.contains("hour,09,volume,3"), byAccept);
    assertTrue(lines.contains("unresolvedByDepartment,network,count,2"), byAccept);
  }

  @Test
  void badInputAndRoles() {
    as("supervisor")
        .queryParam("date", "15.12.2026")
        .get("/api/v1/reports/daily")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("date"));
    as("supervisor")
        .queryParam("format", "xlsx")
        .get("/api/v1/reports/weekly")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("format"));
    as("supervisor")
        .queryParam("month", "2026-13")
        .get("/api/v1/reports/monthly")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("month"));
    as("agent").get("/api/v1/reports/daily").then().statusCode(403);
    as("admin")
        .queryParam("date", "2026-12-15")
        .get("/api/v1/reports/daily")
        .then()
        .statusCode(200);
  }

  @Test
  void scheduledGenerationStoresTheDueReports() throws Throwable {
    // Monday 21 Dec: yesterday's daily report and last week's; Friday 1 Jan: 31 Dec's and
    // December's.
    assertEquals(
        2,
        VertxContextSupport.<Integer>subscribeAndAwait(
            () ->
                scheduler
                    .generateDue(LocalDate.parse("2026-12-16"))
                    .chain(n -> scheduler.generateDue(LocalDate.parse("2026-12-21")))));
    assertEquals(
        2,
        VertxContextSupport.<Integer>subscribeAndAwait(
            () -> scheduler.generateDue(LocalDate.parse("2027-01-01"))));
    // Run twice: still one row per period.
    VertxContextSupport.<Integer>subscribeAndAwait(
        () -> scheduler.generateDue(LocalDate.parse("2026-12-16")));
    JsonPath list =
        as("supervisor").get("/api/v1/reports").then().statusCode(200).extract().jsonPath();
    assertEquals(
        List.of("2026-W51", "2026-12-31", "2026-12-20", "2026-12-15", "2026-12"),
        list.getList("period"));
    JsonPath daily =
        as("supervisor")
            .queryParam("kind", "daily")
            .get("/api/v1/reports")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(List.of("2026-12-31", "2026-12-20", "2026-12-15"), daily.getList("period"));
    String id = daily.getString("find { it.period == '2026-12-15' }.id");
    as("supervisor")
        .get("/api/v1/reports/" + id)
        .then()
        .statusCode(200)
        .body("totals.volume", equalTo(6))
        .body("concentratedIssues[0].key", equalTo("宽带故障"));
    String csv =
        as("supervisor")
            .queryParam("format", "csv")
            .get("/api/v1/reports/" + id)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertTrue(csv.contains("\ntotals,2026-12-15,volume,6\n"), csv);
    as("supervisor").get("/api/v1/reports/" + UUID.randomUUID()).then().statusCode(404);
    as("supervisor")
        .queryParam("kind", "yearly")
        .get("/api/v1/reports")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("kind"));
  }

  @Test
  void userTextInThePrintableReportIsEscaped() {
    // October: no other test reads that month. Problem type and department come from events, so
    // whatever a channel or an admin typed reaches the page.
    try (TopicWriter w = new TopicWriter()) {
      complaint(
          w,
          "\\\"><script>alert(1)</script>",
          "<img src=x onerror=alert(1)>",
          "2026-10-13T09:00:00",
          null);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertEquals(
                    Map.of("<img src=x onerror=alert(1)>", 1),
                    toMap(
                        report("daily", "date", "2026-10-13").getList("unresolvedByDepartment"))));
    String html =
        as("supervisor")
            .queryParam("format", "html")
            .queryParam("date", "2026-10-13")
            .get("/api/v1/reports/daily")
            .then()
            .statusCode(200)
            .contentType("text/html")
            .extract()
            .asString();
    assertFalse(html.contains("<script"), "no script element from user text");
    assertFalse(html.contains("<img"), "no element from user text");
    assertTrue(
        html.contains("data-key=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""),
        "the problem type stays inside its attribute");
    assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the department, escaped");
    assertTrue(html.contains("&quot;&gt;&lt;script&gt;"), "the problem type, escaped");
  }

  @Test
  void printableDailyReportInChromiumShowsTheChartAndTheJsonFigures() throws Exception {
    JsonPath json = report("daily", "date", "2026-12-15");
    String html =
        as("supervisor")
            .accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
            .queryParam("date", "2026-12-15")
            .get("/api/v1/reports/daily")
            .then()
            .statusCode(200)
            .contentType("text/html")
            .extract()
            .asString();
    assertTrue(!html.contains("<script"), "no JavaScript");
    assertTrue(
        !html.contains("http://")
            || html.indexOf("http://") == html.indexOf("http://www.w3.org/2000/svg"),
        "no external assets");
    // The page needs a bearer token, which a browser cannot add to a navigation: render the
    // service's bytes from a file instead (the page has no external assets anyway).
    Path file = Path.of("target", "sla-daily-report.html").toAbsolutePath();
    Files.writeString(file, html, StandardCharsets.UTF_8);
    try (Browser b = Browser.open(1280, 1400)) {
      b.driver().get(file.toUri().toString());
      assertEquals("投诉日报 2026-12-15", b.driver().getTitle());
      WebElement chart = b.driver().findElement(By.cssSelector("svg[data-chart='hour-chart']"));
      assertTrue(chart.isDisplayed());
      assertTrue(chart.getSize().getHeight() > 100, "the chart has room");
      List<WebElement> bars = chart.findElements(By.cssSelector("rect[data-value]"));
      assertEquals(24, bars.size(), "one bar per hour");
      List<Integer> hours = json.getList("volumeByHour");
      for (int h = 0; h < 24; h++) {
        assertEquals(String.valueOf(hours.get(h)), bars.get(h).getAttribute("data-value"));
      }
      // The bar of 09:00 (3) is three times as tall as the bar of 14:00 (1).
      double h9 = bars.get(9).getSize().getHeight();
      double h14 = bars.get(14).getSize().getHeight();
      assertEquals(3.0, h9 / h14, 0.1);
      for (String kpi : List.of("volume", "resolved", "unresolved", "surveyAnswers")) {
        assertEquals(
            json.getString("totals." + kpi),
            b.driver().findElement(By.cssSelector("[data-kpi='" + kpi + "']")).getText(),
            kpi);
      }
      assertEquals(
          String.format(
              java.util.Locale.ROOT, "%.1f%%", json.getDouble("totals.responseInTimeRate") * 100),
          b.driver().findElement(By.cssSelector("[data-kpi='responseInTimeRate']")).getText());
      assertEquals(
          String.format(
              java.util.Locale.ROOT, "%.1f", json.getDouble("totals.averageHandlingMinutes")),
          b.driver().findElement(By.cssSelector("[data-kpi='averageHandlingMinutes']")).getText());
      List<Map<String, Object>> problems = json.getList("byProblemType");
      List<WebElement> rows =
          b.driver().findElements(By.cssSelector("table[data-table='problemTypes'] tr[data-key]"));
      assertEquals(problems.size(), rows.size());
      for (int i = 0; i < rows.size(); i++) {
        assertEquals(problems.get(i).get("key"), rows.get(i).getAttribute("data-key"));
        assertEquals(
            problems.get(i).get("count").toString(),
            rows.get(i).findElement(By.cssSelector("[data-kpi='count']")).getText());
      }
      assertEquals(
          "宽带故障",
          b.driver()
              .findElement(By.cssSelector("table[data-table='concentratedIssues'] tr[data-key]"))
              .getAttribute("data-key"));
      assertEquals(
          3,
          b.driver().findElements(By.cssSelector("svg[data-chart='problem-chart'] rect")).size());
      Path shot = b.screenshot("sla-daily-report");
      assertTrue(Files.size(shot) > 10_000, "a real picture");
    }
  }
}
