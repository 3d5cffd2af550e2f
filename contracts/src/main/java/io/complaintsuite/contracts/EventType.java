package io.complaintsuite.contracts;

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
  public static final EventType ASSIGNMENT_CREATED =
      new EventType("assignment.created", 1, Topics.ASSIGNMENTS);

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

  /** The schema's file name under {@code docs/events/}. */
  public String schemaFile() {
    return name + ".v" + version + ".json";
  }

  /** The {@code dataschema} URI: {@code base} (configurable per deployment) + the schema file. */
  public String dataschema(String base) {
    return (base.endsWith("/") ? base : base + "/") + schemaFile();
  }
}
