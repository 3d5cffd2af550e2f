package io.complaintsuite.intake.channel;

import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.channel.ConnectionHealth;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Tells the supervisors' board (through {@code channel.connection-health}) when a connection turns
 * failing, disabled or healthy again, or a delivery to it dies or is sent again. The state is kept
 * on the connection's row, so a change is published once, whichever replica sees it.
 */
@ApplicationScoped
public class ConnectionHealthReports {
  public static final String HEALTHY = "healthy";
  public static final String FAILING = "failing";
  public static final String DISABLED = "disabled";

  private final Pool pool;
  private final Outbox outbox;
  private final Clock clock;

  public ConnectionHealthReports(Pool pool, Outbox outbox, Clock clock) {
    this.pool = pool;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Records {@code state} (null: keep the current one) and publishes it if it changed, or always
   * when {@code countsChanged} (a delivery died or was sent again). {@code lastError} has no
   * customer data.
   */
  public Uni<Void> report(UUID endpointId, String state, String lastError, boolean countsChanged) {
    return pool.withTransaction(conn -> report(conn, endpointId, state, lastError, countsChanged));
  }

  public Uni<Void> report(
      SqlConnection conn, UUID endpointId, String state, String lastError, boolean countsChanged) {
    OffsetDateTime now = Timestamps.now(clock);
    return conn.preparedQuery(
            "update channel_endpoint set health = coalesce($2, health), health_since = case when"
                + " health = coalesce($2, health) then coalesce(health_since, $3) else $3 end where"
                + " id = $1 and (health <> coalesce($2, health) or $4) returning name, channel,"
                + " health, health_since, (select count(*) from delivery"
                + " where endpoint_id = $1 and status = 'pending') as pending, (select count(*)"
                + " from delivery where endpoint_id = $1 and status = 'dead') as dead")
        .execute(Tuple.of(endpointId, state, now, countsChanged))
        .chain(
            rows -> {
              if (rows.rowCount() == 0) {
                return Uni.createFrom().voidItem();
              }
              Row r = rows.iterator().next();
              ConnectionHealth health =
                  new ConnectionHealth(
                      endpointId,
                      r.getString("name"),
                      r.getString("channel"),
                      r.getString("health"),
                      r.getLong("pending").intValue(),
                      r.getLong("dead").intValue(),
                      lastError == null || lastError.length() <= 500
                          ? lastError
                          : lastError.substring(0, 500),
                      r.getOffsetDateTime("health_since"),
                      now);
              String key = endpointId.toString();
              return outbox
                  .append(conn, outbox.event(EventType.CHANNEL_CONNECTION_HEALTH, key, key, health))
                  .replaceWithVoid();
            });
  }
}
