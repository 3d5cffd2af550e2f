package io.complaintsuite.sla.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Generates the reports that became due at {@code sla.report.cron} (default 00:30 every day, in
 * Asia/Shanghai): yesterday's daily report, on Mondays last week's, on the 1st last month's. Stored
 * in {@code sla_report}, one per kind and period (a second run replaces it), listed by {@code GET
 * /api/v1/reports}. Replicas may all run it: the upsert keeps one row.
 */
@ApplicationScoped
public class ReportScheduler {
  private static final Logger LOG = Logger.getLogger(ReportScheduler.class);

  private final ReportService reports;
  private final Pool pool;
  private final ObjectMapper json;

  public ReportScheduler(ReportService reports, Pool pool, ObjectMapper json) {
    this.reports = reports;
    this.pool = pool;
    this.json = json;
  }

  @Scheduled(
      cron = "${sla.report.cron}",
      timeZone = "Asia/Shanghai",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return generateDue(reports.today())
        .invoke(n -> LOG.infof("%d scheduled report(s) generated", n))
        .replaceWithVoid();
  }

  /** Generates and stores the reports due on {@code today}; returns how many. */
  public Uni<Integer> generateDue(LocalDate today) {
    List<Uni<Report>> due = new ArrayList<>();
    due.add(reports.daily(today.minusDays(1)));
    if (today.getDayOfWeek() == DayOfWeek.MONDAY) {
      due.add(reports.weekly(today.minusWeeks(1)));
    }
    if (today.getDayOfMonth() == 1) {
      due.add(reports.monthly(YearMonth.from(today).minusMonths(1)));
    }
    Uni<Integer> chain = Uni.createFrom().item(0);
    for (Uni<Report> report : due) {
      chain = chain.chain(n -> report.chain(this::store).replaceWith(n + 1));
    }
    return chain;
  }

  private Uni<Void> store(Report r) {
    String body;
    try {
      body = json.writeValueAsString(r);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return pool.preparedQuery(
            "insert into sla_report (id, kind, period, generated_at, body)"
                + " values ($1, $2, $3, $4, $5::jsonb) on conflict (kind, period)"
                + " do update set generated_at = excluded.generated_at, body = excluded.body")
        .execute(
            Tuple.of(
                UUID.randomUUID(),
                r.kind(),
                r.period(),
                r.generatedAt(),
                new io.vertx.core.json.JsonObject(body)))
        .replaceWithVoid();
  }
}
