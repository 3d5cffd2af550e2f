package io.complaintsuite.bench.suite;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the {@code assignments} topic from its current end (no consumer group: it takes every
 * partition and commits nothing) and notes, per complaint id (the record key), when the first
 * {@code assignment.created} reached this process.
 */
final class AssignmentListener implements AutoCloseable {
  static final String TOPIC = "assignments";

  private final KafkaConsumer<String, byte[]> consumer;
  private final Ledger ledger;
  private final Thread thread;
  private final CountDownLatch positioned = new CountDownLatch(1);
  private volatile boolean running = true;

  AssignmentListener(String bootstrap, Ledger ledger) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "suite-bench-assignments");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.ledger = ledger;
    this.thread = new Thread(this::loop, "assignment-listener");
    thread.setDaemon(true);
  }

  /** Starts reading and returns once the consumer sits at the topic's end. */
  AssignmentListener start() throws InterruptedException {
    thread.start();
    positioned.await();
    return this;
  }

  private void loop() {
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // resolve the end now, before any load is sent
      positioned.countDown();
      while (running) {
        var records = consumer.poll(Duration.ofMillis(100));
        long now = System.nanoTime();
        for (ConsumerRecord<String, byte[]> r : records) {
          Header type = r.headers().lastHeader("ce_type");
          if (r.key() != null
              && type != null
              && "assignment.created".equals(new String(type.value(), StandardCharsets.UTF_8))) {
            ledger.assigned(r.key(), now);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      positioned.countDown();
      consumer.close(Duration.ofSeconds(2));
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(5_000);
  }
}
