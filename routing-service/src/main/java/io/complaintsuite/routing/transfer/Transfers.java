package io.complaintsuite.routing.transfer;

import io.complaintsuite.contracts.ComplaintTransferRequested;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.routing.analysis.Catalogs;
import io.complaintsuite.routing.analysis.ComplaintAnalyzer;
import io.complaintsuite.routing.analysis.ProblemTypeCatalog;
import io.complaintsuite.routing.assignment.Assignment;
import io.complaintsuite.routing.assignment.RoutingEvents;
import io.complaintsuite.routing.classifier.Prediction;
import io.complaintsuite.routing.department.Department;
import io.complaintsuite.routing.intake.TransferGateway;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Transfers between departments, without blind transfers (避免盲目转接): an agent's request goes to the
 * suggested department, or else to the best-ranked department the complaint has not been to yet. A
 * transfer back to a department that already had the complaint is refused unless a supervisor
 * forces it (through the API: an event cannot prove its sender's role).
 */
@ApplicationScoped
public class Transfers {
  /** What happened to a transfer request. */
  public record Outcome(Assignment assignment, TransferRefused refusal) {
    public boolean refused() {
      return refusal != null;
    }
  }

  private final TransferGateway gateway;
  private final ComplaintAnalyzer analyzer;
  private final Catalogs catalogs;
  private final Outbox outbox;
  private final Clock clock;
  private final String triageDepartment;

  public Transfers(
      TransferGateway gateway,
      ComplaintAnalyzer analyzer,
      Catalogs catalogs,
      Outbox outbox,
      Clock clock,
      @ConfigProperty(name = "routing.triage-department", defaultValue = "service-desk")
          String triageDepartment) {
    this.gateway = gateway;
    this.analyzer = analyzer;
    this.catalogs = catalogs;
    this.outbox = outbox;
    this.clock = clock;
    this.triageDepartment = triageDepartment;
  }

  /** An agent's request from {@code complaint.transfer-requested}; a refusal is published. */
  public Uni<Void> requested(ComplaintTransferRequested request) {
    return transfer(
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
                  .append(RoutingEvents.TRANSFER_REFUSED, key, key, outcome.refusal())
                  .replaceWithVoid();
            });
  }

  /** Decides a transfer in the caller's transaction. */
  public Uni<Outcome> transfer(
      UUID complaintId, String requestedBy, String suggested, String reason, boolean forced) {
    return Assignment.<Assignment>findById(complaintId, LockModeType.PESSIMISTIC_WRITE)
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
                          return Department.<Department>findById(suggested)
                              .chain(
                                  d ->
                                      d == null
                                          ? refuse(
                                              a,
                                              requestedBy,
                                              suggested,
                                              "unknown department " + suggested)
                                          : decide(
                                              a, catalog, requestedBy, suggested, reason, forced));
                        }
                        String target = nextDepartment(a, catalog);
                        if (target == null) {
                          return refuse(
                              a,
                              requestedBy,
                              null,
                              "every department that fits has already had the complaint; a supervisor must choose");
                        }
                        return decide(a, catalog, requestedBy, target, reason, forced);
                      });
            });
  }

  private Uni<Outcome> decide(
      Assignment a,
      ProblemTypeCatalog catalog,
      String requestedBy,
      String target,
      String reason,
      boolean forced) {
    if (target.equals(a.department)) {
      return refuse(a, requestedBy, target, "the complaint is already with " + target);
    }
    if (a.departmentsSeen.contains(target) && !forced) {
      return refuse(
          a,
          requestedBy,
          target,
          "transfer back to "
              + target
              + ", which already had the complaint ("
              + String.join(" → ", a.departmentsSeen)
              + "); only a supervisor can force it");
    }
    return gateway
        .reassign(a, target, problemTypeIn(a, catalog, target), reason, forced)
        .map(updated -> new Outcome(updated, null));
  }

  /** The best-ranked problem type the target department owns, else the current one. */
  private String problemTypeIn(Assignment a, ProblemTypeCatalog catalog, String department) {
    for (Prediction.Ranked r : analyzer.classifier().classify(a.text).ranking()) {
      ProblemTypeCatalog.Entry entry = catalog.get(r.problemType());
      if (entry != null && entry.department().equals(department)) {
        return r.problemType();
      }
    }
    return a.problemType;
  }

  /** The department of the best-ranked type not yet visited; the triage desk as a last resort. */
  private String nextDepartment(Assignment a, ProblemTypeCatalog catalog) {
    for (Prediction.Ranked r : analyzer.classifier().classify(a.text).ranking()) {
      ProblemTypeCatalog.Entry entry = catalog.get(r.problemType());
      if (entry != null && !a.departmentsSeen.contains(entry.department())) {
        return entry.department();
      }
    }
    return a.departmentsSeen.contains(triageDepartment) ? null : triageDepartment;
  }

  private Uni<Outcome> refuse(Assignment a, String requestedBy, String target, String why) {
    return Uni.createFrom()
        .item(
            new Outcome(
                a,
                new TransferRefused(
                    a.complaintId,
                    a.number,
                    requestedBy,
                    target,
                    a.department,
                    a.agentId,
                    a.departmentsSeen,
                    a.transferCount,
                    why,
                    Timestamps.now(clock))));
  }
}
