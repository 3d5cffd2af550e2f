package io.complaintsuite.routing.model;

import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.routing.analysis.Catalogs;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Clock;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Model versions and labelled examples: retrain on demand (the gate decides whether the new version
 * is activated), list the versions with their held-out figures, and add examples for a type (e.g. a
 * new type of the catalogue before any complaint of it was corrected).
 */
@Path("/api/v1/classifier")
public class ModelResource {
  public record ExampleBody(String problemType, String text, String reason) {}

  public record ExampleView(long id, String problemType, String text) {}

  private final ModelVersions versions;
  private final Catalogs catalogs;
  private final Pool pool;
  private final Clock clock;
  private final SecurityIdentity identity;

  public ModelResource(
      ModelVersions versions,
      Catalogs catalogs,
      Pool pool,
      Clock clock,
      SecurityIdentity identity) {
    this.versions = versions;
    this.catalogs = catalogs;
    this.pool = pool;
    this.clock = clock;
    this.identity = identity;
  }

  @GET
  @Path("/models")
  @RolesAllowed({"admin", "supervisor"})
  public Uni<List<ModelVersions.Version>> models() {
    return versions.all();
  }

  /**
   * Retrains now: 201 with the new version, active or rejected (its reason says why); 409 when no
   * labelled example arrived since the active version (the model would be the same).
   */
  @POST
  @Path("/models")
  @RolesAllowed({"admin", "supervisor"})
  public Uni<RestResponse<ModelVersions.Version>> retrain() {
    return versions
        .retrain(identity.getPrincipal().getName(), true)
        .map(
            v -> {
              if (v == null) {
                throw new ProblemException(
                    409,
                    "Nothing new to learn",
                    "no labelled example arrived since the active model version: retraining would"
                        + " build the same model");
              }
              return RestResponse.status(RestResponse.Status.CREATED, v);
            });
  }

  @POST
  @Path("/examples")
  @RolesAllowed("admin")
  public Uni<RestResponse<ExampleView>> addExample(ExampleBody body) {
    if (body == null || body.text() == null || body.text().isBlank()) {
      throw ProblemException.badField("text", "must not be blank");
    }
    if (body.text().length() > 2000) {
      throw ProblemException.badField("text", "must be at most 2000 characters");
    }
    if (body.problemType() == null || body.problemType().isBlank()) {
      throw ProblemException.badField("problemType", "must not be blank");
    }
    return catalogs
        .problemTypes()
        .chain(
            catalog -> {
              if (catalog.get(body.problemType()) == null) {
                throw ProblemException.badField(
                    "problemType", "'" + body.problemType() + "' is not in the catalogue in force");
              }
              return pool.preparedQuery(
                      "insert into labelled_example (text, problem_type, source, labelled_by,"
                          + " reason, created_at) values ($1, $2, 'admin', $3, $4, $5) returning"
                          + " id")
                  .execute(
                      Tuple.of(
                          body.text().strip(),
                          body.problemType(),
                          identity.getPrincipal().getName(),
                          body.reason(),
                          Timestamps.now(clock)));
            })
        .map(
            rows ->
                RestResponse.status(
                    RestResponse.Status.CREATED,
                    new ExampleView(
                        rows.iterator().next().getLong("id"),
                        body.problemType(),
                        body.text().strip())));
  }
}
