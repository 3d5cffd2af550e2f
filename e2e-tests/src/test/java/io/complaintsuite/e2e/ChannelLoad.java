package io.complaintsuite.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintsuite.testsupport.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A channel integration posting complaints at a fixed rate, as an IVR or web-chat gateway would:
 * every POST carries an {@code Idempotency-Key}; a connection error, a timeout or a 5xx is retried
 * with the same key (and the same body) on the next intake instance, as behind a load balancer,
 * until intake acknowledges it (201, or 200 for a retry of a complaint already stored). Only
 * acknowledged complaints are promised to the customer, so only they are audited.
 */
final class ChannelLoad implements AutoCloseable {
  /** A complaint intake acknowledged: its idempotency key, id and when the channel got the ack. */
  record Ack(String key, String id, Instant postedAt, Instant acknowledgedAt) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration GIVE_UP = Duration.ofMinutes(4);

  private static final List<String[]> TEXTS =
      List.of(
          new String[] {"宽带断网一整晚", "家里宽带从昨晚十点开始断网，光猫红灯一直闪，到现在还没恢复。"},
          new String[] {"发票金额开错了", "上个月的电子发票金额开错了，比实际消费多了200元，要求重新开具。"},
          new String[] {"退款一周还没到账", "我在7天前申请了退款，系统显示已审核通过，但钱一直没有退回到我的银行卡。"},
          new String[] {"客服态度很差", "打了三次客服电话，客服态度很差，没说两句就挂我电话，要求道歉。"},
          new String[] {"新手机屏幕有坏点", "刚买的手机屏幕上有三个坏点，开机就能看到，要求换货。"},
          new String[] {"快递显示已签收但没收到", "快递显示昨天已签收，但我根本没收到包裹，联系物流也没人管。"},
          new String[] {"账户被盗", "我的账户被盗了，余额被转走了5000元，请马上冻结账户！"},
          new String[] {"套餐被乱扣费", "这个月话费多扣了58元，我从来没有订过这个增值业务。"});

  private final List<String> intakes;
  private final String run;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final ExecutorService posters = Executors.newFixedThreadPool(48);
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
  private final Map<String, Ack> acknowledged = new ConcurrentHashMap<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicInteger next = new AtomicInteger();
  final AtomicLong attempts = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  final AtomicLong serverErrors = new AtomicLong();
  final AtomicLong connectionErrors = new AtomicLong();
  final AtomicLong replays = new AtomicLong();
  final AtomicLong gaveUp = new AtomicLong();
  private volatile String token = Tokens.forUser("faults-channel", "channel");
  private volatile Instant tokenAt = Instant.now();

  ChannelLoad(List<String> intakes, String run) {
    this.intakes = intakes;
    this.run = run;
  }

  /** Posts {@code perSecond} complaints a second until {@link #stop}. */
  void start(int perSecond) {
    ticker.scheduleAtFixedRate(
        () -> posters.submit(() -> postUntilAcknowledged(nextKey())),
        0,
        1_000_000 / perSecond,
        TimeUnit.MICROSECONDS);
  }

  void stop() {
    ticker.shutdownNow();
  }

  String nextKey() {
    return "faults-" + run + "-" + sequence.incrementAndGet();
  }

  /** Every complaint acknowledged so far, by idempotency key. */
  Map<String, Ack> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  int posted() {
    return sequence.get();
  }

  /**
   * Posts one complaint, retrying with the same key until intake acknowledges it; null if it gave
   * up (then the channel would tell the customer it failed: not audited).
   */
  Ack postUntilAcknowledged(String key) {
    Instant postedAt = Instant.now();
    String body = body(key);
    Duration backoff = Duration.ofMillis(200);
    for (int attempt = 0; ; attempt++) {
      if (attempt > 0) {
        retries.incrementAndGet();
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0
                ? Duration.ofSeconds(2)
                : backoff.multipliedBy(2);
      }
      if (Duration.between(postedAt, Instant.now()).compareTo(GIVE_UP) > 0) {
        gaveUp.incrementAndGet();
        return null;
      }
      String intake = intakes.get(Math.floorMod(next.getAndIncrement(), intakes.size()));
      attempts.incrementAndGet();
      HttpResponse<String> answer;
      try {
        answer =
            http.send(
                HttpRequest.newBuilder(URI.create(intake + "/api/v1/complaints"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token())
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        connectionErrors.incrementAndGet();
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      int status = answer.statusCode();
      if (status >= 500) {
        serverErrors.incrementAndGet();
        continue;
      }
      if (status != 201 && status != 200) {
        throw new IllegalStateException(
            "intake refused complaint " + key + ": " + status + " " + answer.body());
      }
      if (status == 200) {
        replays.incrementAndGet();
      }
      String id = id(answer.body());
      Ack ack = new Ack(key, id, postedAt, Instant.now());
      Ack earlier = acknowledged.putIfAbsent(key, ack);
      if (earlier != null && !earlier.id().equals(id)) {
        throw new IllegalStateException(
            "one key, two complaints: " + key + " " + earlier.id() + " " + id);
      }
      return ack;
    }
  }

  private String token() {
    // Tokens live 30 minutes; the run is shorter, but a fresh one costs nothing.
    if (Duration.between(tokenAt, Instant.now()).toMinutes() >= 10) {
      token = Tokens.forUser("faults-channel", "channel");
      tokenAt = Instant.now();
    }
    return token;
  }

  private String body(String key) {
    int n = Math.floorMod(key.hashCode(), TEXTS.size());
    String[] text = TEXTS.get(n);
    try {
      return JSON.writeValueAsString(
          Map.of(
              "channel",
              "app",
              "externalId",
              key,
              "customer",
              Map.of(
                  "id",
                  "C-" + key,
                  "name",
                  "客户" + key.substring(key.lastIndexOf('-') + 1),
                  "phone",
                  "139" + String.format("%08d", Math.floorMod(key.hashCode(), 100_000_000))),
              "subject",
              text[0],
              "description",
              text[1]));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String id(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node.get("id").asText();
    } catch (IOException e) {
      throw new IllegalStateException("not a complaint: " + body, e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    posters.shutdown();
    try {
      if (!posters.awaitTermination(GIVE_UP.toSeconds() + 30, TimeUnit.SECONDS)) {
        posters.shutdownNow();
      }
    } catch (InterruptedException e) {
      posters.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
