package io.complaintsuite.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.platform.ids.TimeOrderedIds;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.platform.tracing.Tracing;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes an event into the outbox. Call it inside the transaction that makes the change the event
 * describes: the event is then published if and only if the change commits.
 */
@ApplicationScoped
public class Outbox {
  private final ObjectMapper json;
  private final Clock clock;
  private final String schemaBase;
  private final OutboxRelay relay;

  public Outbox(
      ObjectMapper json,
      Clock clock,
      OutboxRelay relay,
      @ConfigProperty(
              name = "events.schema-base-uri",
              defaultValue = "urn:complaint-suite:docs/events/")
          String schemaBase) {
    this.json = json;
    this.clock = clock;
    this.relay = relay;
    this.schemaBase = schemaBase;
  }

  /** Appends {@code data} as an event of {@code type} keyed by {@code key}; returns its id. */
  public Uni<UUID> append(EventType type, String key, String subject, Object data) {
    OutboxEvent event;
    try {
      event = event(type, key, subject, data);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(e);
    }
    return event.persist().replaceWith(event.id);
  }

  /**
   * The event, ready to be written by the caller's own statement with {@link #insertFrom} and
   * {@link #values}: a hot path can then store its change and its event in one round trip.
   */
  public OutboxEvent prepare(EventType type, String key, String subject, Object data) {
    return event(type, key, subject, data);
  }

  /**
   * {@code insert into outbox_event ... select $first, ... from source}: one row per row of {@code
   * source} (e.g. a CTE that returns the changed row only if the change was made), with the nine
   * parameters {@link #values} gives, numbered from {@code first}.
   */
  public static String insertFrom(String source, int first) {
    StringBuilder sql =
        new StringBuilder(
            "insert into outbox_event (id, topic, record_key, type, subject, dataschema, payload,"
                + " occurred_at, trace_parent) select ");
    String[] casts = {
      "uuid", "text", "text", "text", "text", "text", "text", "timestamptz", "text"
    };
    for (int i = 0; i < casts.length; i++) {
      sql.append(i == 0 ? "" : ", ").append('$').append(first + i).append("::").append(casts[i]);
    }
    return sql.append(" from ").append(source).toString();
  }

  /** The parameters of {@link #insertFrom}, in order. */
  public static List<Object> values(OutboxEvent event) {
    return Arrays.asList(
        event.id,
        event.topic,
        event.recordKey,
        event.type,
        event.subject,
        event.dataschema,
        event.payload,
        event.occurredAt,
        event.traceParent);
  }

  private OutboxEvent event(EventType type, String key, String subject, Object data) {
    OutboxEvent event = new OutboxEvent();
    event.id = TimeOrderedIds.next();
    event.topic = relay.physicalTopic(type.topic());
    event.recordKey = key;
    event.type = type.name();
    event.subject = subject;
    event.dataschema = type.dataschema(schemaBase);
    event.occurredAt = Timestamps.now(clock);
    event.traceParent = Tracing.currentTraceParent();
    try {
      event.payload = json.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + type, e);
    }
    return event;
  }

  /**
   * As {@link #append(EventType, String, String, Object)}, on a plain reactive SQL connection in
   * the caller's transaction (no Hibernate session), with the data already serialised to JSON.
   */
  public Uni<UUID> appendJson(
      SqlConnection conn, EventType type, String key, String subject, String payloadJson) {
    UUID id = TimeOrderedIds.next();
    return conn.preparedQuery(
            "insert into outbox_event (id, topic, record_key, type, subject, dataschema, payload,"
                + " occurred_at, trace_parent) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  relay.physicalTopic(type.topic()),
                  key,
                  type.name(),
                  subject,
                  type.dataschema(schemaBase),
                  payloadJson,
                  Timestamps.now(clock),
                  Tracing.currentTraceParent()
                }))
        .replaceWith(id);
  }
}
