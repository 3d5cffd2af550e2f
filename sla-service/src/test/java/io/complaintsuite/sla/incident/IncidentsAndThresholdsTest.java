package io.complaintsuite.sla.incident;

import static io.complaintsuite.sla.support.SlaApi.as;
import static io.complaintsuite.sla.support.SlaApi.at;
import static io.complaintsuite.sla.support.SlaApi.lifecycle;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.agroal.api.AgroalDataSource;
import io.complaintsuite.sla.threshold.ThresholdWatcher;
import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Spike detection's relative rule (the absolute floor off: SpikeFloorTest covers it) on a moved
 * clock (fires for a surge, not for the usual rate, subsides, new complaints join, progress updates
 * published per the survey-service contract) and threshold alerts (raised once when crossed,
 * cleared once when back), every event valid against its schema. The two tests use different
 * problem types, departments and days, so they do not see each other.
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(IncidentsAndThresholdsTest.RelativeRuleOnly.class)
@WithSuiteInfra(
    database = "sla",
    topics = {"complaints", "assignments", "surveys", "sla-alerts", "sla-service.dlq"})
class IncidentsAndThresholdsTest {
  /** The relative rule alone: the absolute floor (SpikeFloorTest) is off here. */
  public static class RelativeRuleOnly implements io.quarkus.test.junit.QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("sla.spike.absolute-count", "0");
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(30);

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @ConfigProperty(name = "suite.topics.surveys")
  String surveys;

  @ConfigProperty(name = "suite.topics.sla-alerts")
  String slaAlerts;

  @Inject MutableClock clock;
  @Inject SpikeDetector detector;
  @Inject ThresholdWatcher thresholds;
  @Inject AgroalDataSource jdbc;

  private String complaint(TopicWriter w, String problemType, String department, Instant at) {
    String id = UUID.randomUUID().toString();
    w.publish(
        complaints,
        id,
        "complaint.received",
        "/intake-service",
        io.complaintsuite.sla.support.SlaApi.received(id, "general", at.toString())
            .replace("account-security", problemType));
    w.publish(
        assignments,
        id,
        "assignment.created",
        "/routing-service",
        "{\"complaintId\":\"" + id + "\",\"department\":\"" + department + "\",\"agent\":null}");
    return id;
  }

