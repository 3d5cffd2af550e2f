package io.complaintsuite.sla.incident;

import static io.complaintsuite.sla.support.SlaApi.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The absolute spike floor on the default settings (sla.spike.absolute-count 8): a fresh
 * installation's first outage, eight 宽带断网 complaints within a few minutes, opens exactly one
 * incident that groups those eight, as the demo plays it (received as {@code unclassified}, then
 * classified by routing's assignment); a steady trickle of a type all day opens none. The database
 * is this class's own and empty at start: no history at all.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "sla",
    topics = {"complaints", "assignments", "surveys", "sla-alerts", "sla-service.dlq"})
class SpikeFloorTest {
  static final Duration WAIT = Duration.ofSeconds(60);

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @Inject MutableClock clock;
  @Inject SpikeDetector detector;
  @Inject AgroalDataSource jdbc;

  private static <T> T run(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> uni) {
    try {
      return VertxContextSupport.subscribeAndAwait(uni);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private void received(TopicWriter w, String id, String problemType, Instant at) {
    w.publish(
        complaints,
        id,
        "complaint.received",
        "/intake-service",
        io.complaintsuite.sla.support.SlaApi.received(id, "general", at.toString())
            .replace("account-security", problemType));
  }

  private void assigned(TopicWriter w, String id, String problemType) {
    w.publish(
        assignments,
        id,
        "assignment.created",
        "/routing-service",
        "{\"complaintId\":\""
            + id
            + "\",\"department\":\"network\",\"agent\":null,\"problemType\":\""
            + problemType
            + "\"}");
  }

  private long count(String sql, Object... params) throws Exception {
    try (Connection c = jdbc.getConnection();
        PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        p.setObject(i + 1, params[i]);
      }
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  @Test
  void unclassifiedComplaintsNeverSpike() throws Exception {
    // Thursday 10 Dec 2026, 09:00 Shanghai: 18 complaints in six minutes that routing has not
    // classified yet (intake records them as unclassified): not one problem, no incident.
    Instant t0 = Instant.parse("2026-12-10T01:00:00Z");
    try (TopicWriter w = new TopicWriter()) {
      for (int i = 0; i < 18; i++) {
        received(w, UUID.randomUUID().toString(), "unclassified", t0.plusSeconds(20 * i));
      }
    }
    await()
        .atMost(WAIT)
        .until(
            () ->
                count("select count(*) from sla_complaint where problem_type = 'unclassified'")
                    == 18);
    clock.set(t0.plusSeconds(8 * 60));
    assertEquals(List.of(), run(detector::evaluate), "unclassified never spikes");
    assertEquals(0, count("select count(*) from sla_incident where problem_type = 'unclassified'"));
  }

  @Test
  void aFreshInstallationsFirstOutageOpensExactlyOneIncident() throws Exception {
    // Monday 14 Dec 2026, 09:00 Shanghai, the installation's first day: ten ordinary complaints
    // and eight 宽带断网 between 09:00 and 09:07, received unclassified and then classified by
    // routing's assignment, as the demo plays them.
    Instant t0 = Instant.parse("2026-12-14T01:00:00Z");
    List<String> outage = new ArrayList<>();
    List<String> others = new ArrayList<>();
    String[] otherTypes = {
      "billing-dispute", "product-quality", "service-attitude", "consultation", "app-fault"
    };
    try (TopicWriter w = new TopicWriter()) {
      for (int i = 0; i < 10; i++) {
        String id = UUID.randomUUID().toString();
        others.add(id);
        received(w, id, "unclassified", t0.plusSeconds(20 * i));
      }
      for (int i = 0; i < 8; i++) {
        String id = UUID.randomUUID().toString();
        outage.add(id);
        received(w, id, "unclassified", t0.plusSeconds(200 + 30 * i));
      }
      // Routing classifies them: eight service-outage, the ten others two each of five types.
      for (String id : outage) {
        assigned(w, id, "service-outage");
      }
      for (int i = 0; i < others.size(); i++) {
        assigned(w, others.get(i), otherTypes[i % otherTypes.length]);
      }
    }
    await()
        .atMost(WAIT)
        .until(
            () ->
                count("select count(*) from sla_complaint where problem_type = ?", "service-outage")
                        == 8
                    && count(
                            "select count(*) from sla_complaint where problem_type = ?",
                            "app-fault")
                        == 2);
    clock.set(t0.plusSeconds(8 * 60 + 30)); // 09:08:30
    List<UUID> opened = run(detector::evaluate);
    assertEquals(1, opened.size(), "eight outage complaints in ten minutes, no history at all");
    assertEquals(List.of(), run(detector::evaluate), "one incident per spike");
    clock.set(t0.plusSeconds(9 * 60));
    assertEquals(List.of(), run(detector::evaluate), "still one incident");

    JsonPath incident =
        as("supervisor")
            .get("/api/v1/incidents/" + opened.get(0))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("service-outage", incident.getString("problemType"));
    assertEquals(8, incident.getInt("windowCount"));
    assertEquals(0.0f, incident.getFloat("baseline"), "no history");
    assertEquals(new HashSet<>(outage), Set.copyOf(incident.getList("complaintIds")));
    assertEquals(
        1, count("select count(*) from sla_incident where problem_type = ?", "service-outage"));
    assertEquals(
        0, count("select count(*) from sla_incident where problem_type <> ?", "service-outage"));
  }

  @Test
  void aSteadyTrickleAllDayOpensNone() throws Exception {
    // Tuesday 22 Dec 2026, 09:00-21:00 Shanghai: a busy type, one complaint every 3 minutes
    // (3.3 per 10-minute window, 240 in the day), and a quieter one every 20 minutes. Evaluated
    // every 10 minutes of the day: never a spike (at most 4 of a type in any window < 8).
    Instant day = Instant.parse("2026-12-22T01:00:00Z");
    try (Connection c = jdbc.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "insert into sla_complaint (complaint_id, priority, problem_type, department,"
                    + " received_at, updated_at) select gen_random_uuid(), 'general', ?,"
                    + " 'billing', ?::timestamptz + i * (? * interval '1 second'), now()"
                    + " from generate_series(0, ?) i")) {
      p.setString(1, "trickle-billing");
      p.setString(2, day.toString());
      p.setInt(3, 180);
      p.setInt(4, 239);
      p.executeUpdate();
      p.setString(1, "trickle-consultation");
      p.setInt(3, 1200);
      p.setInt(4, 35);
      p.executeUpdate();
    }
    for (int m = 0; m <= 12 * 60; m += 10) {
      clock.set(day.plusSeconds(60L * m + 5));
      assertEquals(List.of(), run(detector::evaluate), "at minute " + m);
    }
    assertEquals(0, count("select count(*) from sla_incident where problem_type like 'trickle-%'"));
  }
}
