package io.complaintsuite.platform.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.EventType;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * <p>Type versions: an event whose {@code ce_dataschema} names a newer version of its type ({@code
 * NAME.vN.json}) than this build knows ({@link EventType#knownVersion}) is acknowledged unapplied
 * and counted in {@code inbox.events.skipped-newer-version}: a producer upgraded first must not
 * make old consumers guess at a breaking change, nor stop them. A {@code ce_dataschema} that names
 * no version of the event's type is poison: the producer is broken, and guessing the version could
 * apply a changed meaning to fields that happen to validate.
 *
 * <p>Use from an {@code @Incoming} method taking {@code Message<String>} and returning {@code
 * Uni<Void>}: {@code return inbox.process(message, "routing", Set.of("complaint.received"),
 * handler);}
 */
@ApplicationScoped
public class Inbox {
  private static final Logger LOG = Logger.getLogger(Inbox.class);
  private static final Pattern SCHEMA_FILE = Pattern.compile("(.+)\\.v(\\d{1,9})\\.json");

  /** consumer/type/version seen newer than known: warned once each, not once per record. */
  private final Set<String> newerVersionsWarned = ConcurrentHashMap.newKeySet();

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
    int version;
    try {
      version = schemaVersion(event.type(), event.dataschema());
    } catch (PoisonEventException e) {
      return deadLetter(message, consumer, event.type(), e);
    }
    int known = EventType.knownVersion(event.type()).orElse(1);
    if (version > known) {
      return skipNewerVersion(message, consumer, event.type(), version, known);
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
        .onFailure(e -> !(e instanceof PoisonEventException) && !isDataError(e))
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
        .recoverWithUni(
            e -> deadLetter(message, consumer, parsed.type(), reasonFor(parsed.type(), e)));
  }

  private Uni<Void> skipNewerVersion(
      Message<String> message, String consumer, String type, int version, int known) {
    metrics
        .counter(
            "inbox.events.skipped-newer-version",
            "consumer",
            consumer,
            "type",
            type,
            "version",
            Integer.toString(version))
        .increment();
    if (newerVersionsWarned.add(consumer + '/' + type + '/' + version)) {
      LOG.warnf(
          "%s skips %s v%d events: this build knows up to v%d (counted in"
              + " inbox.events.skipped-newer-version; warned once)",
          consumer, type, version, known);
    }
    return Uni.createFrom().completionStage(message.ack());
  }

  /**
   * The type version {@code dataschema} names ({@code .../NAME.vN.json}), 0 when there is none
   * (CloudEvents makes the attribute optional: such an event is taken as the version known).
   */
  static int schemaVersion(String type, String dataschema) {
    if (dataschema == null || dataschema.isBlank()) {
      return 0;
    }
    String path = dataschema.replaceFirst("[?#].*$", "");
    Matcher file = SCHEMA_FILE.matcher(path.substring(path.lastIndexOf('/') + 1));
    if (!file.matches() || !file.group(1).equals(type)) {
      throw new PoisonEventException(
          "ce_dataschema "
              + dataschema
              + " names no version of "
              + type
              + " (expected .../"
              + type
              + ".vN.json)");
    }
    return Integer.parseInt(file.group(2));
  }

  /**
   * Failures that the same record will cause every time: bad data the handler did not check (a
   * null, a wrong type, a bad number) or that the database refuses (SQLSTATE class 22, data
   * exception; 23502 not-null and 23514 check violations). Retrying them only delays the next
   * records; they go to the dead-letter topic at once with the cause as the reason.
   */
  static boolean isDataError(Throwable failure) {
    return dataErrorIn(failure) != null;
  }

  private static Throwable dataErrorIn(Throwable failure) {
    for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
      // Not NullPointerException and the like: those are the code's or a moment's (a service
      // restarting), and a bounded retry is right (the fault run lost a record to an NPE dead-
      // lettered at once right after sla-service's restart). Handlers name missing fields with
      // PoisonEventException (EventFields.required).
      if (e instanceof IllegalArgumentException
          || e instanceof ArithmeticException
          || e instanceof java.time.DateTimeException) {
        return e;
      }
      if (e instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null) {
        String state = pg.getSqlState();
        boolean data = state.startsWith("22") || state.equals("23502") || state.equals("23514");
        return data ? e : null;
      }
    }
    return null;
  }

  /** The dead-letter reason for a failure: for data errors, which data error, named plainly. */
  private static Throwable reasonFor(String type, Throwable failure) {
    Throwable data = dataErrorIn(failure);
    return data == null || data instanceof PoisonEventException
        ? failure
        : new PoisonEventException("the data of " + type + " cannot be applied: " + data);
  }

  private Uni<Void> deadLetter(Message<String> message, String consumer, String type, Throwable e) {
    if (e instanceof PoisonEventException) {
      LOG.warnf("dead-lettering a %s record for %s: %s", type, consumer, e.getMessage());
    } else {
      // Not the record's fault as far as we know: keep the stack for whoever looks into it.
      LOG.warnf(e, "dead-lettering a %s record for %s: %s", type, consumer, e.getMessage());
    }
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
