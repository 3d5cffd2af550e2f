package io.complaintsuite.routing.model;

import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.routing.AssignmentReclassified;
import io.complaintsuite.platform.inbox.PoisonEventException;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.routing.analysis.Catalogs;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Labels that agents corrected, in the transaction of the event that corrected them: an agent's or
 * supervisor's reclassification ({@code complaint.reclassified}) or an accepted transfer that gave
 * the complaint another type. Each is stored as a labelled example (retraining learns from it),
 * updates the assignment's type (the first one is kept for "first classification right") and is
 * published as {@code assignment.reclassified}.
 */
@ApplicationScoped
public class Corrections {
  public static final String RECLASSIFY = "reclassify";
  public static final String TRANSFER = "transfer";

  private final Outbox outbox;
  private final Catalogs catalogs;
  private final MeterRegistry metrics;

  public Corrections(Outbox outbox, Catalogs catalogs, MeterRegistry metrics) {
    this.outbox = outbox;
    this.catalogs = catalogs;
    this.metrics = metrics;
  }

  /** An agent or supervisor says the complaint's type is {@code problemType}. */
  public Uni<Void> reclassified(
      SqlConnection conn,
      UUID complaintId,
      String problemType,
      String by,
      String reason,
      OffsetDateTime at) {
    return catalogs
        .problemTypes()
        .chain(
            catalog -> {
              if (catalog.get(problemType) == null) {
                throw new PoisonEventException(
                    "problemType '" + problemType + "' is not in the catalogue in force");
              }
              return conn.preparedQuery(
                      "select number, text, problem_type, first_problem_type from assignment"
                          + " where complaint_id = $1 for update")
                  .execute(Tuple.of(complaintId));
            })
        .chain(
            rows -> {
              if (!rows.iterator().hasNext()) {
                throw new PoisonEventException(
                    "reclassification of complaint " + complaintId + ", which routing never saw");
              }
              Row a = rows.iterator().next();
              String current = a.getString("problem_type");
              if (problemType.equals(current)) {
                return Uni.createFrom().voidItem();
              }
              return conn.preparedQuery(
                      "update assignment set first_problem_type = coalesce(first_problem_type,"
                          + " problem_type), problem_type = $2, reclassified_at = $3"
                          + " where complaint_id = $1")
                  .execute(Tuple.of(complaintId, problemType, at))
                  .chain(
                      () ->
                          record(
                              conn,
                              complaintId,
                              a.getString("number"),
                              a.getString("text"),
                              a.getString("first_problem_type") != null
                                  ? a.getString("first_problem_type")
                                  : current,
                              current,
                              problemType,
                              RECLASSIFY,
                              by,
                              reason,
                              at));
            });
  }

  /**
   * An accepted transfer gave the complaint {@code newType} (already written on the assignment):
   * the first type was wrong.
   */
  public Uni<Void> transferred(
      SqlConnection conn,
      UUID complaintId,
      String number,
      String text,
      String previousType,
      String newType,
      String by,
      String reason,
      OffsetDateTime at) {
    if (newType == null || newType.equals(previousType)) {
      return Uni.createFrom().voidItem();
    }
    return conn.preparedQuery(
            "update assignment set first_problem_type = coalesce(first_problem_type, $2),"
                + " reclassified_at = $3 where complaint_id = $1 returning first_problem_type")
        .execute(Tuple.of(complaintId, previousType, at))
        .chain(
            rows ->
                record(
                    conn,
                    complaintId,
                    number,
                    text,
                    rows.iterator().next().getString("first_problem_type"),
                    previousType,
                    newType,
                    TRANSFER,
                    by,
                    reason,
                    at));
  }

  private Uni<Void> record(
      SqlConnection conn,
      UUID complaintId,
      String number,
      String text,
      String firstType,
      String previousType,
      String problemType,
      String source,
      String by,
      String reason,
      OffsetDateTime at) {
    metrics.counter("routing.corrections", "source", source).increment();
    return conn.preparedQuery(
            "insert into labelled_example (complaint_id, text, problem_type, previous_type,"
                + " source, labelled_by, reason, created_at) values ($1, $2, $3, $4, $5, $6, $7,"
                + " $8)")
        .execute(
            Tuple.from(
                new Object[] {
                  complaintId, text, problemType, previousType, source, by, reason, at
                }))
        .chain(
            () ->
                outbox.append(
                    conn,
                    EventType.ASSIGNMENT_RECLASSIFIED,
                    complaintId.toString(),
                    complaintId.toString(),
                    new AssignmentReclassified(
                        complaintId,
                        number,
                        firstType,
                        previousType,
                        problemType,
                        source,
                        by,
                        reason == null || reason.isBlank() ? "(no reason given)" : reason,
                        at)))
        .replaceWithVoid();
  }
}
