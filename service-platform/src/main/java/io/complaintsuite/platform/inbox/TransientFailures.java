package io.complaintsuite.platform.inbox;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * Failures that say nothing about the record being processed: the service's own database (or the
 * network to it) is away for a moment — restarting, failing over, out of connections. Such a record
 * is retried until the database is back instead of being dead-lettered, which would lose its effect
 * for good (nobody replays dead letters of valid events).
 */
public final class TransientFailures {
  /** SQLSTATEs of an outage, not of the statement: connection exceptions, shutdown, overload. */
  private static final Set<String> OUTAGE_STATES =
      Set.of("57P01", "57P02", "57P03", "53300", "40001", "40P01");

  private TransientFailures() {}

  public static boolean isTransient(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
      if (t instanceof PoisonEventException) {
        return false;
      }
      if (t instanceof ServiceNotReadyException) {
        return true; // the service is still starting, not the record
      }
      if (t instanceof SocketException // refused (ConnectException), reset
          || t instanceof ClosedChannelException
          || t instanceof SocketTimeoutException
          || t instanceof ClosedConnectionException) {
        return true; // the connection, not the record
      }
      if (t instanceof DatabaseException db && db.getSqlState() != null) {
        String state = db.getSqlState();
        return state.startsWith("08") || OUTAGE_STATES.contains(state);
      }
      String message = t.getMessage();
      if (t instanceof io.vertx.core.VertxException
          && message != null
          && (message.contains("Connection is closed") || message.contains("Pool closed"))) {
        return true;
      }
    }
    return false;
  }
}
