package io.complaintsuite.routing.bench;

import static io.restassured.RestAssured.given;

import io.complaintsuite.routing.Suite;
import io.complaintsuite.routing.classifier.Corpus;
import io.complaintsuite.routing.classifier.LabelledComplaint;
import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: complaint-event-to-assignment-event latency at a steady rate against the
 * real broker and database. Prints p50/p90/p99/max; asserts nothing about time. Run:
 *
 * <pre>
 * ./mvnw -B -pl routing-service -am verify -Dtest=RoutingLatencyBench \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dbench=true [-Dbench.rate=200] [-Dbench.seconds=30]
 * </pre>
 *
 * Latency is measured in this JVM: from just before the producer sends the complaint event to the
 * moment a consumer of {@code assignments} receives the assignment event with the same key. Also
 * prints the CPU time per complaint of the service (this JVM without the benchmark's own threads)
 * and of its PostgreSQL backends: the figures that do not depend on how busy the machine is.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
@WithSuiteInfra(
    database = "routing",
    topics = {"complaints", "assignments", "sla-alerts", "routing-service.dlq"})
class RoutingLatencyBench {
  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @Inject Pool pool;

  @Test
  void latencyAtASteadyRate() throws Exception {
    CpuUsage.markBenchThread(Thread.currentThread());
    int rate = Integer.getInteger("bench.rate", 200);
    int seconds = Integer.getInteger("bench.seconds", 30);
    // A service that has been running a while has its hot path compiled: warm it up as such
    // (not counted), at a rate it sustains even while the JIT compiles.
    int warmupRate = Integer.getInteger("bench.warmup-rate", 100);
    int warmupSeconds = Integer.getInteger("bench.warmup-seconds", 30);
    unlimitedCapacity();
    // Held-out texts: the training corpus's vectors are shipped, so its texts would skip the
    // embedding the cascade pays for unseen wording.
    List<String> texts = Corpus.heldOut().stream().map(LabelledComplaint::text).toList();

    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> latencyMicros = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread reader =
        new Thread(
            () -> read(sentAt, latencyMicros, running), CpuUsage.BENCH_THREAD_PREFIX + "reader");
    reader.start();

    try (KafkaProducer<String, String> producer = producer()) {
      run(producer, texts, warmupRate, warmupSeconds, sentAt); // warm-up, not counted
      awaitAll(sentAt, latencyMicros, Duration.ofSeconds(120));
      latencyMicros.clear();
      sentAt.clear();
      CpuUsage cpuBefore = CpuUsage.now(postgresBackends());
      long start = System.nanoTime();
      run(producer, texts, rate, seconds, sentAt);
      double sendSeconds = (System.nanoTime() - start) / 1e9;
      awaitAll(sentAt, latencyMicros, Duration.ofSeconds(120));
      double elapsedSeconds = (System.nanoTime() - start) / 1e9;
      CpuUsage cpuAfter = CpuUsage.now(postgresBackends());
      running.set(false);
      reader.join();
      report(rate, seconds, sendSeconds, sentAt.size(), latencyMicros);
      cpuAfter.report(cpuBefore, latencyMicros.size(), elapsedSeconds);
    }
  }

  /** The PostgreSQL backends serving the service's database (its pool's connections). */
  private List<Integer> postgresBackends() {
    List<Integer> pids = new ArrayList<>();
    pool.query("select pid from pg_stat_activity where datname = current_database()")
        .execute()
        .await()
        .indefinitely()
        .forEach(row -> pids.add(row.getInteger(0)));
    return pids;
  }

  private static void unlimitedCapacity() {
    List<Map<String, Object>> agents =
        given()
            .auth()
            .oauth2(Tokens.forRole("admin"))
            .get("/api/v1/agents")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    for (Map<String, Object> agent : agents) {
      agent.put("capacity", 1000);
      given()
          .auth()
          .oauth2(Tokens.forRole("admin"))
          .contentType(ContentType.JSON)
          .body(agent)
          .put("/api/v1/agents/" + agent.get("id"))
          .then()
          .statusCode(200);
    }
  }

  private void run(
      KafkaProducer<String, String> producer,
      List<String> texts,
      int rate,
      int seconds,
      Map<String, Long> sentAt) {
    long periodNanos = 1_000_000_000L / rate;
    long next = System.nanoTime();
    for (int i = 0; i < rate * seconds; i++) {
      // Park, not spin: on two cores a spinning load generator takes one from the service.
      long wait = next - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
      }
      next += periodNanos;
      UUID id = UUID.randomUUID();
      // Every complaint's wording unique (an order number appended), as in real traffic: a repeated
      // text would find its embedding remembered and skip the cost the service pays per complaint.
      String text = texts.get(i % texts.size()) + " 订单号" + id.toString().substring(0, 8);
      String data =
          Suite.received(
              id,
              "C-bench-" + (i % 500),
              "app",
              text.substring(0, Math.min(20, text.length())),
              text);
      ProducerRecord<String, String> record = new ProducerRecord<>(complaints, id.toString(), data);
      header(record, "ce_specversion", "1.0");
      header(record, "ce_id", UUID.randomUUID().toString());
      header(record, "ce_type", "complaint.received");
      header(record, "ce_source", "/intake-service");
      header(record, "ce_subject", id.toString());
      header(record, "ce_time", OffsetDateTime.now().toString());
      header(record, "content-type", "application/json");
      sentAt.put(id.toString(), System.nanoTime());
      producer.send(record);
    }
    producer.flush();
  }

  private void read(
      Map<String, Long> sentAt, Map<String, Long> latencyMicros, AtomicBoolean running) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteSettings.kafkaBootstrap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, CpuUsage.BENCH_THREAD_PREFIX + "reader");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(assignments));
      while (running.get()) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
          long now = System.nanoTime();
          Long sent = sentAt.get(r.key());
          if (sent != null) {
            latencyMicros.putIfAbsent(r.key(), (now - sent) / 1000);
          }
        }
      }
    }
  }

  private static void awaitAll(Map<String, Long> sentAt, Map<String, Long> got, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (got.size() < sentAt.size() && System.nanoTime() < deadline) {
      Thread.sleep(100); // waiting for the broker, not for business time
    }
  }

  private static void report(
      int rate, int seconds, double sendSeconds, int sent, Map<String, Long> latencyMicros) {
    long[] sorted = latencyMicros.values().stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "routing latency bench: target %d complaints/s for %d s; sent %d in %.1f s (%.0f/s); assignments received %d",
            rate,
            seconds,
            sent,
            sendSeconds,
            sent / sendSeconds,
            sorted.length));
    if (sorted.length > 0) {
      lines.add(
          String.format(
              Locale.ROOT,
              "complaint.received -> assignment.created latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
              pct(sorted, 0.50),
              pct(sorted, 0.90),
              pct(sorted, 0.99),
              sorted[sorted.length - 1] / 1000.0));
    }
    lines.forEach(System.out::println);
  }

  private static double pct(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1000.0;
  }

  private static KafkaProducer<String, String> producer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteSettings.kafkaBootstrap());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, CpuUsage.BENCH_THREAD_PREFIX + "producer");
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
