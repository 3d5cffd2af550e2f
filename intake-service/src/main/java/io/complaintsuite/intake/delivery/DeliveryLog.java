package io.complaintsuite.intake.delivery;

import io.complaintsuite.intake.channel.ConnectionHealthReports;
import io.complaintsuite.intake.complaint.Masking;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What was delivered to whom, when, after how many attempts, and why not yet. */
@ApplicationScoped
public class DeliveryLog {
  static final List<String> STATUSES = List.of("pending", "delivered", "dead", "cancelled");
  private static final String SELECT =
      "select d.id, d.seq, d.transport, d.endpoint_id, c.name as endpoint_name, d.address,"
          + " d.complaint_id, d.kind, d.subject, d.status, d.attempts, d.next_attempt_at,"
          + " d.created_at, d.delivered_at, d.dead_at, d.last_status, d.last_error,"
          + " d.last_latency_ms from delivery d left join channel_endpoint c on c.id ="
          + " d.endpoint_id ";

  private final Pool pool;
  private final Clock clock;
  private final ConnectionHealthReports health;

  public DeliveryLog(Pool pool, Clock clock, ConnectionHealthReports health) {
    this.pool = pool;
    this.clock = clock;
    this.health = health;
  }

  /** One delivery as the log shows it; an e-mail address is masked unless the reader may see it. */
  public record Entry(
      UUID id,
      long sequence,
      String transport,
      UUID endpointId,
      String endpoint,
      String address,
      UUID complaintId,
      String kind,
      String subject,
      String status,
      int attempts,
      OffsetDateTime nextAttemptAt,
      OffsetDateTime createdAt,
      OffsetDateTime deliveredAt,
      OffsetDateTime deadAt,
      Integer lastStatus,
      String lastError,
      Integer lastLatencyMs) {
    static Entry from(Row r, boolean contact) {
      String address = r.getString("address");
      boolean pending = "pending".equals(r.getString("status"));
      return new Entry(
          r.getUUID("id"),
          r.getLong("seq"),
          r.getString("transport"),
          r.getUUID("endpoint_id"),
          r.getString("endpoint_name"),
          address == null || contact ? address : Masking.email(address),
          r.getUUID("complaint_id"),
          r.getString("kind"),
          r.getString("subject"),
          r.getString("status"),
          r.getInteger("attempts"),
          pending ? r.getOffsetDateTime("next_attempt_at") : null,
          r.getOffsetDateTime("created_at"),
          r.getOffsetDateTime("delivered_at"),
          r.getOffsetDateTime("dead_at"),
          r.getInteger("last_status"),
          r.getString("last_error"),
          r.getInteger("last_latency_ms"));
    }
  }

  public Uni<List<Entry>> ofComplaint(UUID complaintId, boolean contact) {
    return pool.preparedQuery(SELECT + "where d.complaint_id = $1 order by d.seq")
        .execute(Tuple.of(complaintId))
        .map(rows -> entries(rows, contact));
  }

  public Uni<List<Entry>> ofEndpoint(UUID endpointId, String status, int limit) {
    if (status != null && !STATUSES.contains(status)) {
      throw ProblemException.badField("status", "must be one of " + STATUSES);
    }
    return pool.preparedQuery(
            SELECT
                + "where d.endpoint_id = $1 and ($2::text is null or d.status = $2) order by"
                + " d.seq desc limit $3")
        .execute(Tuple.of(endpointId, status, limit))
        .map(rows -> entries(rows, true));
  }

  /**
   * Sends a dead (or delivered) delivery again, with the same webhook-id, and gives it a fresh 24
   * hours of retries. 409 for one still pending or cancelled.
   */
  public Uni<Entry> redeliver(UUID id) {
    OffsetDateTime now = Timestamps.now(clock);
    return pool.preparedQuery(
            "update delivery set status = 'pending', next_attempt_at = $2, retry_from = $2,"
                + " dead_at = null, delivered_at = null, claimed_until = null where id = $1 and"
                + " status in ('dead', 'delivered') and (endpoint_id is null or endpoint_id in"
                + " (select c.id from channel_endpoint c where c.deleted_at is null)) returning id")
        .execute(Tuple.of(id, now))
        .chain(
            rows ->
                pool.preparedQuery(SELECT + "where d.id = $1")
                    .execute(Tuple.of(id))
                    .map(
                        found -> {
                          if (found.rowCount() == 0) {
                            throw ProblemException.notFound("delivery " + id);
                          }
                          Entry e = Entry.from(found.iterator().next(), true);
                          if (rows.rowCount() == 0) {
                            throw ProblemException.conflict(
                                "delivery "
                                    + id
                                    + " is "
                                    + e.status()
                                    + "; only dead or delivered ones to a connection that still"
                                    + " exists can be sent again");
                          }
                          return e;
                        }))
        // One fewer dead delivery on the board.
        .call(
            e ->
                e.endpointId() == null
                    ? Uni.createFrom().voidItem()
                    : health.report(e.endpointId(), null, null, true));
  }

  private static List<Entry> entries(io.vertx.mutiny.sqlclient.RowSet<Row> rows, boolean contact) {
    List<Entry> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(Entry.from(r, contact));
    }
    return out;
  }
}
