package io.complaintsuite.intake.complaint;

import io.complaintsuite.contracts.Channel;
import io.complaintsuite.contracts.Priority;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.query.ListQuery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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

  public Uni<ListQuery.Page<ComplaintSummary>> list(Filter f) {
    ListQuery q =
        ListQuery.of(
            f.limit,
            DEFAULT_LIMIT,
            MAX_LIMIT,
            f.cursor,
            "receivedAt",
            ListQuery.NEWEST_FIRST,
            UUID.class);
    if (f.status != null) {
      ComplaintStatus status = ComplaintStatus.fromJson(f.status);
      if (status == null) {
        throw ProblemException.badField(
            "status",
            "must be one of received, in_progress, waiting_for_customer, resolved, closed");
      }
      q.equal("status", status);
    }
    if (f.priority != null) {
      q.equal("priority", enumValue(Priority.class, "priority", f.priority));
    }
    if (f.channel != null) {
      Channel channel = Channel.fromJson(f.channel);
      if (channel == null) {
        throw ProblemException.badField("channel", "is not a known channel: " + f.channel);
      }
      q.equal("channel", channel);
    }
    q.equal("problemType", f.problemType).equal("department", f.department).equal("agent", f.agent);
    if (f.customer != null) {
      q.where("customerId = :customer", "customer", f.customer);
    }
    if (f.from != null) {
      q.where("receivedAt >= :from", "from", time("from", f.from));
    }
    if (f.to != null) {
      q.where("receivedAt < :to", "to", time("to", f.to));
    }
    return Panache.withSession(
        () ->
            Complaint.<Complaint>find(q.query(), q.parameters())
                .range(0, q.limit())
                .list()
                .map(rows -> q.page(rows, c -> c.receivedAt, c -> c.id, ComplaintSummary::of)));
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
