package io.complaintsuite.sla.policy;

import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.sla.calendar.Calendars;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * SLA policies per priority grade. A change is a new version; complaints already running keep the
 * version they started with.
 */
@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {
  static final List<String> GRADES = List.of("urgent", "general", "low");

  /** At most a year of working time: anything longer is a typo. */
  static final int MAX_MINUTES = 525_600;

  private final Calendars calendars;
  private final SecurityIdentity identity;
  private final Clock clock;

  public PolicyResource(Calendars calendars, SecurityIdentity identity, Clock clock) {
    this.calendars = calendars;
    this.identity = identity;
    this.clock = clock;
  }

  public record PolicyView(
      String priority,
      int version,
      int responseMinutes,
      String responseCalendar,
      int resolutionMinutes,
      String resolutionCalendar,
      String createdBy,
      OffsetDateTime createdAt) {
    static PolicyView of(SlaPolicy p) {
      return new PolicyView(
          p.priority,
          p.version,
          p.responseMinutes,
          p.responseCalendar,
          p.resolutionMinutes,
          p.resolutionCalendar,
          p.createdBy,
          p.createdAt);
    }
  }

  /** The new targets for a grade. */
  public record PolicyChange(
      Integer responseMinutes,
      String responseCalendar,
      Integer resolutionMinutes,
      String resolutionCalendar) {}

  @GET
  @RolesAllowed({"supervisor", "admin", "agent"})
  @Operation(summary = "The policy in force for each priority grade")
  public Uni<List<PolicyView>> current() {
    return Panache.withSession(
        () -> SlaPolicy.currentAll().map(l -> l.stream().map(PolicyView::of).toList()));
  }

  @GET
  @Path("/{priority}/versions")
  @RolesAllowed({"supervisor", "admin"})
  @Operation(summary = "Every version of a grade's policy, newest first")
  public Uni<List<PolicyView>> versions(@RestPath String priority) {
    String grade = grade(priority);
    return Panache.withSession(
        () ->
            SlaPolicy.<SlaPolicy>list("priority = ?1 order by version desc", grade)
                .map(l -> l.stream().map(PolicyView::of).toList()));
  }

  @POST
  @Path("/{priority}")
  @RolesAllowed("admin")
  @Operation(summary = "A new version of a grade's policy; new complaints get it")
  public Uni<RestResponse<PolicyView>> change(@RestPath String priority, PolicyChange body) {
    String grade = grade(priority);
    if (body == null) {
      throw ProblemException.badField("body", "a JSON object with the new targets is required");
    }
    minutes("responseMinutes", body.responseMinutes());
    minutes("resolutionMinutes", body.resolutionMinutes());
    calendar("responseCalendar", body.responseCalendar());
    calendar("resolutionCalendar", body.resolutionCalendar());
    if (body.resolutionMinutes() < body.responseMinutes()
        && body.resolutionCalendar().equals(body.responseCalendar())) {
      throw ProblemException.badField(
          "resolutionMinutes", "must not be shorter than the response target");
    }
    String who = identity.getPrincipal().getName();
    return Panache.withTransaction(
        () ->
            SlaPolicy.current(grade)
                .chain(
                    latest -> {
                      SlaPolicy p = new SlaPolicy();
                      p.id = UUID.randomUUID();
                      p.priority = grade;
                      p.version = latest == null ? 1 : latest.version + 1;
                      p.responseMinutes = body.responseMinutes();
                      p.responseCalendar = body.responseCalendar();
                      p.resolutionMinutes = body.resolutionMinutes();
                      p.resolutionCalendar = body.resolutionCalendar();
                      p.createdBy = who;
                      p.createdAt = Timestamps.now(clock);
                      return p.<SlaPolicy>persist();
                    })
                .map(p -> RestResponse.status(RestResponse.Status.CREATED, PolicyView.of(p))));
  }

  private static String grade(String priority) {
    if (!GRADES.contains(priority)) {
      throw ProblemException.badField("priority", "must be one of " + GRADES);
    }
    return priority;
  }

  private static void minutes(String field, Integer value) {
    if (value == null) {
      throw ProblemException.badField(field, "is required");
    }
    if (value < 1 || value > MAX_MINUTES) {
      throw ProblemException.badField(field, "must be 1.." + MAX_MINUTES + " minutes");
    }
  }

  private void calendar(String field, String name) {
    if (name == null || name.isBlank()) {
      throw ProblemException.badField(field, "is required");
    }
    if (!calendars.exists(name)) {
      throw ProblemException.badField(field, "unknown calendar; known: " + calendars.names());
    }
  }
}
