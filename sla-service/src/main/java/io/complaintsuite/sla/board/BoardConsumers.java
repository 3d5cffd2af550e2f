package io.complaintsuite.sla.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.channel.ConnectionHealth;
import io.complaintsuite.platform.inbox.EventFields;
import io.complaintsuite.platform.inbox.InboundEvent;
import io.complaintsuite.platform.inbox.Inbox;
import io.complaintsuite.platform.inbox.PoisonEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What only the board needs from other services' events: public-opinion risk cases (from
 * assignment.created's {@code risk}), supervisors' pending call-backs (from survey-service's
 * call-back events) and the health of the channel connections intake-service delivers customers'
 * messages to (its {@code channel.connection-health} on {@code complaints}). Its own channels and
 * consumer group ({@code sla-service-board}), so the SLA consumers are untouched; exactly once
 * through the Inbox like them.
 */
@ApplicationScoped
public class BoardConsumers {
  static final String UPSERT_RISK =
      """
      insert into board_risk_case
        (complaint_id, number, department, categories, terms, also_routed_to, flagged_at)
      values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
      on conflict (complaint_id) do update set number = excluded.number,
        department = excluded.department, categories = excluded.categories,
        terms = excluded.terms, also_routed_to = excluded.also_routed_to
      """;

  // A merged call-back (a poor answer joining an open urgent one) is published again with more
  // reasons: keep the first opening time, take the new reasons and due time.
  static final String UPSERT_CALLBACK =
      """
      insert into board_callback
        (callback_id, complaint_id, number, reasons, department, agent, due_at, opened_at)
      values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
      on conflict (callback_id) do update set reasons = excluded.reasons,
        due_at = excluded.due_at, number = coalesce(excluded.number, board_callback.number),
        department = coalesce(excluded.department, board_callback.department),
        agent = coalesce(excluded.agent, board_callback.agent)
      """;

  // A completion may overtake its opening (they share the complaint's partition, but a replay
  // from a reset offset need not): keep what is known and fill the rest when the opening comes.
  static final String COMPLETE_CALLBACK =
      """
      insert into board_callback (callback_id, complaint_id, reasons, due_at, opened_at,
        completed_at, outcome, completed_by)
      values (?1, ?2, '', ?3, ?4, ?4, ?5, ?6)
      on conflict (callback_id) do update set completed_at = excluded.completed_at,
        outcome = excluded.outcome, completed_by = excluded.completed_by
      """;

  // The newest report per connection wins, by the event's occurredAt: one published again later
  // (a producer's replay, a re-sent dead letter) with an older time changes nothing. Events of one
  // connection share its key, so an equal time is a later event of the same instant: applied.
  static final String UPSERT_CONNECTION =
      """
      insert into board_channel_connection
        (endpoint_id, name, channel, state, pending, dead, last_error, since, occurred_at)
      values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
      on conflict (endpoint_id) do update set name = excluded.name, channel = excluded.channel,
        state = excluded.state, pending = excluded.pending, dead = excluded.dead,
        last_error = excluded.last_error, since = excluded.since,
        occurred_at = excluded.occurred_at
      where board_channel_connection.occurred_at <= excluded.occurred_at
      """;

  private static final String CALLBACK_OPENED = EventType.SURVEY_CALLBACK_OPENED.name();
  private static final Set<String> CONNECTION_STATES = Set.of("healthy", "failing", "disabled");

  private final Inbox inbox;
  private final Clock clock;
  private final ObjectMapper json;

  public BoardConsumers(Inbox inbox, Clock clock, ObjectMapper json) {
    this.inbox = inbox;
    this.clock = clock;
    this.json = json;
  }

  @Incoming("board-assignments-in")
  public Uni<Void> onAssignment(Message<String> message) {
    return inbox.process(
        message,
        "sla-service.board.assignments",
        Set.of(EventType.ASSIGNMENT_CREATED.name()),
        this::assigned);
  }

  @Incoming("board-surveys-in")
  public Uni<Void> onSurvey(Message<String> message) {
    return inbox.process(
        message,
        "sla-service.board.surveys",
        Set.of(CALLBACK_OPENED, EventType.SURVEY_CALLBACK_COMPLETED.name()),
        e -> CALLBACK_OPENED.equals(e.type()) ? callbackOpened(e) : callbackCompleted(e));
  }

  /**
   * Of everything on {@code complaints}, only the channel connections' health (the rest skipped).
   */
  @Incoming("board-complaints-in")
  public Uni<Void> onComplaintsTopic(Message<String> message) {
    return inbox.process(
        message,
        "sla-service.board.complaints",
        Set.of(EventType.CHANNEL_CONNECTION_HEALTH.name()),
        this::connectionHealth);
  }

