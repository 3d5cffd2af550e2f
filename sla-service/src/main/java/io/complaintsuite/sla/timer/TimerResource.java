package io.complaintsuite.sla.timer;

import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.sla.kpi.TrackedComplaint;
import io.quarkus.hibernate.reactive.panache.Panache;
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
import org.jboss.resteasy.reactive.RestPath;

/** A complaint's SLA timers: where each stands, its deadline and the policy version it keeps. */
@Path("/api/v1/complaints/{complaintId}/timers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "supervisor", "admin"})
public class TimerResource {
  public record TimerView(
      String kind,
      String state,
      String priority,
      int policyVersion,
      String calendar,
      int targetMinutes,
      long consumedSeconds,
      OffsetDateTime startedAt,
      OffsetDateTime warnAt,
      OffsetDateTime deadlineAt,
      String nextAlert,
      OffsetDateTime nextAlertAt,
      OffsetDateTime metAt,
      int cycle,
      String department,
      String agent,
      OffsetDateTime expectedResolutionAt,
      boolean promiseAtRisk) {
    static TimerView of(SlaTimer t, OffsetDateTime expected, boolean atRisk) {
      return new TimerView(
          t.kind.dbValue(),
          t.state.dbValue(),
          t.priority,
          t.policyVersion,
          t.calendar,
          t.targetMinutes,
          t.consumedMillis / 1000,
          t.startedAt,
          t.warnAt,
          t.deadlineAt,
          t.stage.dbValue(),
          t.nextFireAt,
          t.metAt,
          t.cycle,
          t.department,
          t.agent,
          expected,
          atRisk);
    }
  }

  /**
   * "Promise at risk": the customer expects the resolution earlier than the resolution deadline of
   * the policy, and the complaint is not resolved (its resolution timer still running or paused).
   * The policy's deadline stays the target; this only flags it. Cleared on resolution or close.
   */
  static boolean promiseAtRisk(OffsetDateTime expected, SlaTimer resolution) {
    return expected != null
        && resolution != null
        && (resolution.state == TimerState.RUNNING || resolution.state == TimerState.PAUSED)
        && resolution.deadlineAt.isAfter(expected);
  }

  @GET
  @Operation(
      summary =
          "The response and resolution timers of a complaint, with the customer's expected"
              + " resolution time and whether that promise is at risk (same on both timers)")
  public Uni<List<TimerView>> timers(@RestPath UUID complaintId) {
    return Panache.withSession(
        () ->
            SlaTimer.<SlaTimer>list("complaintId = ?1 order by kind", complaintId)
                .chain(
                    list -> {
                      if (list.isEmpty()) {
                        throw ProblemException.notFound("SLA timers of complaint " + complaintId);
                      }
                      return TrackedComplaint.<TrackedComplaint>findById(complaintId)
                          .map(
                              c -> {
                                OffsetDateTime expected = c == null ? null : c.expectedResolutionAt;
                                SlaTimer resolution =
                                    list.stream()
                                        .filter(t -> t.kind == TimerKind.RESOLUTION)
                                        .findFirst()
                                        .orElse(null);
                                boolean atRisk = promiseAtRisk(expected, resolution);
                                return list.stream()
                                    .map(t -> TimerView.of(t, expected, atRisk))
                                    .toList();
                              });
                    }));
  }
}
