package io.complaintsuite.routing.capacity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.Priority;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.routing.assignment.AgentChoice;
import io.complaintsuite.routing.assignment.Assignment;
import io.complaintsuite.routing.assignment.AssignmentCreated;
import io.complaintsuite.routing.assignment.Decision;
import io.complaintsuite.routing.assignment.RoutingEvents;
import io.complaintsuite.routing.department.Agent;
import io.complaintsuite.routing.intake.CapacityGateway;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Agents' load as a live resource, on plain SQL in the caller's transaction: a complaint's load is
 * released once (resolved, closed, handed over) and taken again on reopen; queued complaints are
 * given, most urgent then oldest, to agents who have room. Every change of a department's loads and
 * queue here first takes the department's advisory lock ({@code routing-capacity:DEPT}), so two
 * replicas never drain one queue at once and never deadlock on agent rows; the hot path (Router)
 * takes single agents with its conditional update and needs no lock.
 */
@ApplicationScoped
public class Capacity {
  private static final Logger LOG = Logger.getLogger(Capacity.class);
  static final String COLUMNS =
      "complaint_id, number, customer_id, channel, text, department, agent_id, status,"
          + " problem_type, priority, explanation, transfer_count, lifecycle, load_held,"
          + " created_at";
  static final String PRIORITY_RANK =
      "case priority when 'urgent' then 0 when 'general' then 1 when 'low' then 2 else 1 end";

  /** What the off-duty rule does with an agent's open complaints. */
  public enum OffDutyRule {
    KEEP,
    HAND_OVER
  }

  /** An assignment row as capacity needs it. */
  record Held(
      UUID complaintId,
      String number,
      String customerId,
      String channel,
      String text,
      String department,
      String agentId,
      String status,
      String problemType,
      String priority,
      String explanation,
      int transferCount,
      String lifecycle,
      boolean loadHeld,
      OffsetDateTime createdAt) {
    static Held of(Row r) {
      return new Held(
          r.getUUID("complaint_id"),
          r.getString("number"),
          r.getString("customer_id"),
          r.getString("channel"),
          r.getString("text"),
          r.getString("department"),
          r.getString("agent_id"),
          r.getString("status"),
          r.getString("problem_type"),
          r.getString("priority"),
          r.getString("explanation"),
          r.getInteger("transfer_count"),
          r.getString("lifecycle"),
          r.getBoolean("load_held"),
          r.getOffsetDateTime("created_at"));
    }

    Priority grade() {
      return Priority.valueOf(priority.toUpperCase(Locale.ROOT));
    }
  }

  private final CapacityGateway gateway;
  private final Outbox outbox;
  private final ObjectMapper json;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final OffDutyRule offDutyRule;
  private final int drainBatch;

  public Capacity(
      CapacityGateway gateway,
      Outbox outbox,
      ObjectMapper json,
      Clock clock,
      MeterRegistry metrics,
      @ConfigProperty(name = "routing.off-duty.open-work", defaultValue = "keep") String offDuty,
      @ConfigProperty(name = "routing.queue.batch-size", defaultValue = "200") int drainBatch) {
    this.gateway = gateway;
    this.outbox = outbox;
    this.json = json;
    this.clock = clock;
    this.metrics = metrics;
    this.offDutyRule = parseRule(offDuty);
    this.drainBatch = drainBatch;
  }

