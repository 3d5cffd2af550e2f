package io.complaintsuite.survey.schedule;

import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.query.ListQuery;
import io.complaintsuite.platform.query.Paging;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** The surveys and where each stands, for supervisors (never the link: it is the customer's). */
@Path("/api/v1/surveys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"supervisor", "admin"})
public class SurveyResource {
  static final List<String> STATES = SurveyState.DB_VALUES;

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
          s.state.dbValue(),
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
  public Uni<RestResponse<List<SurveyView>>> list(
      @RestQuery UUID complaintId,
      @RestQuery String customerId,
      @RestQuery String state,
      @RestQuery Integer limit,
      @RestQuery String cursor,
      UriInfo uri) {
    if (state != null && !STATES.contains(state)) {
      throw ProblemException.badField("state", "must be one of " + STATES);
    }
    ListQuery q =
        ListQuery.of(limit, 100, 1000, cursor, "resolvedAt", ListQuery.NEWEST_FIRST, String.class)
            .equal("complaintId", complaintId)
            .equal("customerId", customerId)
            .equal("state", state == null ? null : SurveyState.of(state));
    return Panache.withSession(
        () ->
            Survey.<Survey>find(q.query(), q.parameters())
                .range(0, q.limit())
                .list()
                .map(
                    rows ->
                        Paging.response(
                            q.page(rows, s -> s.resolvedAt, s -> s.id, SurveyView::of), uri)));
  }
}
