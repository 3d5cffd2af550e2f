package io.complaintsuite.survey.callback;

import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.survey.CallbackCompleted;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.query.ListQuery;
import io.complaintsuite.platform.query.Paging;
import io.complaintsuite.platform.time.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Supervisors' call-back tasks: list (soonest due first), claim, complete with the outcome. */
@Path("/api/v1/callbacks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("supervisor")
public class CallbackResource {
  static final List<String> STATES = CallbackState.DB_VALUES;
  static final List<String> OUTCOMES = List.of("reached", "not-reached", "reopened");
  static final int NOTE_MAX = 2000;

  private final SecurityIdentity identity;
  private final Clock clock;
  private final Outbox outbox;

  public CallbackResource(SecurityIdentity identity, Clock clock, Outbox outbox) {
    this.identity = identity;
    this.clock = clock;
    this.outbox = outbox;
  }

  public record CallbackView(
      UUID id,
      UUID complaintId,
      String number,
      String surveyId,
      List<String> reasons,
      String department,
      String agent,
      String customerId,
      String customerName,
      String phone,
      String email,
      String state,
      OffsetDateTime dueAt,
      boolean overdue,
      String claimedBy,
      OffsetDateTime claimedAt,
      String outcome,
      String note,
      String completedBy,
      OffsetDateTime completedAt,
      OffsetDateTime createdAt) {
    static CallbackView of(CallbackTask t, OffsetDateTime now) {
      return new CallbackView(
          t.id,
          t.complaintId,
          t.number,
          t.surveyId,
          Arrays.asList(t.reasons.split(",")),
          t.department,
          t.agent,
          t.customerId,
          t.customerName,
          t.phone,
          t.email,
          t.state.dbValue(),
          t.dueAt,
          t.state != CallbackState.COMPLETED && t.dueAt.isBefore(now),
          t.claimedBy,
          t.claimedAt,
          t.outcome,
          t.note,
          t.completedBy,
          t.completedAt,
          t.createdAt);
    }
  }

  public record Completion(String outcome, String note) {}

  @GET
  @Operation(summary = "Call-back tasks, soonest due first; filter by state, department, complaint")
  public Uni<RestResponse<List<CallbackView>>> list(
      @RestQuery String state,
      @RestQuery String department,
      @RestQuery UUID complaintId,
      @RestQuery Integer limit,
      @RestQuery String cursor,
      UriInfo uri) {
    if (state != null && !STATES.contains(state)) {
      throw ProblemException.badField("state", "must be one of " + STATES);
    }
    ListQuery q =
        ListQuery.of(limit, 100, 1000, cursor, "dueAt", ListQuery.OLDEST_FIRST, UUID.class)
            .equal("state", state == null ? null : CallbackState.of(state))
            .equal("department", department)
            .equal("complaintId", complaintId);
    OffsetDateTime now = Timestamps.now(clock);
    return Panache.withSession(
        () ->
            CallbackTask.<CallbackTask>find(q.query(), q.parameters())
                .range(0, q.limit())
                .list()
                .map(
                    rows ->
                        Paging.response(
                            q.page(rows, t -> t.dueAt, t -> t.id, t -> CallbackView.of(t, now)),
                            uri)));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One call-back task")
  public Uni<CallbackView> get(@RestPath UUID id) {
    OffsetDateTime now = Timestamps.now(clock);
    return Panache.withSession(() -> load(id).map(t -> CallbackView.of(t, now)));
  }

  @POST
  @Path("/{id}/claim")
  @Operation(summary = "Take the task: one supervisor at a time; again by the same one is a no-op")
  public Uni<CallbackView> claim(@RestPath UUID id) {
    String who = identity.getPrincipal().getName();
    OffsetDateTime now = Timestamps.now(clock);
    return Panache.withTransaction(
        () ->
            load(id)
                .map(
                    t -> {
                      if (t.state == CallbackState.COMPLETED) {
                        throw conflict("the call-back was completed by " + t.completedBy);
                      }
                      if (t.state == CallbackState.CLAIMED && !who.equals(t.claimedBy)) {
                        throw conflict("the call-back is claimed by " + t.claimedBy);
                      }
                      if (t.state == CallbackState.OPEN) {
                        t.state = CallbackState.CLAIMED;
                        t.claimedBy = who;
                        t.claimedAt = now;
                      }
                      return CallbackView.of(t, now);
                    }));
  }

  @POST
  @Path("/{id}/complete")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Record the outcome: reached, not-reached or reopened; by the claimer")
  public Uni<CallbackView> complete(@RestPath UUID id, Completion body) {
    if (body == null || body.outcome() == null || !OUTCOMES.contains(body.outcome())) {
      throw ProblemException.badField("outcome", "must be one of " + OUTCOMES);
    }
    String note = body.note() == null || body.note().isBlank() ? null : body.note().strip();
    if (note != null && note.length() > NOTE_MAX) {
      throw ProblemException.badField("note", "at most " + NOTE_MAX + " characters");
    }
    String who = identity.getPrincipal().getName();
    OffsetDateTime now = Timestamps.now(clock);
    return Panache.withTransaction(
        () ->
            load(id)
                .chain(
                    t -> {
                      if (t.state == CallbackState.COMPLETED) {
                        throw conflict("the call-back was already completed by " + t.completedBy);
                      }
                      if (t.state != CallbackState.CLAIMED) {
                        throw conflict("claim the call-back first");
                      }
                      if (!who.equals(t.claimedBy)) {
                        throw conflict("the call-back is claimed by " + t.claimedBy);
                      }
                      t.state = CallbackState.COMPLETED;
                      t.outcome = body.outcome();
                      t.note = note;
                      t.completedBy = who;
                      t.completedAt = now;
                      String key = t.complaintId.toString();
                      return outbox
                          .append(
                              EventType.SURVEY_CALLBACK_COMPLETED,
                              key,
                              key,
                              new CallbackCompleted(
                                  t.id, t.complaintId, t.outcome, note, who, t.dueAt, now))
                          .replaceWith(CallbackView.of(t, now));
                    }));
  }

  private static Uni<CallbackTask> load(UUID id) {
    return CallbackTask.<CallbackTask>findById(id)
        .map(
            t -> {
              if (t == null) {
                throw ProblemException.notFound("call-back " + id);
              }
              return t;
            });
  }

  private static ProblemException conflict(String detail) {
    return new ProblemException(409, "Conflict", detail);
  }
}
