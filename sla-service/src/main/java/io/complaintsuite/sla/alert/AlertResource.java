package io.complaintsuite.sla.alert;

import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.query.ListQuery;
import io.complaintsuite.platform.query.Paging;
import io.complaintsuite.platform.time.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** SLA alerts for supervisors: newest first, filterable, acknowledged with who and when. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"supervisor", "admin"})
public class AlertResource {
  private final SecurityIdentity identity;
  private final Clock clock;

  public AlertResource(SecurityIdentity identity, Clock clock) {
    this.identity = identity;
    this.clock = clock;
  }

  public record AlertView(
      UUID id,
      String kind,
      UUID complaintId,
      String number,
      String timer,
      String priority,
      int policyVersion,
      int level,
      String recipientRole,
      String recipient,
      String department,
      OffsetDateTime deadlineAt,
      OffsetDateTime dueAt,
      OffsetDateTime raisedAt,
      String acknowledgedBy,
      OffsetDateTime acknowledgedAt,
      UUID callbackId) {
    static AlertView of(SlaAlert a) {
      return new AlertView(
          a.id,
          a.kind.dbValue(),
          a.complaintId,
          a.number,
          a.timerKind,
          a.priority,
          a.policyVersion,
          a.level,
          a.recipientRole,
          a.recipient,
          a.department,
          a.deadlineAt,
          a.dueAt,
          a.raisedAt,
          a.acknowledgedBy,
          a.acknowledgedAt,
          a.callbackId);
    }
  }

  @GET
  @Operation(
      summary = "Alerts, newest first; filter by complaint, kind, acknowledged",
      description = "At most limit (1..1000, default 100); a Link header rel=next pages on.")
  public Uni<RestResponse<List<AlertView>>> list(
      @RestQuery UUID complaintId,
      @RestQuery String kind,
      @RestQuery Boolean acknowledged,
      @RestQuery Integer limit,
      @RestQuery String cursor,
      UriInfo uri) {
    if (kind != null && Stream.of(AlertKind.values()).noneMatch(k -> k.dbValue().equals(kind))) {
      throw ProblemException.badField(
          "kind", "must be warning, breached, escalated or callback-overdue");
    }
    ListQuery q =
        ListQuery.of(limit, 100, 1000, cursor, "raisedAt", ListQuery.NEWEST_FIRST, UUID.class)
            .equal("complaintId", complaintId)
            .equal("kind", kind == null ? null : AlertKind.of(kind));
    if (acknowledged != null) {
      q.where(acknowledged ? "acknowledgedAt is not null" : "acknowledgedAt is null");
    }
    return Panache.withSession(
        () ->
            SlaAlert.<SlaAlert>find(q.query(), q.parameters())
                .range(0, q.limit())
                .list()
                .map(
                    rows ->
                        Paging.response(
                            q.page(rows, a -> a.raisedAt, a -> a.id, AlertView::of), uri)));
  }

  @POST
  @Path("/{id}/acknowledge")
  @Operation(summary = "Acknowledge an alert: records who and when; twice is a 409")
  public Uni<AlertView> acknowledge(@RestPath UUID id) {
    String who = identity.getPrincipal().getName();
    return Panache.withTransaction(
        () ->
            SlaAlert.<SlaAlert>findById(id)
                .map(
                    a -> {
                      if (a == null) {
                        throw ProblemException.notFound("alert " + id);
                      }
                      if (a.acknowledgedAt != null) {
                        throw new ProblemException(
                            409,
                            "Already acknowledged",
                            "acknowledged by " + a.acknowledgedBy + " at " + a.acknowledgedAt);
                      }
                      a.acknowledgedBy = who;
                      a.acknowledgedAt = Timestamps.now(clock);
                      return AlertView.of(a);
                    }));
  }
}
