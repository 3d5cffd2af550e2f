package io.complaintsuite.sla.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not part of the build: {@code -Dsla.bench.timers=1000000 -Dtest=AlertLagBenchmark}. Fills the
 * timer table with that many open timers; {@code sla.bench.due} (default 10,000) of them fall due
 * evenly over {@code sla.bench.window-seconds} (default 30) of real time in the measured burst.
 * Before it, a warm-up burst of {@code sla.bench.warmup-due} timers (default: as many, over the
 * same window) falls due the same way: a long-running service has raised alerts before, so its
 * checker and relay code is compiled; the warm-up burst's own figures are printed too (that is the
 * just-started service). The service's own scheduling runs the checker (the production poll
 * interval and the wake-up at the next due instant), nothing in the benchmark drives it. Printed
 * per burst: the lag from each due instant to the alert's row ({@code raised_at}) and to its event
 * on the {@code sla-alerts} topic (the record's producer timestamp), CPU time of the service's JVM
 * and of its PostgreSQL backends per alert, the load average; at the end the process's memory.
 */
@QuarkusTest
@TestProfile(AlertLagBenchmark.ProductionScheduling.class)
@WithSuiteInfra(
    database = "sla",
    topics = {"complaints", "assignments", "surveys", "sla-alerts", "sla-service.dlq"})
@EnabledIfSystemProperty(named = "sla.bench.timers", matches = "\\d+")
class AlertLagBenchmark {
  /** The checker scheduled as in production (the tests switch it off and drive it by hand). */
  public static class ProductionScheduling implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("sla.checker.interval", "1s");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject MutableClock clock;
  @Inject AgroalDataSource jdbc;

  @ConfigProperty(name = "suite.topics.sla-alerts")
  String slaAlerts;

  /** An alert event as it arrived on the topic. */
  record Published(UUID alertId, String department, double lagSeconds) {}

  @Test
  void lagBetweenDeadlineAndAlert() throws Throwable {
    int timers = Integer.getInteger("sla.bench.timers");
    int due = Integer.getInteger("sla.bench.due", 10_000);
    int warmupDue = Integer.getInteger("sla.bench.warmup-due", due);
    int window = Integer.getInteger("sla.bench.window-seconds", 30);
    clock.followSystem();
    ConcurrentLinkedQueue<Published> published = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread reader = new Thread(() -> read(published, stop), "bench-topic-reader");
    reader.start();

    long fillStart = System.nanoTime();
    int warmupStart = 10;
    int measuredStart = warmupDue > 0 ? warmupStart + window + 10 : warmupStart;
    try (Connection c = jdbc.getConnection()) {
      // The open timers far in the future first; a service holding a million timers has had them
      // for days, autovacuum is done: vacuum now, before the due timers are counted.
      insert(c, "bench-idle", timers - due - warmupDue, null, 0);
      try (Statement s = c.createStatement()) {
        s.execute("vacuum analyze sla_timer");
      }
      // Due instants counted from after the fill: warm-up burst, then the measured one.
      insert(c, "bench-warmup", warmupDue, warmupStart, window);
      insert(c, "bench", due, measuredStart, window);
    }
    System.out.printf(
        "bench: %d open timers inserted in %.1f s; warm-up burst %d due over %d s from +%d s,"
            + " measured burst %d due over %d s from +%d s%n",
        timers,
        (System.nanoTime() - fillStart) / 1e9,
        warmupDue,
        window,
        warmupStart,
        due,
        window,
        measuredStart);
    long base = System.currentTimeMillis();
    if (warmupDue > 0) {
      burst(
          "warm-up (just started)",
          "bench-warmup",
          warmupDue,
          base,
          warmupStart,
          window,
          published);
    }
    burst("measured", "bench", due, base, measuredStart, window, published);
    stop.set(true);
    reader.join(10_000);

    Runtime rt = Runtime.getRuntime();
    System.gc();
    String rss =
        Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
            .reduce("", (a, b) -> a + " " + b.replaceAll("\\s+", " "));
    System.out.printf(
        "bench: memory: heap used after GC %d MiB (max %d MiB);%s; uptime %d s%n",
        (rt.totalMemory() - rt.freeMemory()) >> 20,
        rt.maxMemory() >> 20,
        rss,
        ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
  }

  private static void insert(Connection c, String department, int count, Integer from, int window)
      throws Exception {
    if (count <= 0) {
      return;
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            """
            insert into sla_timer (id, complaint_id, kind, priority, policy_id, policy_version,
              calendar, target_minutes, state, started_at, resumed_at, consumed_millis, warn_at,
              deadline_at, stage, escalation_level, cycle, next_fire_at, department, updated_at)
            select gen_random_uuid(), gen_random_uuid(), 'resolution', 'urgent',
              '00000000-0000-0000-0000-000000000001', 1, '24x7', 1440, 'running', now(), now(),
              0, f, f, 'breach', 0, 0, f, ?, now()
            from (select i, case when ? then clock_timestamp() + ? * interval '1 second'
                                               + (i::float8 * ? / ?) * interval '1 second'
                                  else now() + interval '1 day' + i * interval '1 second' end as f
                  from generate_series(1, ?) i) g
            """)) {
      insert.setString(1, department);
      insert.setBoolean(2, from != null);
      insert.setInt(3, from == null ? 0 : from);
      insert.setInt(4, window);
      insert.setInt(5, count);
      insert.setInt(6, count);
      insert.executeUpdate();
    }
  }

  /** Waits out one burst, then prints its figures. */
  private void burst(
      String name,
      String department,
      int count,
      long base,
      int startSeconds,
      int window,
      ConcurrentLinkedQueue<Published> published)
      throws Exception {
    sleepUntil(base + startSeconds * 1000L);
    long cpuBefore = processCpuNanos();
    Map<Integer, Long> pgBefore = postgresCpuTicks();
    String loadBefore = loadAverage();
    // The burst, then until every alert is on the topic (at most 3 minutes more: on a machine
    // overloaded by other work the service falls behind, and the figures should say by how much).
    sleepUntil(base + (startSeconds + window) * 1000L);
    long giveUp = System.currentTimeMillis() + 180_000;
    while (published.stream()
                .filter(p -> department.equals(p.department()))
                .map(Published::alertId)
                .distinct()
                .count()
            < count
        && System.currentTimeMillis() < giveUp) {
      Thread.sleep(200);
    }
    long cpu = processCpuNanos() - cpuBefore;
    long pgTicks = postgresCpuTicks(pgBefore);
    String loadAfter = loadAverage();

    List<Double> raised = new ArrayList<>();
    TreeMap<Integer, List<Double>> buckets = new TreeMap<>();
    try (Connection c = jdbc.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                """
                select extract(epoch from raised_at - due_at) from sla_alert where department = ?
                """)) {
      s.setString(1, department);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          raised.add(r.getDouble(1));
        }
      }
    }
    List<Double> onTopic = new ArrayList<>();
    Set<UUID> ids = new HashSet<>();
    Map<UUID, Double> lagById = new java.util.HashMap<>();
    for (Published p : published) {
      if (department.equals(p.department())) {
        onTopic.add(p.lagSeconds());
        ids.add(p.alertId());
        lagById.put(p.alertId(), p.lagSeconds());
      }
    }
    // Per 5 s of due instants: where in the burst the lag comes from (topic lag).
    try (Connection c = jdbc.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                """
                select id, floor(extract(epoch from due_at - min(due_at) over ()) / 5) * 5
                from sla_alert where department = ?
                """)) {
      s.setString(1, department);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Double lag = lagById.get(r.getObject(1, UUID.class));
          if (lag != null) {
            buckets.computeIfAbsent(r.getInt(2), k -> new ArrayList<>()).add(lag);
          }
        }
      }
    }
    long ticksPerSecond = 100; // USER_HZ on Linux
    System.out.printf(
        "bench: %s burst: %d alerts raised, %d events on the topic (%d distinct; a relay send"
            + " not acknowledged within outbox.send-timeout is sent again)%n"
            + "bench:   lag due -> alert row (raised_at): %s%n"
            + "bench:   lag due -> event on sla-alerts:   %s%n"
            + "bench:   CPU: service JVM %.2f ms per alert (%.1f s), PostgreSQL backends %.2f ms"
            + " per alert (%.1f s); load average before %s, after %s%n",
        name,
        raised.size(),
        onTopic.size(),
        ids.size(),
        percentiles(raised),
        percentiles(onTopic),
        cpu / 1e6 / Math.max(1, raised.size()),
        cpu / 1e9,
        pgTicks * 1000.0 / ticksPerSecond / Math.max(1, raised.size()),
        pgTicks / (double) ticksPerSecond,
        loadBefore,
        loadAfter);
    buckets.forEach(
        (b, lags) -> {
          Collections.sort(lags);
          System.out.printf(
              "bench:   due +%2d..%2d s: %5d alerts, topic lag p50 %.3f s, p99 %.3f s, max %.3f s%n",
              b,
              b + 5,
              lags.size(),
              lags.get(lags.size() / 2),
              lags.get((int) Math.min(lags.size() - 1, Math.floor(lags.size() * 0.99))),
              lags.get(lags.size() - 1));
        });
    assertEquals(count, raised.size(), name + ": every due timer alerted once");
    assertEquals(count, ids.size(), name + ": every alert published");
  }

  private void read(ConcurrentLinkedQueue<Published> published, AtomicBoolean stop) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteSettings.kafkaBootstrap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(slaAlerts));
      while (!stop.get()) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          try {
            JsonNode data = JSON.readTree(record.value());
            Instant dueAt = Instant.parse(data.path("dueAt").asText());
            // The record's timestamp is the producer's send time (CreateTime).
            published.add(
                new Published(
                    UUID.fromString(data.path("alertId").asText()),
                    data.path("department").asText(),
                    (record.timestamp() - dueAt.toEpochMilli()) / 1000.0));
          } catch (IOException | RuntimeException e) {
            System.out.println("bench: unreadable record " + record.value() + ": " + e);
          }
        }
      }
    }
  }

  private static String percentiles(List<Double> lags) {
    if (lags.isEmpty()) {
      return "none";
    }
    List<Double> sorted = new ArrayList<>(lags);
    Collections.sort(sorted);
    return String.format(
        "p50 %.3f s, p99 %.3f s, max %.3f s",
        sorted.get(sorted.size() / 2),
        sorted.get((int) Math.min(sorted.size() - 1, Math.floor(sorted.size() * 0.99))),
        sorted.get(sorted.size() - 1));
  }

  private static void sleepUntil(long epochMillis) throws InterruptedException {
    long wait = epochMillis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** utime + stime (clock ticks) of this database's PostgreSQL backends, by pid. */
  private Map<Integer, Long> postgresCpuTicks() throws Exception {
    Map<Integer, Long> ticks = new java.util.HashMap<>();
    try (Connection c = jdbc.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select pid from pg_stat_activity where datname = current_database()"
                    + " and pid <> pg_backend_pid()")) {
      while (r.next()) {
        int pid = r.getInt(1);
        try {
          String[] f =
              Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
          ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException | RuntimeException e) {
          // Not on this machine, or gone: not counted.
        }
      }
    }
    return ticks;
  }

  /** CPU ticks the backends used since {@code before} (new backends count from zero). */
  private long postgresCpuTicks(Map<Integer, Long> before) throws Exception {
    long sum = 0;
    for (Map.Entry<Integer, Long> e : postgresCpuTicks().entrySet()) {
      sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return sum;
  }

  private static String loadAverage() throws IOException {
    String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return f[0] + " " + f[1] + " " + f[2];
  }
}
