package io.complaintsuite.routing.capacity;

import io.complaintsuite.contracts.routing.AssignmentCreated;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.routing.assignment.AgentChoice;
import io.complaintsuite.routing.assignment.AgentLoad;
import io.complaintsuite.routing.assignment.AssignmentRecorder;
import io.complaintsuite.routing.assignment.AssignmentRow;
import io.complaintsuite.routing.assignment.OwnerChange;
import io.complaintsuite.routing.department.Agent;
import io.complaintsuite.routing.settings.RoutingSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Gives work that waits or lost its agent to agents of the department who have room: the queue
 * (most urgent, then oldest), an off-duty agent's open complaints (hand-over), a reopened complaint
 * whose agent cannot take it back. The caller holds the department's lock ({@link DepartmentLock}).
 */
@ApplicationScoped
public class Redistribution {
  static final String PRIORITY_RANK =
      "case priority when 'urgent' then 0 when 'general' then 1 when 'low' then 2 else 1 end";

  private final AssignmentRecorder recorder;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final int drainBatch;

  public Redistribution(
      AssignmentRecorder recorder, Clock clock, MeterRegistry metrics, RoutingSettings settings) {
    this.recorder = recorder;
    this.clock = clock;
    this.metrics = metrics;
    this.drainBatch = settings.queue().batchSize();
  }

  /**
   * Gives the department's queued complaints, most urgent first then oldest, to agents who can take
   * them now ({@code assignment.created} with cause {@code queue}). Answers how many left the
   * queue.
   */
  public Uni<Integer> drain(SqlConnection conn, String department) {
    OffsetDateTime now = Timestamps.now(clock);
    return AgentLoad.ofDepartment(conn, department)
        .chain(
            agents -> {
              if (!anyoneHasRoom(agents)) {
                return Uni.createFrom().item(0);
              }
              return conn.preparedQuery(
                      "select "
                          + AssignmentRow.COLUMNS
                          + " from assignment where department = $1 and status = 'queued'"
                          + " and lifecycle = 'open' order by "
                          + PRIORITY_RANK
                          + ", created_at, complaint_id limit $2 for update skip locked")
                  .execute(Tuple.of(department, drainBatch))
                  .chain(rows -> drainFrom(conn, agents, rows(rows), 0, 0, now));
            });
  }

  private static boolean anyoneHasRoom(List<Agent> agents) {
    return agents.stream().anyMatch(a -> a.onDuty && a.openComplaints < a.capacity);
  }

  private static List<AssignmentRow> rows(Iterable<Row> rows) {
    List<AssignmentRow> list = new ArrayList<>();
    rows.forEach(r -> list.add(AssignmentRow.of(r)));
    return list;
  }

  private Uni<Integer> drainFrom(
      SqlConnection conn,
      List<Agent> agents,
      List<AssignmentRow> queue,
      int index,
      int taken,
      OffsetDateTime now) {
    if (index >= queue.size() || !anyoneHasRoom(agents)) {
      if (taken > 0) {
        metrics
            .counter("routing.queue.drained", "department", queue.get(0).department())
            .increment(taken);
      }
      return Uni.createFrom().item(taken);
    }
    AssignmentRow a = queue.get(index);
    return take(conn, agents, a, Set.of(), now)
        .chain(
            choice -> {
              if (choice.queued()) {
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
              return record(
                      conn,
                      a,
                      choice,
                      OwnerChange.byCapacity(AssignmentCreated.CAUSE_QUEUE, why),
                      now)
                  .chain(() -> drainFrom(conn, agents, queue, index + 1, taken + 1, now));
            });
  }

  /**
   * An agent's not-yet-resolved complaints go to colleagues of the department (cause {@code
   * handover}), most urgent first; those nobody can take wait in the queue. The caller has set the
   * agent off duty.
   */
  public Uni<Integer> handOver(SqlConnection conn, String agentId, String department) {
    OffsetDateTime now = Timestamps.now(clock);
    return conn.preparedQuery(
            "select "
                + AssignmentRow.COLUMNS
                + " from assignment where agent_id = $1 and load_held and lifecycle = 'open'"
                + " order by "
                + PRIORITY_RANK
                + ", created_at, complaint_id for update")
        .execute(Tuple.of(agentId))
        .chain(
            rows -> {
              List<AssignmentRow> held = rows(rows);
              if (held.isEmpty()) {
                return Uni.createFrom().item(0);
              }
              return AgentLoad.ofDepartment(conn, department)
                  .chain(agents -> handOverFrom(conn, agents, held, 0, agentId, now));
            });
  }

  private Uni<Integer> handOverFrom(
      SqlConnection conn,
      List<Agent> agents,
      List<AssignmentRow> held,
      int index,
      String agentId,
      OffsetDateTime now) {
    if (index >= held.size()) {
      return Uni.createFrom().item(held.size());
    }
    AssignmentRow a = held.get(index);
    OwnerChange change =
        OwnerChange.byCapacity(
            AssignmentCreated.CAUSE_HANDOVER,
            agentId + " went off duty; open work is handed over (routing.off-duty.open-work)");
    return AgentLoad.release(conn, agentId)
        .chain(() -> take(conn, agents, a, Set.of(agentId), now))
        .chain(choice -> record(conn, a, choice, change, now))
        .chain(() -> handOverFrom(conn, agents, held, index + 1, agentId, now));
  }

  /** Routes {@code a} afresh in its department, not to {@code notAgain}; queued if nobody can. */
  Uni<Void> reroute(
      SqlConnection conn,
      AssignmentRow a,
      Set<String> notAgain,
      OwnerChange change,
      OffsetDateTime now) {
    return AgentLoad.ofDepartment(conn, a.department())
        .chain(agents -> take(conn, agents, a, notAgain, now))
        .chain(choice -> record(conn, a, choice, change, now));
  }

  private static Uni<AgentChoice> take(
      SqlConnection conn,
      List<Agent> agents,
      AssignmentRow a,
      Set<String> notAgain,
      OffsetDateTime now) {
    return AgentLoad.take(
        conn, agents, a.department(), a.problemType(), a.input(), null, notAgain, now);
  }

  private Uni<Void> record(
      SqlConnection conn,
      AssignmentRow a,
      AgentChoice choice,
      OwnerChange change,
      OffsetDateTime now) {
    return recorder
        .newOwner(conn, a, choice, change, now)
        .invoke(recorder::count)
        .replaceWithVoid();
  }
}
