package io.complaintsuite.intake.complaint;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands out the sequence part of complaint numbers from blocks reserved in PostgreSQL (the sequence
 * steps by {@link #BLOCK}), so most complaints need no extra round trip. Unique across replicas; in
 * order within one replica; a restart skips the rest of a block.
 */
@ApplicationScoped
public class ComplaintNumbers {
  static final int BLOCK = 50;

  private final Pool pool;
  private long next;
  private long end;

  public ComplaintNumbers(Pool pool) {
    this.pool = pool;
  }

  public Uni<Long> next() {
    synchronized (this) {
      if (next < end) {
        return Uni.createFrom().item(next++);
      }
    }
    // nextval is not transactional and runs on its own pooled connection, before the caller's
    // transaction takes one: asking for a second connection inside it could starve the pool.
    return pool.query("select nextval('complaint_number_seq')")
        .execute()
        .map(rows -> rows.iterator().next().getLong(0))
        .map(
            start -> {
              synchronized (this) {
                if (next >= end) {
                  next = start;
                  end = start + BLOCK;
                }
                // A concurrent refill may have won; either block is ours to use.
                return next < end ? next++ : start;
              }
            });
  }
}
