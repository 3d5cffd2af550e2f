package io.complaintsuite.routing.intake;

import io.complaintsuite.contracts.Priority;
import io.complaintsuite.routing.analysis.RoutingInput;
import io.complaintsuite.routing.assignment.AgentChoice;
import io.complaintsuite.routing.department.Agent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lets the capacity feature take agents through the router's plain-SQL path (the pure {@code pick}
 * and the conditional update that never overfills an agent) without seeing its internals.
 */
@ApplicationScoped
public class CapacityGateway {
  private final Router router;

  public CapacityGateway(Router router) {
    this.router = router;
  }

  /** The department's agents, as the hot path reads them. */
  public Uni<List<Agent>> agents(SqlConnection conn, String department) {
    return conn.preparedQuery(
            "select id, name, skills, languages, channels, capacity, on_duty, open_complaints,"
                + " last_assigned_at from agent where department = $1 order by id")
        .execute(Tuple.of(department))
        .map(
            rows -> {
              List<Agent> agents = new ArrayList<>();
              for (Row row : rows) {
                Agent a = Router.agent(row);
                a.department = department;
                agents.add(a);
              }
              return agents;
            });
  }

  /**
   * Takes the best agent of {@code agents} for the complaint, skipping {@code notAgain}; the agent
   * (null: nobody can) and why. The taken agent's load is raised in the database.
   */
  public Uni<AgentChoice> take(
      SqlConnection conn,
      List<Agent> agents,
      String department,
      String problemType,
      String text,
      String channel,
      String customerId,
      Priority priority,
      Set<String> notAgain,
      OffsetDateTime now) {
    RoutingInput input = new RoutingInput(text, channel, customerId, null, priority);
    return router.take(conn, agents, department, problemType, input, null, notAgain, now);
  }
}
