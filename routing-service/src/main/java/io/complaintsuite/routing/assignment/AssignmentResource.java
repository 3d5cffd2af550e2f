package io.complaintsuite.routing.assignment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.platform.outbox.OutboxKick;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.routing.transfer.Transfers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A complaint's current assignment with its stored explanation; supervisors' forced transfers. */
@Path("/api/v1/assignments")
public class AssignmentResource {

  public record AssignmentView(
      UUID complaintId,
      String number,
      String department,
      String agent,
      String status,
      String problemType,
      String priority,
      boolean risk,
      int ruleSetVersion,
      int transferCount,
      List<String> departmentsSeen,
      int escalationLevel,
      OffsetDateTime escalatedAt,
      JsonNode decision,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt) {}

  public record TransferBody(String department, String reason, Boolean force) {}

  private final ObjectMapper json;
  private final Transfers transfers;
  private final SecurityIdentity identity;
  private final OutboxKick kick;

  public AssignmentResource(
      ObjectMapper json, Transfers transfers, SecurityIdentity identity, OutboxKick kick) {
    this.json = json;
    this.kick = kick;
    this.transfers = transfers;
    this.identity = identity;
  }

  @GET
  @Path("/{complaintId}")
  @RolesAllowed({"agent", "supervisor", "admin"})
  @WithSession
  public Uni<AssignmentView> get(@PathParam("complaintId") String complaintId) {
    UUID id = uuid(complaintId);
    return Assignment.<Assignment>findById(id)
        .map(
            a -> {
              if (a == null) {
                throw ProblemException.notFound("assignment of complaint " + complaintId);
              }
              return view(a);
            });
  }

  /**
   * A supervisor moves a complaint; with {@code force} also back to a department that had it
   * before. A refusal answers 409 with the reason.
   */
  @POST
  @Path("/{complaintId}/transfers")
  @RolesAllowed("supervisor")
  public Uni<AssignmentView> transfer(
      @PathParam("complaintId") String complaintId, TransferBody body) {
    UUID id = uuid(complaintId);
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
    return Panache.withTransaction(
            () ->
                transfers.transfer(
                    id, who, body.department(), body.reason(), Boolean.TRUE.equals(body.force())))
        .map(
            outcome -> {
              if (outcome.refused()) {
                throw new ProblemException(409, "Transfer refused", outcome.refusal().reason());
              }
              return view(outcome.assignment());
            })
        // After the commit: publish the new assignment at once.
        .invoke(kick::kick);
  }

  private AssignmentView view(Assignment a) {
    JsonNode decision;
    try {
      decision = json.readTree(a.explanation);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new AssignmentView(
        a.complaintId,
        a.number,
        a.department,
        a.agentId,
        a.status,
        a.problemType,
        a.priority,
        a.risk,
        a.ruleSetVersion,
        a.transferCount,
        a.departmentsSeen,
        a.escalationLevel,
        a.escalatedAt,
        decision,
        a.createdAt,
        a.updatedAt);
  }

  private static UUID uuid(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badField("complaintId", "must be a UUID");
    }
  }
}
