package io.complaintsuite.survey.inbound;

import io.complaintsuite.contracts.EventType;
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
      Set.of(
          EventType.COMPLAINT_RECEIVED.name(),
          EventType.COMPLAINT_RESOLVED.name(),
          EventType.COMPLAINT_REOPENED.name());

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
        event -> {
          if (EventType.COMPLAINT_RECEIVED.name().equals(event.type())) {
            return facts.received(event);
          }
          return EventType.COMPLAINT_RESOLVED.name().equals(event.type())
              ? surveys.resolved(event)
              : surveys.reopened(event);
        });
  }

  @Incoming("assignments-in")
  public Uni<Void> onAssignment(Message<String> message) {
    return inbox.process(
        message,
        "survey-service.assignments",
        Set.of(EventType.ASSIGNMENT_CREATED.name()),
        facts::assigned);
  }

  @Incoming("sla-alerts-in")
  public Uni<Void> onSlaAlert(Message<String> message) {
    return inbox.process(
        message,
        "survey-service.sla-alerts",
        Set.of(EventType.SLA_INCIDENT_UPDATED.name()),
        incidents::updated);
  }
}
