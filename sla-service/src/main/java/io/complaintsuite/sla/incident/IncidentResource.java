package io.complaintsuite.sla.incident;

import io.complaintsuite.contracts.sla.IncidentUpdated;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Mass incidents for supervisors: list, read with members and updates, and post progress updates.
 * Each update is stored and published as {@code sla.incident-updated} (survey-service notifies the
 * affected customers); an update with status resolved resolves the incident, which takes no more
 * updates (409).
 */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {
  static final Set<String> STATUSES =
      Stream.of(IncidentStatus.values()).map(IncidentStatus::dbValue).collect(Collectors.toSet());

  private final SecurityIdentity identity;
  private final Clock clock;
  private final Outbox outbox;

  public IncidentResource(SecurityIdentity identity, Clock clock, Outbox outbox) {
    this.identity = identity;
    this.clock = clock;
    this.outbox = outbox;
  }

  public record IncidentView(
      UUID id,
      String problemType,
      String title,
      String status,
      OffsetDateTime detectedAt,
      int windowCount,
      double baseline,
      int peakCount,
      OffsetDateTime subsidedAt,
      OffsetDateTime resolvedAt,
      long memberCount,
      List<UUID> complaintIds,
      List<UpdateView> updates) {}

  public record UpdateView(
      UUID id, String status, String message, String postedBy, OffsetDateTime postedAt) {}

  public record UpdateRequest(String status, String message) {}

  @GET
  @RolesAllowed({"supervisor", "admin"})
  @Operation(summary = "Incidents, newest first; status open / mitigating / resolved / active")
  public Uni<List<IncidentView>> list(@RestQuery String status) {
    if (status != null && !STATUSES.contains(status) && !"active".equals(status)) {
      throw ProblemException.badField("status", "must be open, mitigating, resolved or active");
    }
    // The query is built inside withSession, never before it: Panache's getSession() is eager,
    // and outside a session it arms a second, on-demand session for this request. withSession then
    // opened its own, the query opened the on-demand one over it, and one of the two was never
    // closed: every listing leaked a pooled connection until the pool (20) was exhausted and every
    // request needing the database hung (found by the hostile-input fuzzer, seed 5).
    return Panache.withSession(
        () ->
            find(status)
                .chain(
                    incidents ->
                        Panache.getSession()
                            .chain(
                                s ->
                                    Multi.createFrom()
                                        .iterable(incidents)
                                        .onItem()
                                        .transformToUniAndConcatenate(
                                            i ->
                                                Incidents.memberCount(s, i.id)
                                                    .map(n -> view(i, n, null, null)))
                                        .collect()
                                        .asList())));
  }

  private static Uni<List<Incident>> find(String status) {
    if (status == null) {
      return Incident.list("order by detectedAt desc");
    }
    return "active".equals(status)
        ? Incident.list("status <> ?1 order by detectedAt desc", IncidentStatus.RESOLVED)
        : Incident.list("status = ?1 order by detectedAt desc", IncidentStatus.of(status));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({"supervisor", "admin"})
  @Operation(summary = "One incident with its member complaints and its updates")
  public Uni<IncidentView> one(@RestPath String id) {
    UUID uuid = uuid(id);
    return Panache.withSession(
        () ->
            Incident.<Incident>findById(uuid)
                .chain(
                    i -> {
                      if (i == null) {
                        throw ProblemException.notFound("incident " + id);
                      }
                      return Panache.getSession()
                          .chain(
                              s ->
                                  Incidents.memberIds(s, uuid)
                                      .chain(
                                          ids ->
                                              Incidents.memberCount(s, uuid)
                                                  .chain(
                                                      n ->
                                                          updates(uuid)
                                                              .map(u -> view(i, n, ids, u)))));
                    }));
  }

  @POST
  @Path("/{id}/updates")
  @RolesAllowed("supervisor")
  @Operation(
      summary = "Post progress (status open / mitigating / resolved, customer-facing message)")
  public Uni<Response> post(@RestPath String id, UpdateRequest body) {
    UUID uuid = uuid(id);
    if (body == null) {
      throw ProblemException.badField("status", "is required");
    }
    if (body.status() == null || !STATUSES.contains(body.status())) {
      throw ProblemException.badField("status", "must be open, mitigating or resolved");
    }
    if (body.message() == null || body.message().isBlank()) {
      throw ProblemException.badField("message", "is required");
    }
    if (body.message().length() > 500) {
      throw ProblemException.badField("message", "must be at most 500 characters");
    }
    String postedBy = identity.getPrincipal().getName();
    return Panache.withTransaction(
        () ->
            Incident.<Incident>findById(uuid, LockModeType.PESSIMISTIC_WRITE)
                .chain(
                    i -> {
                      if (i == null) {
                        throw ProblemException.notFound("incident " + id);
                      }
                      if (i.status == IncidentStatus.RESOLVED) {
                        throw new ProblemException(
                            409, "Incident resolved", "incident " + id + " is already resolved");
                      }
                      OffsetDateTime now = Timestamps.now(clock);
                      i.status = IncidentStatus.of(body.status());
                      i.updatedAt = now;
                      if (i.status == IncidentStatus.RESOLVED) {
                        i.resolvedAt = now;
                      }
                      return Panache.getSession()
                          .chain(s -> Incidents.memberIds(s, uuid))
                          .chain(
                              ids -> {
                                IncidentUpdate u = new IncidentUpdate();
                                u.id = UUID.randomUUID();
                                u.incidentId = uuid;
                                u.status = i.status;
                                u.message = body.message();
                                u.postedBy = postedBy;
                                u.postedAt = now;
                                u.memberCount = ids.size();
                                return u.<IncidentUpdate>persist()
                                    .chain(
                                        () ->
                                            outbox.append(
                                                IncidentEvents.UPDATED,
                                                uuid.toString(),
                                                uuid.toString(),
                                                new IncidentUpdated(
                                                    uuid,
                                                    u.id,
                                                    i.problemType,
                                                    i.title,
                                                    u.status.dbValue(),
                                                    u.message,
                                                    postedBy,
                                                    ids,
                                                    now)))
                                    .map(
                                        x ->
                                            Response.status(201)
                                                .entity(
                                                    new UpdateView(
                                                        u.id,
                                                        u.status.dbValue(),
                                                        u.message,
                                                        u.postedBy,
                                                        u.postedAt))
                                                .build());
                              });
                    }));
  }

  private static Uni<List<UpdateView>> updates(UUID incidentId) {
    return IncidentUpdate.<IncidentUpdate>list("incidentId = ?1 order by postedAt, seq", incidentId)
        .map(
            list ->
                list.stream()
                    .map(
                        u ->
                            new UpdateView(
                                u.id, u.status.dbValue(), u.message, u.postedBy, u.postedAt))
                    .toList());
  }

  private static IncidentView view(
      Incident i, long members, List<UUID> ids, List<UpdateView> updates) {
    return new IncidentView(
        i.id,
        i.problemType,
        i.title,
        i.status.dbValue(),
        i.detectedAt,
        i.windowCount,
        i.baseline,
        i.peakCount,
        i.subsidedAt,
        i.resolvedAt,
        members,
        ids,
        updates);
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("incident " + id);
    }
  }
}
