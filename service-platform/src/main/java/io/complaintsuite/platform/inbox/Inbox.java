package io.complaintsuite.platform.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.platform.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Processes Kafka records at least once and applies them exactly once: each CloudEvent id is
 * claimed in {@code processed_event} in the same transaction as the handler's changes. While the
 * service's database is unreachable ({@link TransientFailures}) the record is retried until it is
 * back. Other failures are retried a bounded number of times; then, and at once for poison records,
 * the record is nacked, which the channel's {@code failure-strategy=dead-letter-queue} sends to the
 * dead-letter topic with the reason, and the consumer goes on with the next record.
 *
 * <p>Use from an {@code @Incoming} method taking {@code Message<String>} and returning {@code
 * Uni<Void>}: {@code return inbox.process(message, "routing", Set.of("complaint.received"),
 * handler);}
 */
@ApplicationScoped
public class Inbox {
  private static final Logger LOG = Logger.getLogger(Inbox.class);

  private final ObjectMapper json;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final int retries;
  private final Duration retryBackoff;
  private final Duration outageBackoff;

  public Inbox(
      ObjectMapper json,
      Clock clock,
      MeterRegistry metrics,
      @ConfigProperty(name = "inbox.retries", defaultValue = "3") int retries,
      @ConfigProperty(name = "inbox.retry-backoff", defaultValue = "200ms") Duration retryBackoff,
      @ConfigProperty(name = "inbox.outage-max-backoff", defaultValue = "5s")
          Duration outageBackoff) {
    this.json = json;
    this.clock = clock;
    this.metrics = metrics;
    this.retries = retries;
    this.retryBackoff = retryBackoff;
    this.outageBackoff = outageBackoff;
  }

  /**
   * Applies {@code message} with {@code handler} if its type is one of {@code types} (others are
   * acknowledged and skipped: every consumer of a topic sees all its types), once per {@code
   * consumer}.
   */
  public Uni<Void> process(
      Message<String> message, String consumer, Set<String> types, EventHandler handler) {
    return processWith(
        message,
        consumer,
        types,
        parsed ->
            Panache.withTransaction(
                () ->
                    claim(consumer, parsed)
                        .chain(first -> applyOnce(first, consumer, parsed, handler::handle))));
  }

  /**
   * As {@link #process(Message, String, Set, EventHandler)}, but the claim and the handler run on
   * one plain reactive SQL connection of {@code pool}, in one transaction, without Hibernate: for
   * hot paths where a Hibernate Reactive session per event costs too much CPU.
   */
  public Uni<Void> process(
      Message<String> message,
      String consumer,
      Set<String> types,
      Pool pool,
      SqlEventHandler handler) {
    return processWith(
        message,
        consumer,
        types,
        parsed ->
            pool.withTransaction(
                conn ->
                    claim(conn, consumer, parsed)
                        .chain(
                            first ->
                                applyOnce(first, consumer, parsed, e -> handler.handle(e, conn)))));
  }

  private Uni<Void> applyOnce(
      boolean first,
      String consumer,
      InboundEvent event,
      java.util.function.Function<InboundEvent, Uni<Void>> handler) {
    if (!first) {
      metrics
          .counter("inbox.events.duplicate", "consumer", consumer, "type", event.type())
          .increment();
      return Uni.createFrom().voidItem();
    }
    return handler.apply(event);
  }

