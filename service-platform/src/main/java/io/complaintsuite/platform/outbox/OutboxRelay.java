package io.complaintsuite.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
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

  private final MutinyEmitter<String> emitter;
  private final Clock clock;
  private final int batchSize;
  private final Duration sendTimeout;
  private final Duration maxBackoff;
  private final Duration retention;
  private final URI source;
  private final Counter published;
  private final Counter failed;
  private volatile Instant pausedUntil = Instant.MIN;
  private volatile Duration backoff = Duration.ZERO;

  public OutboxRelay(
      @Channel("outbox") MutinyEmitter<String> emitter,
      Clock clock,
      MeterRegistry metrics,
      @ConfigProperty(name = "outbox.batch-size", defaultValue = "256") int batchSize,
      @ConfigProperty(name = "outbox.send-timeout", defaultValue = "15s") Duration sendTimeout,
      @ConfigProperty(name = "outbox.max-backoff", defaultValue = "5s") Duration maxBackoff,
      @ConfigProperty(name = "outbox.retention", defaultValue = "P7D") Duration retention,
      @ConfigProperty(name = "quarkus.application.name") String service) {
    this.emitter = emitter;
    this.clock = clock;
    this.batchSize = batchSize;
    this.sendTimeout = sendTimeout;
    this.maxBackoff = maxBackoff;
    this.retention = retention;
    this.source = URI.create("/" + service);
    this.published = metrics.counter("outbox.events.published");
    this.failed = metrics.counter("outbox.events.failed");
  }

  /** The physical topic for a logical one: {@code suite.topics.NAME}, or the name itself. */
  public String physicalTopic(String logical) {
    return ConfigProvider.getConfig()
        .getOptionalValue("suite.topics." + logical, String.class)
        .orElse(logical);
  }

  @Scheduled(
      identity = "outbox-relay",
      every = "${outbox.poll-interval:0.2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> relayScheduled() {
    // Wall-clock time on purpose: back-off is about the broker, not business time.
    if (Instant.now().isBefore(pausedUntil)) {
      return Uni.createFrom().voidItem();
    }
    return drain(20);
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
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(
                                    "select * from outbox_event where published_at is null"
                                        + " order by seq limit :limit for update skip locked",
                                    OutboxEvent.class)
                                .setParameter("limit", batchSize)
                                .getResultList())
                    .chain(this::publish))
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf("outbox relay failed, will retry: %s", e.toString());
              pause();
              return 0;
            });
  }

  private Uni<Integer> publish(List<OutboxEvent> batch) {
    if (batch.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    List<Uni<Boolean>> sends = new ArrayList<>(batch.size());
    for (OutboxEvent event : batch) {
      sends.add(
          emitter
              .sendMessage(toMessage(event))
              .ifNoItem()
              .after(sendTimeout)
              .fail()
              .replaceWith(Boolean.TRUE)
              .onFailure()
              .recoverWithItem(
                  e -> {
                    event.attempts++;
                    event.lastError = e.toString();
                    return Boolean.FALSE;
                  }));
    }
    return Uni.join()
        .all(sends)
        .andFailFast()
        .chain(
            outcomes -> {
              List<UUID> done = new ArrayList<>();
              for (int i = 0; i < batch.size(); i++) {
                if (outcomes.get(i)) {
                  done.add(batch.get(i).id);
                }
              }
              int failures = batch.size() - done.size();
              published.increment(done.size());
              if (failures > 0) {
                failed.increment(failures);
                LOG.warnf(
                    "%d of %d outbox events not acknowledged by Kafka; they stay queued (%s)",
                    failures, batch.size(), batch.get(0).lastError);
                pause();
              } else {
                backoff = Duration.ZERO;
              }
              if (done.isEmpty()) {
                return Uni.createFrom().item(0);
              }
              // Failed rows keep their attempt count (managed entities); sent rows are marked.
              return OutboxEvent.update(
                      "publishedAt = ?1 where id in ?2", OffsetDateTime.now(clock), done)
                  .replaceWith(failures > 0 ? 0 : done.size());
            });
  }

  private Message<String> toMessage(OutboxEvent event) {
    return Message.of(event.payload)
        .addMetadata(
            OutgoingCloudEventMetadata.<String>builder()
                .withId(event.id.toString())
                .withType(event.type)
                .withSource(source)
                .withSubject(event.subject)
                .withTimestamp(event.occurredAt.toZonedDateTime())
                .withDataSchema(URI.create(event.dataschema))
                .withDataContentType("application/json")
                .build())
        .addMetadata(
            OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.recordKey)
                .withTopic(event.topic)
                .build());
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

  @Scheduled(
      identity = "outbox-cleanup",
      every = "1h",
      delayed = "5m",
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> cleanup() {
    return Panache.withTransaction(
            () ->
                OutboxEvent.delete("publishedAt < ?1", OffsetDateTime.now(clock).minus(retention)))
        .replaceWithVoid();
  }
}
