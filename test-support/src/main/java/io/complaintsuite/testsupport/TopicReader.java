package io.complaintsuite.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic of the real broker from the beginning, the way a downstream consumer would. */
public final class TopicReader implements AutoCloseable {
  /** One record as a consumer sees it: key, headers (last value wins) and body. */
  public record Event(String key, Map<String, String> headers, String body, int partition) {
    public String header(String name) {
      return headers.get(name);
    }
  }

  private final KafkaConsumer<String, String> consumer;
  private final List<Event> seen = new ArrayList<>();

  public TopicReader(String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteSettings.kafkaBootstrap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /**
   * Polls until {@code count} records matching {@code filter} have arrived, or fails at timeout.
   */
  public List<Event> await(Predicate<Event> filter, int count, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      List<Event> matching = seen.stream().filter(filter).toList();
      if (matching.size() >= count) {
        return matching;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "expected "
                + count
                + " matching records within "
                + timeout
                + ", got "
                + matching.size());
      }
      poll(Duration.ofMillis(200));
    }
  }

  /**
   * Everything that arrives within {@code window}: to show that nothing more (e.g. a duplicate)
   * came.
   */
  public List<Event> drain(Predicate<Event> filter, Duration window) {
    Instant end = Instant.now().plus(window);
    while (Instant.now().isBefore(end)) {
      poll(Duration.ofMillis(200));
    }
    return seen.stream().filter(filter).toList();
  }

  private void poll(Duration timeout) {
    for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
      Map<String, String> headers = new HashMap<>();
      for (Header header : record.headers()) {
        headers.put(
            header.key(),
            header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
      }
      seen.add(new Event(record.key(), headers, record.value(), record.partition()));
    }
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
