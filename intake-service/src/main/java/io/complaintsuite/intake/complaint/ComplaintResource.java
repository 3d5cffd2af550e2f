package io.complaintsuite.intake.complaint;

import io.complaintsuite.intake.idempotency.Claims;
import io.complaintsuite.intake.knowledge.SuggestedArticles;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.query.ListQuery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/complaints")
@Produces(MediaType.APPLICATION_JSON)
public class ComplaintResource {
  private final ComplaintIntake intake;
  private final ComplaintQueries queries;
  private final SecurityIdentity identity;

  public ComplaintResource(
      ComplaintIntake intake, ComplaintQueries queries, SecurityIdentity identity) {
    this.intake = intake;
    this.queries = queries;
    this.identity = identity;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("channel")
  @Operation(
      summary = "Receive a complaint from a channel",
      description =
          "201 with the new complaint once it is committed; 200 with the same complaint when the"
              + " Idempotency-Key (or channel + externalId) was seen before.")
  public Uni<RestResponse<ComplaintView>> receive(
      @Valid @NotNull NewComplaint body,
      @Parameter(
              description =
                  "Client-chosen key; a retry with the same key returns the same complaint")
          @RestHeader("Idempotency-Key")
          String idempotencyKey,
      UriInfo uri) {
    return intake
        .receive(body, Claims.checkedKey(idempotencyKey), identity.getPrincipal().getName())
        .map(
            outcome -> {
              ComplaintView view =
                  ComplaintView.of(
                      outcome.complaint(), outcome.attachments(), Masking.maySeeContact(identity));
              RestResponse.ResponseBuilder<ComplaintView> response =
                  outcome.created()
                      // Concatenated: UriBuilder's template matching costs more than the rest
                      // of building the answer.
                      ? RestResponse.ResponseBuilder.created(
                          URI.create(uri.getBaseUri() + "api/v1/complaints/" + view.id()))
                      : RestResponse.ResponseBuilder.ok();
              return response.entity(view).tag(etag(view)).build();
            });
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({"channel", "agent", "supervisor", "admin"})
  @Operation(
      summary = "A complaint's full work order by id (contact masked unless agent/supervisor)")
  public Uni<RestResponse<ComplaintView>> get(@RestPath UUID id) {
    return Panache.withSession(() -> ComplaintIntake.load(id).chain(ComplaintResource::suggested))
        .map(found -> found(found, "complaint " + id));
  }

  @GET
  @Path("/by-number/{number}")
  @RolesAllowed({"channel", "agent", "supervisor", "admin"})
  @Operation(summary = "A complaint's full work order by its number, e.g. TS20261123-000123")
  public Uni<RestResponse<ComplaintView>> byNumber(@RestPath String number) {
    return Panache.withSession(
            () ->
                Complaint.<Complaint>find("number", number)
                    .firstResult()
                    .chain(
                        c -> c == null ? Uni.createFrom().nullItem() : ComplaintIntake.load(c.id))
                    .chain(ComplaintResource::suggested))
        .map(found -> found(found, "complaint " + number));
  }

  @GET
  @RolesAllowed({"agent", "supervisor", "admin"})
  @Operation(
      summary = "List complaints, newest first, filtered; page with the returned cursor",
      description =
          "Filters: status, priority, problemType, channel, department, agent, customer,"
              + " from/to (received time, ISO-8601). Contact data is masked in lists.")
  public Uni<ListQuery.Page<ComplaintSummary>> list(@BeanParam ComplaintQueries.Filter filter) {
    return queries.list(filter);
  }

  /** The work order and the articles knowledge-service suggested for it. */
  record Found(ComplaintIntake.Outcome outcome, List<SuggestedArticles.Article> articles) {}

  private static Uni<Found> suggested(ComplaintIntake.Outcome outcome) {
    return outcome == null
        ? Uni.createFrom().nullItem()
        : SuggestedArticles.of(outcome.complaint().id).map(a -> new Found(outcome, a));
  }

  private RestResponse<ComplaintView> found(Found found, String what) {
    if (found == null) {
      throw ProblemException.notFound(what);
    }
    ComplaintView view =
        ComplaintView.of(
            found.outcome().complaint(),
            found.outcome().attachments(),
            Masking.maySeeContact(identity),
            found.articles());
    return RestResponse.ResponseBuilder.ok(view).tag(etag(view)).build();
  }

  static EntityTag etag(ComplaintView view) {
    return new EntityTag(Long.toString(view.version()));
  }
}
