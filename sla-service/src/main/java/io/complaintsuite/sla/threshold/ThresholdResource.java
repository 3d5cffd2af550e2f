package io.complaintsuite.sla.threshold;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The threshold alerts that are crossed now. */
@Path("/api/v1/thresholds")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"supervisor", "admin"})
public class ThresholdResource {
  private final Pool pool;

  public ThresholdResource(Pool pool) {
    this.pool = pool;
  }

  public record Crossed(
      String kpi, String scope, double value, double threshold, OffsetDateTime crossedAt) {}

  @GET
  @Operation(summary = "Threshold alerts crossed now, oldest first")
  public Uni<List<Crossed>> crossed() {
    return pool.query(
            "select kpi, scope, value, threshold, crossed_at from sla_threshold_state"
                + " order by crossed_at, kpi, scope")
        .execute()
        .map(
            rows -> {
              List<Crossed> list = new ArrayList<>();
              for (Row r : rows) {
                list.add(
                    new Crossed(
                        r.getString("kpi"),
                        r.getString("scope"),
                        r.getDouble("value"),
                        r.getDouble("threshold"),
                        r.getOffsetDateTime("crossed_at")));
              }
              return list;
            });
  }
}
