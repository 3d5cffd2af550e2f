package io.complaintsuite.e2e;

import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits until every service has taken in every event the suite has published: the services'
 * consumer groups have committed the end of each partition they read, and the end offsets stood
 * still for longer than an outbox relay's poll. A journey that moves the clock waits here first, so
 * that the next moment's deadline checks see every action of the one before (an answer that was
 * still on its way to sla-service when the clock jumped counted as a breach once).
 *
 * <p>Needs the services to commit often: ServiceProcesses sets {@code
 * kafka.auto.commit.interval.ms} (SmallRye's throttled commit strategy commits processed offsets at
 * that interval).
 */
final class QuietPipeline implements AutoCloseable {
  /** The services' consumer groups (application.properties); knowledge's index-sync is per pod. */
  private static final List<String> GROUPS =
      List.of(
          "intake-service",
          "intake-service.knowledge",
          "routing-service",
          "sla-service",
          "sla-service-board",
          "survey-service",
          "knowledge-service");

  /**
   * Longer than the outbox relay's poll (0.2 s): end offsets that stood still this long are final.
   */
  private static final Duration STILL = Duration.ofMillis(400);

  private final Admin admin;
  private final Set<String> topics;
  private long waits;
  private long waitedNanos;
  private long longestNanos;

  QuietPipeline(ServiceProcesses suite) {
    this.topics =
        Topics.declared().stream().map(t -> suite.topic(t.name())).collect(Collectors.toSet());
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteSettings.kafkaBootstrap());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    this.admin = Admin.create(props);
  }

  /** Blocks until quiet; fails naming the partitions still behind after {@code atMost}. */
  void await(Duration atMost) {
    long started = System.nanoTime();
    AtomicReference<Map<TopicPartition, Long>> previousEnds = new AtomicReference<>();
    AtomicLong previousAt = new AtomicLong();
    AtomicReference<String> behind = new AtomicReference<>("");
    try {
      Awaitility.await()
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                Snapshot now = snapshot();
                behind.set(now.behind.toString());
                if (!now.behind.isEmpty()) {
                  previousEnds.set(null);
                } else if (!now.ends.equals(previousEnds.get())) {
                  previousEnds.set(now.ends);
                  previousAt.set(System.nanoTime());
                } else {
                  return System.nanoTime() - previousAt.get() >= STILL.toNanos();
                }
                return false;
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "the services did not take in every published event within "
              + atMost
              + ": "
              + behind.get(),
          e);
    }
    long waited = System.nanoTime() - started;
    waits++;
    waitedNanos += waited;
    longestNanos = Math.max(longestNanos, waited);
  }

  /** What the waits cost, for the journey's report: count, total and longest. */
  String cost() {
    return String.format(
        "%d waits, %.1f s in all, longest %.1f s", waits, waitedNanos / 1e9, longestNanos / 1e9);
  }

  private record Snapshot(Map<TopicPartition, Long> ends, Map<String, Long> behind) {}

  private Snapshot snapshot() {
    try {
      Map<String, ConsumerGroupDescription> groups =
          admin.describeConsumerGroups(GROUPS).all().get(10, TimeUnit.SECONDS);
      Map<String, Set<TopicPartition>> read = new HashMap<>();
      Set<TopicPartition> all = new HashSet<>();
      for (ConsumerGroupDescription g : groups.values()) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (MemberDescription m : g.members()) {
          for (TopicPartition tp : m.assignment().topicPartitions()) {
            if (topics.contains(tp.topic())) {
              partitions.add(tp);
            }
          }
        }
        read.put(g.groupId(), partitions);
        all.addAll(partitions);
      }
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      all.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get(10, TimeUnit.SECONDS)
          .forEach((tp, info) -> ends.put(tp, info.offset()));
      Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
      read.keySet().forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
      Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
          admin.listConsumerGroupOffsets(specs).all().get(10, TimeUnit.SECONDS);
      Map<String, Long> behind = new HashMap<>();
      read.forEach(
          (group, partitions) -> {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                committed.getOrDefault(group, Map.of());
            for (TopicPartition tp : partitions) {
              OffsetAndMetadata at = offsets.get(tp);
              long lag = ends.get(tp) - (at == null ? 0 : at.offset());
              if (lag > 0) {
                behind.put(group + "@" + tp, lag);
              }
            }
          });
      return new Snapshot(ends, behind);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return new Snapshot(Map.of(), Map.of("admin: " + e, 1L));
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
