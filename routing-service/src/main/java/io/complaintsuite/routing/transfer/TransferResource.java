package io.complaintsuite.routing.transfer;

import io.complaintsuite.platform.outbox.OutboxKick;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.routing.assignment.AssignmentViews;
import io.complaintsuite.routing.assignment.AssignmentViews.AssignmentView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;

/** Supervisors' transfers of a complaint, forced back to a department that had it if need be. */
@Path("/api/v1/assignments/{complaintId}/transfers")
public class TransferResource {

  public record TransferBody(String department, String reason, Boolean force) {}

  private final Transfers transfers;
  private final AssignmentViews views;
  private final SecurityIdentity identity;
  private final OutboxKick kick;
  private final Pool pool;

  public TransferResource(
      Transfers transfers,
      AssignmentViews views,
      SecurityIdentity identity,
      OutboxKick kick,
      Pool pool) {
    this.transfers = transfers;
    this.views = views;
    this.identity = identity;
    this.kick = kick;
    this.pool = pool;
  }

  /**
   * A supervisor moves a complaint; with {@code force} also back to a department that had it
   * before. A refusal answers 409 with the reason; else the assignment as committed.
   */
  @POST
  @RolesAllowed("supervisor")
  public Uni<AssignmentView> transfer(
      @PathParam("complaintId") String complaintId, TransferBody body) {
    UUID id = AssignmentViews.complaintId(complaintId);
    if (body == null || body.department() == null || body.department().isBlank()) {
      throw ProblemException.badField("department", "must not be blank");
    }
    if (body.reason() == null || body.reason().isBlank()) {
      throw ProblemException.badField("reason", "must not be blank");
    }
    if (body.reason().length() > 2000) {
      throw ProblemException.badField("reason", "must be at most 2000 characters");
    }
    String who = identity.getPrincipal().getName();
    return pool.withTransaction(
            conn ->
                transfers.transfer(
                    conn,
                    id,
                    who,
                    body.department(),
                    body.reason(),
                    Boolean.TRUE.equals(body.force())))
        .map(
            outcome -> {
              if (outcome.refused()) {
                throw new ProblemException(409, "Transfer refused", outcome.refusal().reason());
              }
              return id;
            })
        // After the commit: publish the new assignment at once.
        .invoke(kick::kick)
        .chain(views::find);
  }
}
