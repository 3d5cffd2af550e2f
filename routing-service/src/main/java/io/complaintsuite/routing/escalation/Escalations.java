package io.complaintsuite.routing.escalation;

import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.routing.AssignmentEscalated;
import io.complaintsuite.contracts.sla.SlaAlertRaised;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.routing.assignment.AgentChoice;
import io.complaintsuite.routing.assignment.AgentLoad;
import io.complaintsuite.routing.assignment.AssignmentRecorder;
import io.complaintsuite.routing.assignment.AssignmentRow;
import io.complaintsuite.routing.assignment.OwnerChange;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * What routing does with an SLA breach or escalation: a complaint that waits in a queue, or whose
 * agent is off duty, goes to an agent of the same department who can take it now (the deadline is
 * already missed, so waiting for that agent would only miss it further); and the complaint's
 * escalation level is raised, published as {@code assignment.escalated} for the supervisor (breach)
 * or the director (a rung of the ladder). An on-duty agent keeps the complaint: they know it best,
 * and the supervisor now watches it. Plain SQL in the inbox's transaction.
 */
@ApplicationScoped
public class Escalations {
  private static final Logger LOG = Logger.getLogger(Escalations.class);

  private final AssignmentRecorder recorder;
  private final Outbox outbox;
  private final Clock clock;
  private final MeterRegistry metrics;

  public Escalations(
      AssignmentRecorder recorder, Outbox outbox, Clock clock, MeterRegistry metrics) {
    this.recorder = recorder;
    this.outbox = outbox;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Handles a {@code sla.breached} (escalation level 1) or {@code sla.escalated} (level 1 + its
   * rung) in the caller's transaction.
   */
  public Uni<Void> alert(SqlConnection conn, SlaAlertRaised alert, boolean breach) {
    int level = breach ? 1 : 1 + Math.max(1, alert.level());
    return AssignmentRow.lockForUpdate(conn, alert.complaintId())
        .chain(
            a -> {
              if (a == null) {
                // Not routed here (yet): nothing to move; the supervisor has sla-service's alert.
                LOG.infof(
                    "SLA alert %s for complaint %s, which routing has no assignment for",
                    alert.alertId(), alert.complaintId());
                return Uni.createFrom().voidItem();
              }
              if (level <= a.escalationLevel()) {
                return Uni.createFrom().voidItem(); // a late or repeated alert: already handled
              }
              return needsAnotherAgent(conn, a)
                  .chain(
                      needs ->
                          needs
                              ? reassignWithinDepartment(conn, a, reason(alert, breach))
                              : Uni.createFrom().<AgentChoice>nullItem())
                  .chain(taken -> escalate(conn, a, alert, level, breach, taken));
            });
  }

  private static Uni<Boolean> needsAnotherAgent(SqlConnection conn, AssignmentRow a) {
    if (a.agentId() == null) {
      return Uni.createFrom().item(true);
    }
    return conn.preparedQuery("select on_duty from agent where id = $1")
        .execute(Tuple.of(a.agentId()))
        .map(rows -> !rows.iterator().hasNext() || !rows.iterator().next().getBoolean("on_duty"));
  }

  /**
   * Gives {@code a} to another agent of its department who can take it now; the choice, or null
   * (nothing changed) when nobody can.
   */
  private Uni<AgentChoice> reassignWithinDepartment(
      SqlConnection conn, AssignmentRow a, String reason) {
    OffsetDateTime now = Timestamps.now(clock);
    Set<String> notAgain = a.agentId() == null ? Set.of() : Set.of(a.agentId());
    return AgentLoad.ofDepartment(conn, a.department())
        .chain(
            agents ->
                AgentLoad.take(
                    conn, agents, a.department(), a.problemType(), a.input(), null, notAgain, now))
        .chain(
            choice -> {
              if (choice.queued()) {
                return Uni.createFrom().nullItem();
              }
              Uni<Void> released =
                  a.loadHeld() && a.agentId() != null
                      ? AgentLoad.release(conn, a.agentId())
                      : Uni.createFrom().voidItem();
              return released
                  .chain(
                      () -> recorder.newOwner(conn, a, choice, OwnerChange.escalation(reason), now))
                  .replaceWith(choice);
            });
  }

  /** {@code taken}: the agent the complaint was just given to, null when it stayed. */
  private Uni<Void> escalate(
      SqlConnection conn,
      AssignmentRow a,
      SlaAlertRaised alert,
      int level,
      boolean breach,
      AgentChoice taken) {
    OffsetDateTime now = Timestamps.now(clock);
    boolean reassigned = taken != null;
    String agent = reassigned ? taken.agentId() : a.agentId();
    metrics
        .counter(
            "routing.escalations",
            "department",
            a.department(),
            "level",
            Integer.toString(level),
            "reassigned",
            Boolean.toString(reassigned))
        .increment();
    AssignmentEscalated event =
        new AssignmentEscalated(
            a.complaintId(),
            a.number(),
            a.department(),
            agent,
            agent == null,
            level,
            alert.recipientRole() == null || alert.recipientRole().isBlank()
                ? (breach ? "supervisor" : "director")
                : alert.recipientRole(),
            alert.timer(),
            alert.alertId(),
            reassigned,
            reason(alert, breach),
            now);
    String key = a.complaintId().toString();
    return conn.preparedQuery(
            "update assignment set escalation_level = $2, escalated_at = $3, updated_at = $3,"
                + " version = version + 1 where complaint_id = $1")
        .execute(Tuple.of(a.complaintId(), level, now))
        .chain(() -> outbox.append(conn, EventType.ASSIGNMENT_ESCALATED, key, key, event))
        .replaceWithVoid();
  }

  private static String reason(SlaAlertRaised alert, boolean breach) {
    String timer = "response".equals(alert.timer()) ? "first-response" : "resolution";
    return breach
        ? "the " + timer + " deadline " + alert.deadlineAt() + " was missed"
        : "the "
            + timer
            + " deadline "
            + alert.deadlineAt()
            + " is still unmet: escalation rung "
            + alert.level();
  }
}
