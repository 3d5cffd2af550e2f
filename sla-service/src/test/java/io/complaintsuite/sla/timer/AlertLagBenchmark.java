package io.complaintsuite.sla.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.SuiteInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not part of the build: {@code -Dsla.bench.timers=1000000 -Dtest=AlertLagBenchmark}. Fills the
 * timer table with that many open timers, of which {@code sla.bench.due} (default 10,000) fall due
 * evenly over the next {@code sla.bench.window-seconds} (default 30) of real time; runs the checker
 * every 200 ms as the scheduler would, and prints the lag from each due instant to its alert, and
 * the process's memory.
 */
@QuarkusTest
@QuarkusTestResource(
    value = SuiteInfraResource.class,
    restrictToAnnotatedClass = true,
    initArgs = {
      @ResourceArg(name = "database", value = "sla"),
      @ResourceArg(
          name = "topics",
          value = "complaints,assignments,surveys,sla-alerts,sla-service.dlq")
    })
@EnabledIfSystemProperty(named = "sla.bench.timers", matches = "\\d+")
class AlertLagBenchmark {
  @Inject MutableClock clock;
  @Inject DeadlineChecker checker;
  @Inject AgroalDataSource jdbc;

  @Test
  void lagBetweenDeadlineAndAlert() throws Throwable {
    int timers = Integer.getInteger("sla.bench.timers");
    int due = Integer.getInteger("sla.bench.due", 10_000);
    int window = Integer.getInteger("sla.bench.window-seconds", 30);
    clock.followSystem();
    long fillStart = System.nanoTime();
    try (Connection c = jdbc.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                """
                insert into sla_timer (id, complaint_id, kind, priority, policy_id, policy_version,
                  calendar, target_minutes, state, started_at, resumed_at, consumed_seconds, warn_at,
                  deadline_at, stage, escalation_level, cycle, next_fire_at, updated_at)
                select gen_random_uuid(), gen_random_uuid(), 'resolution', 'urgent',
                  '00000000-0000-0000-0000-000000000001', 1, '24x7', 1440, 'running', now(), now(),
                  0, f, f, 'breach', 0, 0, f, now()
                from (select i, case when i <= ?
                        then clock_timestamp() + interval '10 seconds'
                          + (i::float8 * ? / ?) * interval '1 second'
                        else now() + interval '1 day' + i * interval '1 second' end as f
                      from generate_series(1, ?) i) g
                """)) {
      // The open timers far in the future first, then the due ones counted from after the fill.
      insert.setInt(1, 0);
      insert.setInt(2, window);
      insert.setInt(3, due);
      insert.setInt(4, timers - due);
      insert.executeUpdate();
      // A service holding a million timers has had them for days: autovacuum is done. Vacuum
      // now, before the due timers are counted, instead of in the middle of the burst.
      try (Statement s = c.createStatement()) {
        s.execute("vacuum analyze sla_timer");
      }
      insert.setInt(1, due);
      insert.setInt(4, due);
      insert.executeUpdate();
    }
    System.out.printf(
        "bench: %d open timers inserted in %.1f s; %d due over %d s from 10 s on%n",
        timers, (System.nanoTime() - fillStart) / 1e9, due, window);
    long end = System.currentTimeMillis() + (window + 12) * 1000L;
    while (System.currentTimeMillis() < end) {
      VertxContextSupport.subscribeAndAwait(() -> checker.checkUntilDrained(100));
      Thread.sleep(200); // the scheduler's interval in this benchmark
    }
    try (Connection c = jdbc.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                """
                select count(*), percentile_cont(0.5) within group (order by lag),
                  percentile_cont(0.99) within group (order by lag), max(lag)
                from (select extract(epoch from raised_at - due_at) as lag from sla_alert) l
                """)) {
      r.next();
      Runtime rt = Runtime.getRuntime();
      System.gc();
      String rss =
          Files.readAllLines(Path.of("/proc/self/status")).stream()
              .filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
              .reduce("", (a, b) -> a + " " + b.replaceAll("\\s+", " "));
      System.out.printf(
          "bench: %d alerts; lag p50 %.3f s, p99 %.3f s, max %.3f s; heap used after GC %d MiB"
              + " (max %d MiB);%s; uptime %d s%n",
          r.getLong(1),
          r.getDouble(2),
          r.getDouble(3),
          r.getDouble(4),
          (rt.totalMemory() - rt.freeMemory()) >> 20,
          rt.maxMemory() >> 20,
          rss,
          ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
      assertEquals(due, r.getLong(1), "every due timer alerted once");
    }
    // Where the lag comes from: the worst and median lag per 5 s of due instants.
    try (Connection c = jdbc.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                """
                select floor(extract(epoch from due_at - min(due_at) over ()) / 5) * 5 as bucket,
                  extract(epoch from raised_at - due_at) as lag
                from sla_alert
                """)) {
      java.util.TreeMap<Integer, java.util.List<Double>> buckets = new java.util.TreeMap<>();
      while (r.next()) {
        buckets.computeIfAbsent(r.getInt(1), k -> new java.util.ArrayList<>()).add(r.getDouble(2));
      }
      buckets.forEach(
          (b, lags) -> {
            java.util.Collections.sort(lags);
            System.out.printf(
                "bench: due +%2d..%2d s: %5d alerts, lag p50 %.3f s, max %.3f s%n",
                b, b + 5, lags.size(), lags.get(lags.size() / 2), lags.get(lags.size() - 1));
          });
    }
  }
}
