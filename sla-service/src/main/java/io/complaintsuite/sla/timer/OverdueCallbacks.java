package io.complaintsuite.sla.timer;

import io.complaintsuite.contracts.sla.CallbackOverdue;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.sla.alert.AlertKind;
import io.complaintsuite.sla.alert.SlaAlert;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Supervisors' call-backs (survey-service's 主管二次回访) still open at their due time: the deadline
 * checker's runs raise one {@code callback-overdue} alert each, claimed like the timers.
 */
@ApplicationScoped
public class OverdueCallbacks {
  /** Not completed and not yet alerted (board_callback aliased b). */
  static final String PENDING = "b.completed_at is null and b.alert_id is null";

  /** Pending and at its due time: for the claim and for the checker's nothing-left check. */
  static final String DUE = PENDING + " and b.due_at <= :now";

  /**
   * Call-backs still open at their due time and not yet alerted, claimed like the timers: replicas
   * take disjoint rows, and the row's alert_id (set in the same transaction) means once.
   */
  public static final String CLAIM_CALLBACKS_SQL =
      "select b.callback_id, b.complaint_id, coalesce(b.number, c.number),"
          + " coalesce(b.department, c.department), coalesce(b.agent, c.agent), b.due_at,"
          + " c.priority"
          + " from board_callback b left join sla_complaint c on c.complaint_id = b.complaint_id"
          + " where "
          + DUE
          + " order by b.due_at, b.callback_id limit :limit for update of b skip locked";

  static final String MARK_CALLBACK_SQL =
      "update board_callback set alert_id = :alert where callback_id = :callback";

  private final Clock clock;
  private final Outbox outbox;
  private final AlertLag lag;

  public OverdueCallbacks(Clock clock, Outbox outbox, AlertLag lag) {
    this.clock = clock;
    this.outbox = outbox;
    this.lag = lag;
  }

  /**
   * Raises {@code callback-overdue} for every call-back still not completed at its due time (on the
   * injected clock): an alert on the board and the alerts API, and {@code sla.callback-overdue} to
   * the department's supervisor. Returns how many were raised.
   */
  public Uni<Integer> raiseOverdue(Instant now, int batchSize) {
    OffsetDateTime nowAt = TimerMath.utc(now);
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    s ->
                        s.createNativeQuery(CLAIM_CALLBACKS_SQL, Object[].class)
                            .setParameter("now", nowAt)
                            .setParameter("limit", batchSize)
                            .getResultList()
                            .chain(
                                rows ->
                                    Multi.createFrom()
                                        .iterable(rows)
                                        .onItem()
                                        .transformToUniAndConcatenate(
                                            r -> recordCallback(s, r).replaceWith(r))
                                        .collect()
                                        .asList()
                                        .map(List::size))));
  }

  private Uni<Void> recordCallback(Mutiny.Session s, Object[] r) {
    OffsetDateTime raisedAt = Timestamps.now(clock);
    SlaAlert a = new SlaAlert();
    a.id = UUID.randomUUID();
    a.callbackId = (UUID) r[0];
    a.complaintId = (UUID) r[1];
    a.number = (String) r[2];
    a.department = (String) r[3];
    String agent = (String) r[4];
    a.dueAt = odt(r[5]);
    a.deadlineAt = a.dueAt;
    a.priority = (String) r[6];
    a.kind = AlertKind.CALLBACK_OVERDUE;
    a.timerKind = "callback";
    a.level = 0;
    a.cycle = 0;
    a.recipientRole = "supervisor";
    a.recipient = a.department;
    a.policyVersion = 0;
    a.raisedAt = raisedAt;
    lag.record(a.dueAt.toInstant(), raisedAt.toInstant());
    CallbackOverdue data =
        new CallbackOverdue(
            a.id,
            a.callbackId,
            a.complaintId,
            a.number,
            a.timerKind,
            a.priority,
            a.recipientRole,
            a.recipient,
            a.department,
            agent,
            a.dueAt,
            a.raisedAt);
    return s.createNativeQuery(MARK_CALLBACK_SQL)
        .setParameter("alert", a.id)
        .setParameter("callback", a.callbackId)
        .executeUpdate()
        .chain(() -> a.persist())
        .chain(
            () ->
                outbox.append(
                    a.kind.eventType(), a.complaintId.toString(), a.complaintId.toString(), data))
        .replaceWithVoid();
  }

  private static OffsetDateTime odt(Object value) {
    if (value instanceof OffsetDateTime o) {
      return o.withOffsetSameInstant(ZoneOffset.UTC);
    }
    if (value instanceof Instant i) {
      return TimerMath.utc(i);
    }
    if (value instanceof Timestamp t) {
      return TimerMath.utc(t.toInstant());
    }
    throw new IllegalStateException("unexpected time " + value);
  }
}
