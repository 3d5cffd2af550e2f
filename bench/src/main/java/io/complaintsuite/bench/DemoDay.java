package io.complaintsuite.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Plays a realistic morning at a customer-service centre through the suite's HTTP APIs, so a
 * newcomer sees it work: complaints from every channel (Chinese text), a broadband outage spike, a
 * public-opinion (舆情) case and a stolen account; routing assigns them; agents respond, ask for more
 * information, resolve; a customer follows up. With {@code --admin-token} it also plays the web
 * chat: an in-process receiver ({@link DemoWebChat}) registered as a {@code web-chat} connection
 * gets, signed, what the suite says to the web-chat customers, and the demo prints it. Prints what
 * happened and where to look. Run by {@code ./suite demo} (which starts the suite first).
 */
public final class DemoDay {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> KINDS =
      List.of(
          "receipt",
          "reply",
          "waiting-for-customer",
          "resolved",
          "reopened",
          "closed",
          "survey-invitation",
          "incident-update");
  private static final String WEB_CHAT = "web-chat";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String intake;
  private final String channelToken;
  private final String agentToken;
  private final String adminToken;
  private final AgentTokens agents;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  /** Per web-chat complaint (id): the kinds of message its customer should get, in order. */
  private final Map<String, List<String>> expected = new LinkedHashMap<>();

