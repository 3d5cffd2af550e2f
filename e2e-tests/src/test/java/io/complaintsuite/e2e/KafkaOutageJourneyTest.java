package io.complaintsuite.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.complaintsuite.testsupport.Infra;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicReader;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The system-fault journey: with the Kafka broker stopped, intake keeps taking complaints (201,
 * stored); once the broker is back, every downstream effect happens for each of them, exactly once:
 * one {@code complaint.received}, one assignment (routing's API and the work order in intake), two
 * SLA timers, one {@code knowledge.suggested}, one {@code assignment.created}.
 *
 * <p>Stopping the suite's one broker disturbs whatever else uses it for those seconds: the outage
 * is kept short (the posts take a moment; then ten seconds so the outbox relays meet the dead
 * broker) and the broker is always restarted.
 */
@ExtendWith(RunningSuite.class)
class KafkaOutageJourneyTest {
  private static final Duration RECOVERY = Duration.ofSeconds(120);
  private static final Duration AFTERWARDS = Duration.ofSeconds(5);

  private record Complaint(String subject, String description) {}

  private static final List<Complaint> COMPLAINTS =
      List.of(
          new Complaint("宽带断网一整晚", "家里宽带从昨晚十点开始断网，光猫红灯一直闪，到现在还没恢复，严重影响在家办公。"),
          new Complaint("发票金额开错了", "上个月的电子发票金额开错了，比实际消费多了200元，要求重新开具。"),
          new Complaint("退款一周还没到账", "我在7天前申请了退款，系统显示已审核通过，但钱一直没有退回到我的银行卡。"),
          new Complaint("客服态度很差", "打了三次客服电话，客服态度很差，没说两句就挂我电话，要求道歉。"),
          new Complaint("新手机屏幕有坏点", "刚买的手机屏幕上有三个坏点，开机就能看到，要求换货。"));

  @Test
  void intakeKeepsAcceptingDuringAKafkaOutageAndEverythingHappensOnceAfterwards(
      ServiceProcesses suite) {
    String intake = suite.url("intake-service");
    String channel = Tokens.forRole("channel");
    List<String> ids = new ArrayList<>();

    Infra.stopKafka();
    try {
      assertFalse(Infra.kafkaReachable(), "the broker is down");
      for (int i = 0; i < COMPLAINTS.size(); i++) {
        ids.add(post(intake, channel, i, 201));
      }
      // A channel retrying during the outage gets the same complaint, not a second one.
      assertEquals(ids.get(0), post(intake, channel, 0, 200));
      for (String id : ids) {
        JsonPath stored = Api.get("agent", intake, "/api/v1/complaints/" + id);
        assertEquals("received", stored.getString("status"));
        assertNull(stored.getString("department"), "nothing routed while Kafka is down");
      }
      sleep(Duration.ofSeconds(10)); // the outbox relays try, fail fast and back off
    } finally {
      Infra.startKafka();
    }

    // Every downstream effect happens for every complaint ...
    for (String id : ids) {
      JsonPath assignment =
          Api.awaitJson(
              "agent",
              suite.url("routing-service"),
              "/api/v1/assignments/" + id,
              a -> true,
              RECOVERY);
      JsonPath workOrder =
          Api.awaitJson(
              "agent",
              intake,
              "/api/v1/complaints/" + id,
              c -> c.getString("department") != null,
              RECOVERY);
      assertEquals(assignment.getString("department"), workOrder.getString("department"));
      Api.awaitJson(
          "agent",
          suite.url("sla-service"),
          "/api/v1/complaints/" + id + "/timers",
          t -> t.getList("$").size() == 2,
          RECOVERY);
    }

    // ... and happened once: one event per complaint on each topic (distinct CloudEvent ids: the
    // outbox may deliver twice, with the same id, which consumers drop), one assignment in
    // intake's timeline, two timers.
    Set<String> ours = Set.copyOf(ids);
    assertOnePerComplaint(suite.topic("complaints"), "complaint.received", ours);
    assertOnePerComplaint(suite.topic("assignments"), "assignment.created", ours);
    assertOnePerComplaint(suite.topic("knowledge"), "knowledge.suggested", ours);
    for (String id : ids) {
      List<String> kinds =
          Api.get("agent", intake, "/api/v1/complaints/" + id + "/timeline").getList("kind");
      assertEquals(1, kinds.stream().filter("assigned"::equals).count(), kinds::toString);
      assertEquals(
          2,
          Api.get("agent", suite.url("sla-service"), "/api/v1/complaints/" + id + "/timers")
              .getList("$")
              .size());
    }
  }

  private static void assertOnePerComplaint(String topic, String type, Set<String> ids) {
    try (TopicReader reader = new TopicReader(topic)) {
      reader.await(
          e -> ids.contains(e.key()) && type.equals(e.header("ce_type")), ids.size(), RECOVERY);
      List<TopicReader.Event> events =
          reader.drain(e -> ids.contains(e.key()) && type.equals(e.header("ce_type")), AFTERWARDS);
      Map<String, Set<String>> eventIdsPerComplaint =
          events.stream()
              .collect(
                  Collectors.groupingBy(
                      TopicReader.Event::key,
                      Collectors.mapping(e -> e.header("ce_id"), Collectors.toSet())));
      assertEquals(ids, eventIdsPerComplaint.keySet(), type + " for every complaint");
      eventIdsPerComplaint.forEach(
          (id, eventIds) -> assertEquals(1, eventIds.size(), type + " of " + id + ": " + eventIds));
    }
  }

  private static String post(String intake, String token, int index, int expectedStatus) {
    Complaint complaint = COMPLAINTS.get(index);
    return given()
        .baseUri(intake)
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .header("Idempotency-Key", "e2e-outage-" + index)
        .body(
            Map.of(
                "channel", "app",
                "externalId", "APP-OUTAGE-" + index,
                "customer",
                    Map.of(
                        "id",
                        "C-OUT-" + index,
                        "name",
                        "客户" + index,
                        "phone",
                        "1390000000" + index),
                "subject", complaint.subject(),
                "description", complaint.description()))
        .post("/api/v1/complaints")
        .then()
        .statusCode(expectedStatus)
        .extract()
        .jsonPath()
        .getString("id");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
