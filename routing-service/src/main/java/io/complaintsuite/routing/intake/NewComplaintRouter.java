package io.complaintsuite.routing.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.ComplaintReceived;
import io.complaintsuite.contracts.Priority;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.routing.analysis.Analysis;
import io.complaintsuite.routing.analysis.Catalogs;
import io.complaintsuite.routing.analysis.ComplaintAnalyzer;
import io.complaintsuite.routing.analysis.RoutingInput;
import io.complaintsuite.routing.assignment.AgentChoice;
import io.complaintsuite.routing.assignment.AgentPicker;
import io.complaintsuite.routing.assignment.Assignment;
import io.complaintsuite.routing.assignment.AssignmentCreated;
import io.complaintsuite.routing.assignment.Decision;
import io.complaintsuite.routing.assignment.RoutingEvents;
import io.complaintsuite.routing.department.Agent;
import io.complaintsuite.routing.department.CommaSeparated;
import io.complaintsuite.routing.risk.RiskAssessment;
import io.complaintsuite.routing.rules.RuleBook;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides and records assignments: analysis (rules, classifier, risk), then an agent of the
 * department — the customer's recent agent when free, else the least loaded on-duty agent with the
 * skill (ties: longest idle), else the department's queue — then the assignment row and its {@code
 * assignment.created} event in one transaction.
 */
@ApplicationScoped
public class Router {
  private static final CommaSeparated COMMA_SEPARATED = new CommaSeparated();
  private final ComplaintAnalyzer analyzer;
  private final io.complaintsuite.routing.ruleset.RuleSets ruleSets;
  private final Catalogs catalogs;
  private final Outbox outbox;
  private final ObjectMapper json;
  private final Clock clock;
  private final Duration stickyWindow;
  private final MeterRegistry metrics;

  public Router(
      ComplaintAnalyzer analyzer,
      io.complaintsuite.routing.ruleset.RuleSets ruleSets,
      Catalogs catalogs,
      Outbox outbox,
      ObjectMapper json,
      Clock clock,
      MeterRegistry metrics,
      @ConfigProperty(name = "routing.sticky-window", defaultValue = "P30D")
          Duration stickyWindow) {
    this.analyzer = analyzer;
    this.ruleSets = ruleSets;
    this.catalogs = catalogs;
    this.outbox = outbox;
    this.json = json;
    this.clock = clock;
    this.metrics = metrics;
    this.stickyWindow = stickyWindow;
  }

  public Uni<Analysis> analyse(RoutingInput input) {
    // One query at a time: a reactive session must not run two at once.
    return ruleSets
        .active()
        .chain(
            rules ->
                catalogs.problemTypes().map(catalog -> analyzer.analyse(input, rules, catalog)));
  }

  /** The decision for {@code input}, changing nothing. Needs a session. */
  public Uni<Decision> dryRun(RoutingInput input) {
    return analyse(input)
        .chain(
            analysis ->
                chooseAgent(analysis.department(), analysis.problemType(), input, false)
                    .map(choice -> decision(analysis, choice, null)));
  }

  /**
   * Routes a received complaint in the inbox's transaction on {@code conn}; routed once per
   * complaint. Plain SQL, no Hibernate session: this is the hot path (docs/routing-service.md,
   * "Latency benchmark"). One query reads whether the complaint is routed, the customer's recent
   * agent, the active rule-set version and the department's agents; a conditional update takes the
   * agent; the assignment and its outbox event are inserted together (pipelined). The analysis runs
   * before the first query with the rules this replica compiled last, and again only if that query
   * finds another version active, so an activation on any replica applies to the next complaint.
   */
  public Uni<Void> route(ComplaintReceived complaint, SqlConnection conn) {
    RoutingInput input = input(complaint);
    return catalogs
        .problemTypes()
        .chain(
            catalog -> {
              RuleBook seen = ruleSets.lastSeen();
              Analysis guess = seen == null ? null : analyzer.analyse(input, seen, catalog);
              String department = guess == null ? null : guess.department();
              return routingState(conn, complaint, input, department)
                  .chain(
                      state -> {
                        if (state.routed()) {
                          // Another event id for a complaint already routed (e.g. a replay): keep
                          // the first.
                          return Uni.createFrom().voidItem();
                        }
                        if (guess != null
                            && Objects.equals(state.ruleSetVersion(), seen.version())) {
                          return takeAndRecord(conn, complaint, input, guess, state);
                        }
                        return ruleSets
                            .active(conn, state.ruleSetVersion())
                            .chain(
                                rules -> {
                                  Analysis analysis = analyzer.analyse(input, rules, catalog);
                                  if (analysis.department().equals(department)) {
                                    return takeAndRecord(conn, complaint, input, analysis, state);
                                  }
                                  return routingState(conn, complaint, input, analysis.department())
                                      .chain(
                                          again ->
                                              takeAndRecord(
                                                  conn, complaint, input, analysis, again));
                                });
                      });
            });
  }

