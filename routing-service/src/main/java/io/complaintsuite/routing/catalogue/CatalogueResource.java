package io.complaintsuite.routing.catalogue;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The problem-type catalogue's versions: administrators draft and activate; supervisors read.
 * {@code GET /api/v1/problem-types} (department API) lists the types in force.
 */
@Path("/api/v1/problem-types/versions")
public class CatalogueResource {
  public record DraftBody(String description, List<CatalogueVersions.TypeEntry> types) {}

  private final CatalogueVersions versions;
  private final SecurityIdentity identity;

  public CatalogueResource(CatalogueVersions versions, SecurityIdentity identity) {
    this.versions = versions;
    this.identity = identity;
  }

  @GET
  @RolesAllowed({"admin", "supervisor"})
  public Uni<List<CatalogueVersions.Version>> all() {
    return versions.all();
  }

  @POST
  @RolesAllowed("admin")
  public Uni<RestResponse<CatalogueVersions.Version>> draft(DraftBody body) {
    if (body == null) {
      throw io.complaintsuite.platform.problem.ProblemException.badField(
          "types", "must list at least one problem type");
    }
    return versions
        .draft(body.description(), body.types(), identity.getPrincipal().getName())
        .map(v -> RestResponse.status(RestResponse.Status.CREATED, v));
  }

  @POST
  @Path("/{version}/activation")
  @RolesAllowed("admin")
  public Uni<CatalogueVersions.Activation> activate(@PathParam("version") int version) {
    return versions.activate(version);
  }
}
