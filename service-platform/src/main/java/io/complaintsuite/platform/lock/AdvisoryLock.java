package io.complaintsuite.platform.lock;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A PostgreSQL advisory lock held until the caller's transaction ends, known by its name: the key
 * is {@code hashtextextended(name, 0)}, so a name says in logs and code what it serialises. Every
 * lock of the suite is taken here, on a plain reactive connection or in a Hibernate session. Names
 * are {@code service-purpose} or, for one lock per thing, {@code service-purpose:id} ({@link
 * #named(String, Object)}); each service has its own database, so names need only differ within a
 * service.
 */
public record AdvisoryLock(String name) {
  private static final String LOCK = "select pg_advisory_xact_lock(hashtextextended($1, 0))";
  private static final String TRY_LOCK =
      "select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as got";
  // Hibernate needs a selected value of a known type, and its positional parameters are ?1.
  private static final String LOCK_IN_SESSION =
      "select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) l";

  public AdvisoryLock {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an advisory lock needs a name");
    }
  }

  /** The lock of one thing of a kind, e.g. {@code named("routing-capacity", department)}. */
  public static AdvisoryLock named(String kind, Object id) {
    return new AdvisoryLock(kind + ":" + id);
  }

  /** Waits for the lock; held until {@code conn}'s transaction ends. */
  public Uni<Void> lock(SqlConnection conn) {
    return conn.preparedQuery(LOCK).execute(Tuple.of(name)).replaceWithVoid();
  }

  /** Takes the lock if it is free: false when another transaction holds it. */
  public Uni<Boolean> tryLock(SqlConnection conn) {
    return conn.preparedQuery(TRY_LOCK)
        .execute(Tuple.of(name))
        .map(rows -> rows.iterator().next().getBoolean("got"));
  }

  /** As {@link #lock(SqlConnection)}, in a Hibernate session's transaction. */
  public Uni<Void> lock(Mutiny.Session session) {
    return session
        .createNativeQuery(LOCK_IN_SESSION, Integer.class)
        .setParameter(1, name)
        .getSingleResult()
        .replaceWithVoid();
  }
}
