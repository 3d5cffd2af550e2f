package io.complaintsuite.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.platform.tracing.Tracing;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
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
    OutboxEvent event = new OutboxEvent();
    event.id = UUID.randomUUID();
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
      return Uni.createFrom().failure(new IllegalArgumentException("cannot serialise " + type, e));
    }
    return event.persist().replaceWith(event.id);
  }

  /**
   * As {@link #append(EventType, String, String, Object)}, on a plain reactive SQL connection in
   * the caller's transaction (no Hibernate session), with the data already serialised to JSON.
   */
  public Uni<UUID> appendJson(
      SqlConnection conn, EventType type, String key, String subject, String payloadJson) {
    UUID id = UUID.randomUUID();
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