  private Uni<Void> processWith(
      Message<String> message,
      String consumer,
      Set<String> types,
      java.util.function.Function<InboundEvent, Uni<Void>> transaction) {
    InboundEvent event;
    try {
      event = parse(message);
    } catch (PoisonEventException e) {
      return deadLetter(message, consumer, "unknown", e);
    }
    if (!types.contains(event.type())) {
      metrics
          .counter("inbox.events.skipped", "consumer", consumer, "type", event.type())
          .increment();
      return Uni.createFrom().completionStage(message.ack());
    }
    InboundEvent parsed = event;
    Tracing.rememberInbound(header(headersOf(message), "traceparent"));
    // Log lines written while this event is processed name its complaint (JSON logs in prod).
    org.jboss.logging.MDC.put("complaintId", event.subject() == null ? "" : event.subject());
    org.jboss.logging.MDC.put("eventType", event.type());
    return Uni.createFrom()
        .deferred(() -> transaction.apply(parsed))
        // The database away (restart, fail-over): wait for it, however long; the record is fine.
        .onFailure(TransientFailures::isTransient)
        .invoke(e -> LOG.debugf("database unavailable, retrying %s: %s", parsed.type(), e))
        .onFailure(TransientFailures::isTransient)
        .retry()
        .withBackOff(retryBackoff, outageBackoff)
        .indefinitely()
        .onFailure(e -> !(e instanceof PoisonEventException))
        .retry()
        .withBackOff(retryBackoff, retryBackoff.multipliedBy(10))
        .atMost(retries)
        .chain(
            () -> {
              metrics
                  .counter("inbox.events.processed", "consumer", consumer, "type", parsed.type())
                  .increment();
              return Uni.createFrom().completionStage(message.ack());
            })
        .onFailure()
        .recoverWithUni(e -> deadLetter(message, consumer, parsed.type(), e));
  }

  private Uni<Void> deadLetter(Message<String> message, String consumer, String type, Throwable e) {
    LOG.warnf("dead-lettering a %s record for %s: %s", type, consumer, e.getMessage());
    metrics.counter("inbox.events.dead-lettered", "consumer", consumer, "type", type).increment();
    return Uni.createFrom().completionStage(message.nack(e));
  }

  private Uni<Boolean> claim(String consumer, InboundEvent event) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "insert into processed_event (consumer, event_id, event_type, processed_at)"
                            + " values (:consumer, :id, :type, :now) on conflict do nothing")
                    .setParameter("consumer", consumer)
                    .setParameter("id", event.id())
                    .setParameter("type", event.type())
                    .setParameter("now", Timestamps.now(clock))
                    .executeUpdate())
        .map(inserted -> inserted == 1);
  }

  private Uni<Boolean> claim(SqlConnection conn, String consumer, InboundEvent event) {
    return conn.preparedQuery(
            "insert into processed_event (consumer, event_id, event_type, processed_at)"
                + " values ($1, $2, $3, $4) on conflict do nothing")
        .execute(Tuple.of(consumer, event.id(), event.type(), Timestamps.now(clock)))
        .map(rows -> rows.rowCount() == 1);
  }

  InboundEvent parse(Message<String> message) {
    Headers headers =
        message
            .getMetadata(IncomingKafkaRecordMetadata.class)
            .map(IncomingKafkaRecordMetadata::getHeaders)
            .orElseThrow(() -> new PoisonEventException("not a Kafka record"));
    String id = header(headers, "ce_id");
    String type = header(headers, "ce_type");
    if (id == null || type == null) {
      throw new PoisonEventException("not a CloudEvent: ce_id and ce_type headers are required");
    }
    String key =
        message
            .getMetadata(IncomingKafkaRecordMetadata.class)
            .map(m -> m.getKey() == null ? null : m.getKey().toString())
            .orElse(null);
    OffsetDateTime time = null;
    String rawTime = header(headers, "ce_time");
    if (rawTime != null) {
      try {
        time = OffsetDateTime.parse(rawTime);
      } catch (DateTimeParseException e) {
        throw new PoisonEventException("ce_time is not an RFC 3339 time: " + rawTime);
      }
    }
    JsonNode data;
    try {
      data = message.getPayload() == null ? null : json.readTree(message.getPayload());
    } catch (JsonProcessingException e) {
      throw new PoisonEventException("data is not JSON: " + e.getOriginalMessage());
    }
    if (data == null || !data.isObject()) {
      throw new PoisonEventException("data must be a JSON object");
    }
    return new InboundEvent(
        id,
        type,
        header(headers, "ce_source"),
        header(headers, "ce_subject"),
        key,
        time,
        header(headers, "ce_dataschema"),
        data);
  }

  private static Headers headersOf(Message<String> message) {
    return message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .map(IncomingKafkaRecordMetadata::getHeaders)
        .orElse(new org.apache.kafka.common.header.internals.RecordHeaders());
  }

  private static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
