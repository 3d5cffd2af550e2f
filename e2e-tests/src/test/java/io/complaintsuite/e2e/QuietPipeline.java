package io.complaintsuite.e2e;

import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * consumer groups have committed the end of each partition they read, no service's outbox holds an
 * event not yet published, and the end offsets did not move while the outboxes were read (an event
 * handled writes its own events to the outbox in the same transaction, before its offset is
 * committed, so nothing is still on its way). A journey that moves the clock waits here first, so
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

  private final Admin admin;
  private final ServiceProcesses suite;
  private final Map<String, Connection> databases = new HashMap<>();
  private final Set<String> topics;
  private long waits;
  private long waitedNanos;
  private long longestNanos;

  QuietPipeline(ServiceProcesses suite) {
    this.suite = suite;
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
    AtomicReference<String> behind = new AtomicReference<>("");
    try {
      Awaitility.await()
          .atMost(atMost)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                Snapshot before = snapshot();
                behind.set(before.behind.toString());
                if (!before.behind.isEmpty()) {
                  return false;
                }
                String unpublished = unpublished();
                if (!unpublished.isEmpty()) {
                  behind.set("outboxes " + unpublished);
                  return false;
                }
                Snapshot after = snapshot();
                return after.behind.isEmpty() && after.ends.equals(before.ends);
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

  /** Services whose outbox holds events not yet published, with their number; empty if none. */
  private String unpublished() {
    StringBuilder found = new StringBuilder();
    for (String service : ServiceProcesses.SERVICES) {
      try (Statement st = database(service).createStatement();
          ResultSet rs =
              st.executeQuery("select count(*) from outbox_event where published_at is null")) {
        rs.next();
        long n = rs.getLong(1);
        if (n > 0) {
          found.append(service).append('=').append(n).append(' ');
        }
      } catch (SQLException e) {
        databases.remove(service);
        found.append(service).append(": ").append(e.getMessage()).append(' ');
      }
    }
    return found.toString().trim();
  }

  private Connection database(String service) throws SQLException {
    Connection c = databases.get(service);
    if (c == null || c.isClosed()) {
      c =
          DriverManager.getConnection(
              SuiteSettings.jdbcUrl(suite.database(service)),
              SuiteSettings.pgUser(),
              SuiteSettings.pgPassword());
      databases.put(service, c);
    }
    return c;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
    for (Connection c : databases.values()) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing at the end of the journey: nothing left to protect
      }
    }
  }
}
