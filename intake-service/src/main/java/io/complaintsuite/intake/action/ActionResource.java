package io.complaintsuite.intake.action;

import io.complaintsuite.intake.complaint.Complaint;
import io.complaintsuite.intake.complaint.ComplaintIntake;
import io.complaintsuite.intake.complaint.ComplaintView;
import io.complaintsuite.intake.complaint.Masking;
import io.complaintsuite.intake.knowledge.SuggestedArticles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Agents' actions on a complaint. Allowed to its assigned agent, to agents of its department while
 * it is queued there, and to supervisors and admins on every complaint; anyone else gets 403
 * problem+json naming the reason ({@link WorkOrderAccess}). Each answers the updated complaint with
 * its new ETag; send the ETag back as If-Match to be sure nobody changed it meanwhile (412 if they
 * did). An action the complaint's state does not allow answers 409 naming the states that do.
 */
@Path("/api/v1/complaints/{id}/actions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "supervisor", "admin"})
public class ActionResource {
  private final ComplaintActions actions;
  private final SecurityIdentity identity;

  public ActionResource(ComplaintActions actions, SecurityIdentity identity) {
    this.actions = actions;
    this.identity = identity;
  }

  @POST
  @Path("/respond")
  @Operation(summary = "First response (the SLA's responded moment); received → in_progress")
  public Uni<RestResponse<ComplaintView>> respond(
      @RestPath UUID id,
      @RestHeader("If-Match") String ifMatch,
      @Valid ActionRequests.Respond body) {
    return view(actions.respond(id, ifMatch, Actor.of(identity), body));
  }

  @POST
  @Path("/reply")
  @Operation(summary = "Reply to the customer (the first reply also counts as the first response)")
  public Uni<RestResponse<ComplaintView>> reply(
      @RestPath UUID id,
      @RestHeader("If-Match") String ifMatch,
      @Valid @NotNull ActionRequests.Reply body) {
    return view(actions.reply(id, ifMatch, Actor.of(identity), body));
  }

  @POST
  @Path("/notes")
  @Operation(summary = "Internal note, never shown to the customer")
  public Uni<RestResponse<ComplaintView>> note(
      @RestPath UUID id,
      @RestHeader("If-Match") String ifMatch,
      @Valid @NotNull ActionRequests.Note body) {
    return view(actions.note(id, ifMatch, Actor.of(identity), body));
  }

  @POST
  @Path("/priority")
  @Operation(summary = "Change the priority grade, with a reason")
  public Uni<RestResponse<ComplaintView>> changePriority(
      @RestPath UUID id,
      @RestHeader("If-Match") String ifMatch,
      @Valid @NotNull ActionRequests.ChangePriority body) {
    return view(actions.changePriority(id, ifMatch, Actor.of(identity), body));
  }

  @POST
  @Path("/transfer-request")
  @Operation(summary = "Ask for another department; routing-service decides")
  public Uni<RestResponse<ComplaintView>> requestTransfer(
      @RestPath UUID id,
      @RestHeader("If-Match") String ifMatch,
      @Valid @NotNull ActionRequests.RequestTransfer body) {
    return view(actions.requestTransfer(id, ifMatch, Actor.of(identity), body));
  }

  @POST
  @Path("/reclassify")
  @Operation(
      summary =
          "Correct the problem type, with a reason; routing learns from it (the complaint stays"
              + " where it is: request a transfer to move it)")
  public Uni<RestResponse<ComplaintView>> reclassify(
      @RestPath UUID id,
      @RestHeader("If-Match") String ifMatch,
      @Valid @NotNull ActionRequests.Reclassify body) {
    return view(actions.reclassify(id, ifMatch, Actor.of(identity), body));
  }

  @POST
  @Path("/wait-for-customer")
  @Operation(
      summary = "Wait for the customer (SLA timers pause); in_progress → waiting_for_customer")
  public Uni<RestResponse<ComplaintView>> waitForCustomer(
      @RestPath UUID id,
      @RestHeader("If-Match") String ifMatch,
      @Valid ActionRequests.WaitForCustomer body) {
    return view(actions.waitForCustomer(id, ifMatch, Actor.of(identity), body));
  }

  @POST
  @Path("/resolve")
  @Operation(summary = "Resolve with summary, root cause and any compensation given")
  public Uni<RestResponse<ComplaintView>> resolve(
      @RestPath UUID id,
      @RestHeader("If-Match") String ifMatch,
      @Valid @NotNull ActionRequests.Resolve body) {
    return view(actions.resolve(id, ifMatch, Actor.of(identity), body));
  }

  @POST
  @Path("/reopen")
  @Operation(summary = "Reopen a resolved complaint; resolved → in_progress")
  public Uni<RestResponse<ComplaintView>> reopen(
      @RestPath UUID id,
      @RestHeader("If-Match") String ifMatch,
      @Valid @NotNull ActionRequests.Reopen body) {
    return view(actions.reopen(id, ifMatch, Actor.of(identity), body));
  }

  @POST
  @Path("/close")
  @Operation(summary = "Close a resolved complaint; final")
  public Uni<RestResponse<ComplaintView>> close(
      @RestPath UUID id, @RestHeader("If-Match") String ifMatch) {
    return view(actions.close(id, ifMatch, Actor.of(identity)));
  }

  private Uni<RestResponse<ComplaintView>> view(Uni<Complaint> acted) {
    boolean full = Masking.maySeeContact(identity);
    return acted.chain(
        c ->
            Panache.withSession(
                    () ->
                        ComplaintIntake.load(c.id)
                            .chain(
                                found ->
                                    SuggestedArticles.of(c.id)
                                        .map(a -> java.util.Map.entry(found, a))))
                .map(
                    loaded -> {
                      // The action's own result is the truth about the version just written.
                      ComplaintView view =
                          ComplaintView.of(
                              c, loaded.getKey().attachments(), full, loaded.getValue());
                      return RestResponse.ResponseBuilder.ok(view)
                          .tag(new EntityTag(Long.toString(view.version())))
                          .build();
                    }));
  }
}
