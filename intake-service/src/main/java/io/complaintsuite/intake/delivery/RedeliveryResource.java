package io.complaintsuite.intake.delivery;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

/** Sending a dead or delivered message again. */
@Path("/api/v1/deliveries/{id}/redeliver")
@Produces(MediaType.APPLICATION_JSON)
public class RedeliveryResource {
  private final DeliveryLog log;
  private final Dispatcher dispatcher;

  public RedeliveryResource(DeliveryLog log, Dispatcher dispatcher) {
    this.log = log;
    this.dispatcher = dispatcher;
  }

  @POST
  @RolesAllowed("admin")
  @Operation(summary = "Send a dead or delivered message again, with the same webhook-id")
  public Uni<DeliveryLog.Entry> post(@RestPath UUID id) {
    return log.redeliver(id).invoke(dispatcher::kick);
  }
}
