package io.complaintsuite.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.testsupport.SuiteSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the services hold, read from their databases and topics directly (as an auditor would, not
 * through the APIs under test), and the table that compares it with what the channel was promised.
 */
final class FaultAudit {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One line of the audit: expected, present, lost and doubled for one check. */
  record Line(String check, long expected, long present, long lost, long doubled, String note) {}

  /** A record of a topic as a consumer sees it. */
  record Event(String key, String id, String type, JsonNode data) {}

  private final ServiceProcesses suite;
  final List<Line> lines = new ArrayList<>();

  FaultAudit(ServiceProcesses suite) {
    this.suite = suite;
  }

  String suiteUrl(String service) {
    return suite.url(service);
  }

  // ------------------------------------------------------------------ databases

  List<Map<String, Object>> query(String service, String sql, Object... params) {
    try (Connection c =
            DriverManager.getConnection(
                SuiteSettings.jdbcUrl(suite.database(service)),
                SuiteSettings.pgUser(),
                SuiteSettings.pgPassword());
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= columns; i++) {
            row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(service + ": " + sql + ": " + e.getMessage(), e);
    }
  }

  long count(String service, String sql, Object... params) {
    return ((Number) query(service, sql, params).get(0).values().iterator().next()).longValue();
  }

  /** Per complaint id (first column), the number in the second. */
  Map<String, Long> perComplaint(String service, String sql, Object... params) {
    Map<String, Long> counts = new HashMap<>();
    for (Map<String, Object> row : query(service, sql, params)) {
      var values = new ArrayList<>(row.values());
      counts.put(values.get(0).toString(), ((Number) values.get(1)).longValue());
    }
    return counts;
  }

  /** Outbox rows not yet acknowledged by Kafka, over the five services. */
  long outboxPending() {
    long pending = 0;
    for (String service : ServiceProcesses.SERVICES) {
      pending += count(service, "select count(*) from outbox_event where published_at is null");
    }
    return pending;
  }

  // ------------------------------------------------------------------ topics

