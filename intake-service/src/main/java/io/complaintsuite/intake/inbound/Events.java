package io.complaintsuite.intake.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.contracts.Priority;
import io.complaintsuite.platform.inbox.PoisonEventException;
import java.util.UUID;

/** Reading fields of inbound event data; a missing or malformed field makes a poison record. */
final class Events {
  private Events() {}

  static UUID uuid(JsonNode data, String field) {
    String value = text(data, field, true);
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new PoisonEventException(field + " is not a UUID: " + value);
    }
  }

  static String text(JsonNode data, String field, boolean required) {
    JsonNode node = data.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw new PoisonEventException(field + " is missing");
      }
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new PoisonEventException(field + " must be a non-empty string");
    }
    return node.asText();
  }

  static Priority priority(JsonNode data, String field) {
    String value = text(data, field, false);
    if (value == null) {
      return null;
    }
    try {
      return Priority.valueOf(value.toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new PoisonEventException(field + " is not a priority: " + value);
    }
  }
}
