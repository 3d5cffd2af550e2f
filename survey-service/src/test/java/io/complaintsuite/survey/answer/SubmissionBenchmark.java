package io.complaintsuite.survey.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.complaintsuite.survey.token.SurveyTokens;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not part of the build: {@code -Dbench.survey.submissions=5000 -Dtest=SubmissionBenchmark}. Puts
 * that many sent surveys in the database, then submits one answer to each through the real page
 * ({@code POST /s/{token}}, form-encoded, HTML answer) from {@code bench.survey.threads} (default
 * 8) client threads, with the outbox relay publishing {@code survey.answered} to Kafka meanwhile.
 * Prints submissions per second and the latency percentiles; asserts only that every answer was
 * recorded once.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "survey",
    topics = {
      "complaints",
      "assignments",
      "sla-alerts",
      "surveys",
      "notifications",
      "survey-service.dlq"
    })
@EnabledIfSystemProperty(named = "bench.survey.submissions", matches = "\\d+")
class SubmissionBenchmark {
  @Inject AgroalDataSource jdbc;
  @Inject SurveyTokens tokens;

  @Test
  void submissionsPerSecond() throws Exception {
    int n = Integer.getInteger("bench.survey.submissions");
    int threads = Integer.getInteger("bench.survey.threads", 8);
    Instant expiry = Instant.now().plus(Duration.ofDays(7));
    try (Connection c = jdbc.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into survey (id, complaint_id, resolution, number, customer_id, channel,"
                    + " problem_type, priority, department, agent, state, resolved_at, due_at,"
                    + " delivery, sent_at, expires_at, updated_at)"
                    + " select 'SV-bench' || lpad(i::text, 10, '0'), gen_random_uuid(), 0,"
                    + " 'TS20261123-' || lpad(i::text, 6, '0'), 'C-' || i, 'phone', 'logistics',"
                    + " 'general', 'after-sales', 'agent-zhangwei', 'sent', now(), now(), 'sms',"
                    + " now(), now() + interval '7 days', now() from generate_series(1, ?) i")) {
      insert.setInt(1, n);
      insert.executeUpdate();
      try (Statement s = c.createStatement()) {
        s.execute("analyze survey");
      }
    }
    List<String> links = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      links.add(
          "http://localhost:"
              + RestAssured.port
              + "/s/"
              + tokens.sign(String.format("SV-bench%010d", i), expiry));
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String form =
        "responseSpeed=5&attitude=4&resolution=5&nps=9&comment="
            + java.net.URLEncoder.encode("处理及时，满意", java.nio.charset.StandardCharsets.UTF_8);
    // Warm-up outside the measurement: the first 2 % of the links.
    int warm = Math.max(1, n / 50);
    for (int i = 0; i < warm; i++) {
      post(http, links.get(i), form);
    }
    AtomicInteger next = new AtomicInteger(warm);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>(n));
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                  long t0 = System.nanoTime();
                  int status = post(http, links.get(i), form);
                  latencies.add(System.nanoTime() - t0);
                  if (status != 200) {
                    failures.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    int measured = sorted.size();
    System.out.printf(
        "survey submissions: %d in %.2f s with %d threads = %.0f submissions/s;"
            + " latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; non-200: %d%n",
        measured,
        seconds,
        threads,
        measured / seconds,
        sorted.get(measured / 2) / 1e6,
        sorted.get(Math.min(measured - 1, (int) Math.ceil(measured * 0.99) - 1)) / 1e6,
        sorted.get(measured - 1) / 1e6,
        failures.get());
    try (Connection c = jdbc.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select (select count(*) from survey_answer),"
                    + " (select count(*) from outbox_event where type = 'survey.answered')")) {
      r.next();
      assertEquals(n, r.getInt(1));
      assertEquals(n, r.getInt(2));
    }
    assertEquals(0, failures.get());
  }

  private static int post(HttpClient http, String link, String form) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(link))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
