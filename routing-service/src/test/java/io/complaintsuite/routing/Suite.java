package io.complaintsuite.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.TopicWriter;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Complaint events as intake publishes them, and checks of what routing publishes. */
public final class Suite {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger NUMBER = new AtomicInteger(1);

  private Suite() {}

  /** complaint.received data in intake's shape (docs/events/complaint.received.v1.json). */
  public static String received(
      UUID id, String customerId, String channel, String subject, String description) {
    Map<String, Object> customer = new HashMap<>();
    customer.put("id", customerId);
    customer.put("name", "王丽");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("complaintId", id.toString());
    data.put("number", String.format("TS20261123-%06d", NUMBER.getAndIncrement()));
    data.put("channel", channel);
    data.put("form", channel.equals("phone") || channel.equals("counter") ? "oral" : "written");
    data.put("externalId", null);
    data.put("customer", customer);
    data.put("subject", subject);
    data.put("description", description);
    data.put("problemType", "unclassified");
    data.put("priority", "general");
    data.put("priorityGiven", false);
    data.put("expectedResolutionAt", null);
    data.put("receivedAt", OffsetDateTime.now().toString());
    return write(data);
  }

  public static String transferRequested(
      UUID id, String requestedBy, String suggested, String current, String reason) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("complaintId", id.toString());
    data.put("number", "TS20261123-999999");
    data.put("requestedBy", requestedBy);
    data.put("reason", reason);
    data.put("suggestedDepartment", suggested);
    data.put("currentDepartment", current);
    data.put("currentAgent", null);
    data.put("requestedAt", OffsetDateTime.now().toString());
    return write(data);
  }

  /** Publishes a complaint.received for a fresh complaint; returns its id. */
  public static UUID publishComplaint(
      TopicWriter writer, String topic, String customerId, String channel, String text) {
    UUID id = UUID.randomUUID();
    writer.publish(
        topic,
        id.toString(),
        "complaint.received",
        "/intake-service",
        received(id, customerId, channel, text.length() > 20 ? text.substring(0, 20) : text, text));
    return id;
  }

  /** The data of an event, after checking it against its schema in docs/events. */
  public static JsonNode validData(TopicReader.Event event) throws Exception {
    String dataschema = event.header("ce_dataschema");
    String file = dataschema.substring(dataschema.lastIndexOf('/') + 1);
    JsonNode schema =
        JSON.readTree(SuiteSettings.home().resolve("docs/events").resolve(file).toFile());
    JsonNode data = JSON.readTree(event.body());
    Set<ValidationMessage> errors =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(schema)
            .validate(data);
    if (!errors.isEmpty()) {
      throw new AssertionError(file + ": " + errors + " in " + event.body());
    }
    return data;
  }

  private static String write(Object data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
