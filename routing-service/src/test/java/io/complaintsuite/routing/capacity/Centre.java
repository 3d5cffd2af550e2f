package io.complaintsuite.routing.capacity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.complaintsuite.routing.Suite;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.TopicWriter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.ConfigProvider;

/** The logistics department as the capacity tests drive it: agents, complaints, their events. */
final class Centre {
  static final Duration WAIT = Duration.ofSeconds(30);
  private static final AtomicInteger WAYBILL = new AtomicInteger(1000);

  private final String complaints =
      ConfigProvider.getConfig().getValue("suite.topics.complaints", String.class);
  private final String assignmentsTopic =
      ConfigProvider.getConfig().getValue("suite.topics.assignments", String.class);
  private final Set<UUID> opened = new LinkedHashSet<>();
  private final Set<String> agents = new LinkedHashSet<>();
  private TopicWriter writer;
  private TopicReader reader;

  void open() {
    writer = new TopicWriter();
    reader = new TopicReader(assignmentsTopic);
  }

  /** Closes every complaint the test opened and retires its agents: loads back to zero. */
  void closeAll() throws Exception {
    try {
      for (UUID id : opened) {
        publish(id, "complaint.closed", Lifecycle.closed(id));
      }
      for (String agent : agents) {
        awaitLoad(agent, 0);
        put(agent, body(0, false, null)).then().statusCode(200);
      }
    } finally {
      writer.close();
      reader.close();
    }
  }

  static Map<String, Object> body(int capacity, Boolean onDuty, Map<String, Object> schedule) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "物流坐席");
    body.put("department", "logistics");
    body.put("skills", List.of("delivery"));
    body.put("languages", List.of("zh"));
    body.put("channels", List.of());
    body.put("capacity", capacity);
    body.put("onDuty", onDuty);
    body.put("schedule", schedule);
    return body;
  }

  Response put(String id, Map<String, Object> body) {
    Response response =
        given()
            .auth()
            .oauth2(Tokens.forRole("admin"))
            .contentType(ContentType.JSON)
            .body(body)
            .put("/api/v1/agents/" + id);
    if (response.statusCode() == 200) {
      agents.add(id); // only agents that exist are retired after the test
    }
    return response;
  }

  void agent(String id, int capacity, boolean onDuty) {
    put(id, body(capacity, onDuty, null)).then().statusCode(200);
  }

  /** A delivery complaint of a new customer, {@code urgency} hinted or not; not awaited. */
  UUID publishComplaint(String urgency) throws Exception {
    UUID id = UUID.randomUUID();
    String text = "快递显示已签收但我根本没收到，联系快递公司也没人管，运单号YT" + WAYBILL.getAndIncrement();
    ObjectNode data =
        (ObjectNode)
            Suite.JSON.readTree(Suite.received(id, "C-" + id, "app", text.substring(0, 12), text));
    if (urgency != null) {
      data.put("priority", urgency);
      data.put("priorityGiven", true);
    }
    opened.add(id);
    writer.publish(
        complaints, id.toString(), "complaint.received", "/intake-service", data.toString());
    return id;
  }

  /** As {@link #publishComplaint}, then waits for its first assignment (so arrival order holds). */
  UUID complaint(String urgency) throws Exception {
    UUID id = publishComplaint(urgency);
    assignments(id, 1);
    return id;
  }

  void publish(UUID id, String type, String data) {
    writer.publish(complaints, id.toString(), type, "/intake-service", data);
  }

  /** The first {@code count} assignment.created of the complaint, checked against the schema. */
  List<JsonNode> assignments(UUID id, int count) throws Exception {
    List<JsonNode> data = new ArrayList<>();
    for (TopicReader.Event e :
        reader.await(
            e -> id.toString().equals(e.key()) && "assignment.created".equals(e.header("ce_type")),
            count,
            WAIT)) {
      data.add(Suite.validData(e));
    }
    return data;
  }

  /** Every assignment.created of the complaint seen within two seconds more. */
  List<TopicReader.Event> drain(UUID id) {
    return reader.drain(
        e -> id.toString().equals(e.key()) && "assignment.created".equals(e.header("ce_type")),
        Duration.ofSeconds(2));
  }

  void awaitLifecycle(UUID id, String lifecycle) throws InterruptedException {
    Pool pool = CDI.current().select(Pool.class).get();
    await(
        () ->
            lifecycle.equals(
                pool.preparedQuery("select lifecycle from assignment where complaint_id = $1")
                    .execute(Tuple.of(id))
                    .await()
                    .atMost(WAIT)
                    .iterator()
                    .next()
                    .getString("lifecycle")),
        "lifecycle " + lifecycle + " of " + id);
  }

  static io.restassured.path.json.JsonPath view(String agent) {
    return given()
        .auth()
        .oauth2(Tokens.forRole("supervisor"))
        .get("/api/v1/agents/" + agent)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static int openComplaints(String agent) {
    return view(agent).getInt("openComplaints");
  }

  static boolean onDuty(String agent) {
    return view(agent).getBoolean("onDuty");
  }

  /** Polls the agent's load until it is {@code expected} (events are consumed asynchronously). */
  static void awaitLoad(String agent, int expected) throws InterruptedException {
    long until = System.nanoTime() + WAIT.toNanos();
    int seen = openComplaints(agent);
    while (seen != expected && System.nanoTime() < until) {
      Thread.sleep(100);
      seen = openComplaints(agent);
    }
    assertEquals(expected, seen, "open complaints of " + agent);
  }

  static void awaitOnDuty(String agent, boolean expected) throws InterruptedException {
    await(() -> onDuty(agent) == expected, agent + " on duty " + expected);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long until = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("not reached within " + WAIT + ": " + what);
      }
      Thread.sleep(100);
    }
  }
}
