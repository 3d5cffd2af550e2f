package io.complaintsuite.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Posts complaints to intake-service on a fixed-rate schedule from one Vert.x event loop: a 1 ms
 * periodic timer sends every complaint that has fallen due, without waiting for earlier answers.
 * How late each send left against its schedule is recorded, so a generator that cannot keep up (a
 * starved event loop on a busy machine) shows instead of silently lowering the rate.
 */
final class OpenLoad implements AutoCloseable {
  /** A send more than this late against the schedule counts as the generator falling behind. */
  static final long BEHIND_NANOS = 50_000_000L;

  private static final String[] TEXTS = {
    "今天早上收到短信说我的账户在异地登录，随后余额被转走了2000元，请尽快冻结账户！",
    "快递显示已签收但我根本没收到包裹，联系物流也没人管，要求退款。",
    "APP一直闪退，登录不上，已经影响我正常使用三天了，客服电话也打不通。",
    "上个月的账单多扣了58元，我没有开通过这项增值服务，请核实并退还。",
    "门店服务人员态度很差，问了两遍就不耐烦，希望加强员工培训。",
    "家里宽带从昨晚开始断网，重启光猫也没用，报修后一直没人上门。",
    "买的电热水壶用了一周底座冒烟，差点起火，要求退货并赔偿。",
    "请问会员积分怎么兑换话费？页面上找不到入口。"
  };
  private static final String[] CHANNELS = {"app", "web-chat"};
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final HttpClient client;
  private final URI target;
  private final String[] tokens;
  private final Ledger ledger;
  private final String run;
  private final AtomicLong sequence = new AtomicLong();

  private final Recorder intakeMicros = new Recorder(3_600_000_000L, 3);
  private final Recorder latenessMicros = new Recorder(3_600_000_000L, 3);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong created = new AtomicLong();
  private final AtomicLong behind = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

  OpenLoad(String intakeUrl, String[] tokens, Ledger ledger, String run, int connections) {
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    this.client =
        vertx
            .httpClientBuilder()
            .with(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000))
            .with(new PoolOptions().setHttp1MaxSize(connections))
            .build();
    this.target = URI.create(intakeUrl + "/api/v1/complaints");
    this.tokens = tokens;
    this.ledger = ledger;
    this.run = run;
    complaintId(Buffer.buffer("{\"id\":\"warm\"}")); // load Jackson now, not on the event loop
  }

  /**
   * Sends {@code rate * seconds} complaints on schedule, labelled {@code phase}; the future
   * completes when the last one has been sent (answers may still be in flight).
   */
  CompletableFuture<Void> start(String phase, double rate, double seconds) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    vertx.runOnContext(
        ignored -> {
          long start = System.nanoTime();
          ArrivalSchedule schedule = new ArrivalSchedule(start, rate, seconds);
          long[] next = {0};
          vertx.setPeriodic(
              1,
              timer -> {
                long now = System.nanoTime();
                long due = schedule.dueBy(now);
                while (next[0] < due) {
                  long lateness = now - schedule.scheduledAt(next[0]);
                  latenessMicros.recordValue(Math.min(lateness / 1000, 3_600_000_000L));
                  if (lateness > BEHIND_NANOS) {
                    behind.incrementAndGet();
                  }
                  send(phase, (int) ((now - start) / 60_000_000_000L));
                  next[0]++;
                }
                if (next[0] >= schedule.total()) {
                  vertx.cancelTimer(timer);
                  done.complete(null);
                }
              });
        });
    return done;
  }

  private void send(String phase, int minute) {
    long seq = sequence.getAndIncrement();
    Buffer body = Buffer.buffer(body(run, seq));
    long sentAt = System.nanoTime();
    sent.incrementAndGet();
    inFlight.incrementAndGet();
    client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.getHost())
                .setPort(target.getPort())
                .setURI(target.getPath())
                .setTimeout(30_000)
                .putHeader("Authorization", "Bearer " + tokens[(int) (seq % tokens.length)])
                .putHeader("Content-Type", "application/json"))
        .compose(request -> request.send(body))
        .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b)))
        .onComplete(
            result -> {
              long latency = System.nanoTime() - sentAt;
              inFlight.decrementAndGet();
              if (result.failed()) {
                fail(result.cause().getClass().getSimpleName());
                return;
              }
              Answer answer = result.result();
              intakeMicros.recordValue(Math.min(latency / 1000, 3_600_000_000L));
              if (answer.status() != 201) {
                fail("HTTP " + answer.status());
                return;
              }
              String id = complaintId(answer.body());
              if (id == null) {
                fail("201 without an id");
                return;
              }
              created.incrementAndGet();
              ledger.posted(id, sentAt, phase, minute);
            });
  }

  private record Answer(int status, Buffer body) {}

  private void fail(String reason) {
    failures.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
  }

  private static String complaintId(Buffer body) {
    try {
      JsonNode id = JSON.readTree(body.getBytes()).get("id");
      return id == null ? null : id.asText();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  static String body(String run, long seq) {
    String text = TEXTS[(int) (seq % TEXTS.length)];
    return "{\"channel\":\""
        + CHANNELS[(int) (seq % CHANNELS.length)]
        + "\",\"externalId\":\"SB-"
        + run
        + "-"
        + seq
        + "\",\"customer\":{\"id\":\"SB-"
        + run
        + "-C"
        + (seq % 20_000)
        + "\",\"name\":\"张三\",\"phone\":\"13800138000\"},"
        + "\"subject\":\"投诉 #"
        + seq
        + "\",\"description\":\""
        + text
        + "\"}";
  }

  /** Intake latencies (send to answer) recorded since the previous call. */
  Histogram takeIntakeLatencies() {
    return intakeMicros.getIntervalHistogram();
  }

  /** Lateness of sends against their schedule since the previous call. */
  Histogram takeLateness() {
    return latenessMicros.getIntervalHistogram();
  }

  long sent() {
    return sent.get();
  }

  long created() {
    return created.get();
  }

  long behind() {
    return behind.get();
  }

  int inFlight() {
    return inFlight.get();
  }

  long failed() {
    return failures.values().stream().mapToLong(AtomicLong::get).sum();
  }

  Map<String, Long> failures() {
    Map<String, Long> copy = new TreeMap<>();
    failures.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  @Override
  public void close() {
    client.close();
    vertx.close();
  }
}
