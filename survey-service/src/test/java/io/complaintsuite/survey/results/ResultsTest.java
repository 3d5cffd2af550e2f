package io.complaintsuite.survey.results;

import static io.complaintsuite.survey.support.SurveyApi.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CSAT, averages, NPS and response rate on a known set, computed by hand. */
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
class ResultsTest {
  static final String FROM = "2026-11-01T00:00:00+08:00";
  static final String TO = "2026-12-01T00:00:00+08:00";
  static boolean loaded;

  @Inject AgroalDataSource jdbc;

  /** id, department, agent, channel, problem type, sent (Shanghai), ratings and NPS or null. */
  static final Object[][] SET = {
    {
      "SV-s1aaaaaa",
      "dept-a",
      "a1",
      "phone",
      "p1",
      "2026-11-02T00:30:00",
      new Integer[] {5, 5, 5, 10}
    },
    {
      "SV-s2aaaaaa",
      "dept-a",
      "a1",
      "phone",
      "p1",
      "2026-11-02T10:00:00",
      new Integer[] {4, 4, 4, 9}
    },
    {
      "SV-s3aaaaaa",
      "dept-a",
      "a2",
      "web-chat",
      "p2",
      "2026-11-03T10:00:00",
      new Integer[] {3, 4, 4, 7}
    },
    {"SV-s4aaaaaa", "dept-b", "b1", "app", "p2", "2026-11-10T10:00:00", new Integer[] {1, 2, 2, 2}},
    {"SV-s5aaaaaa", "dept-b", "b1", "app", "p2", "2026-11-10T11:00:00", null},
    {
      "SV-s6aaaaaa",
      "dept-b",
      "b1",
      "phone",
      "p1",
      "2026-11-10T12:00:00",
      new Integer[] {5, 4, 5, null}
    },
    {"SV-s7aaaaaa", "dept-a", "a1", "phone", "p1", null, null}, // still scheduled: not counted
    {
      "SV-s8aaaaaa",
      "dept-a",
      "a1",
      "phone",
      "p1",
      "2026-12-01T10:00:00",
      new Integer[] {1, 1, 1, 0}
    },
  };

  @BeforeEach
  void load() throws Exception {
    if (loaded) {
      return;
    }
    try (Connection c = jdbc.getConnection();
        PreparedStatement survey =
            c.prepareStatement(
                "insert into survey (id, complaint_id, resolution, number, customer_id, channel,"
                    + " problem_type, priority, department, agent, state, resolved_at, due_at,"
                    + " delivery, sent_at, expires_at, answered_at, updated_at) values (?, ?, 0,"
                    + " 'TS20261101-000001', ?, ?, ?, 'general', ?, ?, ?, now(), now(), 'sms', ?,"
                    + " now(), ?, now())");
        PreparedStatement answer =
            c.prepareStatement(
                "insert into survey_answer values (?, ?, ?, ?, ?, ?, null, now())")) {
      for (Object[] row : SET) {
        UUID complaint = UUID.randomUUID();
        Timestamp sent =
            row[5] == null
                ? null
                : Timestamp.from(OffsetDateTime.parse(row[5] + "+08:00").toInstant());
        Integer[] ratings = (Integer[]) row[6];
        survey.setString(1, (String) row[0]);
        survey.setObject(2, complaint);
        survey.setString(3, "C-" + row[0]);
        survey.setString(4, (String) row[3]);
        survey.setString(5, (String) row[4]);
        survey.setString(6, (String) row[1]);
        survey.setString(7, (String) row[2]);
        survey.setString(8, sent == null ? "scheduled" : ratings == null ? "sent" : "answered");
        survey.setTimestamp(9, sent);
        survey.setTimestamp(10, ratings == null ? null : sent);
        survey.executeUpdate();
        if (ratings != null) {
          answer.setString(1, (String) row[0]);
          answer.setObject(2, complaint);
          answer.setInt(3, ratings[0]);
          answer.setInt(4, ratings[1]);
          answer.setInt(5, ratings[2]);
          answer.setObject(6, ratings[3]);
          answer.executeUpdate();
        }
      }
    }
    loaded = true;
  }

  static JsonPath results(String by) {
    var request = as("supervisor").queryParam("from", FROM).queryParam("to", TO);
    if (by != null) {
      request = request.queryParam("by", by);
    }
    return request.get("/api/v1/survey-results").then().statusCode(200).extract().jsonPath();
  }

