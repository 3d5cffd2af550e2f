package io.complaintsuite.sla.timer;

import static io.complaintsuite.sla.support.SlaApi.alerts;
import static io.complaintsuite.sla.support.SlaApi.as;
import static io.complaintsuite.sla.support.SlaApi.at;
import static io.complaintsuite.sla.support.SlaApi.check;
import static io.complaintsuite.sla.support.SlaApi.instant;
import static io.complaintsuite.sla.support.SlaApi.lifecycle;
import static io.complaintsuite.sla.support.SlaApi.publish;
import static io.complaintsuite.sla.support.SlaApi.received;
import static io.complaintsuite.sla.support.SlaApi.timer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * complaint.priority-changed moves the running timers to the new grade's policy keeping the elapsed
 * working time; a timer across a weekend warns, breaches and escalates at the right instants
 * (nothing on Saturday or Sunday); full batches of due timers do not hang the checker.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "sla",
    topics = {"complaints", "assignments", "surveys", "sla-alerts", "sla-service.dlq"})
class RegradeAndWeekendTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @Inject MutableClock clock;
  @Inject DeadlineChecker checker;
  @Inject AgroalDataSource jdbc;

  /**
   * The progress gauge a supervisor's dashboard and the day journey read (checked until) is the
   * latest complete check, also after the clock was set back: it used to keep the highest value
   * ever, so after a service started on today's date and the clock moved to a day in the past,
   * every wait on it passed at once and late alerts went unraised before agents acted.
   */
  @Test
  void checkedUntilFollowsAClockSetBack() {
    // Years before any timer the module's tests write: nothing is due, so each run completes.
    clock.setShanghai("2001-06-02T10:00:00");
    check(checker);
    assertEquals(
        Instant.parse("2001-06-02T02:00:00Z").getEpochSecond(), checkedUntilSeconds(), 0.001);
    clock.setShanghai("2001-06-01T09:30:00");
    check(checker);
    assertEquals(
        Instant.parse("2001-06-01T01:30:00Z").getEpochSecond(), checkedUntilSeconds(), 0.001);
  }

  /**
   * The value behind the gauge, read from the checker: in a test JVM that restarted Quarkus for
   * another profile the global registry still holds the first application's gauge.
   */
  private double checkedUntilSeconds() {
    return checker.checkedUntil().toEpochMilli() / 1000.0;
  }

  /**
   * A full batch (sla.checker.batch-size, 500) raised in one run, then the rest: the alert chain
   * used to nest one subscription per alert and overflowed the stack at 500, leaving the run and
   * its transaction hanging for ever.
   */
  @Test
  void fullBatchesOfDueTimersAreRaisedWithoutHanging() throws Throwable {
    try (Connection c = jdbc.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          """
          insert into sla_timer (id, complaint_id, kind, priority, policy_id, policy_version,
            calendar, target_minutes, state, started_at, resumed_at, consumed_millis, warn_at,
            deadline_at, stage, escalation_level, cycle, next_fire_at, department, updated_at)
          select gen_random_uuid(), gen_random_uuid(), 'resolution', 'urgent',
            '00000000-0000-0000-0000-000000000001', 1, '24x7', 1440, 'running', t, t, 0, t, t,
            'breach', 0, 0, t, 'bulk-test', now()
          from (select timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second' as t
                from generate_series(1, 1200) i) g
          """);
    }
    clock.setShanghai("2026-01-02T00:00:00");
    int first =
        VertxContextSupport.subscribeAndAwait(
            () -> checker.checkOnce().ifNoItem().after(Duration.ofSeconds(60)).fail());
    assertEquals(500, first, "a full batch");
    VertxContextSupport.subscribeAndAwait(
        () -> checker.checkUntilDrained(5).ifNoItem().after(Duration.ofSeconds(120)).fail());
    try (Connection c = jdbc.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select count(*), count(distinct timer_id) from sla_alert"
                    + " where department = 'bulk-test' and kind = 'breached'")) {
      r.next();
      assertEquals(1200, r.getLong(1));
      assertEquals(1200, r.getLong(2));
    }
  }

  private static List<Object> kinds(String id) {
    return kinds(id, null);
  }

  /** The complaint's alerts (of one timer, if named), oldest first, as kind/level. */
  private static List<Object> kinds(String id, String timer) {
    List<Object> raised =
        new java.util.ArrayList<>(
            alerts(id).stream()
                .filter(a -> timer == null || timer.equals(a.get("timer")))
                .map(a -> (Object) (a.get("kind") + "/" + a.get("level")))
                .toList());
    java.util.Collections.reverse(raised); // oldest first
    return raised;
  }

  private void priorityChanged(String id, String from, String to, String occurredAt) {
    publish(
        complaints,
        id,
        "complaint.priority-changed",
        lifecycle(
            id,
            occurredAt,
            "\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"reason\":\"客户威胁向12315投诉\""));
  }

  @Test
  void priorityChangeMovesRunningDeadlinesKeepingElapsedTime() {
    // Tuesday 1 Dec 2026, 10:00 in Shanghai: a general complaint (response 24 h on 24x7,
    // resolution 40 working hours on cn-business).
    clock.setShanghai("2026-12-01T10:00:00");
    String up = UUID.randomUUID().toString();
    publish(
        complaints, up, "complaint.received", received(up, "general", at("2026-12-01T10:00:00")));
    await().atMost(WAIT).until(() -> "running".equals(timer(up, "resolution").get("state")));
    assertEquals(
        instant(at("2026-12-02T10:00:00")), instant(timer(up, "response").get("deadlineAt")));

    // 11:00: urgent (15 min response, 24 h resolution on 24x7). The response has used 60 min of
    // 15: due at once. The resolution has used 60 working minutes of 1440: 23 h from 11:00.
    clock.setShanghai("2026-12-01T11:00:00");
    priorityChanged(up, "general", "urgent", at("2026-12-01T11:00:00"));
    await().atMost(WAIT).until(() -> "urgent".equals(timer(up, "response").get("priority")));
    Map<String, Object> response = timer(up, "response");
    assertEquals(instant(at("2026-12-01T11:00:00")), instant(response.get("deadlineAt")));
    assertEquals(15, response.get("targetMinutes"));
    assertEquals("24x7", response.get("calendar"));
    Map<String, Object> resolution = timer(up, "resolution");
    assertEquals(instant(at("2026-12-02T10:00:00")), instant(resolution.get("deadlineAt")));
    assertEquals(1440, resolution.get("targetMinutes"));
    assertEquals("24x7", resolution.get("calendar"));
    check(checker);
    assertEquals(List.of("breached/0"), kinds(up), "the response is overdue: breach, no warning");

    // The other way: urgent at 10:00, general at 10:05. General's targets (24 h response, 40
    // working hours resolution) would end later than the urgent ones already promised: both are
    // kept. (Not low: the weekend test gives low a 120-minute resolution policy.)
    String down = UUID.randomUUID().toString();
    publish(
        complaints,
        down,
        "complaint.received",
        received(down, "urgent", at("2026-12-01T10:00:00")));
    await().atMost(WAIT).until(() -> "running".equals(timer(down, "response").get("state")));
    priorityChanged(down, "urgent", "general", at("2026-12-01T10:05:00"));
    await().atMost(WAIT).until(() -> "general".equals(timer(down, "response").get("priority")));
    assertEquals(
        instant(at("2026-12-01T10:15:00")), instant(timer(down, "response").get("deadlineAt")));
    assertEquals(15, timer(down, "response").get("targetMinutes"));
    assertEquals(
        instant(at("2026-12-02T10:00:00")), instant(timer(down, "resolution").get("deadlineAt")));
    assertEquals("24x7", timer(down, "resolution").get("calendar"));
    clock.setShanghai("2026-12-01T11:00:00");
    check(checker);
    // Both fall due in the one checker run at 11:00, so they share raisedAt: compare as a set.
    assertEquals(
        List.of("breached/0", "escalated/1"),
        kinds(down).stream().sorted().toList(),
        "the urgent response promised for 10:15 is late: breached, and 30 min later escalated");

    // A met timer is not moved.
    String met = UUID.randomUUID().toString();
    publish(
        complaints, met, "complaint.received", received(met, "general", at("2026-12-01T10:00:00")));
    publish(complaints, met, "complaint.responded", lifecycle(met, at("2026-12-01T10:30:00"), ""));
    await().atMost(WAIT).until(() -> "met".equals(timer(met, "response").get("state")));
    priorityChanged(met, "general", "urgent", at("2026-12-01T10:40:00"));
    await().atMost(WAIT).until(() -> "urgent".equals(timer(met, "resolution").get("priority")));
    assertEquals("general", timer(met, "response").get("priority"));
    assertEquals(1440, timer(met, "response").get("targetMinutes"));
  }

  /**
   * A lowered priority never lengthens a deadline already promised; a raised one re-targets to the
   * new policy. Time consumed and paused periods are kept either way. Expected deadlines by hand.
   */
  @Test
  void aLoweredPriorityNeverLengthensAPromisedDeadline() {
    // Wednesday 2 Dec 2026, 10:00 Shanghai: urgent (15 min response, 1440 min resolution, 24x7).
    clock.setShanghai("2026-12-02T10:00:00");
    String id = UUID.randomUUID().toString();
    publish(
        complaints, id, "complaint.received", received(id, "urgent", at("2026-12-02T10:00:00")));
    await().atMost(WAIT).until(() -> "running".equals(timer(id, "resolution").get("state")));
    // 10:30 waiting for the customer: the resolution has used 30 minutes.
    publish(
        complaints,
        id,
        "complaint.waiting-for-customer",
        lifecycle(id, at("2026-12-02T10:30:00"), "\"reason\":\"order number\""));
    await().atMost(WAIT).until(() -> "paused".equals(timer(id, "resolution").get("state")));
    // 11:00, still paused: lowered to general (2400 working minutes on cn-business, days later):
    // the urgent target stays.
    priorityChanged(id, "urgent", "general", at("2026-12-02T11:00:00"));
    await().atMost(WAIT).until(() -> "general".equals(timer(id, "resolution").get("priority")));
    Map<String, Object> paused = timer(id, "resolution");
    assertEquals("paused", paused.get("state"));
    assertEquals(1440, paused.get("targetMinutes"));
    assertEquals("24x7", paused.get("calendar"));
    assertEquals(1800, ((Number) paused.get("consumedSeconds")).intValue());
    // The response (15 min, due 10:15) stays due at 10:15, not 3 Dec 10:00.
    assertEquals(
        instant(at("2026-12-02T10:15:00")), instant(timer(id, "response").get("deadlineAt")));
    // 12:00 the customer answers: 1410 minutes left from 12:00 on 24x7 = 3 Dec 11:30.
    publish(
        complaints,
        id,
        "complaint.message-added",
        lifecycle(id, at("2026-12-02T12:00:00"), "\"direction\":\"from-customer\""));
    await().atMost(WAIT).until(() -> "running".equals(timer(id, "resolution").get("state")));
    assertEquals(
        instant(at("2026-12-03T11:30:00")), instant(timer(id, "resolution").get("deadlineAt")));

    // General at 10:00 on Wednesday 2 Dec: resolution 40 working hours = 7 h on Wednesday, 8 on
    // Thursday, Friday, Monday, Tuesday, 1 on Wednesday 9 Dec: 10:00. At 10:40 (40 working minutes
    // used, nothing paused)
    // raised to urgent: the resolution is due 1440 - 40 = 1400 minutes after 10:40 on 24x7, i.e.
    // 3 Dec 10:00; the response (40 of 15 minutes used) is due at once, 10:40.
    String up = UUID.randomUUID().toString();
    publish(
        complaints, up, "complaint.received", received(up, "general", at("2026-12-02T10:00:00")));
    await().atMost(WAIT).until(() -> "running".equals(timer(up, "resolution").get("state")));
    assertEquals(
        instant(at("2026-12-09T10:00:00")), instant(timer(up, "resolution").get("deadlineAt")));
    priorityChanged(up, "general", "urgent", at("2026-12-02T10:40:00"));
    await().atMost(WAIT).until(() -> "urgent".equals(timer(up, "resolution").get("priority")));
    assertEquals(
        instant(at("2026-12-03T10:00:00")), instant(timer(up, "resolution").get("deadlineAt")));
    assertEquals(1440, timer(up, "resolution").get("targetMinutes"));
    assertEquals(
        instant(at("2026-12-02T10:40:00")), instant(timer(up, "response").get("deadlineAt")));
    // ... and lowered back to general at 11:00: the urgent deadlines stay.
    priorityChanged(up, "urgent", "general", at("2026-12-02T11:00:00"));
    await().atMost(WAIT).until(() -> "general".equals(timer(up, "resolution").get("priority")));
    assertEquals(
        instant(at("2026-12-03T10:00:00")), instant(timer(up, "resolution").get("deadlineAt")));
    assertEquals(
        instant(at("2026-12-02T10:40:00")), instant(timer(up, "response").get("deadlineAt")));
  }

  @Test
  void escalationAcrossAWeekendComesAtTheRightInstants() {
    // Policy low v2: resolution 120 working minutes on cn-business (response 48 h on 24x7).
    as("admin")
        .body(
            "{\"responseMinutes\":2880,\"responseCalendar\":\"24x7\","
                + "\"resolutionMinutes\":120,\"resolutionCalendar\":\"cn-business\"}")
        .post("/api/v1/policies/low")
        .then()
        .statusCode(201)
        .body("version", equalTo(2));
    // Friday 18 Dec 2026 17:00: one working hour that day, the second on Monday 21 Dec 09-10.
    clock.setShanghai("2026-12-18T17:00:00");
    String id = UUID.randomUUID().toString();
    publish(complaints, id, "complaint.received", received(id, "low", at("2026-12-18T17:00:00")));
    await().atMost(WAIT).until(() -> "running".equals(timer(id, "resolution").get("state")));
    Map<String, Object> t = timer(id, "resolution");
    assertEquals(instant(at("2026-12-21T10:00:00")), instant(t.get("deadlineAt")));
    assertEquals(instant(at("2026-12-21T09:36:00")), instant(t.get("warnAt")));

    String[][] steps = {
      {"2026-12-18T17:59:59", ""},
      {"2026-12-19T12:00:00", ""},
      {"2026-12-20T23:59:59", ""},
      {"2026-12-21T09:35:59", ""},
      {"2026-12-21T09:36:00", "warning/0"},
      {"2026-12-21T09:59:59", "warning/0"},
      {"2026-12-21T10:00:00", "warning/0,breached/0"},
      {"2026-12-21T10:29:59", "warning/0,breached/0"},
      {"2026-12-21T10:30:00", "warning/0,breached/0,escalated/1"},
      {"2026-12-21T11:59:59", "warning/0,breached/0,escalated/1"},
      {"2026-12-21T12:00:00", "warning/0,breached/0,escalated/1,escalated/2"},
      {"2026-12-22T12:00:00", "warning/0,breached/0,escalated/1,escalated/2"},
    };
    for (String[] step : steps) {
      clock.setShanghai(step[0]);
      check(checker);
      assertEquals(
          step[1].isEmpty() ? List.of() : List.of(step[1].split(",")),
          kinds(id, "resolution"),
          step[0]);
    }
    List<Map<String, Object>> raised =
        alerts(id).stream().filter(a -> "resolution".equals(a.get("timer"))).toList();
    Map<String, Object> escalated = raised.get(0);
    assertEquals("escalated", escalated.get("kind"));
    assertEquals(instant(at("2026-12-21T12:00:00")), instant(escalated.get("dueAt")));
    assertEquals(instant(at("2026-12-21T12:00:00")), instant(escalated.get("raisedAt")));
  }
}
