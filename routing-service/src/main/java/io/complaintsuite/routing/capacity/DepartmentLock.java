package io.complaintsuite.routing.capacity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The department's advisory lock ({@code routing-capacity:DEPT}), held until the transaction ends:
 * every change of a department's loads and queue by capacity takes it first, so two replicas never
 * drain one queue at once and never deadlock on agent rows. The hot path takes single agents with
 * its conditional update and needs no lock.
 */
final class DepartmentLock {
  private DepartmentLock() {}

  static Uni<Void> lock(SqlConnection conn, String department) {
    return conn.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
        .execute(Tuple.of("routing-capacity:" + department))
        .replaceWithVoid();
  }

  /** As {@link #lock}, without waiting: false when another transaction holds it. */
  static Uni<Boolean> tryLock(SqlConnection conn, String department) {
    return conn.preparedQuery("select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as got")
        .execute(Tuple.of("routing-capacity:" + department))
        .map(rows -> rows.iterator().next().getBoolean("got"));
  }
}
