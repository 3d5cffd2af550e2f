package io.complaintsuite.routing.assignment;

import io.complaintsuite.routing.analysis.RoutingInput;
import io.complaintsuite.routing.department.Agent;
import io.complaintsuite.routing.department.CommaSeparated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Agents' load on plain SQL in the caller's transaction. An agent is taken by a conditional update
 * that re-checks duty and capacity, so concurrent routers never overfill anyone without locking the
 * whole department; one filled meanwhile is skipped and the next best taken.
 */
public final class AgentLoad {
  private static final CommaSeparated COMMA_SEPARATED = new CommaSeparated();

  /** The agent columns {@link #agent} reads. */
  public static final String AGENT_COLUMNS =
      "id, name, skills, languages, channels, capacity, on_duty, open_complaints,"
          + " last_assigned_at";

  private AgentLoad() {}

  public static Agent agent(Row row) {
    Agent a = new Agent();
    a.id = row.getString("id");
    a.name = row.getString("name");
    a.skills = COMMA_SEPARATED.convertToEntityAttribute(row.getString("skills"));
    a.languages = COMMA_SEPARATED.convertToEntityAttribute(row.getString("languages"));
    a.channels = COMMA_SEPARATED.convertToEntityAttribute(row.getString("channels"));
    a.capacity = row.getInteger("capacity");
    a.onDuty = row.getBoolean("on_duty");
    a.openComplaints = row.getInteger("open_complaints");
    a.lastAssignedAt = row.getOffsetDateTime("last_assigned_at");
    return a;
  }

  /** The department's agents, ordered by id. */
  public static Uni<List<Agent>> ofDepartment(SqlConnection conn, String department) {
    return conn.preparedQuery(
            "select " + AGENT_COLUMNS + " from agent where department = $1 order by id")
        .execute(Tuple.of(department))
        .map(
            rows -> {
              List<Agent> agents = new ArrayList<>();
              for (Row row : rows) {
                Agent a = agent(row);
                a.department = department;
                agents.add(a);
              }
              return agents;
            });
  }

  /**
   * Picks the best of {@code agents} for the complaint (skipping {@code notAgain}) and raises their
   * load; the choice has no agent when nobody can take it. The taken agent's load is mirrored in
   * {@code agents}, so one list serves a whole queue drain.
   */
  public static Uni<AgentChoice> take(
      SqlConnection conn,
      List<Agent> agents,
      String department,
      String problemType,
      RoutingInput input,
      String recentAgent,
      Set<String> notAgain,
      OffsetDateTime now) {
    return takeSkipping(
        conn, agents, department, problemType, input, recentAgent, new HashSet<>(notAgain), now);
  }

  private static Uni<AgentChoice> takeSkipping(
      SqlConnection conn,
      List<Agent> agents,
      String department,
      String problemType,
      RoutingInput input,
      String recentAgent,
      Set<String> skipped,
      OffsetDateTime now) {
    AgentChoice choice =
        AgentPicker.pick(agents, department, problemType, input, recentAgent, skipped);
    if (choice.agent() == null) {
      return Uni.createFrom().item(choice);
    }
    return tryTake(conn, choice.agent().id, now)
        .chain(
            taken -> {
              if (taken) {
                choice.agent().openComplaints++;
                choice.agent().lastAssignedAt = now;
                return Uni.createFrom().item(choice);
              }
              skipped.add(choice.agent().id); // filled or gone off duty meanwhile
              return takeSkipping(
                  conn, agents, department, problemType, input, recentAgent, skipped, now);
            });
  }

  /** Raises the agent's load only if they are still on duty and below capacity. */
  public static Uni<Boolean> tryTake(SqlConnection conn, String agentId, OffsetDateTime now) {
    return conn.preparedQuery(
            "update agent set open_complaints = open_complaints + 1, last_assigned_at = $2,"
                + " version = version + 1"
                + " where id = $1 and on_duty and open_complaints < capacity")
        .execute(Tuple.of(agentId, now))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Lowers the agent's load by one complaint (never below zero). */
  public static Uni<Void> release(SqlConnection conn, String agentId) {
    return conn.preparedQuery(
            "update agent set open_complaints = open_complaints - 1, version = version + 1"
                + " where id = $1 and open_complaints > 0")
        .execute(Tuple.of(agentId))
        .replaceWithVoid();
  }
}
