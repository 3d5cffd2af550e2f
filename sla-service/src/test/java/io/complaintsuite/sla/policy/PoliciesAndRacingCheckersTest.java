package io.complaintsuite.sla.policy;

import static io.complaintsuite.sla.support.SlaApi.alerts;
import static io.complaintsuite.sla.support.SlaApi.as;
import static io.complaintsuite.sla.support.SlaApi.at;
import static io.complaintsuite.sla.support.SlaApi.check;
import static io.complaintsuite.sla.support.SlaApi.instant;
import static io.complaintsuite.sla.support.SlaApi.publish;
import static io.complaintsuite.sla.support.SlaApi.received;
import static io.complaintsuite.sla.support.SlaApi.timer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.complaintsuite.sla.timer.DeadlineChecker;
import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Versioned policies on the real calendar (National Day, a 调休 Saturday), and checkers racing on one
 * database raising each alert once.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "sla",
    topics = {"complaints", "assignments", "surveys", "sla-alerts", "sla-service.dlq"})
class PoliciesAndRacingCheckersTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @Inject MutableClock clock;
  @Inject DeadlineChecker checker;
  @Inject AgroalDataSource jdbc;

  @Test
  void aNewPolicyVersionAppliesToNewComplaintsAcrossHolidaysAndMakeUpDays() {
    as("supervisor")
        .body("{\"responseMinutes\":120,\"responseCalendar\":\"cn-business\"}")
        .post("/api/v1/policies/low")
        .then()
        .statusCode(403);
    as("admin")
        .body(
            "{\"responseMinutes\":120,\"responseCalendar\":\"moon\","
                + "\"resolutionMinutes\":480,\"resolutionCalendar\":\"cn-business\"}")
        .post("/api/v1/policies/low")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("responseCalendar"));
    as("admin")
        .body("{\"responseMinutes\":0}")
        .post("/api/v1/policies/low")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("responseMinutes"));
    as("admin")
        .body("{}")
        .post("/api/v1/policies/extreme")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("priority"));

    String before = UUID.randomUUID().toString();
    publish(
        complaints,
        before,
        "complaint.received",
        received(before, "low", at("2026-09-30T17:00:00")));
    await().atMost(WAIT).until(() -> "running".equals(timer(before, "response").get("state")));

    as("admin")
        .body(
            "{\"responseMinutes\":120,\"responseCalendar\":\"cn-business\","
                + "\"resolutionMinutes\":480,\"resolutionCalendar\":\"cn-business\"}")
        .post("/api/v1/policies/low")
        .then()
        .statusCode(201)
        .body("version", equalTo(2))
        .body("createdBy", equalTo("admin-user"));
    as("supervisor")
        .get("/api/v1/policies/low/versions")
        .then()
        .statusCode(200)
        .body("version", equalTo(List.of(2, 1)));

    // Wed 30 Sep 17:00 + 2 working hours: 1 h that day, National Day 1-7 Oct, Thu 8 Oct 10:00.
    String holiday = UUID.randomUUID().toString();
    publish(
        complaints,
        holiday,
        "complaint.received",
        received(holiday, "low", at("2026-09-30T17:00:00")));
    // Fri 9 Oct 17:00 + 2 working hours: Saturday 10 Oct is a make-up working day.
    String makeUp = UUID.randomUUID().toString();
    publish(
        complaints,
        makeUp,
        "complaint.received",
        received(makeUp, "low", at("2026-10-09T17:00:00")));
    await().atMost(WAIT).until(() -> !timer(makeUp, "response").isEmpty());
    await().atMost(WAIT).until(() -> !timer(holiday, "response").isEmpty());

    Map<String, Object> kept = timer(before, "response");
    assertEquals(1, kept.get("policyVersion"), "a running complaint keeps its version");
    assertEquals(instant(at("2026-10-02T17:00:00")), instant(kept.get("deadlineAt")));
    Map<String, Object> onHoliday = timer(holiday, "response");
    assertEquals(2, onHoliday.get("policyVersion"));
    assertEquals(instant(at("2026-10-08T10:00:00")), instant(onHoliday.get("deadlineAt")));
    assertEquals(instant(at("2026-10-08T09:36:00")), instant(onHoliday.get("warnAt")));
    assertEquals(
        instant(at("2026-10-10T10:00:00")), instant(timer(makeUp, "response").get("deadlineAt")));

    // The whole holiday passes without an alert; the warning comes at 09:36 on the 8th.
    clock.setShanghai("2026-10-08T09:35:59");
    check(checker);
    assertEquals(List.of(), alerts(holiday));
    clock.setShanghai("2026-10-08T09:36:00");
    check(checker);
    assertEquals(List.of("warning"), alerts(holiday).stream().map(a -> a.get("kind")).toList());
    clock.setShanghai("2026-10-10T10:00:00");
    check(checker);
    assertEquals(List.of("breached"), alerts(makeUp).stream().map(a -> a.get("kind")).toList());
    assertEquals(instant(at("2026-10-10T10:00:00")), instant(alerts(makeUp).get(0).get("dueAt")));
  }

  @Test
  void twoCheckersRacingRaiseEachAlertExactlyOnce() throws Exception {
    Instant t0 = clock.setShanghai("2026-11-10T03:00:00");
    List<String> ids = new ArrayList<>();
    try (TopicWriter writer = new TopicWriter()) {
      for (int i = 0; i < 40; i++) {
        String id = UUID.randomUUID().toString();
        ids.add(id);
        writer.publish(
            complaints,
            id,
            "complaint.received",
            "/intake-service",
            received(id, "urgent", at("2026-11-10T03:00:00")));
      }
    }
    for (String id : ids) {
      await().atMost(WAIT).until(() -> !timer(id, "response").isEmpty());
    }

    // Two transactions on the claim itself: the second skips what the first holds, and takes
    // it over once the first is gone (a crashed replica rolls back).
    Timestamp due = Timestamp.from(t0.plus(Duration.ofMinutes(16)));
    try (Connection a = jdbc.getConnection();
        Connection b = jdbc.getConnection()) {
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      int heldByA = claim(a, due);
      assertTrue(heldByA >= 40, "A claims every due timer: " + heldByA);
      assertEquals(0, claim(b, due), "B skips the rows A holds");
      a.rollback();
      assertEquals(heldByA, claim(b, due), "B takes them over");
      b.rollback();
    }

    // Two checkers racing: 16 min after receipt each response timer owes exactly one breach.
    clock.set(t0.plus(Duration.ofMinutes(16)));
    CyclicBarrier start = new CyclicBarrier(2);
    CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> race(start));
    CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> race(start));
    int claimed = first.get() + second.get();
    check(checker);
    assertTrue(claimed >= 40, "every due timer was claimed by one of them: " + claimed);
    for (String id : ids) {
      List<Map<String, Object>> raised = alerts(id);
      assertEquals(
          List.of("breached"), raised.stream().map(x -> x.get("kind")).toList(), "alerts of " + id);
    }
  }

  private int race(CyclicBarrier start) {
    try {
      start.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return check(checker);
  }

  private static int claim(Connection c, Timestamp now) throws Exception {
    String sql = DeadlineChecker.CLAIM_SQL.replace(":now", "?").replace(":limit", "?");
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setTimestamp(1, now);
      s.setInt(2, 10_000);
      int n = 0;
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          n++;
        }
      }
      return n;
    }
  }
}
