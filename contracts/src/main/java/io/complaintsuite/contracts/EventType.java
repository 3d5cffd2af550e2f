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

  /** Consumed by intake-service; published by survey-service. */
  public static final EventType SURVEY_ANSWERED =
      new EventType("survey.answered", 1, Topics.SURVEYS);

  /** The schema's file name under {@code docs/events/}. */
  public String schemaFile() {
    return name + ".v" + version + ".json";
  }

  /** The {@code dataschema} URI: {@code base} (configurable per deployment) + the schema file. */
  public String dataschema(String base) {
    return (base.endsWith("/") ? base : base + "/") + schemaFile();
  }
}
