package io.complaintsuite.platform.inbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {
  @Test
  void theDatabaseAwayIsTransientEvenWhenWrapped() {
    assertTrue(
        TransientFailures.isTransient(
            new CompletionException(new ConnectException("Connection refused"))));
    assertTrue(TransientFailures.isTransient(ClosedConnectionException.INSTANCE));
    assertTrue(
        TransientFailures.isTransient(
            new HibernateException(
                "HR000057",
                new PgException(
                    "terminating connection due to administrator command",
                    "FATAL",
                    "57P01",
                    null))));
    assertTrue(
        TransientFailures.isTransient(
            new PgException("the database system is starting up", "FATAL", "57P03", null)));
    assertTrue(
        TransientFailures.isTransient(
            new PgException("connection failure", "FATAL", "08006", null)));
  }

  @Test
  void aFailureOfTheRecordOrTheStatementIsNot() {
    assertFalse(TransientFailures.isTransient(new PoisonEventException("data is not JSON")));
    assertFalse(
        TransientFailures.isTransient(
            new PgException("duplicate key value", "ERROR", "23505", null)));
    assertFalse(TransientFailures.isTransient(new IllegalArgumentException("bad uuid")));
    assertFalse(TransientFailures.isTransient(new NullPointerException()));
    assertTrue(
        TransientFailures.isTransient(
            new java.util.concurrent.CompletionException(
                new ServiceNotReadyException("the search index is not open"))));
  }
}