  private static Properties kafka() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteSettings.kafkaBootstrap());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    return props;
  }

  /**
   * Records the consumer groups of the services have not committed yet on this run's topics (their
   * lag), by group; groups of instances that are gone (a killed knowledge index follower) left.
   */
  Map<String, Long> consumerLag() {
    Set<String> topics =
        Set.of("complaints", "assignments", "sla-alerts", "surveys").stream()
            .map(suite::topic)
            .collect(Collectors.toSet());
    Set<String> groups =
        Set.of(
            "intake-service",
            "routing-service",
            "sla-service",
            "sla-service-board",
            "survey-service",
            "knowledge-service");
    Map<String, Long> lag = new LinkedHashMap<>();
    try (Admin admin = Admin.create(kafka())) {
      Set<String> existing =
          admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
              .map(ConsumerGroupListing::groupId)
              .collect(Collectors.toSet());
      for (String group : groups) {
        if (!existing.contains(group)) {
          continue;
        }
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        committed.keySet().stream()
            .filter(tp -> topics.contains(tp.topic()))
            .forEach(tp -> ends.put(tp, OffsetSpec.latest()));
        if (ends.isEmpty()) {
          continue;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end =
            admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS);
        long behind = 0;
        for (var e : end.entrySet()) {
          OffsetAndMetadata c = committed.get(e.getKey());
          behind += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        lag.put(group, behind);
      }
      return lag;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the consumer groups' lag: " + e, e);
    }
  }

  /** Every record now on the topic, from the beginning to the current end. */
  List<Event> readAll(String logicalTopic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteSettings.kafkaBootstrap());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    String topic = suite.topic(logicalTopic);
    List<Event> events = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end in 2 min");
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          events.add(new Event(r.key(), header(r, "ce_id"), header(r, "ce_type"), json(r.value())));
        }
      }
    }
    return events;
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static JsonNode json(String value) {
    try {
      return value == null ? null : JSON.readTree(value);
    } catch (IOException e) {
      return null;
    }
  }

  /** Distinct CloudEvent ids of {@code type} per record key (the complaint id). */
  static Map<String, Set<String>> distinctIds(List<Event> events, String type) {
    return events.stream()
        .filter(e -> type.equals(e.type()) && e.key() != null)
        .collect(
            Collectors.groupingBy(Event::key, Collectors.mapping(Event::id, Collectors.toSet())));
  }

  /** Events of {@code type} per record key in topic order, each CloudEvent id once. */
  static Map<String, List<Event>> distinctInOrder(List<Event> events, String type) {
    Map<String, List<Event>> perKey = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (Event e : events) {
      if (type.equals(e.type()) && e.key() != null && seen.add(e.id())) {
        perKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
      }
    }
    return perKey;
  }

  /**
   * How many moves a complaint's {@code assignment.created} events announce: a run of events alike
   * in cause, department, agent, queue and transfer count is one move announced more than once.
   */
  static long moves(List<Event> inOrder) {
    long moves = 0;
    List<String> last = null;
    for (Event e : inOrder) {
      JsonNode d = e.data();
      List<String> move =
          d == null
              ? List.of(e.id())
              : List.of(
                  d.path("cause").asText(),
                  d.path("department").asText(),
                  d.path("agent").asText(),
                  d.path("queued").asText(),
                  d.path("transferCount").asText());
      if (!move.equals(last)) {
        moves++;
      }
      last = move;
    }
    return moves;
  }

  // ------------------------------------------------------------------ the table

  /**
   * One line per check: for each expected complaint, {@code held(id)} is what the service holds
   * against {@code wanted(id)} (e.g. events, rows); fewer is lost, more is doubled.
   */
  Line compare(
      String check,
      Collection<String> ids,
      Function<String, Long> wanted,
      Function<String, Long> held,
      String note) {
    long expected = 0;
    long present = 0;
    long lost = 0;
    long doubled = 0;
    List<String> lostIds = new ArrayList<>();
    List<String> doubledIds = new ArrayList<>();
    for (String id : ids) {
      long w = wanted.apply(id);
      long h = held.apply(id);
      expected += w;
      present += Math.min(w, h);
      if (h < w) {
        lost += w - h;
        lostIds.add(id);
      } else if (h > w) {
        doubled += h - w;
        doubledIds.add(id);
      }
    }
    String detail = note;
    if (!lostIds.isEmpty()) {
      detail += "; lost e.g. " + lostIds.subList(0, Math.min(3, lostIds.size()));
    }
    if (!doubledIds.isEmpty()) {
      detail += "; doubled e.g. " + doubledIds.subList(0, Math.min(3, doubledIds.size()));
    }
    return add(new Line(check, expected, present, lost, doubled, detail));
  }

  /** Every complaint has exactly one event (distinct event id) of a type on a topic. */
  Line oneEventEach(String check, Collection<String> ids, Map<String, Set<String>> eventIds) {
    return compare(
        check,
        ids,
        id -> 1L,
        id -> (long) eventIds.getOrDefault(id, Set.of()).size(),
        "distinct event ids per complaint");
  }

  /** Every complaint holds exactly {@code each} of what {@code held} counts per complaint. */
  Line exactlyEach(
      String check, Collection<String> ids, long each, Map<String, Long> held, String note) {
    return compare(check, ids, id -> each, id -> held.getOrDefault(id, 0L), note);
  }

  Line add(Line line) {
    lines.add(line);
    return line;
  }

  long totalLost() {
    return lines.stream().mapToLong(Line::lost).sum();
  }

  long totalDoubled() {
    return lines.stream().mapToLong(Line::doubled).sum();
  }

  String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%-46s %9s %9s %6s %8s  %s%n",
            "check", "expected", "present", "lost", "doubled", "note"));
    for (Line l : lines) {
      out.append(
          String.format(
              "%-46s %9d %9d %6d %8d  %s%n",
              l.check(), l.expected(), l.present(), l.lost(), l.doubled(), l.note()));
    }
    out.append(
        String.format("%-46s %9s %9s %6d %8d%n", "total", "", "", totalLost(), totalDoubled()));
    return out.toString();
  }

  static Set<UUID> uuids(Collection<String> ids) {
    Set<UUID> out = new HashSet<>();
    ids.forEach(id -> out.add(UUID.fromString(id)));
    return out;
  }
}
