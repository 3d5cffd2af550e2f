package io.complaintsuite.sla.report;

import io.complaintsuite.sla.report.Report.Day;
import io.complaintsuite.sla.report.Report.Share;
import io.complaintsuite.sla.report.Report.Totals;
import io.complaintsuite.sla.settings.SlaSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the daily, weekly and monthly reports from the KPI facts (sla_complaint, sla_survey).
 */
@ApplicationScoped
public class ReportService {
  /** $1 from, $2 to (received), $3 as of (the period's end, or now while it runs). */
  static final String TOTALS =
      """
      select count(*) as volume,
        count(*) filter (where c.resolved_at < $3) as resolved,
        count(*) filter (where (c.resolved_at is null or c.resolved_at >= $3)
          and (c.closed_at is null or c.closed_at >= $3)) as unresolved,
        count(*) filter (where r.met_at < $3 and r.met_at <= r.deadline_at) as in_time,
        count(*) filter (where r.met_at < $3 or r.deadline_at <= $3) as response_due,
        avg(extract(epoch from (c.resolved_at - c.received_at)) / 60)
          filter (where c.resolved_at < $3) as handling_minutes,
        count(*) filter (where c.reclassified_at is null or c.reclassified_at >= $3)
          as classified_right
      from sla_complaint c left join sla_timer r on r.complaint_id = c.complaint_id
        and r.kind = 'response'
      where c.received_at >= $1 and c.received_at < $2
      """;

  static final String SURVEYS =
      """
      select count(*) as answers, count(*) filter (where csat >= 4) as satisfied
      from sla_survey where answered_at >= $1 and answered_at < $2
      """;

  static final String BY_PROBLEM =
      """
      select coalesce(problem_type, 'unknown') as k, count(*) as n from sla_complaint
      where received_at >= $1 and received_at < $2 group by 1 order by 2 desc, 1
      """;

  static final String UNRESOLVED_BY_DEPARTMENT =
      """
      select coalesce(department, 'unassigned') as k, count(*) as n from sla_complaint
      where received_at >= $1 and received_at < $2
        and (resolved_at is null or resolved_at >= $3) and (closed_at is null or closed_at >= $3)
      group by 1 order by 2 desc, 1
      """;

  static final String BY_HOUR =
      """
      select extract(hour from received_at at time zone $3)::int as k, count(*) as n
      from sla_complaint where received_at >= $1 and received_at < $2 group by 1
      """;

  static final String BY_DAY =
      """
      select (received_at at time zone $4)::date as d, count(*) as volume,
        count(*) filter (where resolved_at < $3) as resolved,
        count(*) filter (where (resolved_at is null or resolved_at >= $3)
          and (closed_at is null or closed_at >= $3)) as unresolved
      from sla_complaint where received_at >= $1 and received_at < $2 group by 1
      """;

  private final Pool pool;
  private final Clock clock;
  private final ZoneId zone;
  private final double concentrationShare;
  private final long concentrationMin;
  private final double firstClassificationRightTarget;

  public ReportService(Pool pool, Clock clock, SlaSettings settings) {
    this.pool = pool;
    this.clock = clock;
    this.zone = settings.kpi().zone();
    this.concentrationShare = settings.report().concentrationShare();
    this.concentrationMin = settings.report().concentrationMin();
    this.firstClassificationRightTarget = settings.kpi().firstClassificationRightTarget();
  }

  public ZoneId zone() {
    return zone;
  }

  public LocalDate today() {
    return clock.instant().atZone(zone).toLocalDate();
  }

  /** The day: volume, unresolved, concentrated problem types, volume by hour. */
  public Uni<Report> daily(LocalDate date) {
    LocalDate end = date.plusDays(1);
    return Uni.combine()
        .all()
        .unis(
            totals(date, end),
            shares(BY_PROBLEM, date, end),
            byHour(date, end),
            shares(UNRESOLVED_BY_DEPARTMENT, date, end))
        .with(
            (totals, byProblem, hours, unresolved) ->
                new Report(
                    "daily",
                    date.toString(),
                    date,
                    end,
                    zone.getId(),
                    now(),
                    totals,
                    byProblem,
                    concentrated(byProblem),
                    hours,
                    unresolved,
                    null,
                    null,
                    null,
                    null,
                    firstClassificationRightTarget));
  }

  /** The ISO week (Monday to Sunday) containing {@code anyDay}, day by day, against the last. */
  public Uni<Report> weekly(LocalDate anyDay) {
    LocalDate start = anyDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate end = start.plusDays(7);
    LocalDate previousStart = start.minusDays(7);
    return Uni.combine()
        .all()
        .unis(
            totals(start, end),
            shares(BY_PROBLEM, start, end),
            days(start, end),
            totals(previousStart, start))
        .with(
            (totals, byProblem, days, previous) ->
                new Report(
                    "weekly",
                    week(start),
                    start,
                    end,
                    zone.getId(),
                    now(),
                    totals,
                    byProblem,
                    concentrated(byProblem),
                    null,
                    null,
                    days,
                    week(previousStart),
                    previous,
                    null,
                    firstClassificationRightTarget));
  }

