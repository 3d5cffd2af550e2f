package io.complaintsuite.routing.ruleset;

import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.routing.rules.Rule;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Rule sets: admins create drafts, see what a draft would change (validation over the labelled
 * complaints), and activate it; the new version decides only complaints routed afterwards.
 */
@Path("/api/v1/rule-sets")
@RolesAllowed("admin")
public class RuleSetResource {

  public record RuleSetBody(String description, List<Rule> rules) {}

  public record RuleSetView(
      int version,
      String status,
      String description,
      List<Rule> rules,
      String createdBy,
      OffsetDateTime createdAt,
      OffsetDateTime activatedAt) {}

  private final RuleSets ruleSets;
  private final SecurityIdentity identity;

  public RuleSetResource(RuleSets ruleSets, SecurityIdentity identity) {
    this.ruleSets = ruleSets;
    this.identity = identity;
  }

  @GET
  @WithSession
  public Uni<List<RuleSetView>> list() {
    return RuleSet.<RuleSet>listAll(Sort.by("version"))
        .map(all -> all.stream().map(this::view).toList());
  }

  @GET
  @Path("/{version}")
  @WithSession
  public Uni<RuleSetView> get(@PathParam("version") int version) {
    return ruleSets.find(version).map(this::view);
  }

  @POST
  @WithTransaction
  public Uni<Response> create(RuleSetBody body) {
    if (body == null) {
      throw ProblemException.badField("rules", "must be a list of rules");
    }
    if (body.description() != null && body.description().length() > 1000) {
      throw ProblemException.badField("description", "must be at most 1000 characters");
    }
    return ruleSets
        .createDraft(body.description(), body.rules(), identity.getPrincipal().getName())
        .map(
            set ->
                Response.created(URI.create("/api/v1/rule-sets/" + set.version))
                    .entity(view(set))
                    .build());
  }

  /** What activating this version would change, measured on the labelled complaints. */
  @POST
  @Path("/{version}/validation")
  public Uni<Validation> validate(@PathParam("version") int version) {
    return ruleSets.validate(version);
  }

  /** Validates, then activates if the accuracy meets the minimum (or {@code force=true}). */
  @POST
  @Path("/{version}/activation")
  public Uni<Validation> activate(
      @PathParam("version") int version, @QueryParam("force") boolean force) {
    return ruleSets.activate(version, force);
  }

  private RuleSetView view(RuleSet set) {
    return new RuleSetView(
        set.version,
        set.status,
        set.description,
        ruleSets.rules(set),
        set.createdBy,
        set.createdAt,
        set.activatedAt);
  }
}
