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

  /** The schema's file name under {@code docs/events/}. */
  public String schemaFile() {
    return name + ".v" + version + ".json";
  }

  /** The {@code dataschema} URI: {@code base} (configurable per deployment) + the schema file. */
  public String dataschema(String base) {
    return (base.endsWith("/") ? base : base + "/") + schemaFile();
  }
}
