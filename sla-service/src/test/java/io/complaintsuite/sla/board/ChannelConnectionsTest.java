package io.complaintsuite.sla.board;

import static io.complaintsuite.sla.support.SlaApi.as;
import static io.complaintsuite.sla.support.SlaApi.at;
import static io.complaintsuite.sla.support.SlaApi.instant;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.contracts.channel.ConnectionHealth;
import io.complaintsuite.testsupport.PoisonRecords;
import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 20, item 5: a dead channel connection shows on the supervisor's board. intake-service's
 * {@code channel.connection-health} on the real {@code complaints} topic (keyed by the connection's
 * id, as intake publishes it): failing, disabled and dead deliveries are listed with their counts,
 * healthy again drops off, a duplicate or an older event published again brings nothing back, and
 * poison records are dead-lettered while the board goes on. The events are applied in order on one
 * key; the tests wait for the board consumer's inbox counter before looking at what must not show.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "sla",
    topics = {"complaints", "assignments", "surveys", "sla-alerts", "sla-service.dlq"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChannelConnectionsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TYPE = "channel.connection-health";
  private static final String CONSUMER = "sla-service.board.complaints";

  /** The connection of docs/events/examples/channel.connection-health.v1.json. */
  private static final String WEB_CHAT = "01a2531a-1156-7683-a189-d3bdee8d4671";

  private static final String SMS = "3f0c6a52-8d1e-4f57-9a43-2b7c1d9e6a10";
  private static final String DOUYIN = "7b9e2d44-1c3a-4e8f-b6d2-5a0f3c8e9d21";
  private static final String APP = "c4d8e1f2-6a7b-4c3d-9e0f-1a2b3c4d5e6f";

  /** The ce_id of the example event as first published, to publish it again. */
  private static String exampleEventId;

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.sla-service.dlq")
  String deadLetters;

  @TestHTTPResource("/api/v1/board/stream")
  URI stream;

  @Inject ObjectMapper json;

  private static String health(
      String id,
      String name,
      String channel,
      String state,
      int pending,
      int dead,
      String lastError,
      String since,
      String occurredAt) {
    return "{\"endpointId\":\""
        + id
        + "\",\"name\":\""
        + name
        + "\",\"channel\":\""
        + channel
        + "\",\"state\":\""
        + state
        + "\",\"pendingDeliveries\":"
        + pending
        + ",\"deadDeliveries\":"
        + dead
        + ",\"lastError\":"
        + (lastError == null ? "null" : "\"" + lastError + "\"")
        + ",\"since\":\""
        + at(since)
        + "\",\"occurredAt\":\""
        + at(occurredAt)
        + "\"}";
  }

  private static String example() throws Exception {
    return Files.readString(
        SuiteSettings.home().resolve("docs/events/examples/channel.connection-health.v1.json"));
  }

  private List<Map<String, Object>> connections() {
    return as("supervisor")
        .get("/api/v1/board")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("channelConnections");
  }

  private static List<String> names(List<Map<String, Object>> connections) {
    return connections.stream().map(c -> (String) c.get("name")).toList();
  }

  /**
   * A counter of the board's consumer of channel connection health. Read here, not with {@code
   * PoisonRecords.counter}: the scrape carries OpenTelemetry exemplars after the value ({@code 1.0
   * # {span_id=…} 1.0 TIMESTAMP}), whose last number that helper would take.
   */
  private static double counted(String name) {
    String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
    String labels = "{consumer=\"" + CONSUMER + "\",type=\"" + TYPE + "\"}";
    double total = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith(name + labels + " ")) {
        total +=
            Double.parseDouble(line.substring(name.length() + labels.length() + 1).split(" ")[0]);
      }
    }
    return total;
  }

  /** Waits until the board's consumer has handled (applied or de-duplicated) {@code total}. */
  private static void awaitHandled(double total) {
    await().atMost(WAIT).until(() -> counted("inbox_events_processed_total") >= total);
  }

  @Test
  @Order(1)
  void theContractExampleIsAFailingConnectionShownWithItsPendingMessages() throws Exception {
    // The example file reads into the contract's record as intake publishes it.
    ConnectionHealth example = json.readValue(example(), ConnectionHealth.class);
    assertEquals(UUID.fromString(WEB_CHAT), example.endpointId());
    assertEquals("微信客服 web chat", example.name());
    assertEquals("web-chat", example.channel());
    assertEquals("failing", example.state());
    assertEquals(37, example.pendingDeliveries());
    assertEquals(0, example.deadDeliveries());
    assertEquals("receiver answered 503", example.lastError());
    assertEquals(instant(at("2026-12-08T10:42:00")), example.since().toInstant());
    assertEquals(instant(at("2026-12-08T10:42:00")), example.occurredAt().toInstant());

    try (TopicWriter w = new TopicWriter()) {
      // A healthy connection with nothing dead is never listed.
      w.publish(
          complaints,
          APP,
          TYPE,
          "/intake-service",
          health(
              APP,
              "App 推送",
              "app",
              "healthy",
              2,
              0,
              null,
              "2026-12-08T08:00:00",
              "2026-12-08T10:40:00"));
      exampleEventId = w.publish(complaints, WEB_CHAT, TYPE, "/intake-service", example());
    }
    awaitHandled(2);
    List<Map<String, Object>> shown = connections();
    assertEquals(1, shown.size(), shown.toString());
    Map<String, Object> webChat = shown.get(0);
    assertEquals(WEB_CHAT, webChat.get("endpointId"));
    assertEquals("微信客服 web chat", webChat.get("name"));
    assertEquals("web-chat", webChat.get("channel"));
    assertEquals("failing", webChat.get("state"));
    assertEquals(37, webChat.get("pendingDeliveries"));
    assertEquals(0, webChat.get("deadDeliveries"));
    assertEquals("receiver answered 503", webChat.get("lastError"));
    assertEquals(instant(at("2026-12-08T10:42:00")), instant(webChat.get("since")));
  }

  @Test
  @Order(2)
  void deadDeliveriesAndDisabledConnectionsAreListedTooTheWorstFirst() {
    try (TopicWriter w = new TopicWriter()) {
      w.publish(
          complaints,
          SMS,
          TYPE,
          "/intake-service",
          health(
              SMS,
              "短信网关",
              "sms",
              "healthy",
              0,
              3,
              "receiver answered 500",
              "2026-12-08T09:00:00",
              "2026-12-08T10:45:00"));
      w.publish(
          complaints,
          DOUYIN,
          TYPE,
          "/intake-service",
          health(
              DOUYIN,
              "抖音私信",
              "social-media",
              "disabled",
              5,
              0,
              "receiver answered 410",
              "2026-12-08T10:30:00",
              "2026-12-08T10:30:00"));
    }
    await().atMost(WAIT).until(() -> connections().size() == 3);
    List<Map<String, Object>> shown = connections();
    // Disabled (nothing reaches it), failing, then a healthy one's dead deliveries.
    assertEquals(List.of("抖音私信", "微信客服 web chat", "短信网关"), names(shown));
    Map<String, Object> douyin = shown.get(0);
    assertEquals("disabled", douyin.get("state"));
    assertEquals("social-media", douyin.get("channel"));
    assertEquals(5, douyin.get("pendingDeliveries"));
    assertEquals(instant(at("2026-12-08T10:30:00")), instant(douyin.get("since")));
    Map<String, Object> sms = shown.get(2);
    assertEquals(SMS, sms.get("endpointId"));
    assertEquals("healthy", sms.get("state"));
    assertEquals(0, sms.get("pendingDeliveries"));
    assertEquals(3, sms.get("deadDeliveries"));
    assertEquals("receiver answered 500", sms.get("lastError"));
  }

  /** Waits for a line starting with {@code prefix} on the board's stream, skipping the others. */
  private static void awaitLine(BlockingQueue<String> lines, String prefix) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    for (String line = ""; !line.startsWith(prefix); ) {
      line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no line " + prefix + " on the board's stream within " + WAIT);
      }
    }
  }

  @Test
  @Order(3)
  void aConnectionHealthyAgainWithNothingDeadDropsOffAndOpenPagesAreToldAtOnce() throws Exception {
    // A page's stream, open before the change: the board's feed tells it to re-read.
    HttpResponse<Stream<String>> open =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(stream)
                    .header("Authorization", "Bearer " + Tokens.forRole("supervisor"))
                    .header("Accept", "text/event-stream")
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, open.statusCode());
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                open.body().forEach(lines::add);
              } catch (java.io.UncheckedIOException closedByTheTest) {
                // the stream is closed below once the test has seen what it waits for
              }
            },
            "board-stream");
    reader.setDaemon(true);
    reader.start();
    awaitLine(lines, "event:hello");
    try (TopicWriter w = new TopicWriter()) {
      w.publish(
          complaints,
          WEB_CHAT,
          TYPE,
          "/intake-service",
          health(
              WEB_CHAT,
              "微信客服 web chat",
              "web-chat",
              "healthy",
              0,
              0,
              null,
              "2026-12-08T11:00:00",
              "2026-12-08T11:00:00"));
    }
    awaitLine(lines, "data:{\"table\":\"board_channel_connection\"}");
    open.body().close();
    await().atMost(WAIT).until(() -> connections().size() == 2);
    assertEquals(List.of("抖音私信", "短信网关"), names(connections()));
  }

  @Test
  @Order(4)
  void theSameEventAgainOrAnOlderOnePublishedLaterBringsNothingBack() throws Exception {
    double duplicates = counted("inbox_events_duplicate_total");
    double handled = counted("inbox_events_processed_total");
    try (TopicWriter w = new TopicWriter()) {
      // The failing report of 10:42 again, as it was (a replay: de-duplicated on its ce_id) ...
      w.publish(complaints, WEB_CHAT, exampleEventId, TYPE, "/intake-service", example());
      // ... and an older one under a new id (a producer re-sending its log): older than 11:00.
      w.publish(
          complaints,
          WEB_CHAT,
          TYPE,
          "/intake-service",
          health(
              WEB_CHAT,
              "微信客服 web chat",
              "web-chat",
              "failing",
              40,
              1,
              "receiver answered 502",
              "2026-12-08T10:42:00",
              "2026-12-08T10:50:00"));
    }
    awaitHandled(handled + 2);
    assertEquals(duplicates + 1, counted("inbox_events_duplicate_total"));
    assertEquals(List.of("抖音私信", "短信网关"), names(connections()));
  }

  @Test
  @Order(5)
  void poisonRecordsAreDeadLetteredAndTheBoardGoesOn() {
    try (PoisonRecords poison = new PoisonRecords()) {
      String noEndpoint =
          health(
                  SMS,
                  "短信网关",
                  "sms",
                  "failing",
                  9,
                  9,
                  "poison",
                  "2026-12-08T11:10:00",
                  "2026-12-08T11:10:00")
              .replace("\"endpointId\":\"" + SMS + "\",", "");
      poison.sendPoison(complaints, SMS, TYPE, "/intake-service", noEndpoint, "endpointId");
      poison.sendInvalid(
          complaints,
          SMS,
          TYPE,
          "/intake-service",
          health(
                  SMS,
                  "短信网关",
                  "sms",
                  "failing",
                  9,
                  9,
                  "poison",
                  "2026-12-08T11:10:00",
                  "2026-12-08T11:10:00")
              .replace("\"pendingDeliveries\":9,", ""),
          "pendingDeliveries");
      poison.sendInvalid(
          complaints,
          SMS,
          TYPE,
          "/intake-service",
          health(
              SMS,
              "短信网关",
              "sms",
              "broken",
              9,
              9,
              "poison",
              "2026-12-08T11:10:00",
              "2026-12-08T11:10:00"),
          "state");
      // The next event on the same key (same partition, after the poison): the dead deliveries
      // were sent again, the SMS gateway drops off.
      poison.send(
          complaints,
          SMS,
          TYPE,
          1,
          "/intake-service",
          health(
              SMS,
              "短信网关",
              "sms",
              "healthy",
              0,
              0,
              null,
              "2026-12-08T09:00:00",
              "2026-12-08T11:20:00"));
      await().atMost(WAIT).until(() -> connections().size() == 1);
      List<Map<String, Object>> shown = connections();
      assertEquals(List.of("抖音私信"), names(shown));
      assertEquals("disabled", shown.get(0).get("state"));
      assertEquals(5, shown.get(0).get("pendingDeliveries"));
      // Not JSON and not a CloudEvent: refused by both channels reading complaints (the SLA
      // timers' and the board's); the invalid health reports by the board's alone.
      poison.assertDeadLettered(deadLetters, sent -> sent.malformed() ? 2 : 1);
    }
  }
}
