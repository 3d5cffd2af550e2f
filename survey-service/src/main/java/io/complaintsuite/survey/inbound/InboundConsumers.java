package io.complaintsuite.survey.inbound;

import io.complaintsuite.platform.inbox.Inbox;
import io.complaintsuite.survey.facts.Facts;
import io.complaintsuite.survey.incident.IncidentNotices;
import io.complaintsuite.survey.schedule.Surveys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The three inbound channels, each applied exactly once through the platform Inbox. */
@ApplicationScoped
public class InboundConsumers {
  static final Set<String> COMPLAINT_TYPES =
      Set.of("complaint.received", "complaint.resolved", "complaint.reopened");

  private final Inbox inbox;
  private final Facts facts;
  private final Surveys surveys;
  private final IncidentNotices incidents;

  public InboundConsumers(Inbox inbox, Facts facts, Surveys surveys, IncidentNotices incidents) {
    this.inbox = inbox;
    this.facts = facts;
    this.surveys = surveys;
    this.incidents = incidents;
  }

  @Incoming("complaints-in")
  public Uni<Void> onComplaint(Message<String> message) {
    return inbox.process(
        message,
        "survey-service.complaints",
        COMPLAINT_TYPES,
        event ->
            switch (event.type()) {
              case "complaint.received" -> facts.received(event);
              case "complaint.resolved" -> surveys.resolved(event);
              default -> surveys.reopened(event);
            });
  }

  @Incoming("assignments-in")
  public Uni<Void> onAssignment(Message<String> message) {
    return inbox.process(
        message, "survey-service.assignments", Set.of("assignment.created"), facts::assigned);
  }

  @Incoming("sla-alerts-in")
  public Uni<Void> onSlaAlert(Message<String> message) {
    return inbox.process(
        message, "survey-service.sla-alerts", Set.of("sla.incident-updated"), incidents::updated);
  }
}
