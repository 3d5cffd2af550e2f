package io.complaintsuite.intake.followup;

import io.complaintsuite.contracts.Channel;
import io.complaintsuite.intake.idempotency.Claims;
import io.complaintsuite.platform.problem.ProblemException;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Follow-ups addressed by the channel's own complaint id (e.g. the e-mail thread id). */
@Path("/api/v1/channels/{channel}/complaints/{externalId}/messages")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("channel")
public class ChannelFollowUpResource {
  private final FollowUps followUps;
  private final SecurityIdentity identity;

  public ChannelFollowUpResource(FollowUps followUps, SecurityIdentity identity) {
    this.followUps = followUps;
    this.identity = identity;
  }

  static Channel channelOf(String name) {
    Channel channel = Channel.fromJson(name);
    if (channel == null) {
      throw ProblemException.notFound("channel '" + name + "'");
    }
    return channel;
  }

  @POST
  @Operation(summary = "A customer's follow-up, addressed by the channel's own complaint id")
  public Uni<RestResponse<FollowUps.Posted>> post(
      @RestPath String channel,
      @RestPath String externalId,
      @RestHeader("Idempotency-Key") String idempotencyKey,
      @Valid @NotNull FollowUps.FollowUp body) {
    return FollowUpResource.answer(
        followUps.add(
            FollowUps.Locator.byExternalId(channelOf(channel), externalId),
            body,
            Claims.checkedKey(idempotencyKey),
            identity.getPrincipal().getName()));
  }
}
