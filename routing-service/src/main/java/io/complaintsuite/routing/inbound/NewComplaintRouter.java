package io.complaintsuite.routing.inbound;

import io.complaintsuite.contracts.Channel;
import io.complaintsuite.contracts.ComplaintReceived;
import io.complaintsuite.contracts.routing.Explanation;
import io.complaintsuite.contracts.routing.RiskAssessment;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.routing.analysis.Analysis;
import io.complaintsuite.routing.analysis.Catalogs;
import io.complaintsuite.routing.analysis.Models;
import io.complaintsuite.routing.analysis.ProblemTypeCatalog;
import io.complaintsuite.routing.analysis.RoutingInput;
import io.complaintsuite.routing.assignment.AgentChoice;
import io.complaintsuite.routing.assignment.AgentLoad;
import io.complaintsuite.routing.assignment.AgentPicker;
import io.complaintsuite.routing.assignment.AssignmentRecorder;
import io.complaintsuite.routing.assignment.Decision;
import io.complaintsuite.routing.department.Agent;
import io.complaintsuite.routing.rules.RuleBook;
import io.complaintsuite.routing.ruleset.RuleSets;
import io.complaintsuite.routing.settings.RoutingSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Routes new complaints, the hot path, on plain SQL (docs/routing-service.md, "Latency benchmark"):
 * analysis (rules, classifier, risk), then an agent of the department — the customer's recent agent
 * when free, else the least loaded on-duty agent with the skill (ties: longest idle), else the
 * department's queue — then the assignment row and its {@code assignment.created} event. Dry-runs
 * decide the same way and change nothing.
 */
@ApplicationScoped
public class NewComplaintRouter {
  private final Models models;
  private final RuleSets ruleSets;
  private final Catalogs catalogs;
  private final AssignmentRecorder recorder;
  private final Pool pool;
  private final Clock clock;
  private final Duration stickyWindow;

  public NewComplaintRouter(
      Models models,
      RuleSets ruleSets,
      Catalogs catalogs,
      AssignmentRecorder recorder,
      Pool pool,
      Clock clock,
      RoutingSettings settings) {
    this.models = models;
    this.ruleSets = ruleSets;
    this.catalogs = catalogs;
    this.recorder = recorder;
    this.pool = pool;
    this.clock = clock;
    this.stickyWindow = settings.stickyWindow();
  }

  /**
   * Routes a received complaint in the inbox's transaction on {@code conn}; routed once per
   * complaint. One query reads whether the complaint is routed, the customer's recent agent, the
   * active rule-set version and the department's agents; a conditional update takes the agent; the
   * assignment and its outbox event are inserted together (pipelined).
   */
  public Uni<Void> route(ComplaintReceived complaint, SqlConnection conn) {
    RoutingInput input = input(complaint);
    return plan(conn, complaint.complaintId(), input)
        .chain(
            plan -> {
              if (plan == null) {
                // Another event id for a complaint already routed (e.g. a replay): keep the first.
                return Uni.createFrom().voidItem();
              }
              Analysis analysis = plan.analysis();
              OffsetDateTime now = Timestamps.now(clock);
              return AgentLoad.take(
                      conn,
                      plan.state().agents(),
                      analysis.department(),
                      analysis.problemType(),
                      input,
                      plan.state().recentAgent(),
                      Set.of(),
                      now)
                  .chain(
                      choice -> {
                        Decision decision = decision(analysis, choice);
                        recorder.count(decision);
                        return recorder.first(
                            conn,
                            complaint.complaintId(),
                            complaint.number(),
                            complaint.customer().id(),
                            input,
                            decision,
                            analysis.risk().flagged(),
                            now);
                      });
            });
  }

  /**
   * The classifier's CPU-heavy part (the sentence embedding, ~5–10 ms) for {@code complaint}, run
   * by the consumer on a worker thread before the inbox transaction, so the event loop that holds
   * the transaction does not compute it.
   */
  public void prepare(ComplaintReceived complaint) {
    models.current().classifier().prepare(input(complaint).text());
  }

  /** The decision for {@code input}, changing nothing. */
  public Uni<Decision> dryRun(RoutingInput input) {
    return pool.withConnection(
        conn ->
            plan(conn, null, input)
                .map(
                    plan ->
                        decision(
                            plan.analysis(),
                            AgentPicker.pick(
                                plan.state().agents(),
                                plan.analysis().department(),
                                plan.analysis().problemType(),
                                input,
                                plan.state().recentAgent(),
                                Set.of()))));
  }

  /** The analysis and what the agent choice needs; null when the complaint is already routed. */
  private record Plan(Analysis analysis, RoutingState state) {}

