package io.complaintsuite.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Posts complaints to a running intake-service at several concurrency levels, each bounded by a
 * count and a time limit, and prints throughput (committed complaints per second) and latency
 * percentiles. Afterwards it counts the rows the run created and checks they equal the 201s.
 *
 * <p>Usage: {@code ./suite bench [--levels 1,8,32] [--count 5000] [--seconds 30] [--warmup 500]}
 */
public final class IntakeBench {
  private static final String[] TEXTS = {
    "今天早上收到短信说我的账户在异地登录，随后余额被转走了2000元，请尽快冻结账户！",
    "快递显示已签收但我根本没收到包裹，联系物流也没人管，要求退款。",
    "APP一直闪退，登录不上，已经影响我正常使用三天了，客服电话也打不通。",
    "上个月的账单多扣了58元，我没有开通过这项增值服务，请核实并退还。",
    "门店服务人员态度很差，问了两遍就不耐烦，希望加强员工培训。"
  };

  private IntakeBench() {}

  public static void main(String[] args) throws Exception {
    String url = option(args, "--url", "http://127.0.0.1:8081");
    String token = option(args, "--token", null);
    String jdbc = option(args, "--jdbc", "jdbc:postgresql://127.0.0.1:15432/intake");
    String dbUser = option(args, "--db-user", "postgres");
    int count = Integer.parseInt(option(args, "--count", "5000"));
    int seconds = Integer.parseInt(option(args, "--seconds", "30"));
    int warmup = Integer.parseInt(option(args, "--warmup", "1000"));
    int[] levels =
        Arrays.stream(option(args, "--levels", "1,8,32").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    if (token == null) {
      throw new IllegalArgumentException("--token is required (./suite token channel)");
    }
    // Comma-separated tokens: complaint i is posted as client i modulo their number, so that the
    // load spreads over several channel clients, each within its rate limit.
    String[] tokens = token.split(",");
    HttpClient http = HttpClient.open(Math.max(8, Arrays.stream(levels).max().orElse(8)));
    String run = UUID.randomUUID().toString().substring(0, 8);
    System.out.printf("intake benchmark, run %s, %s%n", run, url);
    System.out.println("warm-up: " + warmup + " complaints at concurrency 8");
    load(http, url, tokens, "BW" + run, 8, warmup, seconds);
    System.out.printf(
        "%-11s %8s %8s %8s %12s %9s %9s %9s %8s%n",
        "concurrency",
        "sent",
        "201",
        "errors",
        "complaints/s",
        "p50 ms",
        "p99 ms",
        "max ms",
        "rows");
    ProcessCpu cpu =
        new ProcessCpu()
            .watch("intake-service", pidFile(args, "--intake-pid"))
            .watch("kafka", pidFile(args, "--kafka-pid"));
    List<String> cpuLines = new ArrayList<>();
    boolean allMatch = true;
    for (int level : levels) {
      String prefix = "B" + level + "-" + run;
      Map<String, Double> before = cpu.sample();
      Result r = load(http, url, tokens, prefix, level, count, seconds);
      cpuLines.add(
          String.format(Locale.ROOT, "%-11d ", level)
              + ProcessCpu.perUnit(before, cpu.sample(), r.sent).entrySet().stream()
                  .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                  .collect(Collectors.joining(", ")));
      long rows = rows(jdbc, dbUser, prefix);
      allMatch &= rows == r.created;
      System.out.printf(
          Locale.ROOT,
          "%-11d %8d %8d %8d %12.1f %9.1f %9.1f %9.1f %8d%s%n",
          level,
          r.sent,
          r.created,
          r.errors,
          r.created / r.seconds,
          r.percentile(50),
          r.percentile(99),
          r.percentile(100),
          rows,
          rows == r.created ? "" : "  <-- rows differ from 201s");
    }
    System.out.println(allMatch ? "rows == 201s for every level" : "ROW COUNT MISMATCH");
    System.out.println("CPU milliseconds per complaint, by process (independent of other load):");
    cpuLines.forEach(System.out::println);
    System.exit(allMatch ? 0 : 1);
  }

  record Result(int sent, int created, int errors, double seconds, long[] latenciesNanos) {
    double percentile(int p) {
      if (latenciesNanos.length == 0) {
        return 0;
      }
      int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
      return latenciesNanos[Math.max(0, Math.min(index, latenciesNanos.length - 1))] / 1e6;
    }
  }

  static Result load(
      HttpClient http,
      String url,
      String[] tokens,
      String prefix,
      int concurrency,
      int count,
      int seconds)
      throws Exception {
    URI target = URI.create(url + "/api/v1/complaints");
    AtomicInteger next = new AtomicInteger();
    AtomicInteger created = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    long[] latencies = new long[count];
    AtomicInteger done = new AtomicInteger();
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    CountDownLatch finished = new CountDownLatch(concurrency);
    long start = System.nanoTime();
    // Each of `concurrency` virtual users sends its next complaint when the previous answer came.
    for (int user = 0; user < concurrency; user++) {
      http.vertx()
          .runOnContext(
              ignored ->
                  sendNext(
                      http, target, tokens, prefix, count, deadline, next, created, errors,
                      latencies, done, finished));
    }
    if (!finished.await(seconds + 60L, TimeUnit.SECONDS)) {
      throw new IllegalStateException("requests still open " + (seconds + 60) + " s after start");
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] all = Arrays.copyOf(latencies, done.get());
    Arrays.sort(all);
    return new Result(all.length, created.get(), errors.get(), elapsed, all);
  }

  private static void sendNext(
      HttpClient http,
      URI target,
      String[] tokens,
      String prefix,
      int count,
      long deadline,
      AtomicInteger next,
      AtomicInteger created,
      AtomicInteger errors,
      long[] latencies,
      AtomicInteger done,
      CountDownLatch finished) {
    int i = next.getAndIncrement();
    if (i >= count || System.nanoTime() >= deadline) {
      finished.countDown();
      return;
    }
    Buffer body = Buffer.buffer(body(prefix, i));
    long t0 = System.nanoTime();
    http.client()
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.getHost())
                .setPort(target.getPort())
                .setURI(target.getPath())
                .setTimeout(30_000)
                .putHeader("Authorization", "Bearer " + tokens[i % tokens.length])
                .putHeader("Content-Type", "application/json"))
        .compose(request -> request.send(body))
        .compose(response -> response.body().map(ignored -> response.statusCode()))
        .onComplete(
            result -> {
              latencies[done.getAndIncrement()] = System.nanoTime() - t0;
              if (result.succeeded() && result.result() == 201) {
                created.incrementAndGet();
              } else {
                errors.incrementAndGet();
              }
              sendNext(
                  http, target, tokens, prefix, count, deadline, next, created, errors, latencies,
                  done, finished);
            });
  }

  /** One Vert.x instance and its pooled keep-alive client for the whole run. */
  record HttpClient(Vertx vertx, io.vertx.core.http.HttpClient client) {
    static HttpClient open(int maxConnections) {
      Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
      return new HttpClient(
          vertx,
          vertx
              .httpClientBuilder()
              .with(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000))
              .with(new PoolOptions().setHttp1MaxSize(maxConnections))
              .build());
    }
  }

  static String body(String prefix, int i) {
    String text = TEXTS[i % TEXTS.length];
    return "{\"channel\":\"app\",\"externalId\":\""
        + prefix
        + "-"
        + i
        + "\",\"customer\":{\"id\":\""
        + prefix
        + "-C"
        + (i % 500)
        + "\",\"name\":\"张三\",\"phone\":\"13800138000\"},"
        + "\"subject\":\"投诉 #"
        + i
        + "\",\"description\":\""
        + text
        + "\"}";
  }

  static long rows(String jdbc, String user, String prefix) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc, user, "");
        PreparedStatement st =
            c.prepareStatement("select count(*) from complaint where external_id like ?")) {
      st.setString(1, prefix + "-%");
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static Path pidFile(String[] args, String name) {
    String file = option(args, name, null);
    return file == null ? null : Path.of(file);
  }

  static String option(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
