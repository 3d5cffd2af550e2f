package io.complaintsuite.intake.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Appends to and reads a complaint's timeline; appends join the caller's transaction. */
@ApplicationScoped
public class Timeline {
  /** Kinds of entry, as the API shows them. */
  public static final String RECEIVED = "received";

  public static final String MESSAGE_FROM_CUSTOMER = "message-from-customer";
  public static final String REPLY_TO_CUSTOMER = "reply-to-customer";
  public static final String INTERNAL_NOTE = "internal-note";
  public static final String RESPONDED = "responded";
  public static final String PRIORITY_CHANGED = "priority-changed";
  public static final String TRANSFER_REQUESTED = "transfer-requested";
  public static final String RECLASSIFIED = "reclassified";
  public static final String WAITING_FOR_CUSTOMER = "waiting-for-customer";
  public static final String RESUMED = "resumed";
  public static final String RESOLVED = "resolved";
  public static final String REOPENED = "reopened";
  public static final String CLOSED = "closed";
  public static final String ASSIGNED = "assigned";
  public static final String SURVEY_ANSWERED = "survey-answered";

  private final ObjectMapper json;

  public Timeline(ObjectMapper json) {
    this.json = json;
  }

  public Uni<TimelineEntry> append(
      UUID complaintId,
      String kind,
      String actor,
      String actorRole,
      OffsetDateTime at,
      String text,
      Map<String, ?> details) {
    return append(UUID.randomUUID(), complaintId, kind, actor, actorRole, at, text, details);
  }

  public Uni<TimelineEntry> append(
      UUID id,
      UUID complaintId,
      String kind,
      String actor,
      String actorRole,
      OffsetDateTime at,
      String text,
      Map<String, ?> details) {
    TimelineEntry entry = new TimelineEntry();
    entry.id = id;
    entry.complaintId = complaintId;
    entry.kind = kind;
    entry.actor = actor;
    entry.actorRole = actorRole;
    entry.occurredAt = at;
    entry.text = text;
    try {
      entry.details =
          details == null || details.isEmpty() ? null : json.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return entry.persist();
  }

  public Uni<List<TimelineEntry>> of(UUID complaintId) {
    return TimelineEntry.list("complaintId = ?1 order by seq", complaintId);
  }
}
