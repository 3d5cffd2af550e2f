package io.complaintsuite.survey.schedule;

import io.complaintsuite.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/** The surveys and where each stands, for supervisors (never the link: it is the customer's). */
@Path("/api/v1/surveys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"supervisor", "admin"})
public class SurveyResource {
  static final List<String> STATES =
      List.of(Survey.SCHEDULED, Survey.SENT, Survey.ANSWERED, Survey.CANCELLED, Survey.SKIPPED);

  public record SurveyView(
      String id,
      UUID complaintId,
      int resolution,
      String number,
      String customerId,
      String channel,
      String problemType,
      String priority,
      String department,
      String agent,
      String state,
      String skipReason,
      OffsetDateTime resolvedAt,
      OffsetDateTime dueAt,
      String delivery,
      OffsetDateTime sentAt,
      OffsetDateTime expiresAt,
      OffsetDateTime answeredAt) {
    static SurveyView of(Survey s) {
      return new SurveyView(
          s.id,
          s.complaintId,
          s.resolution,
          s.number,
          s.customerId,
          s.channel,
          s.problemType,
          s.priority,
          s.department,
          s.agent,
          s.state,
          s.skipReason,
          s.resolvedAt,
          s.dueAt,
          s.delivery,
          s.sentAt,
          s.expiresAt,
          s.answeredAt);
    }
  }

  @GET
  @Operation(summary = "Surveys, newest resolution first; filter by complaint, customer, state")
  public Uni<List<SurveyView>> list(
      @RestQuery UUID complaintId,
      @RestQuery String customerId,
      @RestQuery String state,
      @RestQuery Integer limit) {
    if (state != null && !STATES.contains(state)) {
      throw ProblemException.badField("state", "must be one of " + STATES);
    }
    int max = limit == null ? 100 : limit;
    if (max < 1 || max > 1000) {
      throw ProblemException.badField("limit", "must be 1..1000");
    }
    StringBuilder query = new StringBuilder("1 = 1");
    Parameters params = new Parameters();
    if (complaintId != null) {
      query.append(" and complaintId = :complaintId");
      params.and("complaintId", complaintId);
    }
    if (customerId != null) {
      query.append(" and customerId = :customerId");
      params.and("customerId", customerId);
    }
    if (state != null) {
      query.append(" and state = :state");
      params.and("state", state);
    }
    query.append(" order by resolvedAt desc, id");
    return Panache.withSession(
        () ->
            Survey.<Survey>find(query.toString(), params)
                .page(0, max)
                .list()
                .map(list -> list.stream().map(SurveyView::of).toList()));
  }
}
