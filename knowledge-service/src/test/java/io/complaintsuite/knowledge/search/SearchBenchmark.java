package io.complaintsuite.knowledge.search;

import io.complaintsuite.knowledge.analysis.ChineseAnalysis;
import io.complaintsuite.knowledge.answer.Answerer;
import io.complaintsuite.knowledge.article.ArticleInput;
import io.complaintsuite.knowledge.importing.SeedLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search latency at 100,000 generated articles (not a unit test: it prints figures and asserts
 * nothing about time). Articles are generated from the sentences and titles of the starter set
 * mixed with product names, so the vocabulary and lengths are realistic; queries are the labelled
 * customer questions, with and without filters. Run: {@code ./mvnw -B -pl knowledge-service -am
 * verify -Dtest=SearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false} ({@code
 * -Dbench.articles=N} to change the size).
 */
class SearchBenchmark {
  private static final String[] PRODUCTS = {
    "手机", "耳机", "冰箱", "洗衣机", "空调", "电视", "笔记本电脑", "平板", "吹风机", "电饭煲", "会员卡", "话费", "宽带", "机票",
    "酒店", "火车票", "外卖", "生鲜", "家具", "床垫", "奶粉", "纸尿裤", "化妆品", "运动鞋", "羽绒服", "自行车", "电动车", "保险",
    "信用卡", "理财", "游戏点卡", "视频会员", "音乐会员", "打印机", "路由器", "显示器", "键盘", "鼠标", "相机", "手表"
  };
  private static final String[] KINDS = {
    "faq", "reply-script", "situation-guide", "compensation-policy", "campaign-rule"
  };
  private static final String[] CATEGORIES = {
    "活动咨询", "退款与售后", "物流配送", "账号安全", "订单与发票", "优惠与会员", "投诉服务", "话术模板", "补偿政策", "特殊情况处理"
  };

