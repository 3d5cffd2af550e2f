package io.complaintsuite.routing.assignment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A complaint's current assignment as the API shows it, with its stored decision. */
@ApplicationScoped
public class AssignmentViews {

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

  private final ObjectMapper json;

  public AssignmentViews(ObjectMapper json) {
    this.json = json;
  }

  /** The committed assignment of {@code complaintId} (404 when routing has none). */
  public Uni<AssignmentView> find(UUID complaintId) {
    return Panache.withSession(() -> Assignment.<Assignment>findById(complaintId))
        .map(
            a -> {
              if (a == null) {
                throw ProblemException.notFound("assignment of complaint " + complaintId);
              }
              return view(a);
            });
  }

  /** A path parameter as a complaint id (400 when it is not a UUID). */
  public static UUID complaintId(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badField("complaintId", "must be a UUID");
    }
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
}
