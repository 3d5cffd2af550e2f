package io.complaintsuite.intake.delivery;

import io.complaintsuite.intake.channel.ChannelEndpoints;
import io.complaintsuite.platform.query.ListQuery;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** A connection's deliveries, for admins. */
@Path("/api/v1/channel-endpoints/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class EndpointDeliveriesResource {
  private final DeliveryLog log;
  private final ChannelEndpoints endpoints;

  public EndpointDeliveriesResource(DeliveryLog log, ChannelEndpoints endpoints) {
    this.log = log;
    this.endpoints = endpoints;
  }

  @GET
  @RolesAllowed("admin")
  @Operation(
      summary =
          "A connection's deliveries, newest first; status pending, delivered, dead or cancelled")
  public Uni<List<DeliveryLog.Entry>> get(
      @RestPath UUID id, @RestQuery String status, @RestQuery Integer limit) {
    int n = ListQuery.limit(limit, 100, 1000);
    return endpoints.get(id).chain(e -> log.ofEndpoint(id, status, n));
  }
}
