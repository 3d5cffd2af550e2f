package io.complaintsuite.routing.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.ComplaintReceived;
import io.complaintsuite.contracts.Priority;
import io.complaintsuite.platform.outbox.Outbox;
import io.complaintsuite.platform.time.Timestamps;
import io.complaintsuite.routing.department.Agent;
import io.complaintsuite.routing.risk.RiskAssessment;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides and records assignments: analysis (rules, classifier, risk), then an agent of the
 * department — the customer's recent agent when free, else the least loaded on-duty agent with the
 * skill (ties: longest idle), else the department's queue — then the assignment row and its {@code
 * assignment.created} event in one transaction.
 */
@ApplicationScoped
public class Router {
  private final ComplaintAnalyzer analyzer;
  private final io.complaintsuite.routing.rules.RuleSets ruleSets;
  private final Catalogs catalogs;
  private final Outbox outbox;
  private final ObjectMapper json;
  private final Clock clock;
  private final Duration stickyWindow;
  private final MeterRegistry metrics;

  public Router(
      ComplaintAnalyzer analyzer,
      io.complaintsuite.routing.rules.RuleSets ruleSets,
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

  /** The agent chosen (null: queued) and why. */
  record AgentChoice(Agent agent, String reason) {}

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

  /** Routes a received complaint; runs in the inbox's transaction. Routed once per complaint. */
  public Uni<Void> route(ComplaintReceived complaint) {
    RoutingInput input = input(complaint);
    return Assignment.<Assignment>findById(complaint.complaintId())
        .chain(
            existing -> {
              if (existing != null) {
                // Another event id for a complaint already routed (e.g. a replay): keep the first.
                return Uni.createFrom().voidItem();
              }
              return analyse(input)
                  .chain(
                      analysis ->
                          chooseAgent(analysis.department(), analysis.problemType(), input, true)
                              .chain(choice -> record(complaint, input, analysis, choice)));
            });
  }

  private Uni<Void> record(
      ComplaintReceived complaint, RoutingInput input, Analysis analysis, AgentChoice choice) {
    OffsetDateTime now = Timestamps.now(clock);
    Assignment a = new Assignment();
    a.complaintId = complaint.complaintId();
    a.number = complaint.number();
    a.customerId = complaint.customer().id();
    a.channel = input.channel();
    a.text = input.text();
    a.department = analysis.department();
    a.problemType = analysis.problemType();
    a.priority = analysis.priority().name().toLowerCase(Locale.ROOT);
    a.risk = analysis.risk().flagged();
    a.ruleSetVersion = analysis.ruleSetVersion();
    a.transferCount = 0;
    a.departmentsSeen = List.of(analysis.department());
    a.createdAt = now;
    Decision decision = decision(analysis, choice, null);
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
    return publish(a, decision, AssignmentCreated.CAUSE_RECEIVED, null, choice, now);
  }

  /**
   * Gives {@code a} to {@code department} (a transfer): releases the current agent, picks one
   * there, counts the transfer and publishes the new assignment.
   */
  Uni<Assignment> reassign(
      Assignment a, String department, String problemType, String reason, boolean forced) {
    String previous = a.department;
    RoutingInput input = inputOf(a);
    return release(a.agentId)
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
              return release(a.agentId)
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
                        .item(pick(all, department, problemType, input, recent, Set.of()));
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
    AgentChoice choice = pick(all, department, problemType, input, recentAgent, filledMeanwhile);
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

  static AgentChoice pick(
      List<Agent> all,
      String department,
      String problemType,
      RoutingInput input,
      String recentAgent,
      Set<String> filledMeanwhile) {
    String language = input.language();
    List<Agent> eligible =
        all.stream()
            .filter(a -> !filledMeanwhile.contains(a.id))
            .filter(a -> a.canTake(problemType, input.channel(), language))
            .toList();
    if (eligible.isEmpty()) {
      long onDuty = all.stream().filter(a -> a.onDuty).count();
      return new AgentChoice(
          null,
          String.format(
              "queued in %s: none of its %d agents (%d on duty) has free capacity for %s in %s via %s",
              department, all.size(), onDuty, problemType, language, input.channel()));
    }
    if (recentAgent != null) {
      for (Agent a : eligible) {
        if (a.id.equals(recentAgent)) {
          return new AgentChoice(
              a,
              String.format(
                  "sticky: %s handled this customer's recent complaint and has capacity (%d/%d open)",
                  a.id, a.openComplaints, a.capacity));
        }
      }
    }
    Agent best =
        eligible.stream()
            .min(
                Comparator.<Agent>comparingDouble(
                        a -> (double) a.openComplaints / Math.max(1, a.capacity))
                    .thenComparingInt(a -> a.openComplaints)
                    .thenComparing(
                        a -> a.lastAssignedAt,
                        Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder())))
            .orElseThrow();
    return new AgentChoice(
        best,
        String.format(
            "least loaded of %d eligible agents: %s with %d/%d open, last assigned %s",
            eligible.size(),
            best.id,
            best.openComplaints,
            best.capacity,
            best.lastAssignedAt == null ? "never" : best.lastAssignedAt.toString()));
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
