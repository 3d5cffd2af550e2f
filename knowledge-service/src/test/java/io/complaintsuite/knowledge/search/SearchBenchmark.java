package io.complaintsuite.knowledge.search;

import io.complaintsuite.embeddings.EmbeddingStore;
import io.complaintsuite.embeddings.SentenceEmbeddings;
import io.complaintsuite.knowledge.analysis.ChineseAnalysis;
import io.complaintsuite.knowledge.answer.Answerer;
import io.complaintsuite.knowledge.answer.ConfiguredAnswers;
import io.complaintsuite.knowledge.answer.LabelledQuestions;
import io.complaintsuite.knowledge.article.ArticleInput;
import io.complaintsuite.knowledge.importing.SeedLoader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search and answer latency at 100,000 generated articles, the question's embedding included (not a
 * unit test: it prints figures and asserts nothing about time). Articles are generated from the
 * sentences and titles of the starter set mixed with product names, so the vocabulary and lengths
 * are realistic; queries are the labelled customer questions (the calibration set and the older
 * set), with and without filters.
 *
 * <p>Vectors. Embedding the 575,000 headlines and passages of 100,000 articles would take 15 to 35
 * minutes here (1.3-3.6 ms per text, depending on the machine's load), but the generated articles
 * are made of 17,800 distinct headlines and passages, and each of those is embedded by the real
 * model (EmbeddingStore.vectorsOf: each distinct text once), so an article's passage vectors are
 * exactly what the service would store. Headline vectors, which go into the HNSW graph, get a
 * little noise each (cosine ~0.975 to the real one): the articles share their headlines, and a
 * graph of exact duplicates is not what a real knowledge base gives HNSW. {@code
 * -Dbench.vectors=random} uses random unit vectors instead, the harder case for HNSW (no cluster
 * structure to follow).
 *
 * <p>Run: {@code ./mvnw -o test -pl knowledge-service -Dtest=SearchBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dbench.articles=N} to change the size).
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
  void searchAndAnswerLatencyAtOneHundredThousandArticles(@TempDir Path dir) throws Exception {
    int size = Integer.getInteger("bench.articles", 100_000);
    boolean randomVectors = "random".equals(System.getProperty("bench.vectors"));
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
    SentenceEmbeddings model = SentenceEmbeddings.shared();
    Instant now = SeedIndex.EVALUATED_AT.toInstant();
    Map<String, float[]> embedded = new HashMap<>();
    long embedNanos = 0;
    long vectorCount = 0;

    long buildStart = System.nanoTime();
    try (ArticleIndex index = new ArticleIndex(dir, analysis, model)) {
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
        if (batch.size() == 5_000 || i == size - 1) {
          long e = System.nanoTime();
          List<List<float[]>> vectors = new ArrayList<>();
          for (IndexedArticle a : batch) {
            vectors.add(
                randomVectors
                    ? randomUnitVectors(ArticleIndex.meaningTexts(a).size(), random)
                    : derived(ArticleIndex.meaningTexts(a), embedded, model, random));
          }
          embedNanos += System.nanoTime() - e;
          vectorCount += vectors.stream().mapToLong(List::size).sum();
          index.bulkAdd(batch, vectors);
          batch.clear();
        }
      }
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
      // CPU time next to wall time: on a shared machine the wall time includes waiting for a core.
      // The calling thread's CPU per request leaves out the meaning ranking's helper thread and
      // the model's own threads, so the process's CPU per request (mean) is printed too.
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();

      // The question's embedding alone, the part of every search and answer that is new.
      int embeddings = 2_000;
      long[] embedWall = new long[embeddings];
      for (int i = 0; i < embeddings; i++) {
        String q = questions.get(random.nextInt(questions.size()));
        long t = System.nanoTime();
        model.embed(q);
        embedWall[i] = System.nanoTime() - t;
      }

      int runs = 10_000;
      long[] nanos = new long[runs];
      long[] cpu = new long[runs];
      long hits = 0;
      long searchProcessCpu = -processCpu();
      for (int i = 0; i < runs; i++) {
        SearchRequest request = requests.get(random.nextInt(requests.size()));
        long c = threads.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        // The clock moves as in the service: no search repeats the previous one's validity filter.
        hits += index.search(request, now.plusMillis(2_000 + i)).size();
        nanos[i] = System.nanoTime() - t;
        cpu[i] = threads.getCurrentThreadCpuTime() - c;
      }
      searchProcessCpu += processCpu();

      // The chatbot's answers (POST /answers without the HTTP and database parts): a hybrid
      // search for customer-facing articles, the best hit's text and the confidence features.
      Answerer answerer = new Answerer(index, analysis);
      Answerer.Calibration calibration = ConfiguredAnswers.calibration();
      double threshold = ConfiguredAnswers.threshold();
      int answers = 2_000;
      long[] answerNanos = new long[answers];
      long[] answerCpu = new long[answers];
      long answerProcessCpu = 0;
      for (int i = 0; i < answers + 500; i++) {
        if (i == 500) {
          answerProcessCpu = -processCpu();
        }
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
      answerProcessCpu += processCpu();
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      System.out.printf(
          Locale.ROOT,
          "%nSearch benchmark: %d articles (%d headline and passage vectors), %s; index built in"
              + " %.1f s (of which %.1f s embedding %d distinct texts), %.1f MB on disk%n"
              + "  question embedding alone (%d): %s%n"
              + "  %d searches (hybrid, top 10 with highlighted snippets, %d distinct queries,"
              + " filters on 3 of 4), %.1f hits on average:%n"
              + "    wall time: %s%n    calling thread's CPU: %s%n"
              + "    process CPU per search (mean, every thread): %.2f ms%n"
              + "  %d answers (customer-facing, half on web-chat):%n"
              + "    wall time: %s%n    calling thread's CPU: %s%n"
              + "    process CPU per answer (mean, every thread): %.2f ms%n"
              + "  (one calling thread, %d cores, load average %.1f at the end, Java %s)%n",
          index.size(),
          vectorCount,
          randomVectors
              ? "random unit vectors"
              : "real embeddings of the distinct texts, headline vectors jittered",
          buildSeconds,
          embedNanos / 1e9,
          embedded.size(),
          sizeOnDisk(dir) / 1e6,
          embeddings,
          percentiles(embedWall),
          runs,
          requests.size(),
          (double) hits / runs,
          percentiles(nanos),
          percentiles(cpu),
          searchProcessCpu / 1e6 / runs,
          answers,
          percentiles(answerNanos),
          percentiles(answerCpu),
          answerProcessCpu / 1e6 / answers,
          Runtime.getRuntime().availableProcessors(),
          load,
          System.getProperty("java.version"));
    }
  }

  /**
   * The model's vectors of the texts (each distinct text embedded once), the headline's jittered.
   */
  private static List<float[]> derived(
      List<String> texts, Map<String, float[]> embedded, SentenceEmbeddings model, Random random) {
    List<float[]> vectors = new ArrayList<>(EmbeddingStore.vectorsOf(texts, embedded, model));
    float[] headline = vectors.get(0).clone();
    for (int d = 0; d < headline.length; d++) {
      headline[d] += (float) (random.nextGaussian() * 0.01);
    }
    vectors.set(0, unit(headline));
    return vectors;
  }

  private static List<float[]> randomUnitVectors(int count, Random random) {
    List<float[]> vectors = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      float[] v = new float[SentenceEmbeddings.DIMENSIONS];
      for (int d = 0; d < v.length; d++) {
        v[d] = (float) random.nextGaussian();
      }
      vectors.add(unit(v));
    }
    return vectors;
  }

  private static float[] unit(float[] v) {
    double norm = Math.sqrt(SentenceEmbeddings.cosine(v, v));
    for (int d = 0; d < v.length; d++) {
      v[d] = (float) (v[d] / norm);
    }
    return v;
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return String.format(
        Locale.ROOT,
        "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
        sorted[n / 2] / 1e6,
        sorted[n * 90 / 100] / 1e6,
        sorted[n * 99 / 100] / 1e6,
        sorted[n - 1] / 1e6);
  }

  private static long sizeOnDisk(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** The calibration questions and the older set's (the held-out set is kept for the report). */
  private static List<String> questions() throws IOException {
    Set<String> out = new LinkedHashSet<>();
    LabelledQuestions.read(LabelledQuestions.CALIBRATION).forEach(q -> out.add(q.question()));
    try (InputStream in =
        SearchBenchmark.class.getClassLoader().getResourceAsStream("eval/questions.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.split("\t")[0]);
        }
      }
    }
    return new ArrayList<>(out);
  }
}