  Uni<Void> assigned(InboundEvent event) {
    JsonNode data = event.data();
    UUID complaintId = EventFields.uuid(data, "complaintId");
    JsonNode risk = data.get("risk");
    // Only flagged complaints are cases; a later assignment (a transfer) without the flag does
    // not clear one: the threat was made.
    if (risk == null || !risk.path("flagged").asBoolean(false)) {
      return Uni.createFrom().voidItem();
    }
    Set<String> categories = new TreeSet<>();
    Set<String> terms = new TreeSet<>();
    for (JsonNode e : risk.path("evidence")) {
      if (e.hasNonNull("category")) {
        categories.add(e.get("category").asText());
      }
      if (e.hasNonNull("term")) {
        terms.add(e.get("term").asText());
      }
    }
    Set<String> alsoRoutedTo = new TreeSet<>();
    for (JsonNode d : risk.path("alsoRoutedTo")) {
      alsoRoutedTo.add(d.asText());
    }
    OffsetDateTime at = utc(EventFields.time(event, "assignedAt", clock));
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(UPSERT_RISK)
                    .setParameter(1, complaintId)
                    .setParameter(2, EventFields.text(data, "number", false))
                    .setParameter(3, EventFields.text(data, "department", false))
                    .setParameter(4, String.join(",", categories))
                    .setParameter(5, String.join(",", terms))
                    .setParameter(6, String.join(",", alsoRoutedTo))
                    .setParameter(7, at)
                    .executeUpdate())
        .replaceWithVoid();
  }

  Uni<Void> callbackOpened(InboundEvent event) {
    JsonNode data = event.data();
    Set<String> reasons = new TreeSet<>();
    for (JsonNode r : data.path("reasons")) {
      reasons.add(r.asText());
    }
    if (reasons.isEmpty()) {
      throw new PoisonEventException("reasons must name at least one reason");
    }
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(UPSERT_CALLBACK)
                    .setParameter(1, EventFields.uuid(data, "callbackId"))
                    .setParameter(2, EventFields.uuid(data, "complaintId"))
                    .setParameter(3, EventFields.text(data, "number", false))
                    .setParameter(4, String.join(",", reasons))
                    .setParameter(5, EventFields.text(data, "department", false))
                    .setParameter(6, EventFields.text(data, "agent", false))
                    .setParameter(7, utc(requiredTime(event, "dueAt")))
                    .setParameter(8, utc(EventFields.time(event, "occurredAt", clock)))
                    .executeUpdate())
        .replaceWithVoid();
  }

  Uni<Void> callbackCompleted(InboundEvent event) {
    JsonNode data = event.data();
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(COMPLETE_CALLBACK)
                    .setParameter(1, EventFields.uuid(data, "callbackId"))
                    .setParameter(2, EventFields.uuid(data, "complaintId"))
                    .setParameter(3, utc(requiredTime(event, "dueAt")))
                    .setParameter(4, utc(EventFields.time(event, "occurredAt", clock)))
                    .setParameter(5, EventFields.text(data, "outcome", true))
                    .setParameter(6, EventFields.text(data, "completedBy", true))
                    .executeUpdate())
        .replaceWithVoid();
  }

  Uni<Void> connectionHealth(InboundEvent event) {
    ConnectionHealth health = event.dataAs(json, ConnectionHealth.class);
    UUID endpointId = EventFields.required(health.endpointId(), "endpointId");
    String name = EventFields.text(event.data(), "name", true);
    String channel = EventFields.text(event.data(), "channel", true);
    String state = EventFields.required(health.state(), "state");
    if (!CONNECTION_STATES.contains(state)) {
      throw new PoisonEventException("state must be healthy, failing or disabled: " + state);
    }
    // The record reads an absent count as 0: the counts are required, read them from the data.
    int pending = count(event.data(), "pendingDeliveries");
    int dead = count(event.data(), "deadDeliveries");
    OffsetDateTime since = EventFields.required(health.since(), "since");
    OffsetDateTime occurredAt = EventFields.required(health.occurredAt(), "occurredAt");
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(UPSERT_CONNECTION)
                    .setParameter(1, endpointId)
                    .setParameter(2, name)
                    .setParameter(3, channel)
                    .setParameter(4, state)
                    .setParameter(5, pending)
                    .setParameter(6, dead)
                    .setParameter(7, health.lastError())
                    .setParameter(8, utc(since.toInstant()))
                    .setParameter(9, utc(occurredAt.toInstant()))
                    .executeUpdate())
        .replaceWithVoid();
  }

  private static int count(JsonNode data, String field) {
    int value = EventFields.integer(data, field);
    if (value < 0) {
      throw new PoisonEventException(field + " must not be negative: " + value);
    }
    return value;
  }

  private static java.time.Instant requiredTime(InboundEvent event, String field) {
    if (!event.data().hasNonNull(field)) {
      throw new PoisonEventException(field + " is required");
    }
    return EventFields.time(event, field, Clock.systemUTC());
  }

  private static OffsetDateTime utc(java.time.Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
