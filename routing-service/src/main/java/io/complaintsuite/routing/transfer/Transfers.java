package io.complaintsuite.routing.transfer;

import io.complaintsuite.contracts.ComplaintTransferRequested;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.routing.TransferRefused;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.routing.analysis.Catalogs;
import io.complaintsuite.routing.analysis.Models;
import io.complaintsuite.routing.analysis.ProblemTypeCatalog;
import io.complaintsuite.routing.assignment.AgentLoad;
import io.complaintsuite.routing.assignment.AssignmentRecorder;
import io.complaintsuite.routing.assignment.AssignmentRow;
import io.complaintsuite.routing.assignment.OwnerChange;
import io.complaintsuite.routing.classifier.Prediction;
import io.complaintsuite.routing.model.Corrections;
import io.complaintsuite.routing.settings.RoutingSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Transfers between departments, without blind transfers (避免盲目转接): an agent's request goes to the
 * suggested department, or else to the best-ranked department the complaint has not been to yet. A
 * transfer back to a department that already had the complaint is refused unless a supervisor
 * forces it (through the API: an event cannot prove its sender's role). Plain SQL in the caller's
 * transaction, like every other change of an assignment.
 */
@ApplicationScoped
public class Transfers {
  /** What happened to a transfer request: accepted, or refused and why. */
  public record Outcome(TransferRefused refusal) {
    static final Outcome ACCEPTED = new Outcome(null);

    public boolean refused() {
      return refusal != null;
    }
  }

  private final Models models;
  private final Catalogs catalogs;
  private final AssignmentRecorder recorder;
  private final Outbox outbox;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final Corrections corrections;
  private final String triageDepartment;
  private final Duration stickyWindow;

  public Transfers(
      Models models,
      Catalogs catalogs,
      AssignmentRecorder recorder,
      Outbox outbox,
      Clock clock,
      MeterRegistry metrics,
      Corrections corrections,
      RoutingSettings settings) {
    this.corrections = corrections;
    this.models = models;
    this.catalogs = catalogs;
    this.recorder = recorder;
    this.outbox = outbox;
    this.clock = clock;
    this.metrics = metrics;
    this.triageDepartment = settings.triageDepartment();
    this.stickyWindow = settings.stickyWindow();
  }

  /** An agent's request from {@code complaint.transfer-requested}; a refusal is published. */
  public Uni<Void> requested(SqlConnection conn, ComplaintTransferRequested request) {
    return transfer(
            conn,
            request.complaintId(),
            request.requestedBy(),
            request.suggestedDepartment(),
            request.reason(),
            false)
        .chain(
            outcome -> {
              if (!outcome.refused()) {
                return Uni.createFrom().voidItem();
              }
              String key = request.complaintId().toString();
              return outbox
                  .append(conn, EventType.ASSIGNMENT_TRANSFER_REFUSED, key, key, outcome.refusal())
                  .replaceWithVoid();
            });
  }

  /** Decides a transfer in the caller's transaction. */
  public Uni<Outcome> transfer(
      SqlConnection conn,
      UUID complaintId,
      String requestedBy,
      String suggested,
      String reason,
      boolean forced) {
    return AssignmentRow.lockForUpdate(conn, complaintId)
        .chain(
            a -> {
              if (a == null) {
                throw ProblemException.notFound("assignment of complaint " + complaintId);
              }
              return catalogs
                  .problemTypes()
                  .chain(
                      catalog -> {
                        if (suggested != null && !suggested.isBlank()) {
                          return departmentExists(conn, suggested)
                              .chain(
                                  known ->
                                      known
                                          ? decide(
                                              conn,
                                              a,
                                              catalog,
                                              requestedBy,
                                              suggested,
                                              reason,
                                              forced)
                                          : refuse(
                                              a,
                                              requestedBy,
                                              suggested,
                                              "unknown department " + suggested));
                        }
                        String target = nextDepartment(a, catalog);
                        if (target == null) {
                          return refuse(
                              a,
                              requestedBy,
                              null,
                              "every department that fits has already had the complaint; a supervisor must choose");
                        }
                        return decide(conn, a, catalog, requestedBy, target, reason, forced);
                      });
            });
  }

  private static Uni<Boolean> departmentExists(SqlConnection conn, String code) {
    return conn.preparedQuery("select exists (select 1 from department where code = $1) as known")
        .execute(Tuple.of(code))
        .map(rows -> rows.iterator().next().getBoolean("known"));
  }

  private Uni<Outcome> decide(
      SqlConnection conn,
      AssignmentRow a,
      ProblemTypeCatalog catalog,
      String requestedBy,
      String target,
      String reason,
      boolean forced) {
    if (target.equals(a.department())) {
      return refuse(a, requestedBy, target, "the complaint is already with " + target);
    }
    if (a.departmentsSeen().contains(target) && !forced) {
      return refuse(
          a,
          requestedBy,
          target,
          "transfer back to "
              + target
              + ", which already had the complaint ("
              + String.join(" → ", a.departmentsSeen())
              + "); only a supervisor can force it");
    }
    return reassign(conn, a, target, problemTypeIn(a, catalog, target), requestedBy, reason, forced)
        .replaceWith(Outcome.ACCEPTED);
  }

  /**
   * Gives {@code a} to {@code department}: releases the current agent, takes one there (the
   * customer's recent agent first), counts the transfer and publishes the new assignment.
   */
  private Uni<Void> reassign(
      SqlConnection conn,
      AssignmentRow a,
      String department,
      String problemType,
      String requestedBy,
      String reason,
      boolean forced) {
    OffsetDateTime now = Timestamps.now(clock);
    AssignmentRow moved = a.transferredTo(department, problemType);
    Uni<Void> released =
        a.loadHeld() && a.agentId() != null
            ? AgentLoad.release(conn, a.agentId())
            : Uni.createFrom().voidItem();
    return released
        .chain(() -> AgentLoad.ofDepartment(conn, department))
        .chain(
            agents ->
                recentAgent(conn, a.customerId(), now)
                    .chain(
                        recent ->
                            AgentLoad.take(
                                conn,
                                agents,
                                department,
                                problemType,
                                a.input(),
                                recent,
                                Set.of(),
                                now)))
        .chain(
            choice ->
                recorder.newOwner(
                    conn, moved, choice, OwnerChange.transfer(a.department(), reason, forced), now))
        .chain(
            () ->
                corrections.transferred(
                    conn,
                    a.complaintId(),
                    a.number(),
                    a.text(),
                    a.problemType(),
                    problemType,
                    requestedBy,
                    reason,
                    now))
        .invoke(() -> metrics.counter("routing.transfers", "department", department).increment())
        .replaceWithVoid();
  }

  /** The agent of the customer's most recent assigned complaint within the sticky window. */
  private Uni<String> recentAgent(SqlConnection conn, String customerId, OffsetDateTime now) {
    if (customerId == null) {
      return Uni.createFrom().nullItem();
    }
    return conn.preparedQuery(
            "select agent_id from assignment where customer_id = $1 and agent_id is not null"
                + " and created_at >= $2 order by created_at desc limit 1")
        .execute(Tuple.of(customerId, now.minus(stickyWindow)))
        .map(
            rows ->
                rows.iterator().hasNext() ? rows.iterator().next().getString("agent_id") : null);
  }

  /** The best-ranked problem type the target department owns, else the current one. */
  private String problemTypeIn(AssignmentRow a, ProblemTypeCatalog catalog, String department) {
    for (Prediction.Ranked r : models.current().classifier().rank(a.text()).ranking()) {
      ProblemTypeCatalog.Entry entry = catalog.get(r.problemType());
      if (entry != null && entry.department().equals(department)) {
        return r.problemType();
      }
    }
    return a.problemType();
  }

  /** The department of the best-ranked type not yet visited; the triage desk as a last resort. */
  private String nextDepartment(AssignmentRow a, ProblemTypeCatalog catalog) {
    for (Prediction.Ranked r : models.current().classifier().rank(a.text()).ranking()) {
      ProblemTypeCatalog.Entry entry = catalog.get(r.problemType());
      if (entry != null && !a.departmentsSeen().contains(entry.department())) {
        return entry.department();
      }
    }
    return a.departmentsSeen().contains(triageDepartment) ? null : triageDepartment;
  }

  private Uni<Outcome> refuse(AssignmentRow a, String requestedBy, String target, String why) {
    return Uni.createFrom()
        .item(
            new Outcome(
                new TransferRefused(
                    a.complaintId(),
                    a.number(),
                    requestedBy,
                    target,
                    a.department(),
                    a.agentId(),
                    a.departmentsSeen(),
                    a.transferCount(),
                    why,
                    Timestamps.now(clock))));
  }
}