  static Map<String, Object> group(JsonPath r, String key) {
    List<Map<String, Object>> groups = r.getList("groups");
    return groups.stream().filter(g -> key.equals(g.get("key"))).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> m(Map<String, Object> group) {
    return (Map<String, Object>) group.get("measures");
  }

  /** REST Assured reads JSON numbers in maps as floats: back to the decimal the service wrote. */
  static double d(Object value) {
    return Double.parseDouble(value.toString());
  }

  @Test
  void overall() {
    JsonPath r = results(null);
    assertEquals(6, r.getInt("overall.sent"));
    assertEquals(5, r.getInt("overall.answered"));
    assertEquals(0.8333, r.getDouble("overall.responseRate"), 1e-6);
    assertEquals(0.6, r.getDouble("overall.csat"), 1e-6, "s1, s2, s6 average 4 or more");
    assertEquals(3.6, r.getDouble("overall.averageResponseSpeed"), 1e-6);
    assertEquals(3.8, r.getDouble("overall.averageAttitude"), 1e-6);
    assertEquals(4.0, r.getDouble("overall.averageResolution"), 1e-6);
    assertEquals(25.0, r.getDouble("overall.nps"), 1e-6, "(2 promoters - 1 detractor) / 4");
    assertEquals(4, r.getInt("overall.npsAnswers"));
    assertEquals(List.of(), r.getList("groups"));
  }

  @Test
  void byDepartmentAgentChannelAndProblemType() {
    JsonPath r = results("department");
    Map<String, Object> a = m(group(r, "dept-a"));
    assertEquals(3, a.get("sent"));
    assertEquals(1.0, d(a.get("responseRate")), 1e-6);
    assertEquals(0.6667, d(a.get("csat")), 1e-6);
    assertEquals(4.0, d(a.get("averageResponseSpeed")), 1e-6);
    assertEquals(4.3333, d(a.get("averageAttitude")), 1e-6);
    assertEquals(66.6667, d(a.get("nps")), 1e-6);
    Map<String, Object> b = m(group(r, "dept-b"));
    assertEquals(3, b.get("sent"));
    assertEquals(2, b.get("answered"));
    assertEquals(0.6667, d(b.get("responseRate")), 1e-6);
    assertEquals(0.5, d(b.get("csat")), 1e-6);
    assertEquals(3.5, d(b.get("averageResolution")), 1e-6);
    assertEquals(-100.0, d(b.get("nps")), 1e-6);
    assertEquals(1, b.get("npsAnswers"));

    r = results("agent");
    assertEquals(1.0, d(m(group(r, "a1")).get("csat")), 1e-6);
    assertEquals(0.0, d(m(group(r, "a2")).get("csat")), 1e-6);
    assertEquals(3, m(group(r, "b1")).get("sent"));

    r = results("channel");
    assertEquals(List.of("app", "phone", "web-chat"), r.getList("groups.key"));
    assertEquals(1.0, d(m(group(r, "phone")).get("csat")), 1e-6);
    assertEquals(0.5, d(m(group(r, "app")).get("responseRate")), 1e-6);

    r = results("problemType");
    assertEquals(3, m(group(r, "p1")).get("answered"));
    assertEquals(3, m(group(r, "p2")).get("sent"));
  }

  @Test
  void byPeriodInTheCustomersZone() {
    JsonPath r = results("day");
    // s1 was sent at 00:30 in Shanghai (16:30 UTC the day before): it counts on 2 November.
    assertEquals(List.of("2026-11-02", "2026-11-03", "2026-11-10"), r.getList("groups.key"));
    assertEquals(2, m(group(r, "2026-11-02")).get("sent"));
    r = results("week");
    assertEquals(List.of("2026-W45", "2026-W46"), r.getList("groups.key"));
    assertEquals(0.6667, d(m(group(r, "2026-W45")).get("csat")), 1e-6);
    r = results("month");
    assertEquals(List.of("2026-11"), r.getList("groups.key"));
    assertEquals(6, m(group(r, "2026-11")).get("sent"));
  }

  @Test
  void badQueriesNameTheFieldAndRolesAreChecked() {
    as("supervisor")
        .queryParam("by", "mood")
        .get("/api/v1/survey-results")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("by"));
    as("supervisor")
        .queryParam("from", "yesterday")
        .get("/api/v1/survey-results")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("from"));
    as("supervisor")
        .queryParam("from", TO)
        .queryParam("to", FROM)
        .get("/api/v1/survey-results")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("from"));
    as("admin").get("/api/v1/survey-results").then().statusCode(200);
    as("agent").get("/api/v1/survey-results").then().statusCode(403);
    given().get("/api/v1/survey-results").then().statusCode(401);
    given().get("/q/health/ready").then().statusCode(200);
  }
}
