package io.complaintsuite.survey.results;

import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.survey.settings.SurveySettings;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Survey results over the surveys sent in {@code [from, to)} (a cohort: each sent survey counts
 * once, answered or not, whenever it was answered): response rate, CSAT, average ratings and NPS,
 * overall and grouped by department, agent, channel, problem type or period (day, week, month in
 * the customers' zone). CSAT is the share of answers whose mean rating is 4 or more (the definition
 * sla-service's KPIs use); NPS is % promoters (9–10) − % detractors (0–6) of the answers that gave
 * one. Rates are 0..1 and averages are rounded to 4 places; null when nothing to divide.
 */
@Path("/api/v1/survey-results")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"supervisor", "admin"})
public class ResultsResource {
  /** Grouping keys; each maps to a fixed SQL expression (never user text in SQL). */
  static final Map<String, String> GROUPS =
      Map.of(
          "department", "coalesce(s.department, 'unknown')",
          "agent", "coalesce(s.agent, 'unknown')",
          "channel", "coalesce(s.channel, 'unknown')",
          "problemType", "coalesce(s.problem_type, 'unknown')",
          "day", "to_char(s.sent_at at time zone $3, 'YYYY-MM-DD')",
          "week", "to_char(s.sent_at at time zone $3, 'IYYY-\"W\"IW')",
          "month", "to_char(s.sent_at at time zone $3, 'YYYY-MM')");

  static final String MEASURES =
      """
      count(*) as sent,
      count(a.survey_id) as answered,
      count(*) filter (where (a.response_speed + a.attitude + a.resolution) >= 12) as satisfied,
      avg(a.response_speed)::float8 as speed,
      avg(a.attitude)::float8 as attitude,
      avg(a.resolution)::float8 as resolution,
      count(a.nps) as nps_answers,
      count(*) filter (where a.nps >= 9) as promoters,
      count(*) filter (where a.nps <= 6) as detractors
      from survey s left join survey_answer a on a.survey_id = s.id
      where s.sent_at >= $1 and s.sent_at < $2
      """;

  private final Pool pool;
  private final Clock clock;
  private final String zone;

  public ResultsResource(Pool pool, Clock clock, SurveySettings settings) {
    this.pool = pool;
    this.clock = clock;
    this.zone = settings.zone().getId();
  }

  public record Measures(
      long sent,
      long answered,
      Double responseRate,
      Double csat,
      Double averageResponseSpeed,
      Double averageAttitude,
      Double averageResolution,
      Double nps,
      long npsAnswers) {}

  public record Group(String key, Measures measures) {}

  public record Results(
      OffsetDateTime from, OffsetDateTime to, String by, Measures overall, List<Group> groups) {}

  @GET
  @Operation(
      summary =
          "CSAT, average ratings, NPS and response rate of the surveys sent in [from, to)"
              + " (default: the last 30 days), optionally grouped")
  public Uni<Results> results(@RestQuery String from, @RestQuery String to, @RestQuery String by) {
    if (by != null && !GROUPS.containsKey(by)) {
      throw ProblemException.badField(
          "by", "must be one of " + GROUPS.keySet().stream().sorted().toList());
    }
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    OffsetDateTime end = to == null ? now : time("to", to);
    OffsetDateTime start = from == null ? end.minusDays(30) : time("from", from);
    if (!start.isBefore(end)) {
      throw ProblemException.badField("from", "must be before to");
    }
    Uni<RowSet<Row>> overall =
        pool.preparedQuery("select " + MEASURES).execute(Tuple.of(start, end));
    Uni<RowSet<Row>> grouped =
        by == null
            ? Uni.createFrom().nullItem()
            : pool.preparedQuery(
                    "select " + GROUPS.get(by) + " as k, " + MEASURES + " group by 1 order by 1")
                .execute(
                    GROUPS.get(by).contains("$3")
                        ? Tuple.of(start, end, zone)
                        : Tuple.of(start, end));
    return Uni.combine()
        .all()
        .unis(overall, grouped)
        .with(
            (all, groups) -> {
              List<Group> list = new ArrayList<>();
              if (groups != null) {
                for (Row r : groups) {
                  list.add(new Group(r.getString("k"), measures(r)));
                }
              }
              return new Results(start, end, by, measures(all.iterator().next()), list);
            });
  }

  private static Measures measures(Row r) {
    long sent = r.getLong("sent");
    long answered = r.getLong("answered");
    long npsAnswers = r.getLong("nps_answers");
    return new Measures(
        sent,
        answered,
        ratio(answered, sent),
        ratio(r.getLong("satisfied"), answered),
        round(r.getDouble("speed")),
        round(r.getDouble("attitude")),
        round(r.getDouble("resolution")),
        npsAnswers == 0
            ? null
            : round(100.0 * (r.getLong("promoters") - r.getLong("detractors")) / npsAnswers),
        npsAnswers);
  }

  private static Double ratio(long numerator, long denominator) {
    return denominator == 0 ? null : round((double) numerator / denominator);
  }

  private static Double round(Double value) {
    return value == null ? null : Math.round(value * 10_000) / 10_000.0;
  }

  private static OffsetDateTime time(String field, String value) {
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.badField(field, "must be an RFC 3339 date-time");
    }
  }
}
