package io.complaintsuite.routing.escalation;

import io.complaintsuite.contracts.sla.SlaAlertRaised;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.routing.assignment.Assignment;
import io.complaintsuite.routing.assignment.RoutingEvents;
import io.complaintsuite.routing.department.Agent;
import io.complaintsuite.routing.intake.Router;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/**
 * What routing does with an SLA breach or escalation: a complaint that waits in a queue, or whose
 * agent is off duty, goes to an agent of the same department who can take it now (the deadline is
 * already missed, so waiting for that agent would only miss it further); and the complaint's
 * escalation level is raised, published as {@code assignment.escalated} for the supervisor (breach)
 * or the director (a rung of the ladder). An on-duty agent keeps the complaint: they know it best,
 * and the supervisor now watches it.
 */
@ApplicationScoped
public class Escalations {
  private static final Logger LOG = Logger.getLogger(Escalations.class);

  private final Router router;
  private final Outbox outbox;
  private final Clock clock;
  private final MeterRegistry metrics;

  public Escalations(Router router, Outbox outbox, Clock clock, MeterRegistry metrics) {
    this.router = router;
    this.outbox = outbox;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Handles a {@code sla.breached} (escalation level 1) or {@code sla.escalated} (level 1 + its
   * rung) in the caller's transaction.
   */
  public Uni<Void> alert(SlaAlertRaised alert, boolean breach) {
    int level = breach ? 1 : 1 + Math.max(1, alert.level());
    return Assignment.<Assignment>findById(alert.complaintId(), LockModeType.PESSIMISTIC_WRITE)
        .chain(
            a -> {
              if (a == null) {
                // Not routed here (yet): nothing to move; the supervisor has sla-service's alert.
                LOG.infof(
                    "SLA alert %s for complaint %s, which routing has no assignment for",
                    alert.alertId(), alert.complaintId());
                return Uni.createFrom().voidItem();
              }
              if (level <= a.escalationLevel) {
                return Uni.createFrom().voidItem(); // a late or repeated alert: already handled
              }
              return needsAnotherAgent(a)
                  .chain(
                      needs ->
                          needs
                              ? router.reassignWithinDepartment(a, reason(alert, breach))
                              : Uni.createFrom().item(false))
                  .chain(reassigned -> escalate(a, alert, level, breach, reassigned));
            });
  }

  private Uni<Boolean> needsAnotherAgent(Assignment a) {
    if (a.agentId == null) {
      return Uni.createFrom().item(true);
    }
    return Agent.<Agent>findById(a.agentId).map(agent -> agent == null || !agent.onDuty);
  }

  private Uni<Void> escalate(
      Assignment a, SlaAlertRaised alert, int level, boolean breach, boolean reassigned) {
    OffsetDateTime now = Timestamps.now(clock);
    a.escalationLevel = level;
    a.escalatedAt = now;
    a.updatedAt = now;
    metrics
        .counter(
            "routing.escalations",
            "department",
            a.department,
            "level",
            Integer.toString(level),
            "reassigned",
            Boolean.toString(reassigned))
        .increment();
    AssignmentEscalated event =
        new AssignmentEscalated(
            a.complaintId,
            a.number,
            a.department,
            a.agentId,
            a.agentId == null,
            level,
            alert.recipientRole() == null || alert.recipientRole().isBlank()
                ? (breach ? "supervisor" : "director")
                : alert.recipientRole(),
            alert.timer(),
            alert.alertId(),
            reassigned,
            reason(alert, breach),
            now);
    String key = a.complaintId.toString();
    return outbox.append(RoutingEvents.ASSIGNMENT_ESCALATED, key, key, event).replaceWithVoid();
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
