package io.complaintsuite.intake.delivery;

import io.complaintsuite.intake.complaint.Masking;
import io.quarkus.security.identity.SecurityIdentity;
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

/** What the customer was sent about one complaint, and whether it arrived. */
@Path("/api/v1/complaints/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class ComplaintDeliveriesResource {
  private final DeliveryLog log;
  private final SecurityIdentity identity;

  public ComplaintDeliveriesResource(DeliveryLog log, SecurityIdentity identity) {
    this.log = log;
    this.identity = identity;
  }

  @GET
  @RolesAllowed({"agent", "supervisor", "admin"})
  @Operation(summary = "What the customer was sent about this complaint, and whether it arrived")
  public Uni<List<DeliveryLog.Entry>> get(@RestPath UUID id) {
    return log.ofComplaint(id, Masking.maySeeContact(identity));
  }
}
