package io.complaintsuite.contracts;

import java.util.List;
import java.util.OptionalInt;

/**
 * A versioned event type. {@code name} goes into the CloudEvents {@code type} attribute; the schema
 * lives in {@code docs/events/NAME.vVERSION.json}, which {@code dataschema} points at.
 */
public record EventType(String name, int version, String topic) {
  public static final EventType COMPLAINT_RECEIVED =
      new EventType("complaint.received", 1, Topics.COMPLAINTS);
  public static final EventType COMPLAINT_TRANSFER_REQUESTED =
      new EventType("complaint.transfer-requested", 1, Topics.COMPLAINTS);
  public static final EventType COMPLAINT_MESSAGE_ADDED =
      new EventType("complaint.message-added", 1, Topics.COMPLAINTS);
  public static final EventType COMPLAINT_RESPONDED =
      new EventType("complaint.responded", 1, Topics.COMPLAINTS);
  public static final EventType COMPLAINT_PRIORITY_CHANGED =
      new EventType("complaint.priority-changed", 1, Topics.COMPLAINTS);
  public static final EventType COMPLAINT_WAITING_FOR_CUSTOMER =
      new EventType("complaint.waiting-for-customer", 1, Topics.COMPLAINTS);
  public static final EventType COMPLAINT_RESOLVED =
      new EventType("complaint.resolved", 1, Topics.COMPLAINTS);
  public static final EventType COMPLAINT_REOPENED =
      new EventType("complaint.reopened", 1, Topics.COMPLAINTS);
  public static final EventType COMPLAINT_CLOSED =
      new EventType("complaint.closed", 1, Topics.COMPLAINTS);

  /** Consumed by intake-service; published by routing-service. */
  public static final EventType COMPLAINT_RECLASSIFIED =
      new EventType("complaint.reclassified", 1, Topics.COMPLAINTS);

  public static final EventType ASSIGNMENT_CREATED =
      new EventType("assignment.created", 1, Topics.ASSIGNMENTS);

  public static final EventType ASSIGNMENT_TRANSFER_REFUSED =
      new EventType("assignment.transfer-refused", 1, Topics.ASSIGNMENTS);
  public static final EventType ASSIGNMENT_ESCALATED =
      new EventType("assignment.escalated", 1, Topics.ASSIGNMENTS);
  public static final EventType ASSIGNMENT_RECLASSIFIED =
      new EventType("assignment.reclassified", 1, Topics.ASSIGNMENTS);

  public static final EventType SLA_WARNING = new EventType("sla.warning", 1, Topics.SLA_ALERTS);
  public static final EventType SLA_BREACHED = new EventType("sla.breached", 1, Topics.SLA_ALERTS);
  public static final EventType SLA_ESCALATED =
      new EventType("sla.escalated", 1, Topics.SLA_ALERTS);
  public static final EventType SLA_INCIDENT_DETECTED =
      new EventType("sla.incident-detected", 1, Topics.SLA_ALERTS);
  public static final EventType SLA_INCIDENT_UPDATED =
      new EventType("sla.incident-updated", 1, Topics.SLA_ALERTS);
  public static final EventType SLA_THRESHOLD_CROSSED =
      new EventType("sla.threshold-crossed", 1, Topics.SLA_ALERTS);
  public static final EventType SLA_THRESHOLD_CLEARED =
      new EventType("sla.threshold-cleared", 1, Topics.SLA_ALERTS);
  public static final EventType SLA_CALLBACK_OVERDUE =
      new EventType("sla.callback-overdue", 1, Topics.SLA_ALERTS);

  public static final EventType KNOWLEDGE_ARTICLE_PUBLISHED =
      new EventType("knowledge.article-published", 1, Topics.KNOWLEDGE);
  public static final EventType KNOWLEDGE_ARTICLE_ARCHIVED =
      new EventType("knowledge.article-archived", 1, Topics.KNOWLEDGE);
  public static final EventType KNOWLEDGE_SUGGESTED =
      new EventType("knowledge.suggested", 1, Topics.KNOWLEDGE);