  /** What one query reads before deciding. */
  private record RoutingState(
      boolean routed, Integer ruleSetVersion, String recentAgent, List<Agent> agents) {}

  /**
   * The analysis runs before the first query with the rules this replica compiled last, and again
   * only if that query finds another version active, so an activation on any replica applies to the
   * next complaint; the agents are read again only if the department changed with it.
   */
  private Uni<Plan> plan(SqlConnection conn, UUID complaintId, RoutingInput input) {
    return catalogs
        .problemTypes()
        .chain(
            catalog -> {
              RuleBook seen = ruleSets.lastSeen();
              Analysis guess = seen == null ? null : models.current().analyse(input, seen, catalog);
              String department = guess == null ? null : guess.department();
              return routingState(conn, complaintId, input, department)
                  .chain(
                      state -> {
                        if (state.routed()) {
                          return Uni.createFrom().<Plan>nullItem();
                        }
                        if (guess != null
                            && Objects.equals(state.ruleSetVersion(), seen.version())) {
                          return Uni.createFrom().item(new Plan(guess, state));
                        }
                        return reanalyse(conn, complaintId, input, catalog, department, state);
                      });
            });
  }

  private Uni<Plan> reanalyse(
      SqlConnection conn,
      UUID complaintId,
      RoutingInput input,
      ProblemTypeCatalog catalog,
      String guessedDepartment,
      RoutingState state) {
    return ruleSets
        .active(conn, state.ruleSetVersion())
        .chain(
            rules -> {
              Analysis analysis = models.current().analyse(input, rules, catalog);
              if (analysis.department().equals(guessedDepartment)) {
                return Uni.createFrom().item(new Plan(analysis, state));
              }
              return routingState(conn, complaintId, input, analysis.department())
                  .map(again -> new Plan(analysis, again));
            });
  }

  private Uni<RoutingState> routingState(
      SqlConnection conn, UUID complaintId, RoutingInput input, String department) {
    OffsetDateTime since = Timestamps.now(clock).minus(stickyWindow);
    return conn.preparedQuery(
            "select s.rule_set_version, s.routed, s.recent_agent, a.id, a.name, a.skills,"
                + " a.languages, a.channels, a.capacity, a.on_duty, a.open_complaints,"
                + " a.last_assigned_at"
                + " from (select (select version from rule_set where status = 'active')"
                + " as rule_set_version,"
                + " exists (select 1 from assignment where complaint_id = $1) as routed,"
                + " (select agent_id from assignment where customer_id = $2"
                + " and agent_id is not null and created_at >= $3"
                + " order by created_at desc limit 1) as recent_agent) s"
                + " left join agent a on a.department = $4 order by a.id")
        .execute(Tuple.of(complaintId, input.customerId(), since, department))
        .map(
            rows -> {
              List<Agent> agents = new ArrayList<>();
              Row first = null;
              for (Row row : rows) {
                if (first == null) {
                  first = row;
                }
                if (row.getString("id") != null) {
                  agents.add(AgentLoad.agent(row));
                }
              }
              return new RoutingState(
                  first.getBoolean("routed"),
                  first.getInteger("rule_set_version"),
                  first.getString("recent_agent"),
                  agents);
            });
  }

  private static Decision decision(Analysis a, AgentChoice choice) {
    return new Decision(
        a.department(),
        choice.agentId(),
        choice.queued(),
        a.problemType(),
        a.priority(),
        a.confidence(),
        new Explanation(
            a.decidedBy(),
            a.rule(),
            a.matchedRules(),
            a.topFeatures(),
            a.neighbours(),
            a.priorityReasons(),
            choice.reason(),
            null),
        withoutOwner(a.risk(), a.department()),
        a.ruleSetVersion());
  }

  /** PR/legal see a risky complaint in addition to its owner: no need to list the owner twice. */
  private static RiskAssessment withoutOwner(RiskAssessment risk, String owner) {
    if (!risk.flagged()) {
      return risk;
    }
    return new RiskAssessment(
        true, risk.evidence(), risk.alsoRoutedTo().stream().filter(d -> !d.equals(owner)).toList());
  }

  static RoutingInput input(ComplaintReceived c) {
    String text = (c.subject() == null ? "" : c.subject() + "\n") + c.description();
    return new RoutingInput(
        text,
        c.channel() == null ? null : json(c.channel()),
        c.customer() == null ? null : c.customer().id(),
        null,
        c.priorityGiven() ? c.priority() : null);
  }

  /** A channel as its JSON name (phone, web-chat, ...). */
  static String json(Channel channel) {
    return channel.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