  private DemoDay(
      String intake,
      String channelToken,
      String agentToken,
      String adminToken,
      AgentTokens agents) {
    this.intake = intake;
    this.channelToken = channelToken;
    this.agentToken = agentToken;
    this.adminToken = adminToken;
    this.agents = agents;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    String intake = options.getOrDefault("--intake", "http://127.0.0.1:8081");
    String channel = require(options, "--channel-token");
    // --agent-token reads; each action is taken as the work order's own agent (intake refuses any
    // other agent), with a token minted from the suite's local key (--agent-key, .suite/keys).
    String agent = require(options, "--agent-token");
    AgentTokens agents =
        new AgentTokens(
            java.nio.file.Path.of(require(options, "--agent-key")),
            options.getOrDefault("--issuer", AgentTokens.LOCAL_ISSUER),
            Duration.ofMinutes(120));
    // --admin-token registers the demo's web-chat receiver; without it the web chat is left out.
    String admin = options.get("--admin-token");
    new DemoDay(intake, channel, agent, admin == null || admin.isBlank() ? null : admin, agents)
        .play(options);
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required (./suite token ROLE)");
    }
    return value;
  }

  private void play(Map<String, String> options) throws Exception {
    System.out.println(
        "Playing a morning at the service centre (run " + run + ") against " + intake);
    if (adminToken == null) {
      System.out.println("  (no --admin-token: the web chat's receiver is left out)");
      playMorning(options, null);
      return;
    }
    try (DemoWebChat webChat = new DemoWebChat()) {
      String connection = registerWebChat(webChat);
      try {
        playMorning(options, webChat);
      } finally {
        removeWebChat(connection);
      }
    }
  }

  private void playMorning(Map<String, String> options, DemoWebChat webChat) throws Exception {
    List<DemoMorning.Case> cases = DemoMorning.cases();
    Map<String, JsonNode> received = new LinkedHashMap<>();
    int i = 0;
    for (DemoMorning.Case c : cases) {
      Map<String, Object> customer = new LinkedHashMap<>();
      customer.put("id", c.customerId());
      customer.put("name", c.name());
      customer.put("phone", c.phone());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("channel", c.channel());
      body.put("externalId", "DEMO-" + run + "-" + (++i));
      body.put("customer", customer);
      body.put("subject", c.subject());
      body.put("description", c.description());
      JsonNode complaint =
          send("POST", "/api/v1/complaints", channelToken, body, "demo-" + run + "-" + i);
      received.put(complaint.get("id").asText(), complaint);
      if (webChat != null && WEB_CHAT.equals(c.channel())) {
        expect(complaint.get("id").asText(), "receipt");
      }
      System.out.printf(
          "  received %s via %-12s %s%n",
          complaint.get("number").asText(), c.channel(), c.subject());
      Thread.sleep(150); // a steady trickle, as channels deliver
    }

    System.out.println("Waiting for routing to assign them ...");
    Map<String, JsonNode> assigned = new LinkedHashMap<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (assigned.size() < received.size() && System.nanoTime() < deadline) {
      for (String id : received.keySet()) {
        if (!assigned.containsKey(id)) {
          JsonNode now = send("GET", "/api/v1/complaints/" + id, agentToken, null, null);
          if (!now.path("department").isNull() && !now.path("department").isMissingNode()) {
            assigned.put(id, now);
          }
        }
      }
      if (assigned.size() < received.size()) {
        Thread.sleep(1000);
      }
    }
    System.out.printf("  %d of %d assigned%n", assigned.size(), received.size());

    System.out.println("Agents at work ...");
    // Each complaint's part follows its place in the morning (not the order routing finished in),
    // so the same complaints are resolved, asked for information, noted or left on every run.
    List<String> order = new ArrayList<>(received.keySet());
    String waiting = null;
    for (int k = 1; k < order.size() && waiting == null; k += 4) {
      JsonNode c = assigned.get(order.get(k));
      if (c != null && WEB_CHAT.equals(c.path("channel").asText())) {
        waiting = order.get(k); // a web-chat customer is asked, so the web chat shows it
      }
    }
    for (int k = 1; k < order.size() && waiting == null; k += 4) {
      if (assigned.containsKey(order.get(k))) {
        waiting = order.get(k);
      }
    }
    for (int n = 0; n < order.size(); n++) {
      JsonNode c = assigned.get(order.get(n));
      if (c == null) {
        continue;
      }
      String id = c.get("id").asText();
      String agentToken =
          agents.forWorkOrder(
              c.path("agent").isTextual() ? c.path("agent").asText() : null,
              c.path("department").asText());
      switch (n % 4) {
        case 0 -> {
          send(
              "POST",
              "/api/v1/complaints/" + id + "/actions/respond",
              agentToken,
              Map.of("message", "您好，您的问题已收到，我们正在处理，请耐心等待。"),
              null);
          expect(id, "reply");
          send(
              "POST",
              "/api/v1/complaints/" + id + "/actions/resolve",
              agentToken,
              Map.of(
                  "summary",
                  "已核实并处理完毕，已电话告知客户结果",
                  "rootCause",
                  "demo-resolved",
                  "compensation",
                  Map.of("type", "coupon", "amount", 20, "currency", "CNY")),
              null);
          expect(id, "resolved");
        }
        case 1 -> {
          send(
              "POST",
              "/api/v1/complaints/" + id + "/actions/respond",
              agentToken,
              Map.of("message", "您好，已收到，请提供相关截图以便核实。"),
              null);
          expect(id, "reply");
          if (id.equals(waiting)) {
            send(
                "POST",
                "/api/v1/complaints/" + id + "/actions/wait-for-customer",
                agentToken,
                Map.of("reason", "订单号和截图"),
                null);
            expect(id, "waiting-for-customer");
          }
        }
        case 2 ->
            send(
                "POST",
                "/api/v1/complaints/" + id + "/actions/notes",
                agentToken,
                Map.of("text", "已联系相关部门，等待回复"),
                null);
        default -> {
          // left untouched: its SLA timers run towards a warning and a breach
        }
      }
    }
    if (waiting != null && assigned.containsKey(waiting)) {
      send(
          "POST",
          "/api/v1/complaints/" + waiting + "/messages",
          channelToken,
          Map.of("text", "订单号是SF1234567890，截图已上传", "externalMessageId", "demo-" + run + "-m1"),
          null);
    }

    Map<String, Integer> byDepartment = new TreeMap<>();
    Map<String, Integer> byStatus = new TreeMap<>();
    System.out.println();
    System.out.printf(
        "%-20s %-12s %-14s %-10s %-8s %-9s %-22s %s%n",
        "number", "channel", "department", "agent", "priority", "respond", "status", "subject");
    for (String id : received.keySet()) {
      JsonNode c = send("GET", "/api/v1/complaints/" + id, agentToken, null, null);
      byDepartment.merge(c.path("department").asText("-"), 1, Integer::sum);
      byStatus.merge(c.get("status").asText(), 1, Integer::sum);
      System.out.printf(
          "%-20s %-12s %-14s %-10s %-8s %-9s %-22s %s%n",
          c.get("number").asText(),
          c.get("channel").asText(),
          c.path("department").asText("-"),
          c.path("agent").asText("-"),
          c.get("priority").asText(),
          responseTarget(options, id, c.get("priority").asText()),
          c.get("status").asText(),
          c.get("subject").asText());
    }
    System.out.println();
    System.out.println("by department: " + byDepartment);
    System.out.println("by status:     " + byStatus);
    printLoads(options);
    if (webChat != null) {
      printWebChat(webChat, received);
    }
    String first = received.keySet().iterator().next();
    System.out.println();
    System.out.println("Look around (tokens: ./suite token agent | supervisor):");
    System.out.println(
        "  timeline of the stolen account:  GET "
            + intake
            + "/api/v1/complaints/"
            + first
            + "/timeline");
    expected.keySet().stream()
        .findFirst()
        .ifPresent(
            id ->
                System.out.println(
                    "  what a web-chat customer was sent, delivered or not:  GET "
                        + intake
                        + "/api/v1/complaints/"
                        + id
                        + "/deliveries"));
    options.forEach(
        (k, v) -> {
          if (k.startsWith("--show-")) {
            System.out.println("  " + k.substring(7).replace('-', ' ') + ":  GET " + v);
          }
        });
  }

  /**
   * The response target sla-service holds for the complaint (e.g. "15 min"), once its timers carry
   * the complaint's current grade; "-" without sla-service.
   */
  private String responseTarget(Map<String, String> options, String id, String priority)
      throws Exception {
    String sla = options.get("--sla");
    String token = options.get("--supervisor-token");
    if (sla == null || token == null) {
      return "-";
    }
    String seen = "?";
    for (int attempt = 0; attempt < 20; attempt++) {
      for (JsonNode t :
          send("GET", sla + "/api/v1/complaints/" + id + "/timers", token, null, null)) {
        if ("response".equals(t.path("kind").asText())) {
          seen = t.path("targetMinutes").asInt() + " min";
          if (priority.equals(t.path("priority").asText())) {
            return seen;
          }
        }
      }
      Thread.sleep(500);
    }
    return seen;
  }

  /** Each agent's load as routing counts it, beside their open work orders in intake. */
  private void printLoads(Map<String, String> options) throws Exception {
    String routing = options.get("--routing");
    String token = options.get("--supervisor-token");
    if (routing == null || token == null) {
      return;
    }
    Thread.sleep(3000); // the last resolutions reach routing through Kafka
    System.out.println();
    System.out.printf(
        "%-10s %-14s %-22s %s%n",
        "agent", "department", "load (routing)", "open work orders (intake)");
    for (JsonNode a : send("GET", routing + "/api/v1/agents", token, null, null)) {
      String agent = a.get("id").asText();
      int open = 0;
      for (JsonNode c :
          send("GET", "/api/v1/complaints?limit=200&agent=" + agent, token, null, null)
              .path("items")) {
        String status = c.path("status").asText();
        if (!status.equals("resolved") && !status.equals("closed")) {
          open++;
        }
      }
      System.out.printf(
          "%-10s %-14s %-22s %d%n",
          agent,
          a.get("department").asText(),
          a.get("openComplaints").asInt() + " of " + a.get("capacity").asInt(),
          open);
    }
  }

  /** A web-chat customer should get a message of {@code kind} (when the receiver is on). */
  private void expect(String complaintId, String kind) {
    List<String> kinds = expected.get(complaintId);
    if (kinds != null || kind.equals("receipt")) {
      expected.computeIfAbsent(complaintId, k -> new ArrayList<>()).add(kind);
    }
  }

  /**
   * Registers the receiver as a web-chat connection for every kind, with its fresh secret. A
   * connection of a demo that ended without removing its own keeps the name: then this one is named
   * after the time.
   */
  private String registerWebChat(DemoWebChat webChat) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "demo web chat");
    body.put("channel", WEB_CHAT);
    body.put("url", webChat.url());
    body.put("kinds", KINDS);
    body.put("locale", "zh-CN");
    body.put("secret", webChat.secret());
    HttpResponse<String> answer = call("POST", "/api/v1/channel-endpoints", adminToken, body, null);
    if (answer.statusCode() == 409) {
      body.put(
          "name",
          "demo web chat "
              + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
              + " "
              + run);
      answer = call("POST", "/api/v1/channel-endpoints", adminToken, body, null);
    }
    if (answer.statusCode() != 201) {
      throw new IllegalStateException(
          "registering the demo's web chat answered " + answer.statusCode() + ": " + answer.body());
    }
    JsonNode connection = JSON.readTree(answer.body());
    System.out.printf(
        "  web chat: receiver %s registered as connection '%s' (%s)%n",
        webChat.url(), connection.path("name").asText(), connection.path("id").asText());
    return connection.path("id").asText();
  }

  /**
   * The receiver ends with the demo: its connection goes too, so intake does not retry messages to
   * a closed port for a day. The delivery log stays (per complaint).
   */
  private void removeWebChat(String connection) {
    try {
      HttpResponse<String> answer =
          call("DELETE", "/api/v1/channel-endpoints/" + connection, adminToken, null, null);
      if (answer.statusCode() >= 300) {
        System.out.println(
            "  (removing the demo's web-chat connection answered " + answer.statusCode() + ")");
      }
    } catch (IOException e) {
      System.out.println("  (removing the demo's web-chat connection failed: " + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What each web-chat customer received, once everything expected is in (receipts are held 2 s so
   * that they carry routing's priority) or after 15 s.
   */
  private void printWebChat(DemoWebChat webChat, Map<String, JsonNode> received)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!allIn(webChat) && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    System.out.println();
    System.out.println("What each customer received (web chat)");
    System.out.printf(
        "  signatures: %d verified, %d refused%s%n",
        webChat.verified(),
        webChat.refused(),
        webChat.duplicates() == 0
            ? ""
            : " (" + webChat.duplicates() + " repeated webhook-ids kept once)");
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      JsonNode complaint = received.get(e.getKey());
      List<DemoWebChat.Message> got = webChat.of(e.getKey());
      List<String> missing = new ArrayList<>(e.getValue());
      got.forEach(m -> missing.remove(m.kind()));
      System.out.printf(
          "  %s  %s  %s%s%n",
          complaint.get("number").asText(),
          complaint.path("customer").path("name").asText(""),
          complaint.get("subject").asText(),
          missing.isEmpty() ? "" : "   (not yet received: " + String.join(", ", missing) + ")");
      for (DemoWebChat.Message m : got) {
        System.out.printf("    %-21s %s%n", m.kind(), abbreviate(m.text(), 60));
      }
    }
  }

  private boolean allIn(DemoWebChat webChat) {
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      List<String> missing = new ArrayList<>(e.getValue());
      webChat.of(e.getKey()).forEach(m -> missing.remove(m.kind()));
      if (!missing.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** The first {@code max} characters on one line, "…" when there were more. */
  static String abbreviate(String text, int max) {
    String line = text.replaceAll("\\s*\\R\\s*", " ").strip();
    return line.codePointCount(0, line.length()) <= max
        ? line
        : line.substring(0, line.offsetByCodePoints(0, max)) + "…";
  }

  private JsonNode send(String method, String path, String token, Object body, String key)
      throws IOException, InterruptedException {
    HttpResponse<String> response = call(method, path, token, body, key);
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }

  private HttpResponse<String> call(
      String method, String path, String token, Object body, String key)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : intake + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
