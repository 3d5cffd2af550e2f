package io.complaintsuite.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4))
            .build();
    String run = UUID.randomUUID().toString().substring(0, 8);
    System.out.printf("intake benchmark, run %s, %s%n", run, url);
    System.out.println("warm-up: " + warmup + " complaints at concurrency 8");
    load(http, url, token, "BW" + run, 8, warmup, seconds);
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
    boolean allMatch = true;
    for (int level : levels) {
      String prefix = "B" + level + "-" + run;
      Result r = load(http, url, token, prefix, level, count, seconds);
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
      String token,
      String prefix,
      int concurrency,
      int count,
      int seconds)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger created = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    List<Future<long[]>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int w = 0; w < concurrency; w++) {
      futures.add(
          workers.submit(
              () -> {
                long[] latencies = new long[count];
                int n = 0;
                int i;
                while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
                  HttpRequest request =
                      HttpRequest.newBuilder(URI.create(url + "/api/v1/complaints"))
                          .timeout(Duration.ofSeconds(30))
                          .header("Authorization", "Bearer " + token)
                          .header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString(body(prefix, i)))
                          .build();
                  long t0 = System.nanoTime();
                  try {
                    HttpResponse<String> response =
                        http.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies[n++] = System.nanoTime() - t0;
                    if (response.statusCode() == 201) {
                      created.incrementAndGet();
                    } else {
                      errors.incrementAndGet();
                    }
                  } catch (java.io.IOException e) {
                    latencies[n++] = System.nanoTime() - t0;
                    errors.incrementAndGet();
                  }
                }
                return Arrays.copyOf(latencies, n);
              }));
    }
    List<long[]> parts = new ArrayList<>();
    for (Future<long[]> f : futures) {
      parts.add(f.get());
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    workers.shutdown();
    long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(all.length, created.get(), errors.get(), elapsed, all);
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

  static String option(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
