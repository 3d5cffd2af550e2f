package io.complaintsuite.sla.inbound;

import io.complaintsuite.contracts.EventType;
import io.complaintsuite.platform.inbox.Inbox;
import io.complaintsuite.sla.kpi.Surveys;
import io.complaintsuite.sla.timer.Assignments;
import io.complaintsuite.sla.timer.Timers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The three inbound channels, each applied exactly once through the Inbox: the complaint lifecycle
 * and assignments (timer.Assignments: assignment.created, and assignment.reclassified for "first
 * classification right") drive the timers and KPI facts, survey answers feed the KPIs. Here, not in
 * timer or kpi, so that neither of those depends on the other.
 */
@ApplicationScoped
public class LifecycleConsumers {
  private final Inbox inbox;
  private final Timers timers;
  private final Assignments assignments;
  private final Surveys surveys;

  public LifecycleConsumers(Inbox inbox, Timers timers, Assignments assignments, Surveys surveys) {
    this.inbox = inbox;
    this.timers = timers;
    this.assignments = assignments;
    this.surveys = surveys;
  }

  @Incoming("complaints-in")
  public Uni<Void> onComplaint(Message<String> message) {
    return inbox.process(message, "sla-service.complaints", timers.handledTypes(), timers::apply);
  }

  @Incoming("assignments-in")
  public Uni<Void> onAssignment(Message<String> message) {
    return inbox.process(
        message, "sla-service.assignments", assignments.handledTypes(), assignments::apply);
  }

  @Incoming("surveys-in")
  public Uni<Void> onSurvey(Message<String> message) {
    return inbox.process(
        message,
        "sla-service.surveys",
        Set.of(EventType.SURVEY_ANSWERED.name()),
        surveys::answered);
  }
}
