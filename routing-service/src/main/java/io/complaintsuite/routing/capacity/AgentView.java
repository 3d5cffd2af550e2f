package io.complaintsuite.routing.capacity;

import io.complaintsuite.routing.department.Agent;
import io.complaintsuite.routing.department.CommaSeparated;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An agent as the admin API shows and accepts it. {@code openComplaints} is the number of
 * assignments that hold the agent's load; {@code schedule} (null: the on-duty flag is manual) is
 * the shift pattern, see {@link Schedule}.
 */
public record AgentView(
    String id,
    String name,
    String department,
    List<String> skills,
    List<String> languages,
    List<String> channels,
    Integer capacity,
    Boolean onDuty,
    Integer openComplaints,
    OffsetDateTime lastAssignedAt,
    Schedule schedule) {
  private static final CommaSeparated COMMA_SEPARATED = new CommaSeparated();

  static AgentView of(Agent a) {
    return new AgentView(
        a.id,
        a.name,
        a.department,
        a.skills,
        a.languages,
        a.channels,
        a.capacity,
        a.onDuty,
        a.openComplaints,
        a.lastAssignedAt,
        Schedule.fromJson(a.schedule));
  }

  static AgentView of(Row r) {
    return new AgentView(
        r.getString("id"),
        r.getString("name"),
        r.getString("department"),
        COMMA_SEPARATED.convertToEntityAttribute(r.getString("skills")),
        COMMA_SEPARATED.convertToEntityAttribute(r.getString("languages")),
        COMMA_SEPARATED.convertToEntityAttribute(r.getString("channels")),
        r.getInteger("capacity"),
        r.getBoolean("on_duty"),
        r.getInteger("open_complaints"),
        r.getOffsetDateTime("last_assigned_at"),
        Schedule.fromJson(r.getString("schedule")));
  }
}
