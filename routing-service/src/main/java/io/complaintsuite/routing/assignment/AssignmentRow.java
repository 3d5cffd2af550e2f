package io.complaintsuite.routing.assignment;

import io.complaintsuite.contracts.Priority;
import io.complaintsuite.routing.analysis.RoutingInput;
import io.complaintsuite.routing.department.CommaSeparated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** An assignment row as the plain-SQL write paths (transfers, escalations, capacity) need it. */
public record AssignmentRow(
    UUID complaintId,
    String number,
    String customerId,
    String channel,
    String text,
    String department,
    String agentId,
    String status,
    String problemType,
    String priority,
    String explanation,
    int ruleSetVersion,
    int transferCount,
    List<String> departmentsSeen,
    int escalationLevel,
    String lifecycle,
    boolean loadHeld,
    OffsetDateTime createdAt) {
  private static final CommaSeparated COMMA_SEPARATED = new CommaSeparated();

  /** The columns {@link #of} reads. */
  public static final String COLUMNS =
      "complaint_id, number, customer_id, channel, text, department, agent_id, status,"
          + " problem_type, priority, explanation, rule_set_version, transfer_count,"
          + " departments_seen, escalation_level, lifecycle, load_held, created_at";

  public static AssignmentRow of(Row r) {
    return new AssignmentRow(
        r.getUUID("complaint_id"),
        r.getString("number"),
        r.getString("customer_id"),
        r.getString("channel"),
        r.getString("text"),
        r.getString("department"),
        r.getString("agent_id"),
        r.getString("status"),
        r.getString("problem_type"),
        r.getString("priority"),
        r.getString("explanation"),
        r.getInteger("rule_set_version"),
        r.getInteger("transfer_count"),
        COMMA_SEPARATED.convertToEntityAttribute(r.getString("departments_seen")),
        r.getInteger("escalation_level"),
        r.getString("lifecycle"),
        r.getBoolean("load_held"),
        r.getOffsetDateTime("created_at"));
  }

  /** The complaint's row locked until the transaction ends; null when routing has none. */
  public static Uni<AssignmentRow> lockForUpdate(SqlConnection conn, UUID complaintId) {
    return conn.preparedQuery(
            "select " + COLUMNS + " from assignment where complaint_id = $1 for update")
        .execute(Tuple.of(complaintId))
        .map(rows -> rows.iterator().hasNext() ? of(rows.iterator().next()) : null);
  }

  /** The current priority (a priority-changed event updates it). */
  public Priority grade() {
    return Priority.valueOf(priority.toUpperCase(Locale.ROOT));
  }

  /** The complaint as the agent picker sees it. */
  public RoutingInput input() {
    return new RoutingInput(text, channel, customerId, null, grade());
  }

  /** This row given to {@code to}: one transfer more, {@code to} appended to the departments. */
  public AssignmentRow transferredTo(String to, String newProblemType) {
    List<String> seen = new ArrayList<>(departmentsSeen);
    seen.add(to);
    return new AssignmentRow(
        complaintId,
        number,
        customerId,
        channel,
        text,
        to,
        agentId,
        status,
        newProblemType,
        priority,
        explanation,
        ruleSetVersion,
        transferCount + 1,
        List.copyOf(seen),
        escalationLevel,
        lifecycle,
        loadHeld,
        createdAt);
  }
}
