package io.complaintsuite.platform.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Reading fields of inbound event data leniently; a missing required field is poison. */
public final class EventFields {
  private EventFields() {}

  /**
   * {@code value} of a field read into a record ({@link InboundEvent#dataAs}); poison if absent.
   */
  public static <T> T required(T value, String field) {
    if (value == null) {
      throw new PoisonEventException(field + " is missing");
    }
    return value;
  }

  public static UUID uuid(JsonNode data, String field) {
    String value = text(data, field, true);
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new PoisonEventException(field + " is not a UUID: " + value);
    }
  }

  public static String text(JsonNode data, String field, boolean required) {
    JsonNode node = data.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw new PoisonEventException(field + " is missing");
      }
      return null;
    }
    if (!node.isValueNode() || node.asText().isBlank()) {
      throw new PoisonEventException(field + " must be a non-empty string");
    }
    return node.asText();
  }

  /** The named time field, else the CloudEvent's time, else now. */
  public static Instant time(InboundEvent event, String field, Clock clock) {
    String value = text(event.data(), field, false);
    if (value != null) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        throw new PoisonEventException(field + " is not an RFC 3339 time: " + value);
      }
    }
    return event.time() != null ? event.time().toInstant() : clock.instant();
  }

  /** An integer field, required; poison when absent or not an integer. */
  public static int integer(JsonNode data, String field) {
    JsonNode node = data.get(field);
    if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
      throw new PoisonEventException(field + " must be an integer");
    }
    return node.asInt();
  }

  /** A nested object, or null. */
  public static JsonNode object(JsonNode data, String field, boolean required) {
    JsonNode node = data.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw new PoisonEventException(field + " is missing");
      }
      return null;
    }
    if (!node.isObject()) {
      throw new PoisonEventException(field + " must be an object");
    }
    return node;
  }

  /** A priority grade in lower case, checked. */
  public static String priority(JsonNode data, String field, boolean required) {
    String value = text(data, field, required);
    if (value == null) {
      return null;
    }
    String grade = value.toLowerCase();
    if (!grade.equals("urgent") && !grade.equals("general") && !grade.equals("low")) {
      throw new PoisonEventException(field + " is not a priority grade: " + value);
    }
    return grade;
  }
}
