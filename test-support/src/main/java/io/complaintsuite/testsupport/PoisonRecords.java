package io.complaintsuite.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Poison, skew and replay on the real broker, the same way for every consumer: records that are not
 * JSON, not CloudEvents, or schema-invalid; events of a newer type version; and a replay of a whole
 * topic from offset 0, byte for byte (key, value, headers, partition).
 *
 * <p>A consumer test sends the poison for each topic it consumes, then a valid event on the same
 * key (same partition: it comes after the poison), waits for the valid event's effect, and asserts
 * with {@link #assertDeadLettered} that every poison record is on the service's dead-letter topic
 * with its reason, its key, its value and its original {@code ce_*} headers.
 */
public final class PoisonRecords implements AutoCloseable {
  /** SmallRye's dead-letter headers: why, and where the record came from. */
  public static final String REASON = "dead-letter-reason";

  public static final String ORIGINAL_TOPIC = "dead-letter-topic";
  public static final String ORIGINAL_OFFSET = "dead-letter-offset";

  /**
   * A poison record sent, and what its dead letter must say. {@code malformed} records (not JSON,
   * not a CloudEvent) are refused by every channel reading the topic, whatever types it handles.
   */
  public record Sent(
      String topic, String key, String value, String ceId, String reasonPart, boolean malformed) {}

  private final String schemaBase;
  private final TopicWriter writer = new TopicWriter();
  private final List<Sent> sent = new ArrayList<>();

  public PoisonRecords() {
    this("https://complaint-suite.example/docs/events");
  }

  public PoisonRecords(String schemaBase) {
    this.schemaBase = schemaBase;
  }

  /**
   * Sends on {@code topic}, keyed {@code key}: (a) bytes that are not JSON with CloudEvents headers
   * of {@code type}; (b) a JSON object without {@code ce_*} headers; (c) {@code invalidData} as
   * {@code type} v1, whose dead-letter reason must name {@code invalidField}.
   */
  public List<Sent> sendPoison(
      String topic,
      String key,
      String type,
      String source,
      String invalidData,
      String invalidField) {
    List<Sent> now = new ArrayList<>();
    String notJsonId = UUID.randomUUID().toString();
    String notJson = "{not json " + notJsonId;
    writer.raw(topic, key, notJson, headers(notJsonId, type, source, key, 1));
    now.add(new Sent(topic, key, notJson, notJsonId, "not JSON", true));

    String bare =
        "{\"complaintId\":\"" + key + "\",\"note\":\"no ce_ headers " + UUID.randomUUID() + "\"}";
    writer.raw(topic, key, bare, "content-type", "application/json");
    now.add(new Sent(topic, key, bare, null, "not a CloudEvent", true));
    sent.addAll(now);
    now.add(sendInvalid(topic, key, type, source, invalidData, invalidField));
    return now;
  }

  /**
   * Sends {@code invalidData} as {@code type} v1 (JSON, a CloudEvent, but not what the type's
   * schema and handler require); its dead-letter reason must name {@code invalidField}.
   */
  public Sent sendInvalid(
      String topic,
      String key,
      String type,
      String source,
      String invalidData,
      String invalidField) {
    String id = UUID.randomUUID().toString();
    writer.raw(topic, key, invalidData, headers(id, type, source, key, 1));
    Sent invalid = new Sent(topic, key, invalidData, id, invalidField, false);
    sent.add(invalid);
    return invalid;
  }

  /** Sends a valid event of {@code type} v{@code version} (its {@code ce_dataschema} says so). */
  public String send(
      String topic, String key, String type, int version, String source, String data) {
    String id = UUID.randomUUID().toString();
    writer.raw(topic, key, data, headers(id, type, source, key, version));
    return id;
  }

  private String[] headers(String id, String type, String source, String subject, int version) {
    return new String[] {
      "ce_specversion",
      "1.0",
      "ce_id",
      id,
      "ce_type",
      type,
      "ce_source",
      source,
      "ce_subject",
      subject,
      "ce_time",
      OffsetDateTime.now().toString(),
      "ce_dataschema",
      schemaBase + "/" + type + ".v" + version + ".json",
      "content-type",
      "application/json"
    };
  }

  /**
   * Waits until every poison record sent so far is on {@code deadLetterTopic} with its key, value,
   * original {@code ce_*} headers, the original topic and offset, and a reason that says why.
   */
  public void assertDeadLettered(String deadLetterTopic) {
    assertDeadLettered(deadLetterTopic, poison -> 1);
  }

  /** As {@link #assertDeadLettered(String)}, {@code copies} times each (one per channel). */
  public void assertDeadLettered(String deadLetterTopic, ToIntFunction<Sent> copiesOf) {
    try (TopicReader reader = new TopicReader(deadLetterTopic)) {
      for (Sent poison : sent) {
        int copies = copiesOf.applyAsInt(poison);
        List<TopicReader.Event> dead =
            reader.await(
                e ->
                    poison.value().equals(e.body())
                        && poison.topic().equals(e.header(ORIGINAL_TOPIC)),
                copies,
                Duration.ofSeconds(30));
        for (TopicReader.Event letter : dead) {
          check(
              letter.key() != null && letter.key().equals(poison.key()), poison, "its key", letter);
          String reason = letter.header(REASON);
          check(
              reason != null && reason.contains(poison.reasonPart()), poison, "the reason", letter);
          check(letter.header(ORIGINAL_OFFSET) != null, poison, "the original offset", letter);
          check(
              "application/json".equals(letter.header("content-type")),
              poison,
              "its original content-type header",
              letter);
          if (poison.ceId() != null) {
            check(poison.ceId().equals(letter.header("ce_id")), poison, "ce_id", letter);
            check(letter.header("ce_type") != null, poison, "ce_type", letter);
          }
        }
      }
    }
  }

  private static void check(boolean ok, Sent poison, String what, TopicReader.Event letter) {
    if (!ok) {
      throw new AssertionError(
          "the dead letter of "
              + poison
              + " lacks "
              + what
              + ": key="
              + letter.key()
              + " headers="
              + letter.headers());
    }
  }

  /**
   * The value of a Prometheus counter in {@code scrape} (the text of {@code /q/metrics}) whose
   * labels include {@code labels}; 0 when absent.
   */
  public static double counter(String scrape, String name, Map<String, String> labels) {
    double total = 0;
    for (String line : scrape.split("\n")) {
      if (!line.startsWith(name + "{")) {
        continue;
      }
      // OpenMetrics lines may end in an exemplar (" # {trace_id=...} 1.0 1733..."): the sample is
      // what comes before it, or the trace's timestamp would be read as the count.
      String sample = line.contains(" # ") ? line.substring(0, line.indexOf(" # ")) : line;
      String labelText = sample.substring(name.length(), sample.lastIndexOf('}') + 1);
      boolean all =
          labels.entrySet().stream()
              .allMatch(l -> labelText.contains(l.getKey() + "=\"" + l.getValue() + "\""));
      if (all) {
        total += Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /**
   * Waits until every consumer in {@code typeByConsumer} has counted, in {@code
   * inbox_events_skipped_newer_version_total}, at least one skipped version-2 event of its type;
   * {@code metrics} reads the service's {@code /q/metrics}.
   */
  public static void awaitSkippedNewerVersion(
      Supplier<String> metrics, Duration timeout, Map<String, String> typeByConsumer) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      String scrape = metrics.get();
      List<String> notCounted =
          typeByConsumer.entrySet().stream()
              .filter(
                  e ->
                      counter(
                              scrape,
                              "inbox_events_skipped_newer_version_total",
                              Map.of("consumer", e.getKey(), "type", e.getValue(), "version", "2"))
                          < 1)
              .map(Map.Entry::getKey)
              .toList();
      if (notCounted.isEmpty()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            notCounted + " did not count the skipped v2 event within " + timeout);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Re-publishes every record of {@code topic} from offset 0, byte for byte and to the same
   * partition, as a producer that replays its log (or an operator resetting it) would. Returns the
   * number of records replayed.
   */
  public static int replay(String topic) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    Properties consumerProps = new Properties();
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteSettings.kafkaBootstrap());
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plusSeconds(30);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("cannot read " + topic + " to its end within 30 s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    Properties producerProps = new Properties();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteSettings.kafkaBootstrap());
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (ConsumerRecord<byte[], byte[]> r : records) {
        producer.send(new ProducerRecord<>(topic, r.partition(), r.key(), r.value(), r.headers()));
      }
      producer.flush();
    }
    return records.size();
  }

  /**
   * Waits until consumer group {@code group} has committed every record now on {@code topics}:
   * after a replay, everything replayed has been handled (applied, skipped or dead-lettered).
   */
  public static void awaitConsumed(String group, Duration timeout, String... topics) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteSettings.kafkaBootstrap());
    try (Admin admin = Admin.create(props)) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (String topic : topics) {
        int partitions =
            admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .size();
        for (int p = 0; p < partitions; p++) {
          latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
      }
      Map<TopicPartition, Long> end =
          admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
              .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
      Instant deadline = Instant.now().plus(timeout);
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(
                    Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(end.keySet())))
                .partitionsToOffsetAndMetadata(group)
                .get(30, TimeUnit.SECONDS);
        List<TopicPartition> behind =
            end.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .filter(
                    e -> {
                      OffsetAndMetadata c = committed.get(e.getKey());
                      return c == null || c.offset() < e.getValue();
                    })
                .map(Map.Entry::getKey)
                .toList();
        if (behind.isEmpty()) {
          return;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError(group + " has not consumed " + behind + " within " + timeout);
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the offsets of " + group, e);
    }
  }

  @Override
  public void close() {
    writer.close();
  }
}
