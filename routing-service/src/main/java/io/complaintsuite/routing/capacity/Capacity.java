package io.complaintsuite.routing.capacity;

import io.complaintsuite.contracts.Priority;
import io.complaintsuite.contracts.routing.AssignmentCreated;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.routing.assignment.AgentLoad;
import io.complaintsuite.routing.assignment.Assignment;
import io.complaintsuite.routing.assignment.AssignmentRow;
import io.complaintsuite.routing.assignment.OwnerChange;
import io.complaintsuite.routing.settings.RoutingSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Agents' load as a live resource, on plain SQL in the caller's transaction: a complaint's load is
 * released once (resolved, closed, handed over) and taken again on reopen; the freed room goes to
 * the department's queue ({@link Redistribution}). Every change here first takes the department's
 * lock ({@link DepartmentLock}).
 */
@ApplicationScoped
public class Capacity {
  private static final Logger LOG = Logger.getLogger(Capacity.class);

  /** What the off-duty rule does with an agent's open complaints. */
  public enum OffDutyRule {
    KEEP,
    HAND_OVER
  }

  private final Redistribution redistribution;
  private final Clock clock;
  private final OffDutyRule offDutyRule;

  public Capacity(Redistribution redistribution, Clock clock, RoutingSettings settings) {
    this.redistribution = redistribution;
    this.clock = clock;
    this.offDutyRule = parseRule(settings.offDuty().openWork());
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

  /** The complaint's row, locked after its department's lock; null when routing has none. */
  private static Uni<AssignmentRow> lockedRow(SqlConnection conn, UUID complaintId) {
    return conn.preparedQuery("select department from assignment where complaint_id = $1")
        .execute(Tuple.of(complaintId))
        .chain(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Uni.createFrom().nullItem();
              }
              String department = rows.iterator().next().getString("department");
              return DepartmentLock.lock(conn, department)
                  .chain(() -> AssignmentRow.lockForUpdate(conn, complaintId));
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
              return mark.chain(() -> AgentLoad.release(conn, a.agentId()))
                  .chain(() -> redistribution.drain(conn, a.department()))
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
                return open.chain(() -> redistribution.drain(conn, a.department()))
                    .replaceWithVoid();
              }
              OwnerChange change =
                  OwnerChange.byCapacity(
                      AssignmentCreated.CAUSE_REOPEN,
                      "reopened ("
                          + (reason == null ? "no reason given" : reason)
                          + "); "
                          + a.agentId()
                          + " is off duty or full");
              return open.chain(() -> AgentLoad.tryTake(conn, a.agentId(), now))
                  .chain(
                      taken ->
                          taken
                              ? holdAgain(conn, complaintId, now)
                              : redistribution.reroute(conn, a, Set.of(a.agentId()), change, now));
            });
  }

  private static Uni<Void> holdAgain(SqlConnection conn, UUID complaintId, OffsetDateTime now) {
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

  /**
   * After an agent's on-duty flag or capacity changed (the caller holds the department's lock):
   * going off duty hands their open work over if the rule says so; then the queue is drained.
   */
  public Uni<Void> dutyChanged(
      SqlConnection conn, String agentId, String department, boolean was, boolean now) {
    Uni<Integer> handedOver =
        was && !now && offDutyRule == OffDutyRule.HAND_OVER
            ? redistribution.handOver(conn, agentId, department)
            : Uni.createFrom().item(0);
    return handedOver.chain(() -> redistribution.drain(conn, department)).replaceWithVoid();
  }
}
