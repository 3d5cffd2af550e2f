package io.complaintsuite.intake.channel;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Channel connections, for admins: where and what the suite delivers to customers. */
@Path("/api/v1/channel-endpoints")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class ChannelEndpointResource {
  private final ChannelEndpoints endpoints;
  private final SecurityIdentity identity;
  private final Clock clock;

  public ChannelEndpointResource(
      ChannelEndpoints endpoints, SecurityIdentity identity, Clock clock) {
    this.endpoints = endpoints;
    this.identity = identity;
    this.clock = clock;
  }

  /** A rotation: the new secret, {@code whsec_} + base64. */
  public record NewSecret(String secret) {}

  @POST
  @Operation(summary = "Register a connection (its signing secret is never returned)")
  public Uni<RestResponse<Endpoint.View>> create(ChannelEndpoints.NewEndpoint body) {
    return endpoints
        .create(body, actor())
        .map(
            e ->
                RestResponse.ResponseBuilder.<Endpoint.View>created(
                        URI.create("/api/v1/channel-endpoints/" + e.id()))
                    .entity(view(e))
                    .build());
  }

  @GET
  @Operation(summary = "The connections, by name")
  public Uni<List<Endpoint.View>> list() {
    return endpoints.list().map(list -> list.stream().map(this::view).toList());
  }

  @GET
  @Path("{id}")
  public Uni<Endpoint.View> get(@RestPath UUID id) {
    return endpoints.get(id).map(this::view);
  }

  @PATCH
  @Path("{id}")
  @Operation(summary = "Change a connection; enabled=true brings back one disabled by a 410")
  public Uni<Endpoint.View> change(@RestPath UUID id, ChannelEndpoints.EndpointChange body) {
    return endpoints.change(id, body, actor()).map(this::view);
  }

  @POST
  @Path("{id}/secret")
  @Operation(summary = "Rotate the signing secret; the previous one keeps signing for a while")
  public Uni<Endpoint.View> rotate(@RestPath UUID id, NewSecret body) {
    return endpoints.rotate(id, body == null ? null : body.secret(), actor()).map(this::view);
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Remove a connection; its pending deliveries are cancelled, its log kept")
  public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
    return endpoints.delete(id, actor()).map(v -> RestResponse.noContent());
  }

  @GET
  @Path("{id}/audit")
  @Operation(summary = "Every change to the connection: who, when, what")
  public Uni<List<ChannelEndpoints.AuditEntry>> audit(@RestPath UUID id) {
    return endpoints.audit(id);
  }

  private Endpoint.View view(Endpoint e) {
    return e.view(io.complaintsuite.platform.time.Timestamps.now(clock));
  }

  private String actor() {
    return identity.getPrincipal().getName();
  }
}
