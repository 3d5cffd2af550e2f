package io.complaintsuite.platform.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;

/** A CloudEvent as a consumer receives it: attributes from the {@code ce_*} headers, JSON data. */
public record InboundEvent(
    String id,
    String type,
    String source,
    String subject,
    String key,
    OffsetDateTime time,
    String dataschema,
    JsonNode data) {

  /** The data as the consumer's record type; a mismatch is a poison record. */
  public <T> T dataAs(ObjectMapper json, Class<T> type) {
    try {
      return json.treeToValue(data, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new PoisonEventException(
          "data of "
              + this.type
              + " does not match "
              + type.getSimpleName()
              + ": "
              + e.getMessage());
    }
  }
}
