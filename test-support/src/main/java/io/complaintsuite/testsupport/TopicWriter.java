package io.complaintsuite.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes to the real broker the way an upstream service would: CloudEvents in binary mode. For
 * consumer tests whose producer is another service (or a broken one: see {@link #raw}).
 */
public final class TopicWriter implements AutoCloseable {
  private final KafkaProducer<String, String> producer;

  public TopicWriter() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteSettings.kafkaBootstrap());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /** Publishes a CloudEvent with a fresh id; returns the id. */
  public String publish(String topic, String key, String type, String source, String json) {
    String id = UUID.randomUUID().toString();
    publish(topic, key, id, type, source, json);
    return id;
  }

  /** Publishes a CloudEvent with the given id (publish twice to test de-duplication). */
  public void publish(
      String topic, String key, String id, String type, String source, String json) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
    header(record, "ce_specversion", "1.0");
    header(record, "ce_id", id);
    header(record, "ce_type", type);
    header(record, "ce_source", source);
    header(record, "ce_subject", key);
    header(record, "ce_time", OffsetDateTime.now().toString());
    header(record, "content-type", "application/json");
    send(record);
  }

  /** Publishes a record as it is, headers and all: for malformed and poison records. */
  public void raw(String topic, String key, String value, String... headerPairs) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      header(record, headerPairs[i], headerPairs[i + 1]);
    }
    send(record);
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private void send(ProducerRecord<String, String> record) {
    try {
      producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot publish to " + record.topic(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