  /** What the hot path reads in one query before deciding. */
  private record RoutingState(
      boolean routed, Integer ruleSetVersion, String recentAgent, List<Agent> agents) {}

  private Uni<RoutingState> routingState(
      SqlConnection conn, ComplaintReceived complaint, RoutingInput input, String department) {
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
        .execute(Tuple.of(complaint.complaintId(), input.customerId(), since, department))
        .map(
            rows -> {
              List<Agent> agents = new ArrayList<>();
              Row first = null;
              for (Row row : rows) {
                if (first == null) {
                  first = row;
                }
                if (row.getString("id") != null) {
                  agents.add(agent(row));
                }
              }
              return new RoutingState(
                  first.getBoolean("routed"),
                  first.getInteger("rule_set_version"),
                  first.getString("recent_agent"),
                  agents);
            });
  }

  static Agent agent(Row row) {
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

  private Uni<Void> takeAndRecord(
      SqlConnection conn,
      ComplaintReceived complaint,
      RoutingInput input,
      Analysis analysis,
      RoutingState state) {
    OffsetDateTime now = Timestamps.now(clock);
    return take(
            conn,
            state.agents(),
            analysis.department(),
            analysis.problemType(),
            input,
            state.recentAgent(),
            new HashSet<>(),
            now)
        .chain(choice -> insert(conn, complaint, input, analysis, choice, now));
  }

  /** The chosen agent's load is raised only if they are still on duty and below capacity. */
  Uni<AgentChoice> take(
      SqlConnection conn,
      List<Agent> all,
      String department,
      String problemType,
      RoutingInput input,
      String recentAgent,
      Set<String> filledMeanwhile,
      OffsetDateTime now) {
    AgentChoice choice =
        AgentPicker.pick(all, department, problemType, input, recentAgent, filledMeanwhile);
    if (choice.agent() == null) {
      return Uni.createFrom().item(choice);
    }
    return conn.preparedQuery(
            "update agent set open_complaints = open_complaints + 1, last_assigned_at = $2,"
                + " version = version + 1"
                + " where id = $1 and on_duty and open_complaints < capacity")
        .execute(Tuple.of(choice.agent().id, now))
        .chain(
            rows -> {
              if (rows.rowCount() == 1) {
                return Uni.createFrom().item(choice);
              }
              filledMeanwhile.add(choice.agent().id);
              return take(
                  conn, all, department, problemType, input, recentAgent, filledMeanwhile, now);
            });
  }

  private Uni<Void> insert(
      SqlConnection conn,
      ComplaintReceived complaint,
      RoutingInput input,
      Analysis analysis,
      AgentChoice choice,
      OffsetDateTime now) {
    Decision decision = decision(analysis, choice, null);
    count(decision);
    AssignmentCreated event =
        new AssignmentCreated(
            complaint.complaintId(),
            complaint.number(),
            complaint.customer().id(),
            AssignmentCreated.CAUSE_RECEIVED,
            decision.department(),
            decision.agent(),
            decision.queued(),
            decision.problemType(),
            decision.priority(),
            decision.confidence(),
            decision.explanation(),
            decision.risk(),
            decision.ruleSetVersion(),
            0,
            null,
            now);
    String explanation;
    try {
      explanation = json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    String key = complaint.complaintId().toString();
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
                      complaint.complaintId(),
                      complaint.number(),
                      complaint.customer().id(),
                      input.channel(),
                      input.text(),
                      decision.department(),
                      decision.agent(),
                      decision.queued() ? Assignment.QUEUED : Assignment.ASSIGNED,
                      decision.problemType(),
                      decision.priority().name().toLowerCase(Locale.ROOT),
                      analysis.risk().flagged(),
                      explanation,
                      decision.ruleSetVersion(),
                      now,
                      !decision.queued()
                    }));
    Uni<UUID> published =
        outbox.appendJson(conn, RoutingEvents.ASSIGNMENT_CREATED, key, key, explanation);
    return Uni.combine().all().unis(assignment, published).discardItems();
  }

  private void count(Decision decision) {
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

  /**
   * Gives {@code a} to {@code department} (a transfer): releases the current agent, picks one
   * there, counts the transfer and publishes the new assignment.
   */
  Uni<Assignment> reassign(
      Assignment a, String department, String problemType, String reason, boolean forced) {
    String previous = a.department;
    RoutingInput input = inputOf(a);
    return release(a.loadHeld ? a.agentId : null)
        .chain(() -> chooseAgent(department, problemType, input, true))
        .chain(
            choice -> {
              OffsetDateTime now = Timestamps.now(clock);
              a.department = department;
              a.problemType = problemType;
              a.transferCount++;
              List<String> seen = new ArrayList<>(a.departmentsSeen);
              seen.add(department);
              a.departmentsSeen = seen;
              Decision before = previousDecision(a);
              Decision decision =
                  new Decision(
                      department,
                      choice.agent() == null ? null : choice.agent().id,
                      choice.agent() == null,
                      problemType,
                      before.priority(),
                      before.confidence(),
                      new Decision.Explanation(
                          forced ? "forced-transfer" : "transfer",
                          null,
                          List.of(),
                          List.of(),
                          List.of("kept from the first assignment: " + a.priority),
                          choice.reason(),
                          reason),
                      before.risk(),
                      a.ruleSetVersion);
              metrics.counter("routing.transfers", "department", department).increment();
              return publish(a, decision, AssignmentCreated.CAUSE_TRANSFER, previous, choice, now)
                  .replaceWith(a);
            });
  }

  private Uni<Void> publish(
      Assignment a,
      Decision decision,
      String cause,
      String previousDepartment,
      AgentChoice choice,
      OffsetDateTime now) {
    a.agentId = decision.agent();
    a.status = decision.queued() ? Assignment.QUEUED : Assignment.ASSIGNED;
    a.loadHeld = !decision.queued();
    a.updatedAt = now; // the agent's load was raised when they were taken (chooseAgent)
    AssignmentCreated event =
        new AssignmentCreated(
            a.complaintId,
            a.number,
            a.customerId,
            cause,
            decision.department(),
            decision.agent(),
            decision.queued(),
            decision.problemType(),
            decision.priority(),
            decision.confidence(),
            decision.explanation(),
            decision.risk(),
            decision.ruleSetVersion(),
            a.transferCount,
            previousDepartment,
            now);
    try {
      a.explanation = json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    String key = a.complaintId.toString();
    return a.persist()
        .chain(() -> outbox.append(RoutingEvents.ASSIGNMENT_CREATED, key, key, event))
        .replaceWithVoid();
  }

  /**
   * After an SLA alert: gives a queued complaint, or one whose agent cannot work on it now, to
   * another agent of the same department who can take it. False (nothing changed) when nobody can.
   */
  public Uni<Boolean> reassignWithinDepartment(Assignment a, String reason) {
    OffsetDateTime now = Timestamps.now(clock);
    Set<String> notAgain = new HashSet<>();
    if (a.agentId != null) {
      notAgain.add(a.agentId);
    }
    return Agent.<Agent>find("department", Sort.by("id"), a.department)
        .list()
        .chain(all -> take(all, a.department, a.problemType, inputOf(a), null, notAgain, now))
        .chain(
            choice -> {
              if (choice.agent() == null) {
                return Uni.createFrom().item(false);
              }
              Decision before = previousDecision(a);
              Decision decision =
                  new Decision(
                      a.department,
                      choice.agent().id,
                      false,
                      a.problemType,
                      before.priority(),
                      before.confidence(),
                      new Decision.Explanation(
                          AssignmentCreated.CAUSE_ESCALATION,
                          null,
                          List.of(),
                          List.of(),
                          List.of("kept from the first assignment: " + a.priority),
                          choice.reason(),
                          reason),
                      before.risk(),
                      a.ruleSetVersion);
              return release(a.loadHeld ? a.agentId : null)
                  .chain(
                      () ->
                          publish(
                              a, decision, AssignmentCreated.CAUSE_ESCALATION, null, choice, now))
                  .replaceWith(true);
            });
  }

  private static RoutingInput inputOf(Assignment a) {
    return new RoutingInput(
        a.text,
        a.channel,
        a.customerId,
        null,
        Priority.valueOf(a.priority.toUpperCase(Locale.ROOT)));
  }

  Decision previousDecision(Assignment a) {
    try {
      return json.readValue(a.explanation, AssignmentCreated.class).decision();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "stored explanation of " + a.complaintId + " is unreadable", e);
    }
  }

  private Uni<Void> release(String agentId) {
    if (agentId == null) {
      return Uni.createFrom().voidItem();
    }
    return Agent.update(
            "openComplaints = openComplaints - 1, version = version + 1"
                + " where id = ?1 and openComplaints > 0",
            agentId)
        .replaceWithVoid();
  }

  /**
   * Sticky first (the agent of the customer's most recent assigned complaint within the window, if
   * they can take this one), else least loaded, ties to the longest idle. With {@code take} the
   * chosen agent's load is raised by a conditional update that re-checks duty and capacity, so
   * concurrent routers never overfill an agent without locking the whole department until commit;
   * an agent filled meanwhile is skipped and the next best taken.
   */
  Uni<AgentChoice> chooseAgent(
      String department, String problemType, RoutingInput input, boolean take) {
    Uni<List<Agent>> agents = Agent.<Agent>find("department", Sort.by("id"), department).list();
    OffsetDateTime now = Timestamps.now(clock);
    OffsetDateTime since = now.minus(stickyWindow);
    Uni<Optional<String>> sticky =
        input.customerId() == null
            ? Uni.createFrom().item(Optional.empty())
            : Assignment.<Assignment>find(
                    "customerId = ?1 and agentId is not null and createdAt >= ?2",
                    Sort.by("createdAt").descending(),
                    input.customerId(),
                    since)
                .firstResult()
                .map(recent -> Optional.ofNullable(recent == null ? null : recent.agentId));
    return agents.chain(
        all ->
            sticky.chain(
                recentAgent -> {
                  String recent = recentAgent.orElse(null);
                  if (!take) {
                    return Uni.createFrom()
                        .item(
                            AgentPicker.pick(
                                all, department, problemType, input, recent, Set.of()));
                  }
                  return take(all, department, problemType, input, recent, new HashSet<>(), now);
                }));
  }

  private Uni<AgentChoice> take(
      List<Agent> all,
      String department,
      String problemType,
      RoutingInput input,
      String recentAgent,
      Set<String> filledMeanwhile,
      OffsetDateTime now) {
    AgentChoice choice =
        AgentPicker.pick(all, department, problemType, input, recentAgent, filledMeanwhile);
    if (choice.agent() == null) {
      return Uni.createFrom().item(choice);
    }
    return Agent.update(
            "openComplaints = openComplaints + 1, lastAssignedAt = ?2, version = version + 1"
                + " where id = ?1 and onDuty = true and openComplaints < capacity",
            choice.agent().id,
            now)
        .chain(
            updated -> {
              if (updated == 1) {
                return Uni.createFrom().item(choice);
              }
              filledMeanwhile.add(choice.agent().id);
              return take(all, department, problemType, input, recentAgent, filledMeanwhile, now);
            });
  }

  private static Decision decision(Analysis a, AgentChoice choice, String transferReason) {
    return new Decision(
        a.department(),
        choice.agent() == null ? null : choice.agent().id,
        choice.agent() == null,
        a.problemType(),
        a.priority(),
        a.confidence(),
        new Decision.Explanation(
            a.decidedBy(),
            a.rule(),
            a.matchedRules(),
            a.topFeatures(),
            a.priorityReasons(),
            choice.reason(),
            transferReason),
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
  static String json(io.complaintsuite.contracts.Channel channel) {
    return channel.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
