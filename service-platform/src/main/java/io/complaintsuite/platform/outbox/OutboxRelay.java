package io.complaintsuite.platform.outbox;

import io.complaintsuite.platform.lock.AdvisoryLock;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.platform.tracing.Tracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes outbox events to Kafka in commit order, as CloudEvents in binary mode. Rows are claimed
 * with {@code FOR UPDATE SKIP LOCKED}, so several replicas never publish the same batch; a row is
 * marked published only after the broker acknowledged it. While the broker is down the rows wait
 * and the relay backs off; nothing is lost and intake is never blocked.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  // Each service has its own database, so one name serves them all.
  private static final AdvisoryLock RELAY_LOCK = new AdvisoryLock("outbox-relay");

  /** What became of one event of a batch. */
  private record Outcome(Kind kind, String error) {
    enum Kind {
      SENT,
      FAILED,
      /** Not tried: an earlier event of its key failed in the same batch. */
      HELD_BACK
    }

    static final Outcome SENT = new Outcome(Kind.SENT, null);
    static final Outcome HELD_BACK = new Outcome(Kind.HELD_BACK, null);

    static Outcome failed(String error) {
      return new Outcome(Kind.FAILED, error);
    }
  }

  private final MutinyEmitter<String> emitter;
  private final Pool pool;
  private final Clock clock;
  private final int batchSize;
  private final Duration sendTimeout;
  private final Duration maxBackoff;
  private final Duration retention;
  private final URI source;
  private final Counter published;
  private final Counter failed;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong oldestAgeSeconds = new AtomicLong();
  private final Map<String, String> topics = new ConcurrentHashMap<>();
  private volatile Instant pausedUntil = Instant.MIN;
  private volatile Duration backoff = Duration.ZERO;

  public OutboxRelay(
      // Room for a whole batch: with the default buffer (128) a 256-event batch met
      // "Insufficient downstream requests" whenever the broker was slow to take it.
      @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
          MutinyEmitter<String> emitter,
      Pool pool,
      Clock clock,
      MeterRegistry metrics,
      @ConfigProperty(name = "outbox.batch-size", defaultValue = "256") int batchSize,
      @ConfigProperty(name = "outbox.send-timeout", defaultValue = "15s") Duration sendTimeout,
      @ConfigProperty(name = "outbox.max-backoff", defaultValue = "5s") Duration maxBackoff,
      @ConfigProperty(name = "outbox.retention", defaultValue = "P7D") Duration retention,
      @ConfigProperty(name = "quarkus.application.name") String service) {
    this.emitter = emitter;
    this.pool = pool;
    this.clock = clock;
    this.batchSize = batchSize;
    this.sendTimeout = sendTimeout;
    this.maxBackoff = maxBackoff;
    this.retention = retention;
    this.source = URI.create("/" + service);
    this.published = metrics.counter("outbox.events.published");
    this.failed = metrics.counter("outbox.events.failed");
    metrics.gauge("outbox.events.pending", pending);
    metrics.gauge("outbox.oldest.pending.age.seconds", oldestAgeSeconds);
  }

  /** The physical topic for a logical one: {@code suite.topics.NAME}, or the name itself. */
  public String physicalTopic(String logical) {
    return topics.computeIfAbsent(
        logical,
        name ->
            ConfigProvider.getConfig()
                .getOptionalValue("suite.topics." + name, String.class)
                .orElse(name));
  }

  @Scheduled(
      identity = "outbox-relay",
      every = "${outbox.poll-interval:0.2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> relayScheduled() {
    return poll(20);
  }

  /**
   * Publishes up to {@code maxBatches} batches unless the relay is backing off after a broker
   * failure: the scheduled poll and every {@link OutboxKick} come through here.
   */
  Uni<Void> poll(int maxBatches) {
    // Wall-clock time on purpose: back-off is about the broker, not business time.
    if (Instant.now().isBefore(pausedUntil)) {
      return Uni.createFrom().voidItem();
    }
    return drain(maxBatches);
  }

  /** Publishes batches until the outbox is empty or {@code maxBatches} were sent. */
  public Uni<Void> drain(int maxBatches) {
    return relayBatch()
        .chain(
            sent ->
                sent == batchSize && maxBatches > 1
                    ? drain(maxBatches - 1)
                    : Uni.createFrom().voidItem());
  }

  Uni<Integer> relayBatch() {
    // Plain SQL on the reactive pool: the relay needs no entity state, and Hibernate's native
    // query cache grows with every distinct native select.
    // One relay at a time per database: two replicas publishing neighbouring batches at once
    // could put a complaint's later event on the topic before its earlier one (found by the fault
    // run: a reopen published after the resolution that followed it).
    return pool.withTransaction(
            conn ->
                RELAY_LOCK
                    .tryLock(conn)
                    .chain(
                        got ->
                            got
                                ? conn.preparedQuery(
                                        "select id, topic, record_key, type, subject, dataschema,"
                                            + " payload, occurred_at, trace_parent"
                                            + " from outbox_event where published_at is null"
                                            + " order by seq limit $1 for update skip locked")
                                    .execute(Tuple.of(batchSize))
                                    .chain(rows -> publish(conn, pending(rows)))
                                : Uni.createFrom().item(0)))
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf("outbox relay failed, will retry: %s", e.toString());
              pause();
              return 0;
            });
  }

  /** An unpublished event as the relay reads it. */
  record Pending(
      UUID id,
      String topic,
      String key,
      String type,
      String subject,
      String dataschema,
      String payload,
      OffsetDateTime occurredAt,
      String traceParent) {}

  private static List<Pending> pending(RowSet<Row> rows) {
    List<Pending> batch = new ArrayList<>(rows.size());
    for (Row row : rows) {
      batch.add(
          new Pending(
              row.getUUID("id"),
              row.getString("topic"),
              row.getString("record_key"),
              row.getString("type"),
              row.getString("subject"),
              row.getString("dataschema"),
              row.getString("payload"),
              row.getOffsetDateTime("occurred_at"),
              row.getString("trace_parent")));
    }
    return batch;
  }

  private Uni<Integer> publish(SqlConnection conn, List<Pending> batch) {
    if (batch.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    // Different keys are sent in parallel; the events of one key one after the other, and none
    // after one of them failed, so a complaint's events reach the topic in commit order even when
    // the broker refuses some of a batch (the rest stay queued for the next round, in order).
    AtomicReferenceArray<Outcome> outcomes = new AtomicReferenceArray<>(batch.size());
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      String key = batch.get(i).key() == null ? "#" + i : batch.get(i).key();
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    List<Uni<Void>> sends = new ArrayList<>(byKey.size());
    for (List<Integer> indexes : byKey.values()) {
      Uni<Void> chain = Uni.createFrom().voidItem();
      for (int k = 0; k < indexes.size(); k++) {
        int index = indexes.get(k);
        // The key's events run in order, so the one before tells: a failure holds back the rest.
        int previous = k == 0 ? -1 : indexes.get(k - 1);
        chain =
            chain.chain(
                () -> {
                  if (previous >= 0 && outcomes.get(previous) != Outcome.SENT) {
                    outcomes.set(index, Outcome.HELD_BACK);
                    return Uni.createFrom().voidItem();
                  }
                  return send(batch.get(index))
                      .invoke(outcome -> outcomes.set(index, outcome))
                      .replaceWithVoid();
                });
      }
      sends.add(chain);
    }
    return Uni.join()
        .all(sends)
        .andFailFast()
        .chain(
            ignored -> {
              List<UUID> done = new ArrayList<>();
              List<Tuple> failures = new ArrayList<>();
              for (int i = 0; i < batch.size(); i++) {
                Outcome outcome = outcomes.get(i);
                switch (outcome.kind()) {
                  case SENT -> done.add(batch.get(i).id());
                  case FAILED -> failures.add(Tuple.of(batch.get(i).id(), outcome.error()));
                  case HELD_BACK -> {}
                }
              }
              published.increment(done.size());
              Uni<Void> marked = Uni.createFrom().voidItem();
              if (!done.isEmpty()) {
                marked =
                    conn.preparedQuery(
                            "update outbox_event set published_at = $1 where id = any($2)")
                        .execute(Tuple.of(Timestamps.now(clock), done.toArray(new UUID[0])))
                        .replaceWithVoid();
              }
              if (failures.isEmpty()) {
                backoff = Duration.ZERO;
                return marked.replaceWith(done.size());
              }
              failed.increment(failures.size());
              LOG.warnf(
                  "%d of %d outbox events not acknowledged by Kafka; they stay queued (%s)",
                  failures.size(), batch.size(), failures.get(0).getString(1));
              pause();
              return marked
                  .chain(
                      () ->
                          conn.preparedQuery(
                                  "update outbox_event set attempts = attempts + 1, last_error = $2"
                                      + " where id = $1")
                              .executeBatch(failures))
                  .replaceWith(0);
            });
  }

  /** Sends one event: SENT once the broker acknowledged it, else FAILED with why not. */
  private Uni<Outcome> send(Pending event) {
    return emitter
        .sendMessage(toMessage(event))
        .ifNoItem()
        .after(sendTimeout)
        .fail()
        .replaceWith(Outcome.SENT)
        .onFailure()
        .recoverWithItem(failure -> Outcome.failed(failure.toString()));
  }

  private Message<String> toMessage(Pending event) {
    // The Kafka connector starts its producer span under the metadata's current context.
    io.opentelemetry.context.Context parent = Tracing.parentContext(event.traceParent());
    return Message.of(event.payload())
        .addMetadata(
            OutgoingCloudEventMetadata.<String>builder()
                .withId(event.id().toString())
                .withType(event.type())
                .withSource(source)
                .withSubject(event.subject())
                .withTimestamp(event.occurredAt().toZonedDateTime())
                .withDataSchema(URI.create(event.dataschema()))
                .withDataContentType("application/json")
                .build())
        .addMetadata(
            OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.key())
                .withTopic(event.topic())
                .build())
        // The producer span continues the trace of the request or event that caused this one.
        .addMetadata(TracingMetadata.with(parent, parent));
  }

  private void pause() {
    backoff =
        backoff.isZero()
            ? Duration.ofMillis(250)
            : backoff.multipliedBy(2).compareTo(maxBackoff) > 0
                ? maxBackoff
                : backoff.multipliedBy(2);
    pausedUntil = Instant.now().plus(backoff);
  }

  /** Outbox lag for dashboards: events waiting, and how long the oldest has waited. */
  @Scheduled(
      identity = "outbox-lag",
      every = "${outbox.lag-interval:10s}",
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> measureLag() {
    return pool.query(
            "select count(*), coalesce(extract(epoch from (now() - min(occurred_at))), 0)"
                + " from outbox_event where published_at is null")
        .execute()
        .invoke(
            rows -> {
              Row row = rows.iterator().next();
              pending.set(row.getLong(0));
              oldestAgeSeconds.set(row.getNumeric(1).longValue());
            })
        .replaceWithVoid();
  }

  @Scheduled(
      identity = "outbox-cleanup",
      every = "1h",
      delayed = "5m",
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> cleanup() {
    return pool.preparedQuery("delete from outbox_event where published_at < $1")
        .execute(Tuple.of(Timestamps.now(clock).minus(retention)))
        .replaceWithVoid();
  }
}
