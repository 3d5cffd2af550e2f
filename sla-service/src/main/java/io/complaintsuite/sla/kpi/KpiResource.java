package io.complaintsuite.sla.kpi;

import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.sla.settings.SlaSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * KPIs over the complaints received in a window (and the survey answers given in it), with the
 * threshold alerts a supervisor should see. Rates are 0..1, null when there is nothing to divide.
 */
@Path("/api/v1/kpis")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"supervisor", "admin"})
public class KpiResource {
  private final Pool pool;
  private final Clock clock;
  private final String zone;
  private final int backlogThreshold;
  private final double csatThreshold;
  private final double responseInTimeThreshold;
  private final double firstClassificationRightTarget;

  public KpiResource(Pool pool, Clock clock, SlaSettings settings) {
    this.pool = pool;
    this.clock = clock;
    this.zone = settings.kpi().zone().getId();
    this.backlogThreshold = settings.threshold().backlog();
    this.csatThreshold = settings.threshold().csat();
    this.responseInTimeThreshold = settings.threshold().responseInTime();
    this.firstClassificationRightTarget = settings.kpi().firstClassificationRightTarget();
  }

  public record ThresholdAlert(String kpi, String scope, Object value, Object threshold) {}

  /**
   * The KPIs of a window. {@code firstClassificationRight} (需求理解准确率) is {@code
   * firstClassificationRightCount} of {@code firstClassificationRightTotal}: the complaints
   * received in the window whose problem type routing-service never corrected (no
   * assignment.reclassified, whenever it came), of all received in it; {@code
   * firstClassificationRightTarget} is {@code sla.kpi.first-classification-right-target}, and a
   * rate below it is also in {@code thresholdAlerts}.
   */
  public record Kpis(
      OffsetDateTime from,
      OffsetDateTime to,
      long volume,
      Double responseInTimeRate,
      Double firstContactResolutionRate,
      Double averageHandlingMinutes,
      Double reopenRate,
      Double csat,
      Double averageRating,
      Double nps,
      long surveyAnswers,
      Double firstClassificationRight,
      long firstClassificationRightCount,
      long firstClassificationRightTotal,
      double firstClassificationRightTarget,
      Map<String, Long> backlogByDepartment,
      Map<String, Long> volumeByProblemType,
      Map<Integer, Long> volumeByHour,
      List<ThresholdAlert> thresholdAlerts) {}

  static final String COMPLAINTS =
      """
      select count(*) as volume,
        count(*) filter (where r.met_at is not null and r.met_at <= r.deadline_at) as in_time,
        count(*) filter (where r.met_at is not null or r.deadline_at <= $3) as response_due,
        count(*) filter (where c.resolved_at is not null or c.reopen_count > 0) as ever_resolved,
        count(*) filter (where c.reopen_count > 0) as reopened,
        count(*) filter (where c.reclassified_at is null) as classified_right,
        avg(extract(epoch from (c.resolved_at - c.received_at)) / 60)
          filter (where c.resolved_at is not null) as handling_minutes
      from sla_complaint c left join sla_timer r on r.complaint_id = c.complaint_id
        and r.kind = 'response'
      where c.received_at >= $1 and c.received_at < $2
      """;

  static final String SURVEYS =
      """
      select count(*) as answers,
        count(*) filter (where csat >= 4) as satisfied,
        avg(csat)::float8 as rating,
        count(*) filter (where nps >= 9) as promoters,
        count(*) filter (where nps <= 6) as detractors,
        count(nps) as nps_answers
      from sla_survey where answered_at >= $1 and answered_at < $2
      """;

  static final String BACKLOG =
      """
      select coalesce(department, 'unassigned') as k, count(*) as n from sla_complaint
      where received_at >= $1 and received_at < $2 and resolved_at is null and closed_at is null
      group by 1 order by 1
      """;

  static final String BY_PROBLEM =
      """
      select coalesce(problem_type, 'unknown') as k, count(*) as n from sla_complaint
      where received_at >= $1 and received_at < $2 group by 1 order by 1
      """;

  static final String BY_HOUR =
      """
      select extract(hour from received_at at time zone $3)::int as k, count(*) as n
      from sla_complaint where received_at >= $1 and received_at < $2 group by 1 order by 1
      """;

