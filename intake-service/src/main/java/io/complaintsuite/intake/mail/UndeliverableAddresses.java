package io.complaintsuite.intake.mail;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Locale;

/** Addresses the e-mail gateway reported as bouncing: mail goes to another route instead. */
@ApplicationScoped
public class UndeliverableAddresses {

  public Uni<Boolean> isUndeliverable(SqlConnection conn, String address) {
    if (address == null) {
      return Uni.createFrom().item(false);
    }
    return conn.preparedQuery("select 1 from undeliverable_address where address = $1")
        .execute(Tuple.of(normal(address)))
        .map(rows -> rows.rowCount() > 0);
  }

  Uni<Void> mark(SqlConnection conn, String address, String reason, OffsetDateTime now) {
    return conn.preparedQuery(
            "insert into undeliverable_address (address, reason, since) values ($1, $2, $3) on"
                + " conflict (address) do update set reason = excluded.reason")
        .execute(Tuple.of(normal(address), reason, now))
        .replaceWithVoid();
  }

  static String normal(String address) {
    return address.strip().toLowerCase(Locale.ROOT);
  }
}
