package io.complaintsuite.intake.delivery;

import static io.complaintsuite.intake.support.IntakeApi.act;
import static io.complaintsuite.intake.support.IntakeApi.as;
import static io.complaintsuite.intake.support.IntakeApi.receive;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.platform.time.Clocks;
import io.complaintsuite.platform.time.MovableClock;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.WebhookReceiver;
import io.complaintsuite.testsupport.WebhookReceiver.Accepted;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a channel's receiver gets: every message signed by the Standard Webhooks rules (checked by
 * the receiver's own code), in order per complaint, each webhook-id accepted exactly once across an
 * outage of several minutes, a slow receiver not holding up another, 410 and dead deliveries
 * handled as documented. Time is moved, never waited for.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
class WebhookDeliveryTest {
  @Inject Clocks clocks;

  /** Every test's connections go when it ends: the next test's complaints reach only its own. */
  @AfterEach
  void removeConnections() {
    List<String> ids = as("admin").get("/api/v1/channel-endpoints").path("id");
    for (String id : ids) {
      as("admin").delete("/api/v1/channel-endpoints/" + id).then().statusCode(204);
    }
  }

  private MovableClock clock() {
    return clocks.movable().orElseThrow();
  }

  static String secret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  static String register(String name, String channel, String url, String secret) {
    return as("admin")
        .body(
            Map.of(
                "name", name,
                "channel", channel,
                "url", url,
                "kinds",
                    List.of(
                        "receipt",
                        "reply",
                        "waiting-for-customer",
                        "resolved",
                        "reopened",
                        "closed",
                        "survey-invitation"),
                "secret", secret))
        .post("/api/v1/channel-endpoints")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static Map<String, Object> complaint(String channel, String urgency, String name) {
    Map<String, Object> customer = new HashMap<>();
    customer.put("id", "C-" + name.hashCode());
    customer.put("name", name);
    customer.put("phone", "13900001111");
    customer.put("email", "customer@example.cn");
    Map<String, Object> body = new HashMap<>();
    body.put("channel", channel);
    body.put("customer", customer);
    body.put("subject", "快递三天没有更新");
    body.put("description", "我的订单A-2201快递三天没有任何物流更新，客服也联系不上，请尽快处理。");
    if (urgency != null) {
      body.put("urgency", urgency);
    }
    return body;
  }

  /** Moves the service's clock and lets the dispatcher (every 200 ms in tests) look. */
  private void advance(Duration d) throws InterruptedException {
    clock().advance(d);
    Thread.sleep(400);
  }

  private static List<Accepted> of(WebhookReceiver r, String complaintId) {
    return r.accepted.stream().filter(a -> a.complaintId().equals(complaintId)).toList();
  }

  @Test
  void everyMessageArrivesSignedInOrderAndOnceAcrossAnOutage() throws Exception {
    String secret = secret();
    try (WebhookReceiver chat = new WebhookReceiver(() -> clock().instant(), secret)) {
      register("web chat " + System.nanoTime(), "web-chat", chat.url(), secret);
      String urgent = receive(complaint("web-chat", "urgent", "李雷"));
      String general = receive(complaint("web-chat", null, "韩梅梅"));
      String third = receive(complaint("web-chat", null, "张伟"));

      // The receipt waits two seconds for routing's priority, then goes.
      advance(Duration.ofSeconds(3));
      await().atMost(Duration.ofSeconds(20)).until(() -> chat.accepted.size() == 3);
      Accepted urgentReceipt = of(chat, urgent).get(0);
      assertEquals("receipt", urgentReceipt.kind());
      assertTrue(urgentReceipt.text().contains("我们将在15分钟内联系您"), urgentReceipt.text());
      assertTrue(urgentReceipt.text().contains("优先级：紧急"), urgentReceipt.text());
      Accepted generalReceipt = of(chat, general).get(0);
      assertTrue(generalReceipt.text().contains("我们将在24小时内联系您"), generalReceipt.text());
      String number = as("admin").get("/api/v1/complaints/" + general).path("number");
      assertTrue(generalReceipt.text().contains("工单号 " + number), generalReceipt.text());
      // Web chat gets neither the phone nor the e-mail address.
      assertTrue(
          generalReceipt.payload().path("data").path("customer").path("phone").isMissingNode());
      assertTrue(
          generalReceipt.payload().path("data").path("customer").path("email").isMissingNode());
      assertEquals(
          "韩梅梅", generalReceipt.payload().path("data").path("customer").path("name").asText());

      // The receiver goes down; agents go on working.
      chat.stop();
      for (String id : List.of(urgent, general, third)) {
        act(id, "reply", Map.of("text", "您好，已联系快递公司核实，今天内给您答复。")).then().statusCode(200);
        act(id, "notes", Map.of("text", "内部备注：快递站点已停运，勿告知客户")).then().statusCode(200);
        act(id, "wait-for-customer", Map.of("reason", "请提供收货地址截图")).then().statusCode(200);
        act(id, "resolve", Map.of("summary", "已补发商品并赔付10元优惠券", "rootCause", "logistics"))
            .then()
            .statusCode(200);
        act(id, "close", null).then().statusCode(200);
      }
      // Several minutes of outage, moved a minute at a time: attempts fail, the circuit opens.
      for (int minute = 0; minute < 6; minute++) {
        advance(Duration.ofMinutes(1));
      }
      assertEquals(3, chat.accepted.size(), "nothing accepted while down");
      List<Map<String, Object>> log =
          as("admin")
              .get("/api/v1/complaints/" + general + "/deliveries")
              .then()
              .statusCode(200)
              .extract()
              .path("");
      assertEquals(
          List.of("delivered", "pending", "pending", "pending", "pending"),
          log.stream().map(e -> e.get("status")).toList());

      chat.restart();
      // Past the longest back-off (an hour): everything arrives.
      advance(Duration.ofMinutes(61));
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                clock().advance(Duration.ofSeconds(30));
                return chat.accepted.size() == 15;
              });

      // Each id accepted once; every id ever tried is one that was accepted (retries kept it).
      Map<String, Long> perId =
          chat.accepted.stream()
              .collect(Collectors.groupingBy(Accepted::id, Collectors.counting()));
      assertEquals(15, perId.size());
      assertTrue(perId.values().stream().allMatch(n -> n == 1), perId.toString());
      assertEquals(perId.keySet(), new HashSet<>(chat.requests));
      assertEquals(List.of(), chat.refused, "every request carried a valid signature");
      // Per complaint, in the order things happened; the internal note never left.
      for (String id : List.of(urgent, general, third)) {
        List<Accepted> got = of(chat, id);
        assertEquals(
            List.of("receipt", "reply", "waiting-for-customer", "resolved", "closed"),
            got.stream().map(Accepted::kind).toList());
        for (int i = 1; i < got.size(); i++) {
          assertTrue(got.get(i - 1).sequence() < got.get(i).sequence());
        }
      }
      assertFalse(chat.accepted.stream().anyMatch(a -> a.payload().toString().contains("内部备注")));
      // What was sent is what docs/webhooks/ documents.
      for (Accepted a : chat.accepted) {
        WebhookPayloadSchemaTest.assertValid(a.payload());
      }
      Accepted resolved = of(chat, general).get(3);
      assertTrue(resolved.text().contains("处理结果：已补发商品并赔付10元优惠券"), resolved.text());
      assertFalse(resolved.payload().toString().contains("logistics"), "root cause is internal");

      // The log tells the story: all delivered, the reply after several attempts.
      List<Map<String, Object>> after =
          as("admin")
              .get("/api/v1/complaints/" + general + "/deliveries")
              .then()
              .statusCode(200)
              .extract()
              .path("");
      assertTrue(
          after.stream().allMatch(e -> "delivered".equals(e.get("status"))), after.toString());
      assertTrue((Integer) after.get(1).get("attempts") > 1, after.get(1).toString());
    }
  }

  @Test
  void aRotatedSecretSignsBesideTheOldOneForADay() throws Exception {
    String first = secret();
    String second = secret();
    try (WebhookReceiver oldOnly = new WebhookReceiver(() -> clock().instant(), first)) {
      String endpoint = register("rotating " + System.nanoTime(), "web-chat", oldOnly.url(), first);
      as("admin")
          .body(Map.of("secret", second))
          .post("/api/v1/channel-endpoints/" + endpoint + "/secret")
          .then()
          .statusCode(200)
          .body("secrets.size()", org.hamcrest.Matchers.is(2))
          .body(org.hamcrest.Matchers.not(containsString(second.substring(6))))
          .body(org.hamcrest.Matchers.not(containsString(first.substring(6))));
      // A receiver that still knows only the old secret accepts during the overlap...
      receive(complaint("web-chat", null, "赵敏"));
      advance(Duration.ofSeconds(3));
      await().atMost(Duration.ofSeconds(20)).until(() -> oldOnly.accepted.size() == 1);
      // ...and not after it.
      advance(Duration.ofHours(25));
      receive(complaint("web-chat", null, "周芷若"));
      advance(Duration.ofSeconds(3));
      await().atMost(Duration.ofSeconds(20)).until(() -> oldOnly.refused.size() >= 1);
      assertEquals(1, oldOnly.accepted.size());
      oldOnly.accept(second);
      advance(Duration.ofMinutes(2));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                clock().advance(Duration.ofSeconds(20));
                return oldOnly.accepted.size() == 2;
              });
      List<Map<String, Object>> audit =
          as("admin").get("/api/v1/channel-endpoints/" + endpoint + "/audit").path("");
      assertEquals(
          List.of("created", "secret-rotated"), audit.stream().map(a -> a.get("action")).toList());
    }
  }

  @Test
  void aSlowReceiverDoesNotHoldUpAnother() throws Exception {
    String secret = secret();
    try (WebhookReceiver slow = new WebhookReceiver(() -> clock().instant(), secret);
        WebhookReceiver fast = new WebhookReceiver(() -> clock().instant(), secret)) {
      slow.mode(WebhookReceiver.Mode.SLOW);
      // The slow receiver takes 15 s per answer (the request timeout is 10 s: each of its
      // requests hangs until the suite gives up on it).
      slow.slowFor(15_000);
      register("slow app " + System.nanoTime(), "app", slow.url(), secret);
      register("fast chat " + System.nanoTime(), "social-media", fast.url(), secret);
      for (int i = 0; i < 3; i++) {
        receive(complaint("app", null, "慢" + i));
      }
      receive(complaint("social-media", null, "快"));
      advance(Duration.ofSeconds(3));
      await().atMost(Duration.ofSeconds(20)).until(() -> !slow.slowStarted.isEmpty());
      Instant slowBegan = slow.slowStarted.get(0);
      // Moving the clock past the receipt's hold whatever moment the fast complaint was planned.
      await()
          .atMost(Duration.ofSeconds(8))
          .until(
              () -> {
                clock().advance(Duration.ofSeconds(3));
                return fast.accepted.size() == 1;
              });
      // The fast receiver had its message while the slow one was still hanging on its first.
      assertTrue(
          fast.accepted.get(0).at().isBefore(slowBegan.plusSeconds(10)),
          "fast at " + fast.accepted.get(0).at() + ", slow began " + slowBegan);
      assertTrue(slow.accepted.isEmpty(), "the slow receiver has answered nothing yet");
    }
  }

  @Test
  void goneDisablesTheConnectionUntilAnAdminEnablesIt() throws Exception {
    String secret = secret();
    try (WebhookReceiver gone = new WebhookReceiver(() -> clock().instant(), secret)) {
      gone.mode(WebhookReceiver.Mode.GONE);
      String endpoint = register("gone " + System.nanoTime(), "web-chat", gone.url(), secret);
      String id = receive(complaint("web-chat", null, "欧阳"));
      advance(Duration.ofSeconds(3));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  !(Boolean)
                      as("admin").get("/api/v1/channel-endpoints/" + endpoint).path("enabled"));
      as("admin")
          .get("/api/v1/channel-endpoints/" + endpoint)
          .then()
          .body("disabledReason", containsString("410"));
      int tried = gone.requests.size();
      advance(Duration.ofHours(2));
      assertEquals(tried, gone.requests.size(), "no request to a disabled connection");
      assertEquals(
          "pending",
          as("admin").get("/api/v1/complaints/" + id + "/deliveries").path("[0].status"));

      // The supervisors' board hears of it: channel.connection-health "disabled" on complaints.
      try (TopicReader complaints =
          new TopicReader(
              ConfigProvider.getConfig().getValue("suite.topics.complaints", String.class))) {
        List<TopicReader.Event> disabled =
            complaints.await(
                e ->
                    endpoint.equals(e.key())
                        && "channel.connection-health".equals(e.header("ce_type"))
                        && e.body().contains("\"state\":\"disabled\""),
                1,
                Duration.ofSeconds(20));
        assertTrue(
            disabled.get(0).body().contains("\"pendingDeliveries\":1"), disabled.get(0).body());
      }
      gone.mode(WebhookReceiver.Mode.OK);
      as("admin")
          .body(Map.of("enabled", true))
          .patch("/api/v1/channel-endpoints/" + endpoint)
          .then()
          .statusCode(200);
      advance(Duration.ofSeconds(1));
      await().atMost(Duration.ofSeconds(20)).until(() -> gone.accepted.size() == 1);
    }
  }

  @Test
  void aDeliveryDiesAfterADayAndAnAdminSendsItAgainWithTheSameId() throws Exception {
    String secret = secret();
    try (WebhookReceiver failing = new WebhookReceiver(() -> clock().instant(), secret)) {
      failing.mode(WebhookReceiver.Mode.UNAVAILABLE);
      String endpoint = register("failing " + System.nanoTime(), "web-chat", failing.url(), secret);
      String id = receive(complaint("web-chat", null, "乔峰"));
      advance(Duration.ofSeconds(3));
      await().atMost(Duration.ofSeconds(20)).until(() -> failing.requests.size() >= 1);
      String webhookId = failing.requests.get(0);
      advance(Duration.ofHours(25));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                clock().advance(Duration.ofMinutes(5));
                return "dead"
                    .equals(
                        as("admin")
                            .get("/api/v1/complaints/" + id + "/deliveries")
                            .path("[0].status"));
              });
      as("admin")
          .get("/api/v1/channel-endpoints/" + endpoint + "/deliveries?status=dead")
          .then()
          .statusCode(200)
          .body("[0].id", org.hamcrest.Matchers.is(webhookId))
          .body("[0].lastStatus", org.hamcrest.Matchers.is(503));

      failing.mode(WebhookReceiver.Mode.OK);
      as("admin")
          .post("/api/v1/deliveries/" + webhookId + "/redeliver")
          .then()
          .statusCode(200)
          .body("status", org.hamcrest.Matchers.is("pending"));
      await().atMost(Duration.ofSeconds(20)).until(() -> failing.accepted.size() == 1);
      assertEquals(webhookId, failing.accepted.get(0).id());
      List<String> all = new ArrayList<>(failing.requests);
      assertTrue(Set.copyOf(all).equals(Set.of(webhookId)), all.toString());
    }
  }
}
