package io.complaintsuite.intake.followup;

import io.complaintsuite.intake.idempotency.Claims;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Channels post the customer's further messages to a complaint, idempotently like receipts. */
@Path("/api/v1/complaints/{id}/messages")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("channel")
public class FollowUpResource {
  private final FollowUps followUps;
  private final SecurityIdentity identity;

  public FollowUpResource(FollowUps followUps, SecurityIdentity identity) {
    this.followUps = followUps;
    this.identity = identity;
  }

  @POST
  @Operation(
      summary = "A customer's follow-up message on a complaint",
      description =
          "201 with the message; 200 with the same message on a retry (same Idempotency-Key or"
              + " externalMessageId). A message while waiting for the customer resumes the"
              + " complaint; on a resolved one it reopens it when reopen is true. 409 once closed.")
  public Uni<RestResponse<FollowUps.Posted>> byId(
      @RestPath UUID id,
      @RestHeader("Idempotency-Key") String idempotencyKey,
      @Valid @NotNull FollowUps.FollowUp body) {
    return answer(
        followUps.add(
            FollowUps.Locator.byId(id), body, Claims.checkedKey(idempotencyKey), client()));
  }

  private String client() {
    return identity.getPrincipal().getName();
  }

  public static Uni<RestResponse<FollowUps.Posted>> answer(Uni<FollowUps.Posted> posted) {
    return posted.map(
        p ->
            p.created()
                ? RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, p).build()
                : RestResponse.ok(p));
  }
}