  @Test
  void searchLatencyAtOneHundredThousandArticles(@TempDir Path dir) throws Exception {
    int size = Integer.getInteger("bench.articles", 100_000);
    List<ArticleInput> seed = SeedLoader.articles();
    List<String> sentences = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    for (ArticleInput a : seed) {
      titles.add(a.title());
      for (String s : a.body().split("[。\n]")) {
        if (s.strip().length() > 6) {
          sentences.add(s.strip() + "。");
        }
      }
    }
    Random random = new Random(42);
    ChineseAnalysis analysis = SeedIndex.analysis();
    Instant now = SeedIndex.EVALUATED_AT.toInstant();

    long buildStart = System.nanoTime();
    try (ArticleIndex index = new ArticleIndex(dir, analysis)) {
      List<IndexedArticle> batch = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
        StringBuilder body = new StringBuilder();
        int count = 3 + random.nextInt(4);
        for (int s = 0; s < count; s++) {
          body.append(product).append(sentences.get(random.nextInt(sentences.size())));
        }
        boolean limited = random.nextInt(10) == 0;
        batch.add(
            new IndexedArticle(
                new UUID(i, 42),
                "generated-" + i,
                1,
                KINDS[random.nextInt(KINDS.length)],
                product + titles.get(random.nextInt(titles.size())),
                body.toString(),
                CATEGORIES[random.nextInt(CATEGORIES.length)],
                List.of(product, CATEGORIES[random.nextInt(CATEGORIES.length)]),
                List.of(),
                List.of(),
                random.nextInt(3) == 0 ? "agent" : "customer",
                limited ? now.minusSeconds(86_400L * random.nextInt(60)) : null,
                limited ? now.plusSeconds(86_400L * (random.nextInt(60) - 20)) : null));
        if (batch.size() == 5_000) {
          index.bulkAdd(batch);
          batch.clear();
        }
      }
      index.bulkAdd(batch);
      index.commit(Map.of());
      double buildSeconds = (System.nanoTime() - buildStart) / 1e9;

      List<String> questions = questions();
      List<SearchRequest> requests = new ArrayList<>();
      for (int i = 0; i < questions.size(); i++) {
        String q = questions.get(i);
        requests.add(
            switch (i % 4) {
              case 0 -> new SearchRequest(q, null, null, null, null, 10);
              case 1 -> new SearchRequest(q, null, null, "web-chat", "customer", 10);
              case 2 ->
                  new SearchRequest(q, CATEGORIES[i % CATEGORIES.length], null, null, null, 10);
              default -> new SearchRequest(q, null, KINDS[i % KINDS.length], null, null, 3);
            });
      }
      for (int i = 0; i < 2_000; i++) { // warm-up: JIT and the page cache
        index.search(requests.get(i % requests.size()), now.plusMillis(i));
      }
      int runs = 10_000;
      long[] nanos = new long[runs];
      long[] cpu = new long[runs];
      long hits = 0;
      // CPU time of the searching thread next to wall time: on a shared machine the wall time
      // includes waiting for a core.
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      for (int i = 0; i < runs; i++) {
        SearchRequest request = requests.get(random.nextInt(requests.size()));
        long c = threads.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        // The clock moves as in the service: no search repeats the previous one's validity filter.
        hits += index.search(request, now.plusMillis(2_000 + i)).size();
        nanos[i] = System.nanoTime() - t;
        cpu[i] = threads.getCurrentThreadCpuTime() - c;
      }
      Arrays.sort(nanos);
      Arrays.sort(cpu);

      // The chatbot's answers (POST /answers without the HTTP and database parts): a search for
      // customer-facing articles, the best hit's text and the confidence features.
      Answerer answerer = new Answerer(index, analysis);
      Properties config = new Properties();
      try (InputStream in =
          getClass().getClassLoader().getResourceAsStream("application.properties")) {
        config.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
      double threshold =
          Double.parseDouble(config.getProperty("knowledge.answer.handoff-threshold"));
      Answerer.Calibration calibration =
          new Answerer.Calibration(
              Double.parseDouble(config.getProperty("knowledge.answer.calibration-coverage")),
              Double.parseDouble(config.getProperty("knowledge.answer.calibration-margin")),
              Double.parseDouble(config.getProperty("knowledge.answer.calibration-bias")));
      int answers = 2_000;
      long[] answerNanos = new long[answers];
      long[] answerCpu = new long[answers];
      for (int i = 0; i < answers + 500; i++) {
        String question = questions.get(random.nextInt(questions.size()));
        String channel = i % 2 == 0 ? "web-chat" : null;
        long c = threads.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        answerer.answer(question, channel, now.plusMillis(20_000 + i), calibration, threshold);
        if (i >= 500) { // the first 500 warm up the answer path
          answerNanos[i - 500] = System.nanoTime() - t;
          answerCpu[i - 500] = threads.getCurrentThreadCpuTime() - c;
        }
      }
      Arrays.sort(answerNanos);
      Arrays.sort(answerCpu);
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      System.out.printf(
          Locale.ROOT,
          "%nSearch benchmark: %d articles, index built in %.1f s, %.1f MB on disk;"
              + " %d searches (top 10 with highlighted snippets, %d distinct queries, filters on 3"
              + " of 4), %.1f hits on average%n"
              + "  wall time: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n"
              + "  CPU time:  p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n"
              + "  %d answers (customer-facing, half on web-chat):%n"
              + "  wall time: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n"
              + "  CPU time:  p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n"
              + "  (single thread, %d cores, load average %.1f at the end, Java %s)%n",
          index.size(),
          buildSeconds,
          sizeOnDisk(dir) / 1e6,
          runs,
          requests.size(),
          (double) hits / runs,
          nanos[runs / 2] / 1e6,
          nanos[runs * 90 / 100] / 1e6,
          nanos[runs * 99 / 100] / 1e6,
          nanos[runs - 1] / 1e6,
          cpu[runs / 2] / 1e6,
          cpu[runs * 90 / 100] / 1e6,
          cpu[runs * 99 / 100] / 1e6,
          answers,
          answerNanos[answers / 2] / 1e6,
          answerNanos[answers * 90 / 100] / 1e6,
          answerNanos[answers * 99 / 100] / 1e6,
          answerNanos[answers - 1] / 1e6,
          answerCpu[answers / 2] / 1e6,
          answerCpu[answers * 90 / 100] / 1e6,
          answerCpu[answers * 99 / 100] / 1e6,
          Runtime.getRuntime().availableProcessors(),
          load,
          System.getProperty("java.version"));
    }
  }

  private static long sizeOnDisk(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static List<String> questions() throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in =
        SearchBenchmark.class.getClassLoader().getResourceAsStream("eval/questions.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.split("\t")[0]);
        }
      }
    }
    return out;
  }
}