  static OffDutyRule parseRule(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "keep" -> OffDutyRule.KEEP;
      case "hand-over", "handover" -> OffDutyRule.HAND_OVER;
      default ->
          throw new IllegalArgumentException(
              "routing.off-duty.open-work must be keep or hand-over, not " + value);
    };
  }

  public OffDutyRule offDutyRule() {
    return offDutyRule;
  }

  /** Serialises capacity changes of one department until the transaction ends. */
  public static Uni<Void> lockDepartment(SqlConnection conn, String department) {
    return conn.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
        .execute(Tuple.of("routing-capacity:" + department))
        .replaceWithVoid();
  }

  /** As {@link #lockDepartment}, without waiting: false when another transaction holds it. */
  static Uni<Boolean> tryLockDepartment(SqlConnection conn, String department) {
    return conn.preparedQuery("select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as got")
        .execute(Tuple.of("routing-capacity:" + department))
        .map(rows -> rows.iterator().next().getBoolean("got"));
  }

  private Uni<Held> lockedRow(SqlConnection conn, UUID complaintId) {
    return conn.preparedQuery("select department from assignment where complaint_id = $1")
        .execute(Tuple.of(complaintId))
        .chain(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Uni.createFrom().nullItem();
              }
              String department = rows.iterator().next().getString("department");
              return lockDepartment(conn, department)
                  .chain(
                      () ->
                          conn.preparedQuery(
                                  "select "
                                      + COLUMNS
                                      + " from assignment where complaint_id = $1 for update")
                              .execute(Tuple.of(complaintId)))
                  .map(locked -> Held.of(locked.iterator().next()));
            });
  }

  /**
   * {@code complaint.resolved} or {@code complaint.closed}: the complaint leaves the queue, and its
   * agent's load falls if this assignment still holds it (never twice); the freed place goes to the
   * department's queue in the same transaction.
   */
  public Uni<Void> finished(SqlConnection conn, UUID complaintId, String lifecycle) {
    OffsetDateTime now = Timestamps.now(clock);
    return lockedRow(conn, complaintId)
        .chain(
            a -> {
              if (a == null) {
                LOG.infof(
                    "%s for complaint %s, which routing has no assignment for",
                    lifecycle, complaintId);
                return Uni.createFrom().voidItem();
              }
              boolean release = a.loadHeld() && a.agentId() != null;
              Uni<Void> mark =
                  conn.preparedQuery(
                          "update assignment set lifecycle = $2, load_held = false,"
                              + " updated_at = $3, version = version + 1 where complaint_id = $1")
                      .execute(Tuple.of(complaintId, lifecycle, now))
                      .replaceWithVoid();
              if (!release) {
                return mark;
              }
              return mark.chain(() -> releaseAgent(conn, a.agentId()))
                  .chain(() -> drain(conn, a.department()))
                  .replaceWithVoid();
            });
  }

  /**
   * {@code complaint.reopened}: the load rises again on the same agent if they are on duty with
   * room (no event: the owner is unchanged); else the complaint is routed afresh in its department
   * ({@code assignment.created}, cause {@code reopen}), queued if nobody there can take it.
   */
  public Uni<Void> reopened(SqlConnection conn, UUID complaintId, String reason) {
    OffsetDateTime now = Timestamps.now(clock);
    return lockedRow(conn, complaintId)
        .chain(
            a -> {
              if (a == null) {
                return Uni.createFrom().voidItem();
              }
              Uni<Void> open =
                  conn.preparedQuery(
                          "update assignment set lifecycle = 'open', updated_at = $2,"
                              + " version = version + 1 where complaint_id = $1")
                      .execute(Tuple.of(complaintId, now))
                      .replaceWithVoid();
              if (a.loadHeld()) {
                return open; // still held (a repeated reopen): nothing to take
              }
              if (a.agentId() == null || Assignment.QUEUED.equals(a.status())) {
                return open.chain(() -> drain(conn, a.department())).replaceWithVoid();
              }
              return open.chain(() -> retake(conn, a.agentId(), now))
                  .chain(
                      taken ->
                          taken
                              ? holdAgain(conn, complaintId, now)
                              : reroute(
                                  conn,
                                  a,
                                  Set.of(a.agentId()),
                                  AssignmentCreated.CAUSE_REOPEN,
                                  "reopened ("
                                      + (reason == null ? "no reason given" : reason)
                                      + "); "
                                      + a.agentId()
                                      + " is off duty or full",
                                  now));
            });
  }

  private Uni<Boolean> retake(SqlConnection conn, String agentId, OffsetDateTime now) {
    return conn.preparedQuery(
            "update agent set open_complaints = open_complaints + 1, last_assigned_at = $2,"
                + " version = version + 1"
                + " where id = $1 and on_duty and open_complaints < capacity")
        .execute(Tuple.of(agentId, now))
        .map(rows -> rows.rowCount() == 1);
  }

  private Uni<Void> holdAgain(SqlConnection conn, UUID complaintId, OffsetDateTime now) {
    return conn.preparedQuery(
            "update assignment set load_held = true, updated_at = $2 where complaint_id = $1")
        .execute(Tuple.of(complaintId, now))
        .replaceWithVoid();
  }

  /** {@code complaint.priority-changed}: the queue orders by the complaint's current priority. */
  public Uni<Void> priorityChanged(SqlConnection conn, UUID complaintId, Priority to) {
    return conn.preparedQuery("update assignment set priority = $2 where complaint_id = $1")
        .execute(Tuple.of(complaintId, to.name().toLowerCase(Locale.ROOT)))
        .replaceWithVoid();
  }

  private Uni<Void> releaseAgent(SqlConnection conn, String agentId) {
    return conn.preparedQuery(
            "update agent set open_complaints = open_complaints - 1, version = version + 1"
                + " where id = $1 and open_complaints > 0")
        .execute(Tuple.of(agentId))
        .replaceWithVoid();
  }

  /**
   * After an agent's on-duty flag or capacity changed (the caller holds the department's lock):
   * going off duty hands their open work over if the rule says so; then the queue is drained.
   */
  public Uni<Void> dutyChanged(
      SqlConnection conn, String agentId, String department, boolean was, boolean now) {
    Uni<Integer> handedOver =
        was && !now && offDutyRule == OffDutyRule.HAND_OVER
            ? handOver(conn, agentId, department)
            : Uni.createFrom().item(0);
    return handedOver.chain(() -> drain(conn, department)).replaceWithVoid();
  }

  /**
   * Gives the department's queued complaints, most urgent first then oldest, to agents who can take
   * them now (each through the router's pick and conditional take, {@code assignment.created} with
   * cause {@code queue}). The caller holds the department's lock. Answers how many left the queue.
   */
  public Uni<Integer> drain(SqlConnection conn, String department) {
    OffsetDateTime now = Timestamps.now(clock);
    return gateway
        .agents(conn, department)
        .chain(
            agents -> {
              if (agents.stream().noneMatch(a -> a.onDuty && a.openComplaints < a.capacity)) {
                return Uni.createFrom().item(0);
              }
              return conn.preparedQuery(
                      "select "
                          + COLUMNS
                          + " from assignment where department = $1 and status = 'queued'"
                          + " and lifecycle = 'open' order by "
                          + PRIORITY_RANK
                          + ", created_at, complaint_id limit $2 for update skip locked")
                  .execute(Tuple.of(department, drainBatch))
                  .chain(
                      rows -> {
                        List<Held> queue = new ArrayList<>();
                        rows.forEach(r -> queue.add(Held.of(r)));
                        return drainFrom(conn, agents, queue, 0, 0, now);
                      });
            });
  }

  private Uni<Integer> drainFrom(
      SqlConnection conn,
      List<Agent> agents,
      List<Held> queue,
      int index,
      int taken,
      OffsetDateTime now) {
    if (index >= queue.size()
        || agents.stream().noneMatch(a -> a.onDuty && a.openComplaints < a.capacity)) {
      if (taken > 0) {
        metrics
            .counter("routing.queue.drained", "department", queue.get(0).department())
            .increment(taken);
      }
      return Uni.createFrom().item(taken);
    }
    Held a = queue.get(index);
    return takeFor(conn, agents, a, new HashSet<>(), now)
        .chain(
            choice -> {
              if (choice.agent() == null) {
                return drainFrom(conn, agents, queue, index + 1, taken, now);
              }
              String why =
                  "waited in the queue of "
                      + a.department()
                      + " since "
                      + a.createdAt()
                      + " ("
                      + a.priority()
                      + "; most urgent first, then oldest) until an agent had room";
              return record(conn, a, choice, AssignmentCreated.CAUSE_QUEUE, why, now)
                  .chain(() -> drainFrom(conn, agents, queue, index + 1, taken + 1, now));
            });
  }

  /** Takes an agent for {@code a} and mirrors the raised load in {@code agents}. */
  private Uni<AgentChoice> takeFor(
      SqlConnection conn, List<Agent> agents, Held a, Set<String> notAgain, OffsetDateTime now) {
    return gateway
        .take(
            conn,
            agents,
            a.department(),
            a.problemType(),
            a.text(),
            a.channel(),
            a.customerId(),
            a.grade(),
            new HashSet<>(notAgain),
            now)
        .invoke(
            choice -> {
              if (choice.agent() != null) {
                choice.agent().openComplaints++;
                choice.agent().lastAssignedAt = now;
              }
            });
  }

  /**
   * An agent's not-yet-resolved complaints go to colleagues of the department (cause {@code
   * handover}), most urgent first; those nobody can take wait in the queue. The caller holds the
   * department's lock and has set the agent off duty.
   */
  public Uni<Integer> handOver(SqlConnection conn, String agentId, String department) {
    OffsetDateTime now = Timestamps.now(clock);
    return conn.preparedQuery(
            "select "
                + COLUMNS
                + " from assignment where agent_id = $1 and load_held and lifecycle = 'open'"
                + " order by "
                + PRIORITY_RANK
                + ", created_at, complaint_id for update")
        .execute(Tuple.of(agentId))
        .chain(
            rows -> {
              List<Held> held = new ArrayList<>();
              rows.forEach(r -> held.add(Held.of(r)));
              if (held.isEmpty()) {
                return Uni.createFrom().item(0);
              }
              return gateway
                  .agents(conn, department)
                  .chain(agents -> handOverFrom(conn, agents, held, 0, agentId, now));
            });
  }

  private Uni<Integer> handOverFrom(
      SqlConnection conn,
      List<Agent> agents,
      List<Held> held,
      int index,
      String agentId,
      OffsetDateTime now) {
    if (index >= held.size()) {
      return Uni.createFrom().item(held.size());
    }
    Held a = held.get(index);
    return releaseAgent(conn, agentId)
        .chain(
            () ->
                reroute(
                    conn,
                    a,
                    agents,
                    Set.of(agentId),
                    AssignmentCreated.CAUSE_HANDOVER,
                    agentId
                        + " went off duty; open work is handed over (routing.off-duty.open-work)",
                    now))
        .chain(() -> handOverFrom(conn, agents, held, index + 1, agentId, now));
  }

  private Uni<Void> reroute(
      SqlConnection conn,
      Held a,
      Set<String> notAgain,
      String cause,
      String why,
      OffsetDateTime now) {
    return gateway
        .agents(conn, a.department())
        .chain(agents -> reroute(conn, a, agents, notAgain, cause, why, now));
  }

  private Uni<Void> reroute(
      SqlConnection conn,
      Held a,
      List<Agent> agents,
      Set<String> notAgain,
      String cause,
      String why,
      OffsetDateTime now) {
    return takeFor(conn, agents, a, notAgain, now)
        .chain(choice -> record(conn, a, choice, cause, why, now));
  }

  /**
   * Writes the new owner (or the queue when {@code choice} has no agent) and publishes {@code
   * assignment.created} with {@code cause}, in the caller's transaction.
   */
  private Uni<Void> record(
      SqlConnection conn,
      Held a,
      AgentChoice choice,
      String cause,
      String why,
      OffsetDateTime now) {
    Decision before;
    try {
      before = json.readValue(a.explanation(), AssignmentCreated.class).decision();
    } catch (JsonProcessingException e) {
      return Uni.createFrom()
          .failure(
              new IllegalStateException(
                  "stored explanation of " + a.complaintId() + " is unreadable", e));
    }
    String agent = choice.agent() == null ? null : choice.agent().id;
    boolean queued = agent == null;
    AssignmentCreated event =
        new AssignmentCreated(
            a.complaintId(),
            a.number(),
            a.customerId(),
            cause,
            a.department(),
            agent,
            queued,
            a.problemType(),
            a.grade(),
            before.confidence(),
            new Decision.Explanation(
                cause,
                null,
                List.of(),
                List.of(),
                List.of("kept from the first assignment: " + a.priority()),
                choice.reason(),
                why),
            before.risk(),
            before.ruleSetVersion(),
            a.transferCount(),
            null,
            now);
    String explanation;
    try {
      explanation = json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    metrics
        .counter(
            "routing.assignments",
            "department",
            a.department(),
            "decided_by",
            cause,
            "queued",
            String.valueOf(queued))
        .increment();
    String key = a.complaintId().toString();
    return conn.preparedQuery(
            "update assignment set agent_id = $2, status = $3, load_held = $4, explanation = $5,"
                + " updated_at = $6, version = version + 1 where complaint_id = $1")
        .execute(
            Tuple.from(
                new Object[] {
                  a.complaintId(),
                  agent,
                  queued ? Assignment.QUEUED : Assignment.ASSIGNED,
                  !queued,
                  explanation,
                  now
                }))
        .chain(
            () -> outbox.appendJson(conn, RoutingEvents.ASSIGNMENT_CREATED, key, key, explanation))
        .replaceWithVoid();
  }
}