  private static <T> T run(Supplier<io.smallrye.mutiny.Uni<T>> uni) {
    try {
      return VertxContextSupport.subscribeAndAwait(uni);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static int volume(String from, String to, String problemType) {
    JsonPath k =
        as("supervisor")
            .queryParam("from", from)
            .queryParam("to", to)
            .get("/api/v1/kpis")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Object n = k.getMap("volumeByProblemType").get(problemType);
    return n == null ? 0 : ((Number) n).intValue();
  }

  /**
   * Listing incidents many more times than the connection pool is large (20) keeps answering: each
   * listing used to leak a pooled connection (found by the hostile-input fuzzer, seed 5), and from
   * the 21st on every request that needed the database hung until the pool gave up (500).
   */
  @Test
  void listingIncidentsAgainAndAgainKeepsAnswering() {
    for (int i = 0; i < 30; i++) {
      as("supervisor").get("/api/v1/incidents").then().statusCode(200);
      as("admin").queryParam("status", "active").get("/api/v1/incidents").then().statusCode(200);
    }
    as("supervisor").get("/api/v1/thresholds").then().statusCode(200);
  }

  @Test
  void spikeOpensAnIncidentNotForTheUsualRateSubsidesAndTakesUpdates() throws Exception {
    // The usual rates: 2 宽带故障 a day for the 7 days before 20 Dec (0.014 per 10 minutes);
    // 5,000 话费争议 in those 7 days (4.97 per 10 minutes, inserted directly: a busy type), and 12
    // in the last 10 minutes: above the minimum count but under 3 times its usual rate.
    Instant t0 = Instant.parse("2026-12-20T02:00:00Z"); // 10:00 in Shanghai
    try (Connection c = jdbc.getConnection();
        PreparedStatement busy =
            c.prepareStatement(
                "insert into sla_complaint (complaint_id, priority, problem_type, department,"
                    + " received_at, updated_at) select gen_random_uuid(), 'general', '话费争议',"
                    + " 'billing', ?::timestamptz - i * interval '120 seconds', now()"
                    + " from generate_series(1, 5000) i")) {
      busy.setString(1, t0.minusSeconds(600).toString());
      busy.executeUpdate();
    }
    Set<String> surge = new HashSet<>();
    try (TopicWriter w = new TopicWriter()) {
      for (int d = 1; d <= 7; d++) {
        complaint(w, "宽带故障", "network", t0.minus(Duration.ofDays(d)).plusSeconds(3600));
        complaint(w, "宽带故障", "network", t0.minus(Duration.ofDays(d)).plusSeconds(7200));
      }
      for (int k = 0; k < 12; k++) {
        complaint(w, "话费争议", "billing", t0.minusSeconds(30 + 45 * k));
      }
      // 9 宽带故障 in the last 10 minutes: one short of the minimum count.
      for (int k = 0; k < 9; k++) {
        surge.add(complaint(w, "宽带故障", "network", t0.minusSeconds(30 + 60 * k)));
      }
    }
    String from = at("2026-12-12T00:00:00");
    String to = at("2026-12-21T00:00:00");
    await()
        .atMost(WAIT)
        .until(() -> volume(from, to, "宽带故障") == 23 && volume(from, to, "话费争议") == 5012);

    clock.set(t0);
    assertEquals(List.of(), run(detector::evaluate), "9 < min-count; 12 话费争议 < 3 × 4.97");

    String tenth;
    try (TopicWriter w = new TopicWriter()) {
      tenth = complaint(w, "宽带故障", "network", t0.plusSeconds(10));
    }
    surge.add(tenth);
    await().atMost(WAIT).until(() -> volume(from, to, "宽带故障") == 24);
    clock.set(t0.plusSeconds(30)); // the next evaluation, 30 s later
    List<UUID> opened = run(detector::evaluate);
    assertEquals(1, opened.size(), "the 10th complaint in the window makes it a spike");
    String incident = opened.get(0).toString();
    assertEquals(List.of(), run(detector::evaluate), "one incident per spike");

    JsonPath one = incident(incident);
    assertEquals("宽带故障", one.getString("problemType"));
    assertEquals("宽带故障 投诉激增", one.getString("title"));
    assertEquals("open", one.getString("status"));
    assertEquals(10, one.getInt("windowCount"));
    assertEquals(0.01f, one.getFloat("baseline"), "14 in 7 days less 10 minutes, per 10 minutes");
    assertEquals(surge, new HashSet<>(one.getList("complaintIds")));
    assertNull(one.get("subsidedAt"));
    as("supervisor")
        .queryParam("status", "active")
        .get("/api/v1/incidents")
        .then()
        .statusCode(200)
        .body("size()", equalTo(1))
        .body("[0].memberCount", equalTo(10));

    // A new matching complaint joins while the incident is open; another type does not.
    String late;
    try (TopicWriter w = new TopicWriter()) {
      late = complaint(w, "宽带故障", "network", t0.plusSeconds(40));
      complaint(w, "账户安全", "security", t0.plusSeconds(40));
    }
    await().atMost(WAIT).until(() -> volume(from, to, "宽带故障") == 25);
    clock.set(t0.plusSeconds(60));
    assertEquals(List.of(), run(detector::evaluate));
    assertEquals(11, incident(incident).getList("complaintIds").size());
    assertTrue(incident(incident).getList("complaintIds").contains(late));
    assertEquals(11, incident(incident).getInt("peakCount"));

    // Ten minutes later the window holds nothing: the spike subsides, the incident stays open.
    clock.set(t0.plusSeconds(11 * 60));
    assertEquals(List.of(), run(detector::evaluate));
    assertEquals(
        clock.instant().toString(),
        Instant.parse(incident(incident).getString("subsidedAt")).toString());
    assertEquals("open", incident(incident).getString("status"));

    // Progress updates: validation, roles, then mitigating and resolved, published per contract.
    as("supervisor")
        .body("{\"status\":\"fixed\",\"message\":\"x\"}")
        .post("/api/v1/incidents/" + incident + "/updates")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("status"));
    as("supervisor")
        .body("{\"status\":\"mitigating\",\"message\":\"\"}")
        .post("/api/v1/incidents/" + incident + "/updates")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("message"));
    as("agent")
        .body("{\"status\":\"mitigating\",\"message\":\"x\"}")
        .post("/api/v1/incidents/" + incident + "/updates")
        .then()
        .statusCode(403);
    as("supervisor")
        .body("{\"status\":\"mitigating\",\"message\":\"x\"}")
        .post("/api/v1/incidents/" + UUID.randomUUID() + "/updates")
        .then()
        .statusCode(404);
    String mitigating = "您好，宽带中断已定位为光缆故障，抢修人员正在现场处理，预计今天18:00前恢复。";
    String update1 =
        as("supervisor")
            .body(Map.of("status", "mitigating", "message", mitigating))
            .post("/api/v1/incidents/" + incident + "/updates")
            .then()
            .statusCode(201)
            .body("status", equalTo("mitigating"))
            .extract()
            .path("id");
    as("supervisor")
        .body(Map.of("status", "resolved", "message", "您好，宽带已恢复。给您带来不便，深表歉意。"))
        .post("/api/v1/incidents/" + incident + "/updates")
        .then()
        .statusCode(201);
    as("supervisor")
        .body(Map.of("status", "mitigating", "message", "again"))
        .post("/api/v1/incidents/" + incident + "/updates")
        .then()
        .statusCode(409);
    JsonPath resolved = incident(incident);
    assertEquals("resolved", resolved.getString("status"));
    assertEquals(List.of("mitigating", "resolved"), resolved.getList("updates.status"));

    try (TopicReader reader = new TopicReader(slaAlerts)) {
      List<TopicReader.Event> events = reader.await(e -> incident.equals(e.key()), 3, WAIT);
      assertEquals(
          List.of("sla.incident-detected", "sla.incident-updated", "sla.incident-updated"),
          events.stream().map(e -> e.header("ce_type")).toList());
      for (TopicReader.Event e : events) {
        JsonNode body = JSON.readTree(e.body());
        Set<ValidationMessage> errors = schema(e.header("ce_dataschema")).validate(body);
        assertTrue(errors.isEmpty(), e.header("ce_type") + ": " + errors);
        assertEquals(incident, e.header("ce_subject"));
      }
      JsonNode detected = JSON.readTree(events.get(0).body());
      assertEquals(10, detected.get("complaintIds").size());
      JsonNode first = JSON.readTree(events.get(1).body());
      assertEquals(update1, first.get("updateId").asText());
      assertEquals(mitigating, first.get("message").asText());
      assertEquals("supervisor-user", first.get("postedBy").asText());
      List<String> members = new ArrayList<>();
      first.get("complaintIds").forEach(n -> members.add(n.asText()));
      assertEquals(11, members.size(), "every member at the time of the update");
      assertTrue(members.contains(late));
      assertEquals("resolved", JSON.readTree(events.get(2).body()).get("status").asText());
    }

    // After resolution, the same type spiking again opens a new incident.
    try (TopicWriter w = new TopicWriter()) {
      for (int k = 0; k < 10; k++) {
        complaint(w, "宽带故障", "network", t0.plusSeconds(20 * 60 + k));
      }
    }
    await().atMost(WAIT).until(() -> volume(from, to, "宽带故障") == 35);
    clock.set(t0.plusSeconds(21 * 60));
    List<UUID> again = run(detector::evaluate);
    assertEquals(1, again.size());
    assertTrue(!again.get(0).toString().equals(incident));
  }

