package io.complaintsuite.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.complaintsuite.e2e.DayPlan.Planned;
import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The day journey's own record of what it did and saw, and the expectations it derives from it.
 * Every expected figure is computed here from the ledger (the test's actions and the times the
 * services stamped on them), never read back from the figure under test.
 */
final class DayLedger implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String SUPERVISOR = Tokens.forUser("sup-gao", "supervisor");
  private static final String ADMIN = Tokens.forUser("admin-day", "admin");
  private static final String CHANNEL = Tokens.forUser("day-channels", "channel");

  /** The seeded agents (routing's V1 migration), with the shifts and capacities of this day. */
  record Agent(
      String id,
      String department,
      Set<String> skills,
      Set<String> channels,
      int capacity,
      LocalTime from,
      LocalTime to) {
    boolean onDuty(Instant t) {
      LocalTime now = t.atZone(CentreCalendar.SHANGHAI).toLocalTime();
      return !now.isBefore(from) && now.isBefore(to);
    }

    boolean skilledFor(String problemType) {
      return skills.isEmpty() || skills.contains(problemType);
    }

    /**
     * Whether the agent may take it by skill and channel. Skills narrow the choice only where
     * someone in the department has the skill (docs/routing-service.md): the triage desk receives
     * complaints of every type.
     */
    boolean canTake(String problemType, String channel) {
      boolean skillRequired =
          AGENTS.stream()
              .anyMatch(a -> a.department().equals(department) && a.skilledFor(problemType));
      return (!skillRequired || skilledFor(problemType))
          && (channels.isEmpty() || channels.contains(channel));
    }
  }

  private static final LocalTime EARLY_FROM = LocalTime.of(9, 0);
  private static final LocalTime EARLY_TO = LocalTime.of(18, 0);
  private static final LocalTime LATE_FROM = LocalTime.of(13, 0);
  private static final LocalTime LATE_TO = LocalTime.of(21, 0);

  /**
   * The centre's thirteen agents (the seed's, V1 and V4). Capacities make the 10:00 and 19:00 peaks
   * queue (the early shift alone until 13:00, the late one alone after 18:00) while the day's work
   * can be cleared by the evening of 2 Oct: billing, logistics and product have one early agent
   * each, so their evening complaints wait for the morning; the late service-desk agent takes only
   * phone and counter.
   */
  static final List<Agent> AGENTS =
      List.of(
          early("ts-zhang", "tech-support", 5, "account-stolen,service-outage,technical-fault", ""),
          late("ts-li", "tech-support", 5, "account-stolen,service-outage,technical-fault", ""),
          early("pd-wang", "product", 3, "product-suggestion", ""),
          early(
              "as-liu",
              "after-sales",
              5,
              "safety-hazard,refund,product-quality,repair-installation",
              ""),
          late("as-chen", "after-sales", 5, "refund,product-quality,repair-installation", ""),
          early("lg-yang", "logistics", 6, "delivery", ""),
          early("bl-zhao", "billing", 7, "money-lost,billing-dispute", ""),
          early("lw-huang", "legal", 2, "", ""),
          late("pr-zhou", "pr", 2, "", ""),
          early("sd-wu", "service-desk", 8, "service-attitude,consultation", ""),
          late("sd-xu", "service-desk", 6, "service-attitude,consultation", "phone,counter"),
          // Marketing (issue 19): activities, coupons, points; one agent per shift.
          early("mk-sun", "marketing", 3, "activity-promotion", ""),
          late("mk-he", "marketing", 3, "activity-promotion", ""));

  private static Agent early(String id, String dept, int cap, String skills, String channels) {
    return new Agent(id, dept, set(skills), set(channels), cap, EARLY_FROM, EARLY_TO);
  }

  private static Agent late(String id, String dept, int cap, String skills, String channels) {
    return new Agent(id, dept, set(skills), set(channels), cap, LATE_FROM, LATE_TO);
  }

  private static Set<String> set(String commaSeparated) {
    Set<String> out = new HashSet<>();
    for (String s : commaSeparated.split(",")) {
      if (!s.isBlank()) {
        out.add(s);
      }
    }
    return out;
  }

  /** The seeded SLA policies (docs/sla-service.md), by hand: grade → response, resolution. */
  static final Map<String, ExpectedTimer.Policy[]> POLICIES =
      Map.of(
          "urgent",
          new ExpectedTimer.Policy[] {
            new ExpectedTimer.Policy(15, "24x7"), new ExpectedTimer.Policy(1440, "24x7")
          },
          "general",
          new ExpectedTimer.Policy[] {
            new ExpectedTimer.Policy(1440, "24x7"), new ExpectedTimer.Policy(2400, "cn-business")
          },
          "low",
          new ExpectedTimer.Policy[] {
            new ExpectedTimer.Policy(2880, "24x7"), new ExpectedTimer.Policy(4800, "cn-business")
          });

  static int rank(String grade) {
    return switch (grade) {
      case "urgent" -> 0;
      case "general" -> 1;
      default -> 2;
    };
  }

  enum Stage {
    POSTED,
    ASSIGNED,
    RESPONDED,
    TRANSFER_ASKED,
    WAITING,
    ANSWERED,
    RESOLVED,
    CLOSED
  }

  /** One complaint in the ledger. */
  static final class Case {
    final Planned plan;
    String id;
    String number;
    Instant receivedAt;
    String initialPriority;
    String agent; // latest assignment (null: queued or not yet routed)
    String department;
    String problemType;
    boolean routed;
    boolean queued;
    Stage stage = Stage.POSTED;
    Instant dueAt; // when the next action of the plan is due (plan's steps of ten minutes)
    boolean reopened;
    boolean raised;
    boolean lowered;
    boolean transferred;
    Instant respondedAt;
    Instant resolvedAt;
    Instant closedAt;
    int[] survey; // ratings given (3) and nps, or null
    Instant surveyAnsweredAt;
    String surveyLink;
    Instant surveyDueAt; // when the customer answers the survey (null: no invitation yet)
    final Set<String> agentsSeen = new HashSet<>();

    Case(Planned plan) {
      this.plan = plan;
    }
  }

  private final ServiceProcesses suite;
  private final TopicReader assignments;
  private final TopicReader notifications;
  private final String intake;
  private final String routing;
  private final String sla;
  private final String survey;
  private final Map<String, Case> byId = new LinkedHashMap<>();
  private final Map<String, String> agentTokens = new ConcurrentHashMap<>();
  private final Map<String, Agent> agentsById = new HashMap<>();
  private int seenAssignments;
  private int seenNotifications;
  private int step;
  private Instant now;

  /** Moved-clock intervals the services lived through: [set, set + real time spent there]. */
  private final List<Instant[]> covered = new ArrayList<>();

  /** The steps' moments: at each, sla's checker had claimed everything due before anyone acted. */
  private final List<Instant> stepStarts = new ArrayList<>();

  private long realStepStart;
  final List<String> failures = new ArrayList<>();
  final TreeMap<Integer, Integer> queuedByHour = new TreeMap<>();
  final TreeMap<Integer, Integer> receivedByHour = new TreeMap<>();
  final List<String> callbacksLeftLate = new ArrayList<>();
  private final Set<String> callbacksDone = new HashSet<>();
  private final Map<String, Instant> callbackDue = new HashMap<>();
  private final Map<String, Instant> callbackDoneAt = new HashMap<>();
  int capacitySamples;
  int maxQueue;
  String incidentId;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final QuietPipeline pipeline;

  DayLedger(ServiceProcesses suite, TopicReader assignments, TopicReader notifications) {
    this.suite = suite;
    this.assignments = assignments;
    this.notifications = notifications;
    this.intake = suite.url("intake-service");
    this.routing = suite.url("routing-service");
    this.sla = suite.url("sla-service");
    this.survey = suite.url("survey-service");
    this.pipeline = new QuietPipeline(suite);
    for (Agent a : AGENTS) {
      agentsById.put(a.id(), a);
    }
  }

  /**
   * Waits until sla-service's deadline checker has claimed everything due up to {@code t} (its
   * gauge sla_checker_checked_until_seconds), so that the alerts due by the step's moment are
   * raised before any agent or supervisor acts in it: what is late at a step is judged late.
   */
  private void awaitDeadlineChecker(Instant t) {
    double wanted = t.toEpochMilli() / 1000.0;
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> checkedUntil() >= wanted);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(t + ": sla's deadline checker did not reach the step in 20 s", e);
    }
    String left = stillDue(t);
    if (!left.isEmpty()) {
      failures.add(
          t + ": the checker says it got to " + checkedUntil() + " but still due: " + left);
    }
  }

  /**
   * What sla-service's own tables still hold due at {@code t}, unclaimed, once its checker says it
   * got there: agents must not act on a moment whose alerts are not raised yet.
   */
  private String stillDue(Instant t) {
    try (Connection c =
            DriverManager.getConnection(
                SuiteSettings.jdbcUrl(suite.database("sla-service")),
                SuiteSettings.pgUser(),
                SuiteSettings.pgPassword());
        PreparedStatement st =
            c.prepareStatement(
                "select 'timer ' || number || ' ' || kind || ' fire ' || next_fire_at"
                    + " || ' upd ' || updated_at from sla_timer"
                    + " where state = 'running' and next_fire_at <= ?"
                    + " union all select 'callback ' || number || ' due ' || due_at"
                    + " from board_callback where completed_at is null and alert_id is null"
                    + " and due_at <= ?")) {
      st.setTimestamp(1, Timestamp.from(t));
      st.setTimestamp(2, Timestamp.from(t));
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
      return rows.isEmpty() ? "" : rows.toString();
    } catch (SQLException e) {
      return "(could not read sla's tables: " + e.getMessage() + ")";
    }
  }

  private double checkedUntil() {
    HttpResponse<String> r =
        send(HttpRequest.newBuilder(URI.create(sla + "/q/metrics")).GET().build());
    for (String line : r.body().split("\n")) {
      if (line.startsWith("sla_checker_checked_until_seconds")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  // ---------------------------------------------------------------- set-up

  /** The centre before the day: every agent empty, on the day's shift and capacity. */
  void prepareCentre(Instant before) {
    suite.setClock(before);
    for (Agent a : AGENTS) {
      JsonNode current = call("GET", routing + "/api/v1/agents/" + a.id(), ADMIN, null, 200);
      if (current.path("openComplaints").asInt() != 0) {
        failures.add(a.id() + " starts the day with open complaints: " + current);
      }
      ObjectNode body = (ObjectNode) current.deepCopy();
      body.put("capacity", a.capacity());
      body.set("schedule", schedule(a));
      body.remove("onDuty"); // the schedule decides
      body.remove("openComplaints"); // keep the load routing counts
      call("PUT", routing + "/api/v1/agents/" + a.id(), ADMIN, body, 200);
    }
  }

  /** The agent's weekly pattern: the same hours every day of the week (the centre never closes). */
  private static JsonNode schedule(Agent a) {
    ObjectNode schedule = JSON.createObjectNode();
    ObjectNode weekly = schedule.putObject("weekly");
    for (String d : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
      weekly.putArray(d).add(a.from() + "-" + a.to());
    }
    return schedule;
  }

  // ---------------------------------------------------------------- the clock

  void step(Instant t) {
    if (now != null) {
      // Every action of the last moment reaches every service before the clock moves on.
      pipeline.await(Duration.ofSeconds(30));
      long spent = System.nanoTime() - realStepStart;
      covered.add(new Instant[] {now, now.plusNanos(spent)});
    }
    suite.setClock(t);
    realStepStart = System.nanoTime();
    now = t;
    step++;
    stepStarts.add(t);
    timed("deadline checker", () -> awaitDeadlineChecker(t));
    timed(
        "agents, customers, supervisors",
        () -> {
          pumpAssignments();
          pumpNotifications();
          act();
        });
  }

  /** Real time spent per phase of the journey, for the report: where the minutes of CI go. */
  private final Map<String, Long> phaseNanos = new LinkedHashMap<>();

  private void timed(String phase, Runnable work) {
    long started = System.nanoTime();
    try {
      work.run();
    } finally {
      phaseNanos.merge(phase, System.nanoTime() - started, Long::sum);
    }
  }

  private String phases() {
    StringBuilder out = new StringBuilder();
    phaseNanos.forEach(
        (phase, nanos) ->
            out.append(out.length() == 0 ? "" : ", ")
                .append(String.format("%s %.1f s", phase, nanos / 1e9)));
    return out.toString();
  }

  // ---------------------------------------------------------------- channels

  void post(Planned p) {
    timed("posting complaints", () -> postNow(p));
  }

  private void postNow(Planned p) {
    ObjectNode body = JSON.createObjectNode();
    body.put("channel", p.channel);
    body.put("externalId", "DAY-" + p.index);
    ObjectNode customer = body.putObject("customer");
    customer.put("id", p.customerId);
    customer.put("name", p.customerName);
    customer.put("phone", p.phone);
    body.put("subject", p.text.length() > 12 ? p.text.substring(0, 12) : p.text);
    body.put("description", p.text);
    if (p.hint != null) {
      body.put("urgency", p.hint);
    }
    JsonNode posted =
        call("POST", intake + "/api/v1/complaints", CHANNEL, body, 201, "day-" + p.index);
    Case c = new Case(p);
    c.id = posted.get("id").asText();
    c.number = posted.get("number").asText();
    c.receivedAt = instant(posted.get("receivedAt"));
    c.initialPriority = posted.get("priority").asText();
    byId.put(c.id, c);
    int hour = c.receivedAt.atZone(CentreCalendar.SHANGHAI).getHour();
    receivedByHour.merge(hour, 1, Integer::sum);
  }

  // ---------------------------------------------------------------- topics

  private void pumpAssignments() {
    List<TopicReader.Event> all = assignments.drain(e -> true, Duration.ofMillis(100));
    for (; seenAssignments < all.size(); seenAssignments++) {
      TopicReader.Event e = all.get(seenAssignments);
      if (!"assignment.created".equals(e.header("ce_type"))) {
        continue;
      }
      JsonNode data = read(e.body());
      Case c = byId.get(data.path("complaintId").asText());
      if (c == null) {
        continue;
      }
      String agent = data.path("agent").isNull() ? null : data.path("agent").asText(null);
      c.agent = agent;
      c.department = data.path("department").asText();
      c.problemType = data.path("problemType").asText(null);
      c.queued = agent == null;
      if (agent != null) {
        c.agentsSeen.add(agent);
      }
      if (!c.routed) {
        c.routed = true;
        c.stage = Stage.ASSIGNED;
        c.dueAt = agent == null ? Instant.MAX : after(c.plan.respondAfterSteps);
      } else if (agent != null && c.stage == Stage.ASSIGNED && Instant.MAX.equals(c.dueAt)) {
        c.dueAt = after(c.plan.respondAfterSteps); // taken from the queue
      } else if (agent != null && c.stage == Stage.TRANSFER_ASKED) {
        c.stage = Stage.RESPONDED; // the new department's agent resolves it
        c.dueAt = after(c.plan.resolveAfterSteps);
      }
    }
  }

  private void pumpNotifications() {
    List<TopicReader.Event> all = notifications.drain(e -> true, Duration.ofMillis(50));
    for (; seenNotifications < all.size(); seenNotifications++) {
      JsonNode data = read(all.get(seenNotifications).body());
      if (!"survey-invitation".equals(data.path("purpose").asText())) {
        continue;
      }
      Case c = byId.get(all.get(seenNotifications).key());
      if (c != null && c.surveyLink == null) {
        c.surveyLink = data.path("link").asText();
        c.surveyDueAt = after(1);
      }
    }
  }

  // ---------------------------------------------------------------- people at work

  private void act() {
    for (Case c : byId.values()) {
      if (c.stage == Stage.CLOSED) {
        continue;
      }
      customerActs(c);
      if (c.agent == null || !agentsById.get(c.agent).onDuty(now) || c.dueAt.isAfter(now)) {
        continue;
      }
      agentActs(c);
    }
    supervisorsAct();
  }

  private void agentActs(Case c) {
    String token = agentToken(c.agent);
    String actions = intake + "/api/v1/complaints/" + c.id + "/actions/";
    switch (c.stage) {
      case ASSIGNED -> {
        JsonNode done =
            call("POST", actions + "respond", token, obj("message", "您好，已收到您的反馈，正在为您处理。"), 200);
        c.respondedAt = instant(done.get("respondedAt"));
        c.stage = Stage.RESPONDED;
        if (c.plan.raiseTo != null && !c.plan.askInfo && !"urgent".equals(grade(done))) {
          ObjectNode body = obj("priority", c.plan.raiseTo);
          body.put("reason", "客户情绪激动，涉及资金安全，升级处理");
          call("POST", actions + "priority", token, body, 200);
          c.raised = true;
        }
        if (c.plan.transfer && !c.transferred) {
          c.dueAt = after(1);
        } else if (c.plan.askInfo) {
          c.dueAt = after(1);
        } else {
          c.dueAt = after(c.plan.resolveAfterSteps);
        }
      }
      case RESPONDED -> {
        if (c.plan.transfer && !c.transferred) {
          ObjectNode body = obj("reason", "问题属于售后，转售后服务部处理");
          body.put(
              "suggestedDepartment",
              "after-sales".equals(c.department) ? "service-desk" : "after-sales");
          call("POST", actions + "transfer-request", token, body, 200);
          c.transferred = true;
          c.stage = Stage.TRANSFER_ASKED;
          c.dueAt = after(2); // routing decides; whoever then holds it resolves
          return;
        }
        if (c.plan.askInfo && c.stage != Stage.ANSWERED && !c.reopened && !askedBefore(c)) {
          call("POST", actions + "wait-for-customer", token, obj("reason", "请提供订单号和截图"), 200);
          c.stage = Stage.WAITING;
          c.dueAt = after(c.plan.customerAnswersAfterSteps);
          return;
        }
        resolve(c, token, actions);
      }
      case TRANSFER_ASKED -> {
        c.stage = Stage.RESPONDED;
        c.dueAt = after(c.plan.resolveAfterSteps);
      }
      case ANSWERED -> resolve(c, token, actions);
      default -> {}
    }
  }

  /**
   * The plan counts handling times in ten-minute steps of the day; after it the clock moves in
   * half-hour steps, and an action falls due at the first step at or after its time.
   */
  private Instant after(int planSteps) {
    return now.plus(Duration.ofMinutes(10L * planSteps));
  }

  private final Set<String> asked = new HashSet<>();

  private boolean askedBefore(Case c) {
    return !asked.add(c.id);
  }

  private void resolve(Case c, String token, String actions) {
    ObjectNode body = obj("summary", "已核实并处理完毕，已告知客户处理结果。");
    body.put("rootCause", c.problemType == null ? "other" : c.problemType);
    JsonNode done = call("POST", actions + "resolve", token, body, 200);
    c.resolvedAt = instant(done.get("resolvedAt"));
    c.stage = Stage.RESOLVED;
    c.dueAt = after(2);
  }

  private void customerActs(Case c) {
    String messages = intake + "/api/v1/complaints/" + c.id + "/messages";
    if (c.stage == Stage.WAITING && !c.dueAt.isAfter(now)) {
      call("POST", messages, CHANNEL, obj("text", "订单号是DD" + c.plan.index + "，截图已上传。"), 201);
      c.stage = Stage.ANSWERED;
      c.dueAt = after(c.plan.resolveAfterSteps);
    } else if (c.stage == Stage.RESOLVED && c.plan.reopen && !c.reopened && !c.dueAt.isAfter(now)) {
      ObjectNode body = obj("text", "问题又出现了，还是没有解决。");
      body.put("reopen", true);
      call("POST", messages, CHANNEL, body, 201);
      c.reopened = true;
      c.resolvedAt = null;
      c.surveyLink = null; // a reopen cancels the pending survey
      c.stage = Stage.ANSWERED;
      c.dueAt = after(1);
    }
    if (c.surveyLink != null
        && c.survey == null
        && c.surveyDueAt != null
        && !c.surveyDueAt.isAfter(now)) {
      if (!c.plan.answersSurvey) {
        c.survey = new int[0];
        return;
      }
      int[] answer = c.plan.poorSurvey ? new int[] {2, 1, 2, 3} : new int[] {5, 4, 5, 9};
      String form =
          "responseSpeed="
              + answer[0]
              + "&attitude="
              + answer[1]
              + "&resolution="
              + answer[2]
              + "&nps="
              + answer[3]
              + "&comment="
              + URLEncoder.encode(c.plan.poorSurvey ? "处理太慢了" : "很满意", StandardCharsets.UTF_8);
      HttpResponse<String> r =
          send(
              HttpRequest.newBuilder(URI.create(c.surveyLink))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build());
      if (r.statusCode() != 200) {
        failures.add("survey of " + c.number + " answered " + r.statusCode());
        c.survey = new int[0];
        return;
      }
      c.survey = answer;
      c.surveyAnsweredAt = now;
    }
  }

  private void supervisorsAct() {
    // A supervisor lowers an over-graded urgent complaint once it has been answered.
    for (Case c : byId.values()) {
      if (c.plan.supervisorLowers && !c.lowered && !c.plan.askInfo && c.stage == Stage.RESPONDED) {
        ObjectNode body = obj("priority", "general");
        body.put("reason", "核实后非紧急，按一般投诉处理");
        HttpResponse<String> r =
            sendJson(
                "POST",
                intake + "/api/v1/complaints/" + c.id + "/actions/priority",
                SUPERVISOR,
                body,
                null);
        c.lowered = true;
        if (r.statusCode() != 200) {
          failures.add("supervisor could not lower " + c.number + ": " + r.body());
        }
      }
    }
    // Call-backs: done within the step, except every fifth, which waits past its due time.
    JsonNode open =
        call("GET", survey + "/api/v1/callbacks?state=open&limit=200", SUPERVISOR, null, 200);
    for (JsonNode cb : open) {
      String id = cb.get("id").asText();
      if (callbacksDone.contains(id)) {
        continue;
      }
      Instant due = instant(cb.get("dueAt"));
      callbackDue.put(id, due);
      Case c = byId.get(cb.get("complaintId").asText());
      boolean late = c != null && c.plan.index % 5 == 0;
      if (late && !now.isAfter(due.plusSeconds(3600))) {
        if (!callbacksLeftLate.contains(id)) {
          callbacksLeftLate.add(id);
        }
        continue;
      }
      call("POST", survey + "/api/v1/callbacks/" + id + "/claim", SUPERVISOR, obj(), 200);
      call(
          "POST",
          survey + "/api/v1/callbacks/" + id + "/complete",
          SUPERVISOR,
          obj("outcome", "reached"),
          200);
      callbacksDone.add(id);
      // The moved clock when it was done: after the step's checker round (see verdict).
      callbackDoneAt.put(id, now.plusNanos(System.nanoTime() - realStepStart));
    }
  }

  /** At the end: every resolved complaint is closed by its agent (supervisor if none). */
  void closeAll(Instant at) {
    pumpAssignments();
    for (Case c : byId.values()) {
      if (c.stage != Stage.RESOLVED) {
        failures.add(
            c.number
                + " is not resolved at the end: "
                + c.stage
                + " agent "
                + c.agent
                + " ("
                + c.department
                + ", "
                + c.problemType
                + ", "
                + c.plan.channel
                + ")");
        continue;
      }
      String token = c.agent == null ? SUPERVISOR : agentToken(c.agent);
      JsonNode done =
          call("POST", intake + "/api/v1/complaints/" + c.id + "/actions/close", token, null, 200);
      c.closedAt = instant(done.get("closedAt"));
      c.stage = Stage.CLOSED;
    }
  }

  // ---------------------------------------------------------------- settling and sampling

  /** Loads the ledger expects: the agent's complaints that are neither resolved nor closed. */
  Map<String, Integer> expectedLoads() {
    Map<String, Integer> loads = new TreeMap<>();
    for (Agent a : AGENTS) {
      loads.put(a.id(), 0);
    }
    for (Case c : byId.values()) {
      if (c.agent != null && c.stage != Stage.RESOLVED && c.stage != Stage.CLOSED) {
        loads.merge(c.agent, 1, Integer::sum);
      }
    }
    return loads;
  }

  /**
   * Waits until the services caught up with the step (every complaint routed, loads as the ledger
   * expects, no queued complaint an eligible agent with room could take), sampling the agents'
   * loads against their capacities; a state that does not converge within 30 s is a failure.
   */
  void settle(Instant t) {
    timed("settling", () -> settleNow(t));
  }

  private void settleNow(Instant t) {
    String[] last = new String[1];
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                pumpAssignments();
                JsonNode agents = call("GET", routing + "/api/v1/agents", SUPERVISOR, null, 200);
                capacitySamples++;
                Map<String, Integer> actual = new TreeMap<>();
                for (JsonNode a : agents) {
                  String id = a.get("id").asText();
                  int load = a.get("openComplaints").asInt();
                  int capacity = a.get("capacity").asInt();
                  if (agentsById.containsKey(id)) {
                    actual.put(id, load);
                    if (load > capacity) {
                      failures.add(t + ": " + id + " over capacity " + load + "/" + capacity);
                    }
                  }
                }
                List<String> unrouted = new ArrayList<>();
                for (Case c : byId.values()) {
                  if (!c.routed) {
                    unrouted.add(c.number);
                  }
                }
                Map<String, Integer> expected = expectedLoads();
                List<String> drainable = drainable(t, expected);
                last[0] =
                    "unrouted "
                        + unrouted
                        + "; loads expected "
                        + expected
                        + " actual "
                        + actual
                        + "; queued though an agent had room: "
                        + drainable;
                return unrouted.isEmpty() && expected.equals(actual) && drainable.isEmpty();
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // Fail at once: every later step would wait as long, and the first state says the most.
      throw new AssertionError(
          t + " (step " + step + "): the centre did not settle within 30 s: " + last[0], e);
    }
    int queued = 0;
    for (Case c : byId.values()) {
      if (c.routed && c.queued && c.stage != Stage.RESOLVED && c.stage != Stage.CLOSED) {
        queued++;
      }
    }
    maxQueue = Math.max(maxQueue, queued);
    int hour = t.atZone(CentreCalendar.SHANGHAI).getHour();
    if (t.atZone(CentreCalendar.SHANGHAI).toLocalDate().equals(DayPlan.DAY)) {
      queuedByHour.merge(hour, queued, Math::max);
    }
    checkIncident(t);
  }

  /**
   * Queued complaints that an on-duty agent of their department with the skill and room could take.
   */
  private List<String> drainable(Instant t, Map<String, Integer> loads) {
    List<String> out = new ArrayList<>();
    for (Case c : byId.values()) {
      if (!c.routed || !c.queued || c.stage == Stage.RESOLVED || c.stage == Stage.CLOSED) {
        continue;
      }
      for (Agent a : AGENTS) {
        if (a.department().equals(c.department)
            && a.onDuty(t)
            && a.canTake(c.problemType, c.plan.channel)
            && loads.get(a.id()) < a.capacity()) {
          out.add(c.number + "→" + a.id());
          break;
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- the incident

  private void checkIncident(Instant t) {
    if (incidentId != null || t.isBefore(DayPlan.at(DayPlan.DAY, 14, 10))) {
      return;
    }
    JsonNode incidents =
        call("GET", sla + "/api/v1/incidents?status=active", SUPERVISOR, null, 200);
    for (JsonNode i : incidents) {
      if ("service-outage".equals(i.path("problemType").asText())) {
        incidentId = i.get("id").asText();
      }
    }
  }

  // ---------------------------------------------------------------- the board and the KPIs

  void checkBoardAgainstApi() {
    String[] last = new String[1];
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                JsonNode board = call("GET", sla + "/api/v1/board", SUPERVISOR, null, 200);
                JsonNode today = board.get("today");
                JsonNode api =
                    call(
                        "GET",
                        sla
                            + "/api/v1/kpis?from="
                            + enc(today.get("from").asText())
                            + "&to="
                            + enc(today.get("to").asText()),
                        SUPERVISOR,
                        null,
                        200);
                List<String> diff = new ArrayList<>();
                for (String f :
                    List.of(
                        "volume",
                        "responseInTimeRate",
                        "firstContactResolutionRate",
                        "csat",
                        "nps",
                        "backlogByDepartment",
                        "volumeByHour")) {
                  if (!Objects.equals(today.get(f), api.get(f))) {
                    diff.add(f + " board " + today.get(f) + " api " + api.get(f));
                  }
                }
                long backlogCards = 0;
                for (JsonNode b : board.get("backlog")) {
                  backlogCards += b.get("open").asLong();
                }
                long backlogApi = 0;
                for (JsonNode n : api.get("backlogByDepartment")) {
                  backlogApi += n.asLong();
                }
                if (backlogCards != backlogApi) {
                  diff.add("backlog cards " + backlogCards + " api " + backlogApi);
                }
                last[0] = String.join("; ", diff);
                return diff.isEmpty();
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      failures.add("the board's figures differ from the KPI API's: " + last[0]);
    }
  }

  /** At 21:00 the open complaints per department the ledger counts are the KPI backlog. */
  void checkBacklogAgainstKpis(Instant at) {
    Map<String, Long> expected = new TreeMap<>();
    for (Case c : byId.values()) {
      if (c.stage != Stage.RESOLVED && c.stage != Stage.CLOSED) {
        expected.merge(c.department == null ? "unassigned" : c.department, 1L, Long::sum);
      }
    }
    String[] last = new String[1];
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                JsonNode kpis = kpis(DayPlan.at(DayPlan.DAY, 0, 0), at.plusSeconds(60));
                Map<String, Long> actual = new TreeMap<>();
                kpis.get("backlogByDepartment")
                    .fields()
                    .forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asLong()));
                last[0] = "expected " + expected + " reported " + actual;
                return expected.equals(actual);
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      failures.add("backlog at 21:00: " + last[0]);
    }
  }

  private JsonNode kpis(Instant from, Instant to) {
    return call(
        "GET",
        sla + "/api/v1/kpis?from=" + enc(from.toString()) + "&to=" + enc(to.toString()),
        SUPERVISOR,
        null,
        200);
  }

  // ---------------------------------------------------------------- the verdict

  DayReport verify(List<Planned> plan) throws Exception {
    DayReport report = new DayReport(failures);
    pumpAssignments();
    // Loads are zero once everything is closed.
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                for (JsonNode a : call("GET", routing + "/api/v1/agents", SUPERVISOR, null, 200)) {
                  if (a.get("openComplaints").asInt() != 0) {
                    return false;
                  }
                }
                return true;
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      failures.add(
          "loads after closing everything: "
              + call("GET", routing + "/api/v1/agents", SUPERVISOR, null, 200));
    }
    // Per complaint: the work order, its timeline, its timers, its alerts.
    List<Future<CaseFacts>> facts = new ArrayList<>();
    for (Case c : byId.values()) {
      facts.add(pool.submit(() -> facts(c)));
    }
    int deadlinesChecked = 0;
    int responseMet = 0;
    int urgentUnhinted = 0;
    int urgentUnhintedRight = 0;
    Map<String, Integer> alertsExpected = new TreeMap<>();
    Map<String, Integer> alertsRaised = new TreeMap<>();
    for (Future<CaseFacts> f : facts) {
      CaseFacts cf = f.get();
      Case c = cf.c;
      String effective = cf.workOrder.get("priority").asText();
      if (c.respondedAt == null) {
        c.respondedAt = instant(cf.workOrder.get("respondedAt"));
      }
      if (c.respondedAt == null) {
        failures.add(c.number + " was never responded to (" + c.stage + ", agent " + c.agent + ")");
      }
      if (c.plan.kind.urgentByRule() && c.plan.hint == null) {
        urgentUnhinted++;
        if ("urgent".equals(effective) || c.lowered) {
          urgentUnhintedRight++;
        } else {
          failures.add(c.number + " (" + c.plan.kind.name() + ", no hint) is " + effective);
        }
      }
      // Replay the ledger's facts into the expected timers.
      ExpectedTimer[] timers = expectedTimers(c, cf.timeline);
      Instant response = instant(timer(cf.timers, "response").get("deadlineAt"));
      Instant resolution = instant(timer(cf.timers, "resolution").get("deadlineAt"));
      deadlinesChecked += 2;
      if (!close(response, timers[0].deadline())) {
        failures.add(
            c.number
                + " response deadline "
                + response
                + " expected "
                + timers[0].deadline()
                + " ("
                + effective
                + ", "
                + c.plan.kind.name()
                + ")");
      }
      if (!close(resolution, timers[1].deadline())) {
        failures.add(
            c.number
                + " resolution deadline "
                + resolution
                + " expected "
                + timers[1].deadline()
                + " ("
                + effective
                + ", "
                + c.plan.kind.name()
                + ", reopened "
                + c.reopened
                + ")");
      }
      boolean inTime = c.respondedAt != null && !c.respondedAt.isAfter(timers[0].deadline());
      if (inTime) {
        responseMet++;
      }
      // Alerts: what each judged timer owed, from the moments the services lived through.
      Map<String, Verdict> owed = new TreeMap<>();
      owed.putAll(owedAlerts("response", timers[0], c.respondedAt));
      boolean resolutionJudged = !c.plan.askInfo && !c.reopened && !c.transferred;
      if (resolutionJudged) {
        owed.putAll(owedAlerts("resolution", timers[1], c.resolvedAt));
      }
      owed.forEach(
          (alert, verdict) -> {
            String[] timerAndKind = alert.split(" ");
            long raised = count(cf.alerts, timerAndKind[0], timerAndKind[1]);
            if (verdict == Verdict.RAISED) {
              alertsExpected.merge(alert, 1, Integer::sum);
            }
            boolean right =
                switch (verdict) {
                  case RAISED -> raised == 1;
                  case NOT_RAISED -> raised == 0;
                  case EITHER -> raised <= 1;
                };
            if (!right) {
              failures.add(c.number + " " + alert + ": " + verdict + ", raised " + raised);
            }
          });
      for (JsonNode a : cf.alerts) {
        String alert = a.get("timer").asText() + " " + a.get("kind").asText() + levelOf(a);
        alertsRaised.merge(alert, 1, Integer::sum);
        Instant due = instant(a.get("dueAt"));
        Instant raisedAt = instant(a.get("raisedAt"));
        Instant latest = latestSeen(due);
        if (raisedAt.isBefore(due) || (latest != null && raisedAt.isAfter(latest.plusSeconds(5)))) {
          failures.add(c.number + " " + alert + " due " + due + " raised " + raisedAt);
        }
        boolean judged = "response".equals(a.get("timer").asText()) || resolutionJudged;
        if (judged && !"callback".equals(a.get("timer").asText()) && !owed.containsKey(alert)) {
          failures.add(c.number + " unexpected " + alert + ": " + a);
        }
      }
    }
    report.line("complaints", byId.size() + " (planned " + plan.size() + ")");
    report.line(
        "urgent by routing without a hint",
        urgentUnhintedRight + " of " + urgentUnhinted + " urgent with 15-minute responses");
    report.line("deadlines checked", String.valueOf(deadlinesChecked));
    report.line("responses in time (ledger)", responseMet + " of " + byId.size());
    report.line("alerts expected (ledger)", alertsExpected.toString());
    report.line("alerts raised (sla-service)", alertsRaised.toString());
    report.line("capacity samples", capacitySamples + " (never over capacity unless listed)");
    report.line("waiting for every event to arrive", pipeline.cost());
    report.line("real time by phase", phases());
    report.byHour(receivedByHour, queuedByHour);
    verifyKpis(report, responseMet);
    verifyDailyReport(report);
    verifyIncident(report);
    verifyCallbacks(report);
    return report;
  }

  private record CaseFacts(
      Case c, JsonNode workOrder, JsonNode timeline, JsonNode timers, JsonNode alerts) {}

  private CaseFacts facts(Case c) {
    return new CaseFacts(
        c,
        call("GET", intake + "/api/v1/complaints/" + c.id, SUPERVISOR, null, 200),
        call("GET", intake + "/api/v1/complaints/" + c.id + "/timeline", SUPERVISOR, null, 200),
        call("GET", sla + "/api/v1/complaints/" + c.id + "/timers", SUPERVISOR, null, 200),
        call("GET", sla + "/api/v1/alerts?limit=100&complaintId=" + c.id, SUPERVISOR, null, 200));
  }

  /** The expected response and resolution timers, replayed from the timeline of what was done. */
  private ExpectedTimer[] expectedTimers(Case c, JsonNode timeline) {
    ExpectedTimer.Policy[] start = POLICIES.get(c.initialPriority);
    ExpectedTimer response = new ExpectedTimer(start[0], c.receivedAt);
    ExpectedTimer resolution = new ExpectedTimer(start[1], c.receivedAt);
    boolean responded = false;
    boolean resolved = false;
    JsonNode entries = timeline.has("entries") ? timeline.get("entries") : timeline;
    for (JsonNode e : entries) {
      Instant at = instant(e.get("occurredAt"));
      switch (e.get("kind").asText()) {
        case "priority-changed" -> {
          String to = e.at("/details/to").asText();
          if (!responded) {
            response.regrade(at, POLICIES.get(to)[0]);
          }
          if (!resolved) {
            resolution.regrade(at, POLICIES.get(to)[1]);
          }
        }
        case "responded" -> responded = true;
        case "waiting-for-customer" -> resolution.pause(at);
        case "resumed" -> resolution.resume(at);
        case "resolved" -> resolved = true;
        case "reopened" -> {
          resolved = false;
          resolution.restart(at);
        }
        default -> {}
      }
    }
    return new ExpectedTimer[] {response, resolution};
  }

  /** Whether an alert must have been raised, must not have been, or may have been (a race). */
  enum Verdict {
    RAISED,
    NOT_RAISED,
    EITHER
  }

  /**
   * The alerts a timer owed, by "timer kind+level": the warning while it ran between its warning
   * time and its deadline, the breach after the deadline, the escalations 30 min and 2 h after it
   * (sla.escalation.delays of the packaged configuration), each only until the timer was met at
   * {@code doneAt} (null: never). The checker sees the moved clock only while the services lived
   * through it (it jumps between steps): see {@link #verdict}.
   */
  private Map<String, Verdict> owedAlerts(String timer, ExpectedTimer t, Instant doneAt) {
    Map<String, Verdict> out = new TreeMap<>();
    Instant deadline = t.deadline();
    out.put(timer + " warning0", verdict(t.warnAt(), earliest(deadline, doneAt)));
    out.put(timer + " breached0", verdict(deadline, doneAt));
    out.put(timer + " escalated1", verdict(deadline.plus(Duration.ofMinutes(30)), doneAt));
    out.put(timer + " escalated2", verdict(deadline.plus(Duration.ofHours(2)), doneAt));
    out.values().removeIf(v -> v == Verdict.NOT_RAISED);
    return out;
  }

  private static Instant earliest(Instant a, Instant b) {
    return b == null || a.isBefore(b) ? a : b;
  }

  /**
   * An alert due from {@code from} while its condition held until {@code until} (null: to the end).
   * At every step the checker claimed what was due before anyone acted: so it must have been raised
   * if a step began at or after {@code from} and before {@code until}. If not, and the services
   * lived through a moment of the span in real time (it fell due within a step's few seconds, and
   * was met within them), the checker may or may not have run then: not judged. Else it must not
   * have been raised.
   */
  private Verdict verdict(Instant from, Instant until) {
    if (until != null && !until.isAfter(from)) {
      return Verdict.NOT_RAISED;
    }
    Instant seen = latestSeen(from);
    if (seen != null && (until == null || seen.isBefore(until))) {
      return Verdict.RAISED;
    }
    for (Instant[] c : coveredSoFar()) {
      Instant a = c[0].isAfter(from) ? c[0] : from;
      Instant b = until != null && until.isBefore(c[1]) ? until : c[1];
      if (a.isBefore(b)) {
        return Verdict.EITHER;
      }
    }
    return Verdict.NOT_RAISED;
  }

  /** The first step moment at or after {@code at}: by then the alert was raised (null: none). */
  private Instant latestSeen(Instant at) {
    for (Instant s : stepStarts) {
      if (!s.isBefore(at)) {
        return s;
      }
    }
    return null;
  }

  /** The covered intervals, the current step's up to now included. */
  private List<Instant[]> coveredSoFar() {
    List<Instant[]> out = new ArrayList<>(covered);
    if (now != null) {
      out.add(new Instant[] {now, now.plusNanos(System.nanoTime() - realStepStart)});
    }
    return out;
  }

  private static String levelOf(JsonNode alert) {
    return String.valueOf(alert.path("level").asInt());
  }

  private static long count(JsonNode alerts, String timer, String kindAndLevel) {
    long n = 0;
    for (JsonNode a : alerts) {
      if (timer.equals(a.get("timer").asText())
          && kindAndLevel.equals(a.get("kind").asText() + levelOf(a))) {
        n++;
      }
    }
    return n;
  }

  private static JsonNode timer(JsonNode timers, String kind) {
    for (JsonNode t : timers) {
      if (kind.equals(t.get("kind").asText())) {
        return t;
      }
    }
    throw new AssertionError("no " + kind + " timer in " + timers);
  }

  private static boolean close(Instant a, Instant b) {
    return a != null && b != null && Duration.between(a, b).abs().toMillis() <= 1000;
  }

  private void verifyKpis(DayReport report, long responseMet) {
    int n = byId.size();
    long reopened = byId.values().stream().filter(c -> c.reopened).count();
    // First-contact resolution and reopen rate are shares of the complaints ever resolved.
    long everResolved =
        byId.values().stream().filter(c -> c.resolvedAt != null || c.reopened).count();
    double handling =
        byId.values().stream()
            .filter(c -> c.resolvedAt != null)
            .mapToDouble(c -> Duration.between(c.receivedAt, c.resolvedAt).toMillis() / 60_000.0)
            .average()
            .orElse(0);
    List<int[]> answers =
        byId.values().stream().map(c -> c.survey).filter(s -> s != null && s.length == 4).toList();
    long satisfied = answers.stream().filter(a -> (a[0] + a[1] + a[2]) / 3.0 >= 4).count();
    long promoters = answers.stream().filter(a -> a[3] >= 9).count();
    long detractors = answers.stream().filter(a -> a[3] <= 6).count();
    JsonNode k = kpis(DayPlan.at(DayPlan.DAY, 0, 0), DayPlan.at(DayPlan.DAY.plusDays(3), 0, 0));
    report.kpi("volume", n, k.get("volume").asDouble());
    report.kpi(
        "response in time", (double) responseMet / n, k.get("responseInTimeRate").asDouble());
    report.kpi(
        "first-contact resolution",
        (double) (everResolved - reopened) / everResolved,
        k.get("firstContactResolutionRate").asDouble());
    report.kpi("reopen rate", (double) reopened / everResolved, k.get("reopenRate").asDouble());
    report.kpi("average handling (min)", handling, k.get("averageHandlingMinutes").asDouble());
    report.kpi(
        "CSAT",
        answers.isEmpty() ? 0 : (double) satisfied / answers.size(),
        k.get("csat").asDouble());
    report.kpi(
        "NPS",
        answers.isEmpty() ? 0 : 100.0 * (promoters - detractors) / answers.size(),
        k.get("nps").asDouble());
    report.kpi("survey answers", answers.size(), k.get("surveyAnswers").asDouble());
    long backlog = 0;
    for (JsonNode v : k.get("backlogByDepartment")) {
      backlog += v.asLong();
    }
    report.kpi("backlog at the end", 0, backlog);
  }

  private void verifyDailyReport(DayReport report) {
    JsonNode daily =
        call("GET", sla + "/api/v1/reports/daily?date=" + DayPlan.DAY, SUPERVISOR, null, 200);
    Instant end = DayPlan.at(DayPlan.DAY.plusDays(1), 0, 0);
    long resolved =
        byId.values().stream()
            .filter(c -> c.resolvedAt != null && c.resolvedAt.isBefore(end))
            .count();
    long unresolved =
        byId.values().stream()
            .filter(c -> c.resolvedAt == null || !c.resolvedAt.isBefore(end))
            .filter(c -> c.closedAt == null || !c.closedAt.isBefore(end))
            .count();
    JsonNode totals = daily.get("totals");
    report.kpi("daily report: volume", byId.size(), totals.get("volume").asDouble());
    report.kpi("daily report: resolved by 24:00", resolved, totals.get("resolved").asDouble());
    report.kpi(
        "daily report: unresolved at 24:00", unresolved, totals.get("unresolved").asDouble());
    JsonNode hours = daily.get("volumeByHour");
    for (int h = 0; h < 24; h++) {
      int expected = receivedByHour.getOrDefault(h, 0);
      if (hours.get(h).asInt() != expected) {
        failures.add("daily report hour " + h + ": " + hours.get(h) + " expected " + expected);
      }
    }
  }

  private void verifyIncident(DayReport report) {
    if (incidentId == null) {
      failures.add("the 14:00 outbreak opened no mass incident");
      return;
    }
    JsonNode incidents = call("GET", sla + "/api/v1/incidents", SUPERVISOR, null, 200);
    long outage = 0;
    for (JsonNode i : incidents) {
      if ("service-outage".equals(i.path("problemType").asText())) {
        outage++;
      }
    }
    Set<String> expected = new HashSet<>();
    for (Case c : byId.values()) {
      if (c.plan.outage) {
        expected.add(c.id);
      }
    }
    JsonNode incident = call("GET", sla + "/api/v1/incidents/" + incidentId, SUPERVISOR, null, 200);
    Set<String> members = new HashSet<>();
    incident.get("complaintIds").forEach(m -> members.add(m.asText()));
    report.kpi("mass incidents (service-outage)", 1, outage);
    report.kpi("incident members", expected.size(), members.size());
    if (!members.equals(expected)) {
      failures.add("incident members " + members + " expected the outbreak's " + expected);
    }
  }

  /**
   * Every fifth call-back is left past its due time: exactly those the services lived past the due
   * time of before it was done raise one overdue alert (issue 17).
   */
  private void verifyCallbacks(DayReport report) {
    report.line(
        "call-backs",
        callbacksDone.size() + " done, " + callbacksLeftLate.size() + " left past their due time");
    JsonNode alerts = call("GET", sla + "/api/v1/alerts?limit=1000", SUPERVISOR, null, 200);
    Map<String, Integer> alerted = new HashMap<>();
    for (JsonNode a : alerts) {
      if ("callback".equals(a.path("timer").asText())) {
        alerted.merge(a.path("callbackId").asText(), 1, Integer::sum);
      }
    }
    int owed = 0;
    int races = 0;
    for (Map.Entry<String, Instant> due : callbackDue.entrySet()) {
      Verdict v = verdict(due.getValue(), callbackDoneAt.get(due.getKey()));
      int raised = alerted.getOrDefault(due.getKey(), 0);
      if (v == Verdict.RAISED) {
        owed++;
      } else if (v == Verdict.EITHER) {
        races++;
      }
      boolean right =
          switch (v) {
            case RAISED -> raised == 1;
            case NOT_RAISED -> raised == 0;
            case EITHER -> raised <= 1;
          };
      if (!right) {
        failures.add(
            "call-back "
                + due.getKey()
                + " due "
                + due.getValue()
                + ": "
                + v
                + ", raised "
                + raised);
      }
    }
    long unknown = alerted.keySet().stream().filter(id -> !callbackDue.containsKey(id)).count();
    if (unknown > 0) {
      failures.add(unknown + " overdue call-back alerts for call-backs the ledger never saw");
    }
    report.line(
        "overdue call-back alerts",
        owed + " owed, " + alerted.size() + " raised (" + races + " within a poll: not judged)");
  }

  // ---------------------------------------------------------------- plumbing

  private String agentToken(String agent) {
    return agentTokens.computeIfAbsent(
        agent, a -> Tokens.forAgent(a, agentsById.get(a).department()));
  }

  private static String grade(JsonNode workOrder) {
    return workOrder.path("priority").asText();
  }

  private static ObjectNode obj(String... kv) {
    ObjectNode o = JSON.createObjectNode();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      o.put(kv[i], kv[i + 1]);
    }
    return o;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static Instant instant(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    return OffsetDateTime.parse(value.asText()).toInstant();
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException(body, e);
    }
  }

  private JsonNode call(String method, String url, String token, JsonNode body, int expected) {
    return call(method, url, token, body, expected, null);
  }

  private JsonNode call(
      String method, String url, String token, JsonNode body, int expected, String key) {
    HttpResponse<String> r = sendJson(method, url, token, body, key);
    // Two writers at once (the agent and, say, the assignment being applied): the desk reloads and
    // does it again, as an agent would.
    for (int attempt = 0;
        attempt < 20
            && (r.statusCode() == 409 && r.body().contains("at the same time")
                // routing's decision is on the topic a moment before intake's work order shows it
                || r.statusCode() == 403 && r.body().contains("not yet assigned"));
        attempt++) {
      pause(100L * (attempt + 1));
      r = sendJson(method, url, token, body, key);
    }
    if (r.statusCode() != expected) {
      throw new AssertionError(
          method
              + " "
              + url
              + " answered "
              + r.statusCode()
              + ", not "
              + expected
              + ": "
              + r.body());
    }
    return r.body().isEmpty() ? JSON.createObjectNode() : read(r.body());
  }

  private static HttpResponse<String> sendJson(
      String method, String url, String token, JsonNode body, String key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token);
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else if (method.equals("POST")) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString("{}"));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return send(b.build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(request.uri().toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    pipeline.close();
  }
}
