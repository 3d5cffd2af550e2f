package io.complaintsuite.sla.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Reports on demand (computed now) and the ones generated on schedule (stored). Each comes as JSON
 * (default), CSV ({@code format=csv} or {@code Accept: text/csv}) or a printable HTML page with
 * charts ({@code format=html} or {@code Accept: text/html}, what a browser sends).
 */
@Path("/api/v1/reports")
@Produces({MediaType.APPLICATION_JSON, ReportResource.CSV, MediaType.TEXT_HTML})
@RolesAllowed({"supervisor", "admin"})
public class ReportResource {
  static final String CSV = "text/csv";

  private final ReportService reports;
  private final Pool pool;
  private final ObjectMapper json;

  public ReportResource(ReportService reports, Pool pool, ObjectMapper json) {
    this.reports = reports;
    this.pool = pool;
    this.json = json;
  }

  public record StoredReport(
      UUID id, String kind, String period, java.time.OffsetDateTime generatedAt) {}

  @GET
  @Path("/daily")
  @Operation(summary = "The daily report of date (YYYY-MM-DD, default yesterday)")
  public Uni<Response> daily(
      @RestQuery String date, @RestQuery String format, @RestHeader("Accept") String accept) {
    String f = format(format, accept);
    LocalDate day = date == null ? reports.today().minusDays(1) : date("date", date);
    return reports.daily(day).map(r -> render(r, f));
  }

  @GET
  @Path("/weekly")
  @Operation(summary = "The weekly report of the ISO week containing week (default last week)")
  public Uni<Response> weekly(
      @RestQuery String week, @RestQuery String format, @RestHeader("Accept") String accept) {
    String f = format(format, accept);
    LocalDate day = week == null ? reports.today().minusWeeks(1) : date("week", week);
    return reports.weekly(day).map(r -> render(r, f));
  }

  @GET
  @Path("/monthly")
  @Operation(summary = "The monthly report of month (YYYY-MM, default last month)")
  public Uni<Response> monthly(
      @RestQuery String month, @RestQuery String format, @RestHeader("Accept") String accept) {
    String f = format(format, accept);
    YearMonth m;
    if (month == null) {
      m = YearMonth.from(reports.today()).minusMonths(1);
    } else {
      try {
        m = YearMonth.parse(month);
      } catch (DateTimeParseException e) {
        throw ProblemException.badField("month", "must be YYYY-MM");
      }
    }
    return reports.monthly(m).map(r -> render(r, f));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Reports generated on schedule, newest first")
  public Uni<List<StoredReport>> stored(@RestQuery String kind, @RestQuery Integer limit) {
    if (kind != null && !List.of("daily", "weekly", "monthly").contains(kind)) {
      throw ProblemException.badField("kind", "must be daily, weekly or monthly");
    }
    int n = limit == null ? 50 : limit;
    if (n < 1 || n > 500) {
      throw ProblemException.badField("limit", "must be 1..500");
    }
    return pool.preparedQuery(
            "select id, kind, period, generated_at from sla_report"
                + " where ($1::text is null or kind = $1) order by period desc, kind limit $2")
        .execute(Tuple.of(kind, n))
        .map(
            rows -> {
              List<StoredReport> list = new ArrayList<>();
              for (Row r : rows) {
                list.add(
                    new StoredReport(
                        r.getUUID("id"),
                        r.getString("kind"),
                        r.getString("period"),
                        r.getOffsetDateTime("generated_at")));
              }
              return list;
            });
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A stored report, in the format asked for")
  public Uni<Response> one(
      @RestPath String id, @RestQuery String format, @RestHeader("Accept") String accept) {
    String f = format(format, accept);
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("report " + id);
    }
    return pool.preparedQuery("select body::text as body from sla_report where id = $1")
        .execute(Tuple.of(uuid))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                throw ProblemException.notFound("report " + id);
              }
              try {
                return render(
                    json.readValue(rows.iterator().next().getString("body"), Report.class), f);
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  static String format(String format, String accept) {
    if (format != null) {
      if (!List.of("json", "csv", "html").contains(format)) {
        throw ProblemException.badField("format", "must be json, csv or html");
      }
      return format;
    }
    if (accept != null) {
      // The first of the three named wins; a browser's Accept names text/html first.
      Map<String, Integer> at =
          Map.of(
              "csv", indexOf(accept, CSV),
              "html", indexOf(accept, MediaType.TEXT_HTML),
              "json", indexOf(accept, MediaType.APPLICATION_JSON));
      return at.entrySet().stream()
          .filter(e -> e.getValue() >= 0)
          .min(Map.Entry.comparingByValue())
          .map(Map.Entry::getKey)
          .orElse("json");
    }
    return "json";
  }

  private static int indexOf(String accept, String type) {
    return accept.toLowerCase().indexOf(type);
  }

  private static Response render(Report r, String format) {
    String name = "sla-" + r.kind() + "-" + r.period();
    return switch (format) {
      case "csv" ->
          Response.ok(ReportCsv.render(r), CSV + ";charset=UTF-8")
              .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")
              .build();
      case "html" -> Response.ok(ReportHtml.render(r), "text/html;charset=UTF-8").build();
      default -> Response.ok(r, MediaType.APPLICATION_JSON).build();
    };
  }

  private static LocalDate date(String field, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.badField(field, "must be a date YYYY-MM-DD");
    }
  }
}