  private static JsonPath incident(String id) {
    return as("supervisor")
        .get("/api/v1/incidents/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private void survey(TopicWriter w, String id, int rating, Instant at) {
    w.publish(
        surveys,
        id,
        "survey.answered",
        "/survey-service",
        "{\"complaintId\":\""
            + id
            + "\",\"surveyId\":\"SV-1\",\"ratings\":{\"resolution\":"
            + rating
            + "},\"nps\":8,\"occurredAt\":\""
            + at
            + "\"}");
  }

  @Test
  void thresholdsAreRaisedOnceWhenCrossedAndClearedOnceWhenBack() throws Exception {
    Instant t0 = Instant.parse("2026-12-28T02:00:00Z");
    List<String> backlog = new ArrayList<>();
    List<String> answered = new ArrayList<>();
    try (TopicWriter w = new TopicWriter()) {
      // 11 open complaints in department "vip-care" (limit 10), each answered within 5 minutes.
      for (int k = 0; k < 11; k++) {
        String id = complaint(w, "会员权益", "vip-care", t0.minusSeconds(3600 + 60 * k));
        backlog.add(id);
        w.publish(
            complaints,
            id,
            "complaint.responded",
            "/intake-service",
            lifecycle(id, t0.minusSeconds(3300 + 60 * k).toString(), ""));
      }
      // Five survey answers in the window, two satisfied: CSAT 0.4 < 0.8.
      for (int k = 0; k < 5; k++) {
        String id = UUID.randomUUID().toString();
        answered.add(id);
        survey(w, id, k < 2 ? 5 : 2, t0.minusSeconds(600 + k));
      }
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonPath k =
                  as("supervisor")
                      .queryParam("from", t0.minus(Duration.ofDays(1)).toString())
                      .queryParam("to", t0.toString())
                      .get("/api/v1/kpis")
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath();
              assertEquals(5, k.getInt("surveyAnswers"));
              assertEquals(11, k.getInt("backlogByDepartment.vip-care"));
              assertEquals(1.0f, k.getFloat("responseInTimeRate"));
            });
    clock.set(t0);
    assertEquals(
        List.of("crossed backlog:vip-care", "crossed csat:all"), mine(run(thresholds::evaluate)));
    assertEquals(List.of(), mine(run(thresholds::evaluate)), "raised once");
    as("supervisor")
        .get("/api/v1/thresholds")
        .then()
        .statusCode(200)
        .body(
            "findAll { it.scope == 'vip-care' || it.scope == 'all' }.kpi",
            equalTo(List.of("backlog", "csat")))
        .body("find { it.scope == 'vip-care' }.value", equalTo(11.0f));
    as("agent").get("/api/v1/thresholds").then().statusCode(403);
    String metrics =
        io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    assertTrue(metrics.contains("sla_kpi{kpi=\"backlog\",scope=\"vip-care\"} 11.0"), metrics);
    assertTrue(metrics.contains("sla_kpi{kpi=\"csat\",scope=\"all\"} 0.4"), metrics);

    // Two complaints resolved, four happy answers: backlog 9, CSAT 6/9 still < 0.8.
    try (TopicWriter w = new TopicWriter()) {
      for (int k = 0; k < 2; k++) {
        w.publish(
            complaints,
            backlog.get(k),
            "complaint.resolved",
            "/intake-service",
            lifecycle(backlog.get(k), t0.plusSeconds(60).toString(), ""));
      }
      for (int k = 0; k < 4; k++) {
        survey(w, UUID.randomUUID().toString(), 5, t0.plusSeconds(60 + k));
      }
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonPath k =
                  as("supervisor")
                      .queryParam("from", t0.minus(Duration.ofDays(1)).toString())
                      .queryParam("to", t0.plusSeconds(3600).toString())
                      .get("/api/v1/kpis")
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath();
              assertEquals(9, k.getInt("surveyAnswers"));
              assertEquals(9, k.getInt("backlogByDepartment.vip-care"));
            });
    clock.set(t0.plusSeconds(120));
    assertEquals(List.of("cleared backlog:vip-care"), mine(run(thresholds::evaluate)));
    // The response timers of the 9 open complaints were met; a day later the window is empty
    // (fewer than min-samples): CSAT is left as it was, not cleared by lack of data.
    clock.set(t0.plus(Duration.ofDays(2)));
    assertEquals(List.of(), mine(run(thresholds::evaluate)));
    as("supervisor")
        .get("/api/v1/thresholds")
        .then()
        .body(
            "findAll { it.scope == 'vip-care' || it.scope == 'all' }.kpi",
            equalTo(List.of("csat")));
    // Five happy answers in the new window: cleared.
    try (TopicWriter w = new TopicWriter()) {
      for (int k = 0; k < 5; k++) {
        survey(
            w, UUID.randomUUID().toString(), 5, t0.plus(Duration.ofDays(2)).minusSeconds(60 + k));
      }
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertEquals(List.of("cleared csat:all"), mine(run(thresholds::evaluate))));

