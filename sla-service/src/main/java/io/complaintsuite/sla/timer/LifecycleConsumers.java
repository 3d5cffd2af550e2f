package io.complaintsuite.sla.timer;

import io.complaintsuite.platform.inbox.Inbox;
import io.complaintsuite.sla.kpi.Surveys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The three inbound channels, each applied exactly once through the Inbox. */
@ApplicationScoped
public class LifecycleConsumers {
  static final Set<String> LIFECYCLE =
      Set.of(
          "complaint.received",
          "complaint.responded",
          "complaint.waiting-for-customer",
          "complaint.message-added",
          "complaint.priority-changed",
          "complaint.resolved",
          "complaint.reopened",
          "complaint.closed");

  private final Inbox inbox;
  private final Timers timers;
  private final Surveys surveys;

  public LifecycleConsumers(Inbox inbox, Timers timers, Surveys surveys) {
    this.inbox = inbox;
    this.timers = timers;
    this.surveys = surveys;
  }

  @Incoming("complaints-in")
  public Uni<Void> onComplaint(Message<String> message) {
    return inbox.process(message, "sla-service.complaints", LIFECYCLE, timers::apply);
  }

  @Incoming("assignments-in")
  public Uni<Void> onAssignment(Message<String> message) {
    return inbox.process(
        message, "sla-service.assignments", Set.of("assignment.created"), timers::assigned);
  }

  @Incoming("surveys-in")
  public Uni<Void> onSurvey(Message<String> message) {
    return inbox.process(
        message, "sla-service.surveys", Set.of("survey.answered"), surveys::answered);
  }
}
