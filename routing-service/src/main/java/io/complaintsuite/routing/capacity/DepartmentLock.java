package io.complaintsuite.routing.capacity;

import io.complaintsuite.platform.lock.AdvisoryLock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The department's advisory lock ({@code routing-capacity:DEPT}), held until the transaction ends:
 * every change of a department's loads and queue by capacity takes it first, so two replicas never
 * drain one queue at once and never deadlock on agent rows. The hot path takes single agents with
 * its conditional update and needs no lock.
 */
final class DepartmentLock {
  private DepartmentLock() {}

  static AdvisoryLock of(String department) {
    return AdvisoryLock.named("routing-capacity", department);
  }

  static Uni<Void> lock(SqlConnection conn, String department) {
    return of(department).lock(conn);
  }

  /** As {@link #lock}, without waiting: false when another transaction holds it. */
  static Uni<Boolean> tryLock(SqlConnection conn, String department) {
    return of(department).tryLock(conn);
  }
}
