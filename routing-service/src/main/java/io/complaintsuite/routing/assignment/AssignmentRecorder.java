package io.complaintsuite.routing.assignment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.EventType;
import io.complaintsuite.contracts.routing.AssignmentCreated;
import io.complaintsuite.contracts.routing.Explanation;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.outbox.OutboxEvent;
import io.complaintsuite.routing.analysis.RoutingInput;
import io.complaintsuite.routing.department.CommaSeparated;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The one place that builds {@code assignment.created} and writes it with the assignment row, in
 * the caller's transaction on plain SQL: the row's explanation column holds the same JSON as the
 * outbox event, so {@code GET /assignments/{id}} shows exactly what was published.
 */
@ApplicationScoped
public class AssignmentRecorder {
  private static final CommaSeparated COMMA_SEPARATED = new CommaSeparated();

  private final Outbox outbox;
  private final ObjectMapper json;
  private final MeterRegistry metrics;

  public AssignmentRecorder(Outbox outbox, ObjectMapper json, MeterRegistry metrics) {
    this.outbox = outbox;
    this.json = json;
    this.metrics = metrics;
  }

  /** The first assignment of a received complaint: row and event inserted together. */
  public Uni<Void> first(
      SqlConnection conn,
      UUID complaintId,
      String number,
      String customerId,
      RoutingInput input,
      Decision decision,
      boolean risk,
      OffsetDateTime now) {
    AssignmentCreated event =
        created(
            complaintId,
            number,
            customerId,
            AssignmentCreated.CAUSE_RECEIVED,
            decision,
            0,
            null,
            now);
    String key = complaintId.toString();
    OutboxEvent published;
    try {
      published = outbox.event(EventType.ASSIGNMENT_CREATED, key, key, event);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(e);
    }
    String explanation = published.payload;
    // Subscribed together: the client pipelines both statements on the connection.
    Uni<RowSet<Row>> assignment =
        conn.preparedQuery(
                "insert into assignment (complaint_id, number, customer_id, channel, text,"
                    + " department, agent_id, status, problem_type, priority, risk, explanation,"
                    + " rule_set_version, transfer_count, departments_seen, created_at, updated_at,"
                    + " version, load_held)"
                    + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0, $6,"
                    + " $14, $14, 0, $15)")
            .execute(
                Tuple.from(
                    new Object[] {
                      complaintId,
                      number,
                      customerId,
                      input.channel(),
                      input.text(),
                      decision.department(),
                      decision.agent(),
                      status(decision),
                      decision.problemType(),
                      decision.priority().name().toLowerCase(Locale.ROOT),
                      risk,
                      explanation,
                      decision.ruleSetVersion(),
                      now,
                      !decision.queued()
                    }));
    Uni<UUID> appended = outbox.append(conn, published);
    return Uni.combine().all().unis(assignment, appended).discardItems();
  }

  /**
   * Gives {@code row} (its department and problem type as they are now) to {@code choice}'s agent,
   * or to the queue when it has none, and publishes the change; answers the decision published. The
   * caller has taken the new agent's load and released the old one's.
   */
  public Uni<Decision> newOwner(
      SqlConnection conn,
      AssignmentRow row,
      AgentChoice choice,
      OwnerChange change,
      OffsetDateTime now) {
    Decision before;
    try {
      before = Decision.of(json.readValue(row.explanation(), AssignmentCreated.class));
    } catch (JsonProcessingException e) {
      return Uni.createFrom()
          .failure(
              new IllegalStateException(
                  "stored explanation of " + row.complaintId() + " is unreadable", e));
    }
    Decision decision =
        new Decision(
            row.department(),
            choice.agentId(),
            choice.queued(),
            row.problemType(),
            change.keepsFirstPriority() ? before.priority() : row.grade(),
            before.confidence(),
            new Explanation(
                change.decidedBy(),
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of("kept from the first assignment: " + row.priority()),
                choice.reason(),
                change.why()),
            before.risk(),
            row.ruleSetVersion());
    AssignmentCreated event =
        created(
            row.complaintId(),
            row.number(),
            row.customerId(),
            change.cause(),
            decision,
            row.transferCount(),
            change.previousDepartment(),
            now);
    String key = row.complaintId().toString();
    OutboxEvent published;
    try {
      published = outbox.event(EventType.ASSIGNMENT_CREATED, key, key, event);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(e);
    }
    String explanation = published.payload;
    return conn.preparedQuery(
            "update assignment set department = $2, problem_type = $3, agent_id = $4,"
                + " status = $5, load_held = $6, transfer_count = $7, departments_seen = $8,"
                + " explanation = $9, updated_at = $10, version = version + 1"
                + " where complaint_id = $1")
        .execute(
            Tuple.from(
                new Object[] {
                  row.complaintId(),
                  row.department(),
                  row.problemType(),
                  decision.agent(),
                  status(decision),
                  !decision.queued(),
                  row.transferCount(),
                  COMMA_SEPARATED.convertToDatabaseColumn(row.departmentsSeen()),
                  explanation,
                  now
                }))
        .chain(() -> outbox.append(conn, published))
        .replaceWith(decision);
  }

  /**
   * Counts an assignment decided by {@code decision}'s explanation (metric routing.assignments).
   */
  public void count(Decision decision) {
    metrics
        .counter(
            "routing.assignments",
            "department",
            decision.department(),
            "decided_by",
            decision.explanation().decidedBy(),
            "queued",
            String.valueOf(decision.queued()))
        .increment();
  }

  private static String status(Decision decision) {
    return decision.queued() ? Assignment.QUEUED : Assignment.ASSIGNED;
  }

  private static AssignmentCreated created(
      UUID complaintId,
      String number,
      String customerId,
      String cause,
      Decision d,
      int transferCount,
      String previousDepartment,
      OffsetDateTime now) {
    return new AssignmentCreated(
        complaintId,
        number,
        customerId,
        cause,
        d.department(),
        d.agent(),
        d.queued(),
        d.problemType(),
        d.priority(),
        d.confidence(),
        d.explanation(),
        d.risk(),
        d.ruleSetVersion(),
        transferCount,
        previousDepartment,
        now);
  }
}