  @GET
  @Operation(summary = "KPIs of the complaints received in [from, to) (default: the last 24 h)")
  public Uni<Kpis> kpis(@RestQuery String from, @RestQuery String to) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    OffsetDateTime end = to == null ? now : time("to", to);
    OffsetDateTime start = from == null ? end.minusDays(1) : time("from", from);
    if (!start.isBefore(end)) {
      throw ProblemException.badField("from", "must be before to");
    }
    Tuple window = Tuple.of(start, end);
    return Uni.combine()
        .all()
        .unis(
            pool.preparedQuery(COMPLAINTS).execute(Tuple.of(start, end, now)),
            pool.preparedQuery(SURVEYS).execute(window),
            pool.preparedQuery(BACKLOG).execute(window),
            pool.preparedQuery(BY_PROBLEM).execute(window),
            pool.preparedQuery(BY_HOUR).execute(Tuple.of(start, end, zone)))
        .with(
            results -> {
              @SuppressWarnings("unchecked")
              Row c = ((RowSet<Row>) results.get(0)).iterator().next();
              @SuppressWarnings("unchecked")
              Row s = ((RowSet<Row>) results.get(1)).iterator().next();
              @SuppressWarnings("unchecked")
              Map<String, Long> backlog = counts((RowSet<Row>) results.get(2));
              @SuppressWarnings("unchecked")
              Map<String, Long> byProblem = counts((RowSet<Row>) results.get(3));
              Map<Integer, Long> byHour = new LinkedHashMap<>();
              @SuppressWarnings("unchecked")
              RowSet<Row> hours = (RowSet<Row>) results.get(4);
              for (Row r : hours) {
                byHour.put(r.getInteger("k"), r.getLong("n"));
              }
              long everResolved = c.getLong("ever_resolved");
              Double responseInTime = ratio(c.getLong("in_time"), c.getLong("response_due"));
              long answers = s.getLong("answers");
              long npsAnswers = s.getLong("nps_answers");
              Double csat = ratio(s.getLong("satisfied"), answers);
              Double nps =
                  npsAnswers == 0
                      ? null
                      : round(
                          100.0 * (s.getLong("promoters") - s.getLong("detractors")) / npsAnswers);
              List<ThresholdAlert> alerts = new ArrayList<>();
              backlog.forEach(
                  (department, n) -> {
                    if (n > backlogThreshold) {
                      alerts.add(new ThresholdAlert("backlog", department, n, backlogThreshold));
                    }
                  });
              if (csat != null && csat < csatThreshold) {
                alerts.add(new ThresholdAlert("csat", "all", csat, csatThreshold));
              }
              if (responseInTime != null && responseInTime < responseInTimeThreshold) {
                alerts.add(
                    new ThresholdAlert(
                        "responseInTimeRate", "all", responseInTime, responseInTimeThreshold));
              }
              long volume = c.getLong("volume");
              long classifiedRight = c.getLong("classified_right");
              Double firstClassificationRight = ratio(classifiedRight, volume);
              // Judged on the exact share, not the rounded one shown.
              if (volume > 0
                  && (double) classifiedRight / volume < firstClassificationRightTarget) {
                alerts.add(
                    new ThresholdAlert(
                        "firstClassificationRight",
                        "all",
                        firstClassificationRight,
                        firstClassificationRightTarget));
              }
              Double handling = c.getDouble("handling_minutes");
              return new Kpis(
                  start,
                  end,
                  volume,
                  responseInTime,
                  everResolved == 0
                      ? null
                      : ratio(everResolved - c.getLong("reopened"), everResolved),
                  handling == null ? null : round(handling),
                  ratio(c.getLong("reopened"), everResolved),
                  csat,
                  s.getDouble("rating") == null ? null : round(s.getDouble("rating")),
                  nps,
                  answers,
                  firstClassificationRight,
                  classifiedRight,
                  volume,
                  firstClassificationRightTarget,
                  backlog,
                  byProblem,
                  byHour,
                  alerts);
            });
  }

  private static Map<String, Long> counts(RowSet<Row> rows) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Row r : rows) {
      counts.put(r.getString("k"), r.getLong("n"));
    }
    return counts;
  }

  private static Double ratio(long numerator, long denominator) {
    return denominator == 0 ? null : round((double) numerator / denominator);
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  private static OffsetDateTime time(String field, String value) {
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.badField(field, "must be an RFC 3339 date-time");
    }
  }
}
