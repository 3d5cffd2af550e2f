package io.complaintsuite.intake.complaint;

import io.complaintsuite.contracts.Channel;
import io.complaintsuite.contracts.Priority;
import io.complaintsuite.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.QueryParam;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Lists complaints with filters and a cursor over a stable order: received time, then id. */
@ApplicationScoped
public class ComplaintQueries {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  /** Query parameters of the list; all optional. */
  public static class Filter {
    @QueryParam("status")
    public String status;

    @QueryParam("priority")
    public String priority;

    @QueryParam("problemType")
    public String problemType;

    @QueryParam("channel")
    public String channel;

    @QueryParam("department")
    public String department;

    @QueryParam("agent")
    public String agent;

    @QueryParam("customer")
    public String customer;

    @QueryParam("from")
    public String from;

    @QueryParam("to")
    public String to;

    @QueryParam("cursor")
    public String cursor;

    @QueryParam("limit")
    public Integer limit;
  }

  /** One page; {@code next} is null on the last page. */
  public record Page(List<ComplaintSummary> items, String next) {}

  public Uni<Page> list(Filter f) {
    int limit = f.limit == null ? DEFAULT_LIMIT : f.limit;
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ProblemException.badField("limit", "must be between 1 and " + MAX_LIMIT);
    }
    List<String> where = new ArrayList<>();
    Parameters params = new Parameters();
    if (f.status != null) {
      ComplaintStatus status = ComplaintStatus.fromJson(f.status);
      if (status == null) {
        throw ProblemException.badField(
            "status",
            "must be one of received, in_progress, waiting_for_customer, resolved, closed");
      }
      where.add("status = :status");
      params.and("status", status);
    }
    if (f.priority != null) {
      where.add("priority = :priority");
      params.and("priority", enumValue(Priority.class, "priority", f.priority));
    }
    if (f.channel != null) {
      where.add("channel = :channel");
      Channel channel = Channel.fromJson(f.channel);
      if (channel == null) {
        throw ProblemException.badField("channel", "is not a known channel: " + f.channel);
      }
      params.and("channel", channel);
    }
    if (f.problemType != null) {
      where.add("problemType = :problemType");
      params.and("problemType", f.problemType);
    }
    if (f.department != null) {
      where.add("department = :department");
      params.and("department", f.department);
    }
    if (f.agent != null) {
      where.add("agent = :agent");
      params.and("agent", f.agent);
    }
    if (f.customer != null) {
      where.add("customerId = :customer");
      params.and("customer", f.customer);
    }
    if (f.from != null) {
      where.add("receivedAt >= :from");
      params.and("from", time("from", f.from));
    }
    if (f.to != null) {
      where.add("receivedAt < :to");
      params.and("to", time("to", f.to));
    }
    if (f.cursor != null) {
      Cursor c = Cursor.decode(f.cursor);
      where.add("(receivedAt < :cTime or (receivedAt = :cTime and id < :cId))");
      params.and("cTime", c.receivedAt()).and("cId", c.id());
    }
    String query =
        (where.isEmpty() ? "" : String.join(" and ", where)) + " order by receivedAt desc, id desc";
    return Panache.withSession(
        () ->
            Complaint.<Complaint>find(query, params)
                .range(0, limit)
                .list()
                .map(
                    rows -> {
                      List<ComplaintSummary> items =
                          rows.stream().limit(limit).map(ComplaintSummary::of).toList();
                      String next = null;
                      if (rows.size() > limit) {
                        Complaint last = rows.get(limit - 1);
                        next = new Cursor(last.receivedAt, last.id).encode();
                      }
                      return new Page(items, next);
                    }));
  }

  /** Position after the last item of a page; opaque to clients. */
  record Cursor(OffsetDateTime receivedAt, UUID id) {
    String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((receivedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String value) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|");
        return new Cursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
      } catch (RuntimeException e) {
        throw ProblemException.badField("cursor", "is not a cursor this API returned");
      }
    }
  }

  private static OffsetDateTime time(String field, String value) {
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.badField(
          field, "must be an ISO-8601 time such as 2026-11-23T09:00:00+08:00");
    }
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value.replace('-', '_'))) {
        return e;
      }
    }
    throw ProblemException.badField(field, "is not a known " + field + ": " + value);
  }
}