    try (TopicReader reader = new TopicReader(slaAlerts)) {
      List<TopicReader.Event> events =
          reader.await(
              e ->
                  e.header("ce_type").startsWith("sla.threshold-")
                      && (e.key().endsWith(":vip-care") || e.key().endsWith(":all")),
              4,
              WAIT);
      // Ordered per key (one partition per key); keys may interleave in any order.
      for (String key : List.of("backlog:vip-care", "csat:all")) {
        assertEquals(
            List.of("sla.threshold-crossed", "sla.threshold-cleared"),
            events.stream().filter(e -> key.equals(e.key())).map(e -> e.header("ce_type")).toList(),
            key);
      }
      events =
          events.stream()
              .sorted(
                  java.util.Comparator.comparing(
                          (TopicReader.Event e) -> e.header("ce_type").endsWith("cleared"))
                      .thenComparing(TopicReader.Event::key))
              .toList();
      for (TopicReader.Event e : events) {
        Set<ValidationMessage> errors =
            schema(e.header("ce_dataschema")).validate(JSON.readTree(e.body()));
        assertTrue(errors.isEmpty(), e.header("ce_type") + ": " + errors);
      }
      JsonNode crossedCsat = JSON.readTree(events.get(1).body());
      assertEquals(0.4, crossedCsat.get("value").asDouble());
      assertEquals(0.8, crossedCsat.get("threshold").asDouble());
      assertEquals("below", crossedCsat.get("direction").asText());
      assertEquals(1440, crossedCsat.get("windowMinutes").asInt());
      JsonNode clearedBacklog = JSON.readTree(events.get(2).body());
      assertEquals(9.0, clearedBacklog.get("value").asDouble());
      assertEquals(
          t0.toString(), Instant.parse(clearedBacklog.get("crossedAt").asText()).toString());
    }
  }

  /** The other test's departments cross the backlog limit too: keep this test's own. */
  private static List<String> mine(List<String> published) {
    return published.stream().filter(p -> p.endsWith(":vip-care") || p.endsWith(":all")).toList();
  }

  static JsonSchema schema(String dataschema) throws Exception {
    String file = dataschema.substring(dataschema.lastIndexOf('/') + 1);
    JsonNode schema =
        JSON.readTree(SuiteSettings.home().resolve("docs/events").resolve(file).toFile());
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
  }
}
