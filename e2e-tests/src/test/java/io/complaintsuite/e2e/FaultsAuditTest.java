package io.complaintsuite.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.testsupport.Infra;
import io.complaintsuite.testsupport.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault run ({@code ./suite test --faults}, or {@code -Dfaults=true}): a second replica of
 * every service beside the first, a channel posting complaints at a fixed rate and agents working
 * them, while in turn the Kafka broker is stopped for 15 s, PostgreSQL is restarted, and each
 * service's first replica is killed with SIGKILL and started again. Then the load stops, the suite
 * settles, the clock moves three days so every open deadline breaches, and an audit compares every
 * complaint intake acknowledged with what each service holds. It prints (and writes to {@code
 * target/fault-audit.txt}) expected, present, lost and doubled per check and the recovery time of
 * each fault; any lost or doubled fails it.
 *
 * <p>It stops and restarts the suite's PostgreSQL and Kafka: run it only on servers of its own
 * (SUITE_STATE_DIR and ports, docs/e2e.md).
 */
@EnabledIfSystemProperty(named = "faults", matches = "true")
@ExtendWith(RunningSuite.class)
class FaultsAuditTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final int RATE = Integer.getInteger("faults.rate", 10);
  private static final Duration KAFKA_DOWN = Duration.ofSeconds(15);
  private static final Duration RECOVERY = Duration.ofMinutes(10);
  private static final Duration PROBE_LIMIT = Duration.ofMinutes(3);

  /**
   * How one fault went: how long the fault lasted and how long until a fresh complaint got through.
   */
  private record Recovery(String fault, Duration outage, Duration ready, Duration probe) {}

  private final List<Recovery> recoveries = new ArrayList<>();
  private WebhookReceiver app;
  private WebhookReceiver sms;
  private final StringBuilder report = new StringBuilder();

  @Test
  void everyAcknowledgedComplaintIsHeldOnceByEveryServiceAfterTheFaults(ServiceProcesses suite) {
    Instant began = Instant.now();
    String run = UUID.randomUUID().toString().substring(0, 8);
    FaultAudit audit = new FaultAudit(suite);
    List<ServiceProcesses.Replica> replicas = startReplicas(suite);
    log("second replicas ready after %s", since(began));
    // Four weeks ahead, 10:00 in Shanghai: away from the other journeys' instants.
    Instant start =
        LocalDate.now(SHANGHAI)
            .plusDays(28)
            .atTime(LocalTime.of(10, 0))
            .atZone(SHANGHAI)
            .toInstant();
    Instant clockSetAt = Instant.now();
    suite.setClock(start);
    String intakeReplica =
        replicas.stream()
            .filter(r -> r.service().equals("intake-service"))
            .findFirst()
            .orElseThrow()
            .url();
    List<String> intakes = List.of(suite.url("intake-service"), intakeReplica);
    // The app integration and the SMS gateway receive what customers are told (issue 20): the
    // audit counts every message and every survey invitation at the receivers.
    String secret =
        "whsec_" + java.util.Base64.getEncoder().encodeToString(run.repeat(4).getBytes());
    try {
      app = new WebhookReceiver(suite::now, secret);
      sms = new WebhookReceiver(suite::now, secret);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Api.connect(
        suite.url("intake-service"),
        "faults app " + run,
        "app",
        app,
        secret,
        List.of("receipt", "reply", "waiting-for-customer", "resolved", "reopened", "closed"));
    Api.connect(
        suite.url("intake-service"),
        "faults sms " + run,
        "sms",
        sms,
        secret,
        List.of("survey-invitation"));
    ChannelLoad load = new ChannelLoad(intakes, run);
    Agents agents = new Agents(intakes, load::acknowledged);
    try {
      load.start(RATE);
      agents.start();
      sleep(Duration.ofSeconds(20));
      recoveries.add(
          new Recovery("none (baseline)", Duration.ZERO, Duration.ZERO, probe(audit, load)));

      // (1) The broker goes away for 15 s.
      Instant down = Instant.now();
      Infra.stopKafka();
      sleep(KAFKA_DOWN);
      Infra.startKafka();
      Duration outage = since(down);
      recoveries.add(new Recovery("Kafka broker stopped", outage, outage, probe(audit, load)));
      sleep(Duration.ofSeconds(5));

      // (2) PostgreSQL restarts (fast shutdown: every open connection is cut).
      down = Instant.now();
      Infra.stopPostgres();
      Infra.startPostgres();
      outage = since(down);
      recoveries.add(new Recovery("PostgreSQL restarted", outage, outage, probe(audit, load)));
      sleep(Duration.ofSeconds(5));

      // (3) kill -9 of each service's first replica; the second carries on meanwhile.
      for (String service : ServiceProcesses.SERVICES) {
        Instant killed = Instant.now();
        CompletableFuture<Duration> restart =
            CompletableFuture.supplyAsync(() -> suite.killAndRestart(service));
        sleep(Duration.ofMillis(500)); // the kill has happened
        Duration probe = probe(audit, load);
        Duration ready = restart.join();
        recoveries.add(new Recovery("kill -9 " + service, Duration.ZERO, ready, probe));
        log(
            "%s killed at +%s: ready again after %s",
            service, Duration.between(began, killed), ready);
        sleep(Duration.ofSeconds(5));
      }

      // The channel stops; what it still has in flight finishes; the agents finish their plans.
      load.stop();
      load.close();
      boolean plansDone = agents.awaitAllDone(Duration.ofMinutes(3));
      agents.close();
      log(
          "load stopped at +%s: %d posted, %d acknowledged, %d attempts, %d retries (%d 5xx, %d"
              + " connection errors), %d answered 200 (a retry of a stored one), %d given up;"
              + " agents: %s, %d conflicts (409/412), %d failed calls, plans done: %s",
          since(began),
          load.posted(),
          load.acknowledged().size(),
          load.attempts.get(),
          load.retries.get(),
          load.serverErrors.get(),
          load.connectionErrors.get(),
          load.replays.get(),
          load.gaveUp.get(),
          agents.actions,
          agents.conflicts.get(),
          agents.failures.get(),
          plansDone);
      Duration quiet = awaitQuiet(audit);
      log("quiet (outbox empty, consumer lag 0, counts stable) after %s", quiet);

      // Three days later every deadline still open has passed: both sla replicas race to alert.
      Instant moved = start.plus(since(clockSetAt)).plus(Duration.ofDays(3));
      suite.setClock(moved);
      Instant checkersCaughtUp = Instant.now();
      await(
          "both sla checkers to raise every alert due",
          () ->
              audit.count(
                      "sla-service",
                      "select count(*) from sla_timer where state = 'running'"
                          + " and next_fire_at < ?",
                      Timestamp.from(moved.minusSeconds(5)))
                  == 0);
      sleep(Duration.ofSeconds(5)); // several more checker runs on both replicas
      log("alerts raised after %s", since(checkersCaughtUp));
      awaitQuiet(audit);
      await(
          "intake to deliver every message to the receivers",
          () ->
              audit.count(
                      "intake-service", "select count(*) from delivery where status = 'pending'")
                  == 0);

      audit(audit, load.acknowledged(), run, moved);
    } finally {
      load.stop();
      agents.close();
      if (!Infra.kafkaReachable() || !Infra.postgresReachable()) {
        Infra.ensureRunning();
      }
      replicas.forEach(ServiceProcesses.Replica::close);
      if (app != null) {
        try {
          Api.disconnect(suite.url("intake-service"), "faults ");
        } catch (RuntimeException | AssertionError e) {
          log("could not remove the fault run's connections: %s", e);
        }
        app.close();
        sms.close();
      }
      writeReport(audit, began);
    }
    assertEquals(0, audit.totalLost(), "acknowledged complaints lost somewhere:\n" + audit.table());
    assertEquals(0, audit.totalDoubled(), "effects doubled somewhere:\n" + audit.table());
    assertTrue(audit.lines.get(0).expected() > 0, "the channel got complaints acknowledged");
  }

  private static List<ServiceProcesses.Replica> startReplicas(ServiceProcesses suite) {
    List<CompletableFuture<ServiceProcesses.Replica>> starting = new ArrayList<>();
    for (String service : ServiceProcesses.SERVICES) {
      starting.add(CompletableFuture.supplyAsync(() -> suite.startReplica(service)));
    }
    return starting.stream().map(CompletableFuture::join).toList();
  }

  /**
   * Posts a fresh complaint now and waits until it is through the suite: routed (intake's work
   * order shows the department) and both SLA timers running. Returns how long that took.
   */
  private Duration probe(FaultAudit audit, ChannelLoad load) {
    Instant posted = Instant.now();
    ChannelLoad.Ack ack = load.postUntilAcknowledged(load.nextKey());
    if (ack == null) {
      throw new AssertionError("intake did not acknowledge a probe complaint in minutes");
    }
    UUID id = UUID.fromString(ack.id());
    // A slow recovery is a figure, not a failure: the audit after quiescence is the verdict.
    boolean through =
        within(
            PROBE_LIMIT,
            () ->
                audit.count(
                            "intake-service",
                            "select count(*) from complaint where id = ? and department is not null",
                            id)
                        == 1
                    && audit.count(
                            "sla-service",
                            "select count(*) from sla_timer where complaint_id = ?",
                            id)
                        == 2);
    Duration took = since(posted);
    if (!through) {
      log("probe %s not through within %s", id, PROBE_LIMIT);
      return took.negated();
    }
    return took;
  }

  /** Outbox empty in every service, consumer lag 0, and both for 5 s in a row. */
  private Duration awaitQuiet(FaultAudit audit) {
    Instant from = Instant.now();
    Instant quietSince = null;
    Instant deadline = from.plus(RECOVERY);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      try {
        long pending = audit.outboxPending();
        Map<String, Long> lag = audit.consumerLag();
        boolean quiet = pending == 0 && lag.values().stream().allMatch(l -> l == 0);
        last = "outbox pending " + pending + ", lag " + lag;
        if (quiet) {
          quietSince = quietSince == null ? Instant.now() : quietSince;
          if (since(quietSince).compareTo(Duration.ofSeconds(5)) >= 0) {
            return since(from);
          }
        } else {
          quietSince = null;
        }
      } catch (RuntimeException e) {
        last = e.toString();
        quietSince = null;
      }
      sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError("the suite did not settle within " + RECOVERY + ": " + last);
  }

  private void audit(FaultAudit audit, Map<String, ChannelLoad.Ack> acks, String run, Instant now) {
    List<String> ids = acks.values().stream().map(ChannelLoad.Ack::id).sorted().toList();
    Set<String> idSet = Set.copyOf(ids);
    String prefix = "faults-" + run + "-%";

    // intake: every acknowledged complaint stored, once per key.
    Map<String, Long> stored =
        audit.perComplaint(
            "intake-service",
            "select id, count(*) from complaint where external_id like ? group by id",
            prefix);
    long rowsPerKeyAboveOne =
        audit.count(
            "intake-service",
            "select coalesce(sum(n - 1), 0) from (select count(*) n from complaint"
                + " where external_id like ? group by channel, external_id) k",
            prefix);
    long storedUnacknowledged = stored.keySet().stream().filter(id -> !idSet.contains(id)).count();
    audit.add(
        new FaultAudit.Line(
            "intake: complaint stored",
            ids.size(),
            ids.stream().filter(stored::containsKey).count(),
            ids.stream().filter(id -> !stored.containsKey(id)).count(),
            rowsPerKeyAboveOne,
            storedUnacknowledged + " stored whose ack the channel never got (it gave up)"));

    List<FaultAudit.Event> complaints = audit.readAll("complaints");
    List<FaultAudit.Event> assignments = audit.readAll("assignments");
    List<FaultAudit.Event> alerts = audit.readAll("sla-alerts");
    List<FaultAudit.Event> knowledge = audit.readAll("knowledge");

    Map<String, Set<String>> received = FaultAudit.distinctIds(complaints, "complaint.received");
    audit.oneEventEach("complaints topic: complaint.received", ids, received);

    // routing: one assignment per complaint, announced once on receipt. Later announcements are
    // real moves (a queued complaint taken, a reopen, a hand-over, an escalation, a transfer); a
    // double is the same move announced twice in a row.
    Map<String, Long> routed =
        audit.perComplaint("routing-service", "select complaint_id, 1 from assignment");
    audit.exactlyEach("routing: assignment row", ids, 1, routed, "assignment table");
    Map<String, List<FaultAudit.Event>> created =
        FaultAudit.distinctInOrder(assignments, "assignment.created");
    Map<String, Long> onReceipt = new HashMap<>();
    Map<String, Long> laterMoves = new HashMap<>();
    Map<String, Long> laterEvents = new HashMap<>();
    Map<String, Long> causes = new TreeMap<>();
    created.forEach(
        (id, events) -> {
          List<FaultAudit.Event> later = new ArrayList<>();
          for (FaultAudit.Event e : events) {
            String cause = e.data() == null ? "?" : e.data().path("cause").asText("?");
            if ("complaint.received".equals(cause)) {
              onReceipt.merge(id, 1L, Long::sum);
            } else {
              later.add(e);
              causes.merge(cause, 1L, Long::sum);
            }
          }
          laterEvents.put(id, (long) later.size());
          laterMoves.put(id, FaultAudit.moves(later));
        });
    audit.exactlyEach(
        "assignments topic: assignment.created on receipt",
        ids,
        1,
        onReceipt,
        "cause complaint.received, distinct event ids");
    audit.compare(
        "assignments topic: later moves, none twice",
        ids,
        id -> laterMoves.getOrDefault(id, 0L),
        id -> laterEvents.getOrDefault(id, 0L),
        "distinct event ids; by cause " + causes);

    // intake shows each assignment once.
    Map<String, Long> assignedEntries =
        audit.perComplaint(
            "intake-service",
            "select c.id, count(t.id) from complaint c left join timeline_entry t"
                + " on t.complaint_id = c.id and t.kind = 'assigned'"
                + " where c.external_id like ? and c.department is not null group by c.id",
            prefix);
    audit.compare(
        "intake: 'assigned' once per assignment.created",
        ids,
        id -> (long) created.getOrDefault(id, List.of()).size(),
        id -> assignedEntries.getOrDefault(id, 0L),
        "department set, timeline entries");

    // knowledge: one suggestion per complaint.
    Map<String, Set<String>> suggested = FaultAudit.distinctIds(knowledge, "knowledge.suggested");
    audit.oneEventEach("knowledge topic: knowledge.suggested", ids, suggested);

    // sla: tracked once, two timers each.
    Map<String, Long> tracked =
        audit.perComplaint("sla-service", "select complaint_id, 1 from sla_complaint");
    audit.exactlyEach("sla: complaint tracked", ids, 1, tracked, "sla_complaint");
    Map<String, Long> timers =
        audit.perComplaint(
            "sla-service", "select complaint_id, count(*) from sla_timer group by complaint_id");
    audit.exactlyEach("sla: timers (response + resolution)", ids, 2, timers, "sla_timer rows");

    // sla: every deadline passed unmet has its breach alert, and no alert twice.
    Map<String, Long> breachesOwed =
        audit.perComplaint(
            "sla-service",
            "select complaint_id, count(*) from sla_timer where state = 'running'"
                + " and deadline_at < ? group by complaint_id",
            Timestamp.from(now.minusSeconds(30)));
    Map<String, Long> breachesRaised =
        audit.perComplaint(
            "sla-service",
            "select t.complaint_id, count(distinct t.id) from sla_timer t join sla_alert a"
                + " on a.timer_id = t.id and a.cycle = t.cycle and a.kind = 'breached'"
                + " where t.state = 'running' and t.deadline_at < ? group by t.complaint_id",
            Timestamp.from(now.minusSeconds(30)));
    Map<String, Long> alertsAboveOne =
        audit.perComplaint(
            "sla-service",
            "select complaint_id, sum(n - 1) from (select complaint_id, count(*) n from sla_alert"
                + " group by complaint_id, coalesce(timer_id, callback_id), kind, level, cycle) a"
                + " group by complaint_id");
    audit.compare(
        "sla: breach alert per overdue timer, no dup",
        ids,
        id -> breachesOwed.getOrDefault(id, 0L),
        id ->
            Math.min(breachesRaised.getOrDefault(id, 0L), breachesOwed.getOrDefault(id, 0L))
                + alertsAboveOne.getOrDefault(id, 0L),
        "alerts per timer or call-back/kind/level/cycle <= 1 (two replicas)");
    Map<String, Long> alertRows =
        audit.perComplaint(
            "sla-service", "select complaint_id, count(*) from sla_alert group by complaint_id");
    Map<String, Set<String>> alertIdsOnTopic = new HashMap<>();
    Map<String, Set<String>> eventIdsPerAlert = new HashMap<>();
    for (FaultAudit.Event e : alerts) {
      if (e.type() == null
          || !Set.of("sla.warning", "sla.breached", "sla.escalated", "sla.callback-overdue")
              .contains(e.type())
          || e.data() == null) {
        continue;
      }
      String alertId = e.data().path("alertId").asText();
      alertIdsOnTopic.computeIfAbsent(e.key(), k -> new HashSet<>()).add(alertId);
      eventIdsPerAlert.computeIfAbsent(alertId, k -> new HashSet<>()).add(e.id());
    }
    audit.compare(
        "sla-alerts topic: one event per alert",
        ids,
        id -> alertRows.getOrDefault(id, 0L),
        id ->
            alertIdsOnTopic.getOrDefault(id, Set.of()).stream()
                .mapToLong(a -> eventIdsPerAlert.get(a).size())
                .sum(),
        "distinct event ids per alert raised");

    // survey: one survey per resolution (complaint.resolved carries the reopen count).
    Map<String, Set<Integer>> resolutions = new HashMap<>();
    Map<String, Set<String>> resolvedEvents =
        FaultAudit.distinctIds(complaints, "complaint.resolved");
    for (FaultAudit.Event e : complaints) {
      if ("complaint.resolved".equals(e.type()) && e.data() != null) {
        resolutions
            .computeIfAbsent(e.key(), k -> new HashSet<>())
            .add(e.data().path("reopenCount").asInt());
      }
    }
    Map<String, Long> resolvedInIntake =
        audit.perComplaint(
            "intake-service",
            "select c.id, count(*) from complaint c join timeline_entry t on t.complaint_id = c.id"
                + " and t.kind = 'resolved' where c.external_id like ? group by c.id",
            prefix);
    audit.compare(
        "complaints topic: complaint.resolved",
        ids,
        id -> resolvedInIntake.getOrDefault(id, 0L),
        id -> (long) resolvedEvents.getOrDefault(id, Set.of()).size(),
        "events vs intake's 'resolved' timeline entries");
    Map<String, Long> surveys =
        audit.perComplaint(
            "survey-service", "select complaint_id, count(*) from survey group by complaint_id");
    audit.compare(
        "survey: one survey per resolution",
        ids,
        id -> (long) resolutions.getOrDefault(id, Set.of()).size(),
        id -> surveys.getOrDefault(id, 0L),
        "survey rows vs distinct resolutions on the topic");

    // Deliveries: every message the complaint's events mean for the customer arrived at the app
    // receiver under a webhook id of its own (the same id again on a retry is allowed and shown),
    // and every survey invitation survey-service requested arrived at the SMS receiver.
    Map<String, Long> messagesMeant = new HashMap<>();
    Set<String> countedEvents = new HashSet<>();
    for (FaultAudit.Event e : complaints) {
      boolean meant =
          switch (e.type() == null ? "" : e.type()) {
            case "complaint.received",
                "complaint.waiting-for-customer",
                "complaint.resolved",
                "complaint.reopened",
                "complaint.closed" ->
                true;
            case "complaint.message-added" ->
                e.data() != null && "to-customer".equals(e.data().path("direction").asText());
            default -> false;
          };
      if (meant && e.key() != null && countedEvents.add(e.id())) {
        messagesMeant.merge(e.key(), 1L, Long::sum);
      }
    }
    audit.compare(
        "deliveries: messages at the app receiver",
        ids,
        id -> messagesMeant.getOrDefault(id, 0L),
        id -> distinctDeliveries(app, id),
        "distinct webhook ids per complaint vs events meant for the customer; "
            + repeats(app)
            + " same-id repeats (retries), "
            + app.refused.size()
            + " bad signatures");
    Map<String, Set<String>> invitations = new HashMap<>();
    for (FaultAudit.Event e : audit.readAll("notifications")) {
      if ("notification.requested".equals(e.type()) && e.data() != null && e.key() != null) {
        invitations.computeIfAbsent(e.key(), k -> new HashSet<>()).add(e.id());
      }
    }
    audit.compare(
        "deliveries: survey invitations by SMS",
        ids,
        id -> (long) invitations.getOrDefault(id, Set.of()).size(),
        id -> distinctDeliveries(sms, id),
        "distinct webhook ids per complaint vs notification.requested; "
            + repeats(sms)
            + " same-id repeats, "
            + sms.refused.size()
            + " bad signatures");

    // KPIs (sla-service's API, as a supervisor reads them) against the events.
    JsonNode kpis = kpis(audit, now);
    long volume = kpis.path("volume").asLong();
    long storedAll = stored.size();
    audit.add(
        new FaultAudit.Line(
            "sla KPI: volume",
            storedAll,
            Math.min(volume, storedAll),
            Math.max(0, storedAll - volume),
            Math.max(0, volume - storedAll),
            "GET /api/v1/kpis vs complaints in intake"));
    long open =
        audit.count(
            "intake-service",
            "select count(*) from complaint where external_id like ? and status in"
                + " ('RECEIVED', 'IN_PROGRESS', 'WAITING_FOR_CUSTOMER')",
            prefix);
    long backlog = 0;
    for (JsonNode n : kpis.path("backlogByDepartment")) {
      backlog += n.asLong();
    }
    audit.add(
        new FaultAudit.Line(
            "sla KPI: backlog",
            open,
            Math.min(open, backlog),
            Math.max(0, open - backlog),
            Math.max(0, backlog - open),
            "sum of backlogByDepartment vs open complaints in intake"));
    long reopenedComplaints =
        complaints.stream()
            .filter(e -> "complaint.reopened".equals(e.type()) && idSet.contains(e.key()))
            .map(FaultAudit.Event::key)
            .distinct()
            .count();
    long everResolved = resolutions.keySet().stream().filter(idSet::contains).count();
    double expectedReopenRate =
        everResolved == 0 ? 0 : Math.round(10_000.0 * reopenedComplaints / everResolved) / 10_000.0;
    double reopenRate = kpis.path("reopenRate").asDouble();
    audit.add(
        new FaultAudit.Line(
            "sla KPI: reopen rate x10000",
            Math.round(expectedReopenRate * 10_000),
            Math.round(reopenRate * 10_000),
            Math.max(0, Math.round((expectedReopenRate - reopenRate) * 10_000)),
            Math.max(0, Math.round((reopenRate - expectedReopenRate) * 10_000)),
            reopenedComplaints + " reopened of " + everResolved + " resolved (events)"));

    // Dead letters: a valid event there is an effect lost.
    long deadLetters = 0;
    Map<String, Long> perDlq = new LinkedHashMap<>();
    for (String service : ServiceProcesses.SERVICES) {
      long n = audit.readAll(service + ".dlq").size();
      perDlq.put(service, n);
      deadLetters += n;
    }
    audit.add(
        new FaultAudit.Line(
            "dead-letter topics: records", 0, 0, deadLetters, 0, perDlq.toString()));
  }

  private static JsonNode kpis(FaultAudit audit, Instant now) {
    String from = now.minus(Duration.ofDays(5)).toString();
    String to = now.plus(Duration.ofDays(1)).toString();
    return Api.as("supervisor", audit.suiteUrl("sla-service"))
        .queryParam("from", from)
        .queryParam("to", to)
        .get("/api/v1/kpis")
        .then()
        .statusCode(200)
        .extract()
        .as(JsonNode.class);
  }

  private static long distinctDeliveries(WebhookReceiver receiver, String complaintId) {
    return receiver.accepted.stream()
        .filter(a -> complaintId.equals(a.complaintId()))
        .map(WebhookReceiver.Accepted::id)
        .distinct()
        .count();
  }

  private static long repeats(WebhookReceiver receiver) {
    return receiver.accepted.size()
        - receiver.accepted.stream().map(WebhookReceiver.Accepted::id).distinct().count();
  }

  private void writeReport(FaultAudit audit, Instant began) {
    StringBuilder out = new StringBuilder();
    out.append("Fault run ").append(began).append(" (").append(since(began).toSeconds());
    out.append(" s, ").append(RATE).append(" complaints/s)\n\n");
    out.append(report).append('\n');
    out.append(
        String.format(
            "%-32s %10s %16s %22s%n", "fault", "outage", "ready again", "fresh complaint through"));
    for (Recovery r : recoveries) {
      out.append(
          String.format(
              "%-32s %9.1fs %15.1fs %21s%n",
              r.fault(),
              seconds(r.outage()),
              seconds(r.ready()),
              r.probe().isNegative()
                  ? String.format("> %.0fs", seconds(r.probe().negated()))
                  : String.format("%.1fs", seconds(r.probe()))));
    }
    out.append('\n').append(audit.table());
    System.out.println(out);
    try {
      Files.writeString(Path.of("target", "fault-audit.txt"), out.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void log(String format, Object... args) {
    String line = "faults: " + String.format(format, args);
    System.out.println(line);
    report.append(line).append('\n');
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static Duration since(Instant t) {
    return Duration.between(t, Instant.now());
  }

  /** Whether the condition came true within {@code limit} (errors meanwhile count as false). */
  private static boolean within(Duration limit, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (condition.getAsBoolean()) {
          return true;
        }
      } catch (RuntimeException e) {
        // PostgreSQL restarting, say
      }
      sleep(Duration.ofMillis(250));
    }
    return false;
  }

  private static void await(String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(RECOVERY);
    RuntimeException lastError = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
        lastError = null;
      } catch (RuntimeException e) {
        lastError = e; // PostgreSQL restarting, say
      }
      sleep(Duration.ofMillis(250));
    }
    throw new AssertionError("waited " + RECOVERY + " for " + what, lastError);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
