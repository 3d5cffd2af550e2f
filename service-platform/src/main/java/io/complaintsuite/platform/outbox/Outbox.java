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

  /**
   * The outbox columns, in the order of {@link #values}: the one list that both writers and {@link
   * #insertFrom} use.
   */
  private static final List<String> COLUMNS =
      List.of(
          "id",
          "topic",
          "record_key",
          "type",
          "subject",
          "dataschema",
          "payload",
          "occurred_at",
          "trace_parent");

  private static final List<String> CASTS =
      List.of("uuid", "text", "text", "text", "text", "text", "text", "timestamptz", "text");

  private static final String INSERT =
      "insert into outbox_event ("
          + String.join(", ", COLUMNS)
          + ") "
          + parameters(1, " values (")
          + ")";

  /**
   * The event row: the one place an event's id, physical topic, schema, time, trace and JSON
   * payload are decided. Write it with either writer, or with {@link #insertFrom} in the caller's
   * own statement. A caller that stores the same JSON elsewhere reads {@link OutboxEvent#payload}.
   *
   * @throws IllegalArgumentException when {@code data} cannot be serialised
   */
  public OutboxEvent event(EventType type, String key, String subject, Object data) {
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
   * Writer in the current Hibernate session's transaction: appends {@code data} as an event of
   * {@code type} keyed by {@code key}; returns its id.
   */
  public Uni<UUID> append(EventType type, String key, String subject, Object data) {
    OutboxEvent event;
    try {
      event = event(type, key, subject, data);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(e);
    }
    return event.persist().replaceWith(event.id);
  }

  /** Writer on a plain reactive connection, in the caller's transaction (no Hibernate session). */
  public Uni<UUID> append(
      SqlConnection conn, EventType type, String key, String subject, Object data) {
    OutboxEvent event;
    try {
      event = event(type, key, subject, data);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(e);
    }
    return append(conn, event);
  }

  /** Writes an event built by {@link #event} on a plain reactive connection. */
  public Uni<UUID> append(SqlConnection conn, OutboxEvent event) {
    return conn.preparedQuery(INSERT).execute(Tuple.from(values(event))).replaceWith(event.id);
  }

  /**
   * {@code insert into outbox_event ... select $first, ... from source}: one row per row of {@code
   * source} (e.g. a CTE that returns the changed row only if the change was made), with the
   * parameters {@link #values} gives, numbered from {@code first}. For a hot path that stores its
   * change and its event in one round trip.
   */
  public static String insertFrom(String source, int first) {
    return "insert into outbox_event ("
        + String.join(", ", COLUMNS)
        + ") "
        + parameters(first, "select ")
        + " from "
        + source;
  }

  /** The parameters of the outbox columns, in order. */
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

  private static String parameters(int first, String prefix) {
    StringBuilder sql = new StringBuilder(prefix);
    for (int i = 0; i < CASTS.size(); i++) {
      sql.append(i == 0 ? "" : ", ")
          .append('$')
          .append(first + i)
          .append("::")
          .append(CASTS.get(i));
    }
    return sql.toString();
  }
}
