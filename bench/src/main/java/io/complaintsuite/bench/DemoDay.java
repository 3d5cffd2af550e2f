package io.complaintsuite.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Plays a realistic morning at a customer-service centre through the suite's HTTP APIs, so a
 * newcomer sees it work: complaints from every channel (Chinese text), a broadband outage spike, a
 * public-opinion (舆情) case and a stolen account; routing assigns them; agents respond, ask for more
 * information, resolve; a customer follows up. Prints what happened and where to look. Run by
 * {@code ./suite demo} (which starts the suite first).
 */
public final class DemoDay {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String intake;
  private final String channelToken;
  private final String agentToken;
  private final AgentTokens agents;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private DemoDay(String intake, String channelToken, String agentToken, AgentTokens agents) {
    this.intake = intake;
    this.channelToken = channelToken;
    this.agentToken = agentToken;
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
    new DemoDay(intake, channel, agent, agents).play(options);
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
    int n = 0;
    String waiting = null;
    for (JsonNode c : assigned.values()) {
      String id = c.get("id").asText();
      String agentToken =
          agents.forWorkOrder(
              c.path("agent").isTextual() ? c.path("agent").asText() : null,
              c.path("department").asText());
      switch (n++ % 4) {
        case 0 -> {
          send(
              "POST",
              "/api/v1/complaints/" + id + "/actions/respond",
              agentToken,
              Map.of("message", "您好，您的问题已收到，我们正在处理，请耐心等待。"),
              null);
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
        }
        case 1 -> {
          send(
              "POST",
              "/api/v1/complaints/" + id + "/actions/respond",
              agentToken,
              Map.of("message", "您好，已收到，请提供相关截图以便核实。"),
              null);
          if (waiting == null) {
            send(
                "POST",
                "/api/v1/complaints/" + id + "/actions/wait-for-customer",
                agentToken,
                Map.of("reason", "请提供订单号和截图"),
                null);
            waiting = id;
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
    if (waiting != null) {
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
    String first = received.keySet().iterator().next();
    System.out.println();
    System.out.println("Look around (tokens: ./suite token agent | supervisor):");
    System.out.println(
        "  timeline of the stolen account:  GET "
            + intake
            + "/api/v1/complaints/"
            + first
            + "/timeline");
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

  private JsonNode send(String method, String path, String token, Object body, String key)
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
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }
}
