package io.complaintsuite.knowledge.answer;

import io.complaintsuite.embeddings.SentenceEmbeddings;
import io.complaintsuite.knowledge.analysis.ChineseAnalysis;
import io.complaintsuite.knowledge.answer.AnswerFigures.Outcome;
import io.complaintsuite.knowledge.answer.LabelledQuestions.Labelled;
import io.complaintsuite.knowledge.article.ArticleInput;
import io.complaintsuite.knowledge.article.Audience;
import io.complaintsuite.knowledge.importing.SeedLoader;
import io.complaintsuite.knowledge.search.ArticleIndex;
import io.complaintsuite.knowledge.search.IndexedArticle;
import io.complaintsuite.knowledge.search.RankedHit;
import io.complaintsuite.knowledge.search.SearchRequest;
import io.complaintsuite.knowledge.search.SeedIndex;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fits the answer's calibration, and measures the retrieval options it rests on, on the calibration
 * questions ONLY ({@link LabelledQuestions#CALIBRATION}; the held-out set is never read here). It
 * prints:
 *
 * <ol>
 *   <li>retrieval options on the answerable questions (how often the first article is right, and
 *       the mean reciprocal rank): which texts of an article to embed, bge-zh's query instruction
 *       or not, the words alone, the meaning alone, reciprocal-rank fusion and normalised score
 *       fusion with their parameters, the word ranking's depth. The service's choice
 *       (ArticleSearch: headline and passages, no instruction, RRF K 5, meaning weight 1.5, the
 *       words' top 10) was the best or tied for it here;
 *   <li>the confidence's feature sets compared by cross-validation (5 folds, 20 shuffles; weights
 *       and threshold chosen on four folds, measured on the fifth);
 *   <li>the calibration fitted on all calibration questions, the figures by threshold, the
 *       threshold chosen (the most answers with precision and hand-off share both at least 90 %)
 *       and the lines for application.properties.
 * </ol>
 *
 * Not part of the build (it asserts nothing): run it after changing the articles, the analysis or
 * the retrieval, then paste the printed lines into application.properties and run AnswerReportTest:
 * {@code ./mvnw -o test -pl knowledge-service -Dtest=AnswerCalibration
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class AnswerCalibration {
  private static final double TARGET_PRECISION = 0.9;
  private static final double TARGET_HANDOFF = 0.9;

  /** A calibration question, the production answer path's best article and its features. */
  record Scored(Labelled item, String best, Answerer.Features features) {}

  @Test
  void fitOnTheCalibrationQuestions(@TempDir Path dir) {
    List<Labelled> questions = LabelledQuestions.read(LabelledQuestions.CALIBRATION);
    ChineseAnalysis analysis = SeedIndex.analysis();
    Instant now = SeedIndex.EVALUATED_AT.toInstant();
    try (ArticleIndex index = SeedIndex.open(dir, analysis)) {
      retrievalOptions(index, questions, now);

      // The features exactly as the service computes them (any calibration: only they are used).
      Answerer answerer = new Answerer(index, analysis);
      Answerer.Calibration any = new Answerer.Calibration(0, 0, 0, 0);
      List<Scored> scored = new ArrayList<>();
      int verbatim = 0;
      for (Labelled item : questions) {
        Answerer.Result r = answerer.answer(item.question(), null, now, any, 0.5);
        scored.add(new Scored(item, r.best() == null ? null : r.best().slug(), r.features()));
        verbatim +=
            index
                    .retrieve(
                        new SearchRequest(
                            item.question(), null, null, null, Audience.CUSTOMER.wire(), 100),
                        now)
                    .stream()
                    .anyMatch(h -> h.verbatimRank() > 0)
                ? 1
                : 0;
      }
      System.out.printf(
          Locale.ROOT,
          "%nVerbatim ranking: %d of %d calibration questions occur verbatim in an article%n",
          verbatim,
          questions.size());
      meaningFloor(scored);
      featureSets(scored);
      fitAndChooseThreshold(scored);
    }
  }

  // ---------------------------------------------------------------- 1. retrieval options

  /** Per answerable question: the word ranking's ranks and scores, and cosines per variant. */
  private record Signals(
      Labelled item,
      Map<String, Integer> wordRank,
      Map<String, Double> wordScore,
      Map<String, Map<String, Double>> cosines) {}

  private static void retrievalOptions(ArticleIndex index, List<Labelled> questions, Instant now) {
    SentenceEmbeddings model = SentenceEmbeddings.shared();
    // The articles the bot may answer with at the evaluation instant, and their vectors per way of
    // embedding an article.
    Map<String, Map<String, List<float[]>>> articleVectors = new LinkedHashMap<>();
    articleVectors.put("headline (title + tags)", new HashMap<>());
    articleVectors.put("headline + body's first 200 characters", new HashMap<>());
    articleVectors.put("headline and each passage (the best counts)", new HashMap<>());
    for (ArticleInput input : SeedLoader.articles()) {
      IndexedArticle a = SeedIndex.indexed(input, SeedIndex.idOf(input.slug()));
      boolean valid =
          (a.validFrom() == null || !a.validFrom().isAfter(now))
              && (a.validUntil() == null || a.validUntil().isAfter(now));
      if (!valid || !a.audience().equals(Audience.CUSTOMER.wire())) {
        continue;
      }
      List<String> texts = ArticleIndex.meaningTexts(a);
      String body = String.join(" ", texts.subList(1, texts.size()));
      List<float[]> vectors = model.embedAll(texts);
      articleVectors.get("headline (title + tags)").put(a.slug(), List.of(vectors.get(0)));
      articleVectors
          .get("headline + body's first 200 characters")
          .put(a.slug(), List.of(model.embed(texts.get(0) + " " + lead(body, 200))));
      articleVectors.get("headline and each passage (the best counts)").put(a.slug(), vectors);
    }

    List<Signals> signals = new ArrayList<>();
    for (Labelled item : questions) {
      if (!item.answerable()) {
        continue;
      }
      Map<String, Integer> wordRank = new HashMap<>();
      Map<String, Double> wordScore = new HashMap<>();
      for (RankedHit h :
          index.retrieve(
              new SearchRequest(item.question(), null, null, null, Audience.CUSTOMER.wire(), 100),
              now)) {
        if (h.wordRank() > 0) {
          wordRank.put(h.hit().slug(), h.wordRank());
          wordScore.put(h.hit().slug(), h.wordScore());
        }
      }
      Map<String, Map<String, Double>> cosines = new LinkedHashMap<>();
      float[] plain = model.embed(item.question());
      float[] instructed = model.embed(SentenceEmbeddings.QUERY_INSTRUCTION + item.question());
      for (var variant : articleVectors.entrySet()) {
        cosines.put(variant.getKey(), cosines(variant.getValue(), plain));
        cosines.put(
            variant.getKey() + ", query instruction", cosines(variant.getValue(), instructed));
      }
      signals.add(new Signals(item, wordRank, wordScore, cosines));
    }

    System.out.printf(
        Locale.ROOT,
        "%nRetrieval options on the %d answerable calibration questions: first article right,"
            + " mean reciprocal rank%n",
        signals.size());
    print(signals, "words alone (BM25)", s -> byValue(toDouble(s.wordRank()), false));
    for (String variant : signals.get(0).cosines().keySet()) {
      print(signals, "meaning alone: " + variant, s -> byValue(s.cosines().get(variant), true));
    }
    String passages = "headline and each passage (the best counts)";
    for (String variant : List.of(passages, passages + ", query instruction")) {
      for (int k : new int[] {5, 10, 20, 60}) {
        for (double weight : new double[] {0.5, 1, 1.5, 2, 3}) {
          print(
              signals,
              String.format(Locale.ROOT, "RRF K %d, meaning weight %.1f: %s", k, weight, variant),
              s -> rrf(s.wordRank(), s.cosines().get(variant), k, weight));
        }
      }
      for (int depth : new int[] {3, 5, 10}) {
        // The word ranking cut at a depth (its cost grows with it), the meaning ranking whole.
        print(
            signals,
            String.format(
                Locale.ROOT, "RRF K 5, meaning weight 1.5, words' top %d only: %s", depth, variant),
            s -> {
              Map<String, Integer> cut = new HashMap<>(s.wordRank());
              cut.values().removeIf(rank -> rank > depth);
              return rrf(cut, s.cosines().get(variant), 5, 1.5);
            });
      }
      for (double alpha : new double[] {0.5, 0.7, 0.8, 0.9, 0.95}) {
        print(
            signals,
            String.format(
                Locale.ROOT,
                "score fusion %.2f cosine + %.2f BM25/best: %s",
                alpha,
                1 - alpha,
                variant),
            s -> scoreFusion(s.wordScore(), s.cosines().get(variant), alpha));
      }
    }
  }

  private static Map<String, Double> cosines(Map<String, List<float[]>> articles, float[] q) {
    Map<String, Double> out = new HashMap<>();
    articles.forEach(
        (slug, vectors) ->
            out.put(
                slug,
                vectors.stream()
                    .mapToDouble(v -> SentenceEmbeddings.cosine(v, q))
                    .max()
                    .orElse(-1)));
    return out;
  }

  private static Map<String, Double> toDouble(Map<String, Integer> ranks) {
    Map<String, Double> out = new HashMap<>();
    ranks.forEach((slug, rank) -> out.put(slug, (double) rank));
    return out;
  }

  private static List<String> byValue(Map<String, Double> values, boolean highestFirst) {
    List<String> slugs = new ArrayList<>(values.keySet());
    Comparator<String> order = Comparator.comparingDouble(values::get);
    slugs.sort(highestFirst ? order.reversed() : order);
    return slugs;
  }

  /** As ArticleSearch fuses: 1/(K + word rank) + weight/(K + meaning rank). */
  private static List<String> rrf(
      Map<String, Integer> wordRank, Map<String, Double> cosine, int k, double weight) {
    List<String> byMeaning = byValue(cosine, true);
    Map<String, Double> fused = new HashMap<>();
    for (int i = 0; i < byMeaning.size(); i++) {
      String slug = byMeaning.get(i);
      Integer w = wordRank.get(slug);
      fused.put(slug, (w == null ? 0 : 1.0 / (k + w)) + weight / (k + i + 1));
    }
    return byValue(fused, true);
  }

  private static List<String> scoreFusion(
      Map<String, Double> wordScore, Map<String, Double> cosine, double alpha) {
    double best = wordScore.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    Map<String, Double> fused = new HashMap<>();
    cosine.forEach(
        (slug, c) ->
            fused.put(slug, alpha * c + (1 - alpha) * wordScore.getOrDefault(slug, 0.0) / best));
    return byValue(fused, true);
  }

  private static void print(
      List<Signals> signals, String option, Function<Signals, List<String>> ranking) {
    int first = 0;
    double reciprocal = 0;
    for (Signals s : signals) {
      List<String> ranked = ranking.apply(s);
      for (int i = 0; i < ranked.size(); i++) {
        if (s.item().rightAnswer(ranked.get(i))) {
          first += i == 0 ? 1 : 0;
          reciprocal += 1.0 / (i + 1);
          break;
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "  %3d (%.1f %%)  MRR %.3f  %s%n",
        first,
        100.0 * first / signals.size(),
        reciprocal / signals.size(),
        option);
  }

  private static String lead(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }

  /** Where ArticleSearch's floor for hits found only by meaning sits in this set. */
  private static void meaningFloor(List<Scored> scored) {
    double lowestRight =
        scored.stream()
            .filter(s -> s.item().rightAnswer(s.best()))
            .mapToDouble(s -> s.features().cosine())
            .min()
            .orElse(0);
    List<String> below =
        scored.stream()
            .filter(s -> !s.item().answerable())
            .filter(s -> s.features().cosine() < ArticleIndex.MIN_COSINE)
            .map(s -> s.item().question())
            .toList();
    System.out.printf(
        Locale.ROOT,
        "%nMeaning floor %.2f: the lowest cosine of a right first article is %.3f; %d of %d"
            + " questions to hand off have no article at or above it (or none at all): %s%n",
        ArticleIndex.MIN_COSINE,
        lowestRight,
        below.size(),
        scored.stream().filter(s -> !s.item().answerable()).count(),
        below);
  }

  // ---------------------------------------------------------------- 2. feature sets

  private static final String[] FEATURES = {"cosine", "cosine margin", "coverage"};

  private static void featureSets(List<Scored> scored) {
    long firstRight = scored.stream().filter(s -> s.item().rightAnswer(s.best())).count();
    long answerable = scored.stream().filter(s -> s.item().answerable()).count();
    System.out.printf(
        Locale.ROOT,
        "%nThe service's answer path on the %d calibration questions: the first article is right"
            + " for %d of %d answerable%n"
            + "Feature sets, cross-validated (5 folds x 20 shuffles; fitted and thresholded on 4"
            + " folds, measured on the 5th):%n",
        scored.size(),
        firstRight,
        answerable);
    int[][] sets = {{0}, {0, 1}, {0, 2}, {0, 1, 2}};
    for (int[] set : sets) {
      List<String> names = new ArrayList<>();
      for (int f : set) {
        names.add(FEATURES[f]);
      }
      System.out.printf(
          Locale.ROOT, "  %-50s %s%n", String.join(", ", names), crossValidated(scored, set));
    }
  }

  /**
   * Out-of-fold: the figures at the threshold chosen on the other folds, and the log-loss and Brier
   * score of the probabilities (how well calibrated they are, whatever the threshold).
   */
  private static String crossValidated(List<Scored> scored, int[] set) {
    List<Outcome> outcomes = new ArrayList<>();
    double logLoss = 0;
    double brier = 0;
    for (int shuffle = 0; shuffle < 20; shuffle++) {
      List<Scored> order = new ArrayList<>(scored);
      Collections.shuffle(order, new Random(shuffle));
      for (int fold = 0; fold < 5; fold++) {
        List<Scored> train = new ArrayList<>();
        List<Scored> test = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
          (i % 5 == fold ? test : train).add(order.get(i));
        }
        double[] w = fit(train, set);
        double threshold = chooseThreshold(outcomes(train, w, set));
        for (Outcome o : outcomes(test, w, set)) {
          double p = Math.min(1 - 1e-9, Math.max(1e-9, o.confidence()));
          double y = o.right() ? 1 : 0;
          logLoss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
          brier += (p - y) * (p - y);
          // Each question's outcome at the threshold chosen without it: the confidence is
          // shifted so that threshold falls at 0.5 for the pooled figures.
          outcomes.add(new Outcome(o.item(), o.best(), o.confidence() - threshold + 0.5));
        }
      }
    }
    return String.format(
        Locale.ROOT,
        "log-loss %.4f, Brier %.4f; %s",
        logLoss / outcomes.size(),
        brier / outcomes.size(),
        AnswerFigures.of(outcomes, 0.5));
  }

  private static double[] fit(List<Scored> set, int[] features) {
    List<double[]> x = new ArrayList<>();
    List<Boolean> y = new ArrayList<>();
    for (Scored s : set) {
      x.add(select(s.features(), features));
      y.add(s.item().rightAnswer(s.best()));
    }
    return LogisticFit.fit(x, y);
  }

  private static List<Outcome> outcomes(List<Scored> set, double[] w, int[] features) {
    List<Outcome> out = new ArrayList<>();
    for (Scored s : set) {
      out.add(
          new Outcome(
              s.item(), s.best(), LogisticFit.probability(w, select(s.features(), features))));
    }
    return out;
  }

  private static double[] select(Answerer.Features f, int[] features) {
    double[] all = f.values();
    double[] out = new double[features.length];
    for (int i = 0; i < features.length; i++) {
      out[i] = all[features[i]];
    }
    return out;
  }

  /**
   * The threshold (0.01 steps) with the most answers while precision and hand-off share are both at
   * least 90 %; of several, the middle one (furthest from either edge of the range). Without one,
   * the most answers at 90 % precision.
   */
  static double chooseThreshold(List<Outcome> outcomes) {
    List<Double> best = new ArrayList<>();
    int most = -1;
    for (boolean handoffToo : new boolean[] {true, false}) {
      for (int step = 1; step < 100; step++) {
        double t = step / 100.0;
        AnswerFigures f = AnswerFigures.of(outcomes, t);
        if (f.precision() < TARGET_PRECISION || (handoffToo && f.handoffShare() < TARGET_HANDOFF)) {
          continue;
        }
        if (f.answerableAnswered() > most) {
          most = f.answerableAnswered();
          best.clear();
        }
        if (f.answerableAnswered() == most) {
          best.add(t);
        }
      }
      if (!best.isEmpty()) {
        return best.get(best.size() / 2);
      }
    }
    return 0.99;
  }

  // ---------------------------------------------------------------- 3. the calibration

  private static void fitAndChooseThreshold(List<Scored> scored) {
    int[] all = {0, 1, 2};
    double[] w = fit(scored, all);
    List<Outcome> outcomes = outcomes(scored, w, all);
    double threshold = chooseThreshold(outcomes);
    System.out.printf(Locale.ROOT, "%nFitted on all %d calibration questions:%n", scored.size());
    for (int step = 3; step <= 9; step++) {
      double t = step / 10.0;
      System.out.printf(Locale.ROOT, "  threshold %.2f: %s%n", t, AnswerFigures.of(outcomes, t));
    }
    System.out.printf(
        Locale.ROOT,
        "  chosen %.2f: %s%n%nFor application.properties:%n"
            + "knowledge.answer.handoff-threshold=%.2f%n"
            + "knowledge.answer.calibration-cosine=%.3f%n"
            + "knowledge.answer.calibration-cosine-margin=%.3f%n"
            + "knowledge.answer.calibration-coverage=%.3f%n"
            + "knowledge.answer.calibration-bias=%.3f%n",
        threshold,
        AnswerFigures.of(outcomes, threshold),
        threshold,
        w[0],
        w[1],
        w[2],
        w[3]);
  }
}
