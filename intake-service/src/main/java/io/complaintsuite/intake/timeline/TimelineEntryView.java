package io.complaintsuite.intake.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A timeline entry as the API shows it. */
public record TimelineEntryView(
    UUID id,
    long seq,
    String kind,
    String actor,
    String actorRole,
    OffsetDateTime occurredAt,
    String text,
    JsonNode details) {

  public static TimelineEntryView of(TimelineEntry e, ObjectMapper json) {
    JsonNode details = null;
    if (e.details != null) {
      try {
        details = json.readTree(e.details);
      } catch (java.io.IOException ex) {
        throw new IllegalStateException("stored timeline details are not JSON: " + e.id, ex);
      }
    }
    return new TimelineEntryView(
        e.id,
        e.seq == null ? 0 : e.seq,
        e.kind,
        e.actor,
        e.actorRole,
        e.occurredAt,
        e.text,
        details);
  }
}