  /** The month, day by day, compared with the previous month. */
  public Uni<Report> monthly(YearMonth month) {
    LocalDate start = month.atDay(1);
    LocalDate end = month.plusMonths(1).atDay(1);
    LocalDate previousStart = month.minusMonths(1).atDay(1);
    return Uni.combine()
        .all()
        .unis(
            totals(start, end),
            shares(BY_PROBLEM, start, end),
            days(start, end),
            totals(previousStart, start),
            shares(BY_PROBLEM, previousStart, start))
        .with(
            (totals, byProblem, days, previous, previousByProblem) ->
                new Report(
                    "monthly",
                    month.toString(),
                    start,
                    end,
                    zone.getId(),
                    now(),
                    totals,
                    byProblem,
                    concentrated(byProblem),
                    null,
                    null,
                    days,
                    month.minusMonths(1).toString(),
                    previous,
                    previousByProblem,
                    firstClassificationRightTarget));
  }

  static String week(LocalDate monday) {
    return String.format(
        "%d-W%02d",
        monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private OffsetDateTime at(LocalDate day) {
    return day.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
  }

  /** The period's end, or now while it is still running. */
  private OffsetDateTime asOf(LocalDate end) {
    OffsetDateTime e = at(end);
    OffsetDateTime now = now();
    return now.isBefore(e) ? now : e;
  }

  private Uni<Totals> totals(LocalDate start, LocalDate end) {
    OffsetDateTime from = at(start);
    OffsetDateTime to = at(end);
    return Uni.combine()
        .all()
        .unis(
            pool.preparedQuery(TOTALS).execute(Tuple.of(from, to, asOf(end))),
            pool.preparedQuery(SURVEYS).execute(Tuple.of(from, to)))
        .with(
            (complaints, surveys) -> {
              Row c = complaints.iterator().next();
              Row s = surveys.iterator().next();
              Double handling = c.getDouble("handling_minutes");
              return new Totals(
                  c.getLong("volume"),
                  c.getLong("resolved"),
                  c.getLong("unresolved"),
                  ratio(c.getLong("in_time"), c.getLong("response_due")),
                  handling == null ? null : round(handling, 10),
                  ratio(s.getLong("satisfied"), s.getLong("answers")),
                  s.getLong("answers"),
                  ratio(c.getLong("classified_right"), c.getLong("volume")),
                  c.getLong("classified_right"));
            });
  }

  private Uni<List<Share>> shares(String sql, LocalDate start, LocalDate end) {
    Tuple args =
        sql.contains("$3") ? Tuple.of(at(start), at(end), asOf(end)) : Tuple.of(at(start), at(end));
    return pool.preparedQuery(sql)
        .execute(args)
        .map(
            rows -> {
              long total = 0;
              for (Row r : rows) {
                total += r.getLong("n");
              }
              List<Share> shares = new ArrayList<>();
              for (Row r : rows) {
                long n = r.getLong("n");
                shares.add(new Share(r.getString("k"), n, round((double) n / total, 10_000)));
              }
              return shares;
            });
  }

  private List<Share> concentrated(List<Share> byProblem) {
    return byProblem.stream()
        .filter(s -> s.count() >= concentrationMin && s.share() >= concentrationShare)
        .toList();
  }

  private Uni<List<Long>> byHour(LocalDate start, LocalDate end) {
    return pool.preparedQuery(BY_HOUR)
        .execute(Tuple.of(at(start), at(end), zone.getId()))
        .map(
            rows -> {
              Long[] hours = new Long[24];
              Arrays.fill(hours, 0L);
              for (Row r : rows) {
                hours[r.getInteger("k")] = r.getLong("n");
              }
              return List.of(hours);
            });
  }

  private Uni<List<Day>> days(LocalDate start, LocalDate end) {
    return pool.preparedQuery(BY_DAY)
        .execute(Tuple.of(at(start), at(end), asOf(end), zone.getId()))
        .map(
            (RowSet<Row> rows) -> {
              Map<LocalDate, Day> found = new HashMap<>();
              for (Row r : rows) {
                LocalDate d = r.getLocalDate("d");
                found.put(
                    d,
                    new Day(
                        d, r.getLong("volume"), r.getLong("resolved"), r.getLong("unresolved")));
              }
              List<Day> days = new ArrayList<>();
              for (LocalDate d = start; d.isBefore(end); d = d.plusDays(1)) {
                days.add(found.getOrDefault(d, new Day(d, 0, 0, 0)));
              }
              return days;
            });
  }

  private static Double ratio(long numerator, long denominator) {
    return denominator == 0 ? null : round((double) numerator / denominator, 10_000);
  }

  private static double round(double value, int scale) {
    return (double) Math.round(value * scale) / scale;
  }
}