  /** Consumed by intake-service and sla-service; published by survey-service. */
  public static final EventType SURVEY_ANSWERED =
      new EventType("survey.answered", 1, Topics.SURVEYS);

  /** Published by survey-service when the invitation went out. */
  public static final EventType SURVEY_SENT = new EventType("survey.sent", 1, Topics.SURVEYS);

  /** Published by survey-service when a supervisor's call-back (主管二次回访) is due. */
  public static final EventType SURVEY_CALLBACK_OPENED =
      new EventType("survey.callback-opened", 1, Topics.SURVEYS);

  /** Published by survey-service when a supervisor completed a call-back, with its outcome. */
  public static final EventType SURVEY_CALLBACK_COMPLETED =
      new EventType("survey.callback-completed", 1, Topics.SURVEYS);

  /** A message to a customer, for the delivery adapters (SMS, app push, e-mail). */
  public static final EventType NOTIFICATION_REQUESTED =
      new EventType("notification.requested", 1, Topics.NOTIFICATIONS);

  /**
   * Published by intake-service when a channel connection's health changes: failing (its circuit
   * opened), a delivery to it died, disabled (it answered 410), healthy again. Keyed by the
   * connection's id, on {@code complaints} (intake's one topic); the supervisors' board shows it.
   */
  public static final EventType CHANNEL_CONNECTION_HEALTH =
      new EventType("channel.connection-health", 1, Topics.COMPLAINTS);

  /**
   * Every event type of the suite at the version this build publishes and understands: one entry
   * per schema in {@code docs/events/} (a test keeps the two equal). A breaking change adds the new
   * version here together with its schema and the consumers' handling of it.
   */
  public static final List<EventType> ALL =
      List.of(
          COMPLAINT_RECEIVED,
          COMPLAINT_TRANSFER_REQUESTED,
          COMPLAINT_MESSAGE_ADDED,
          COMPLAINT_RESPONDED,
          COMPLAINT_PRIORITY_CHANGED,
          COMPLAINT_WAITING_FOR_CUSTOMER,
          COMPLAINT_RESOLVED,
          COMPLAINT_REOPENED,
          COMPLAINT_CLOSED,
          COMPLAINT_RECLASSIFIED,
          ASSIGNMENT_CREATED,
          ASSIGNMENT_TRANSFER_REFUSED,
          ASSIGNMENT_ESCALATED,
          ASSIGNMENT_RECLASSIFIED,
          SLA_WARNING,
          SLA_BREACHED,
          SLA_ESCALATED,
          SLA_INCIDENT_DETECTED,
          SLA_INCIDENT_UPDATED,
          SLA_THRESHOLD_CROSSED,
          SLA_THRESHOLD_CLEARED,
          SLA_CALLBACK_OVERDUE,
          SURVEY_ANSWERED,
          SURVEY_SENT,
          SURVEY_CALLBACK_OPENED,
          SURVEY_CALLBACK_COMPLETED,
          NOTIFICATION_REQUESTED,
          CHANNEL_CONNECTION_HEALTH,
          KNOWLEDGE_ARTICLE_PUBLISHED,
          KNOWLEDGE_ARTICLE_ARCHIVED,
          KNOWLEDGE_SUGGESTED);

  /** The newest version of the type {@code name} this build knows, if it knows the type. */
  public static OptionalInt knownVersion(String name) {
    return ALL.stream().filter(t -> t.name.equals(name)).mapToInt(EventType::version).max();
  }

  /** The schema's file name under {@code docs/events/}. */
  public String schemaFile() {
    return name + ".v" + version + ".json";
  }

  /** The {@code dataschema} URI: {@code base} (configurable per deployment) + the schema file. */
  public String dataschema(String base) {
    return (base.endsWith("/") ? base : base + "/") + schemaFile();
  }
}
