package io.complaintsuite.routing.assignment;

import io.complaintsuite.routing.assignment.AssignmentViews.AssignmentView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** A complaint's current assignment with its stored explanation (transfers: TransferResource). */
@Path("/api/v1/assignments")
public class AssignmentResource {
  private final AssignmentViews views;

  public AssignmentResource(AssignmentViews views) {
    this.views = views;
  }

  @GET
  @Path("/{complaintId}")
  @RolesAllowed({"agent", "supervisor", "admin"})
  public Uni<AssignmentView> get(@PathParam("complaintId") String complaintId) {
    return views.find(AssignmentViews.complaintId(complaintId));
  }
}
