package io.complaintsuite.sla.timer;

import io.complaintsuite.platform.lock.AdvisoryLock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/** The locks every handler of one complaint's events takes, in the event's transaction. */
final class ComplaintLocks {
  private ComplaintLocks() {}

  /**
   * The complaint's timers, row-locked: a checker run that holds them finishes first, and this
   * transaction reads what it committed (and the checker skips rows held here).
   */
  static Uni<List<SlaTimer>> lockedTimers(UUID complaintId) {
    return SlaTimer.<SlaTimer>find("complaintId = ?1", complaintId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .list();
  }

  /**
   * Serialises every handler of one complaint (lifecycle, assignment): they run in concurrent
   * transactions on two topics, each loads and rewrites whole rows of sla_timer and sla_complaint,
   * and without this lock the later commit silently overwrote the earlier one (an assignment
   * applied while {@code complaint.responded} was in flight reset the met response timer: the
   * KpisTest flake, responseInTimeRate 1/3 instead of 2/3). Taken before anything is read, so each
   * handler reads what the previous one committed.
   */
  static Uni<Void> lockComplaint(UUID complaintId) {
    return Panache.getSession().chain(AdvisoryLock.named("sla-complaint", complaintId)::lock);
  }
}
