package io.complaintsuite.routing.classifier;

import io.complaintsuite.embeddings.EmbeddingStore;
import io.complaintsuite.embeddings.SentenceEmbeddings;
import io.complaintsuite.routing.risk.PublicOpinionRisk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Model selection by 5-fold cross-validation on the training corpus only (the held-out set is never
 * read here): prints accuracy, worst type and urgent recall per candidate (parts alone, fusion
 * weights, cascade thresholds, urgent-mass thresholds) and the CPU the candidates cost. Run: {@code
 * ./mvnw -o test -pl routing-service -Dtest=ModelSelectionBench -Dclassifier.selection=true
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "classifier.selection", matches = "true")
class ModelSelectionBench {
  static final Set<String> URGENT =
      Set.of("account-stolen", "privacy-leak", "service-outage", "safety-hazard", "money-lost");

  @Test
  void crossValidate() throws IOException {
    List<LabelledComplaint> rows = Corpus.training();
    System.out.println("corpus rows: " + rows.size());
    Path cache = Path.of("target/selection-embeddings.bin");
    Map<String, float[]> known = new ConcurrentHashMap<>();
    if (Files.exists(cache)) {
      known.putAll(EmbeddingStore.read(Files.newInputStream(cache)));
    }
    Meaning meaning = new Meaning(SentenceEmbeddings.shared(), known);
    long t0 = System.nanoTime();
    meaning.vectorsOf(rows.stream().map(LabelledComplaint::text).toList());
    System.out.printf("embeddings ready in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    EmbeddingStore.write(Files.newOutputStream(cache), new LinkedHashMap<>(known));

    Map<String, List<String[]>> results = new LinkedHashMap<>();
    Map<String, int[]> cascadeUse = new LinkedHashMap<>();
    double[][] probes = {{100, 1e-5}, {200, 1e-5}, {200, 1e-4}};
    for (int fold = 0; fold < 5; fold++) {
      List<LabelledComplaint> train = new ArrayList<>();
      List<LabelledComplaint> test = new ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      for (LabelledComplaint r : rows) {
        int nth = seen.merge(r.problemType(), 1, Integer::sum);
        (nth % 5 == fold ? test : train).add(r);
      }
      List<float[]> trainVectors =
          meaning.vectorsOf(train.stream().map(LabelledComplaint::text).toList());
      List<String> trainTypes = train.stream().map(LabelledComplaint::problemType).toList();
      MeaningNeighbours knn = new MeaningNeighbours(trainVectors, trainTypes, 10, 0.05);
      for (double[] pr : probes) {
        long start = System.nanoTime();
        ComplaintClassifier model =
            ComplaintClassifier.train(
                train, meaning, new ComplaintClassifier.Parameters(0.7, 1.01, (int) pr[0], pr[1]));
        String name = "probe " + (int) pr[0] + "/" + pr[1];
        System.out.printf(
            "fold %d %s: trained on %d in %d ms%n",
            fold, name, train.size(), (System.nanoTime() - start) / 1_000_000);
        for (LabelledComplaint r : test) {
          Prediction words = model.classify(r.text(), ComplaintClassifier.Mode.WORDS);
          if (pr == probes[0]) {
            record(results, "words alone", r, words, 2);
            Map<String, Double> k = knn.classify(meaning.embed(r.text()));
            record(results, "meaning knn alone", r, asPrediction(k), 2);
            record(results, "knn 0.7 + words", r, asPrediction(fuse(k, ranking(words), 0.7)), 2);
          }
          Prediction meant = model.classify(r.text(), ComplaintClassifier.Mode.MEANING);
          record(results, name + " alone", r, meant, 2);
          for (double w : new double[] {0.6, 0.7}) {
            Map<String, Double> f = fuse(ranking(meant), ranking(words), w);
            for (double m : new double[] {0.2, 0.25, 0.3}) {
              record(results, name + " w=" + w + " mass=" + m, r, asPrediction(f), m);
            }
            Map<String, Double> three =
                fuse(
                    fuse(ranking(meant), knn.classify(meaning.embed(r.text())), 0.7),
                    ranking(words),
                    w);
            record(results, name + " +knn w=" + w + " mass=0.25", r, asPrediction(three), 0.25);
          }
        }
      }
    }
    results.forEach(
        (name, pairs) -> {
          int right = 0;
          int urgent = 0;
          int urgentFound = 0;
          int urgentPredicted = 0;
          Map<String, int[]> perType = new HashMap<>();
          for (String[] p : pairs) {
            int[] t = perType.computeIfAbsent(p[0], k -> new int[2]);
            t[1]++;
            if (p[0].equals(p[1])) {
              right++;
              t[0]++;
            }
            if (p[3].equals("1")) urgentPredicted++;
            if (p[2].equals("1")) {
              urgent++;
              if (p[3].equals("1")) urgentFound++;
            }
          }
          double worst =
              perType.values().stream().mapToDouble(t -> (double) t[0] / t[1]).min().orElse(0);
          System.out.printf(
              Locale.ROOT,
              "%-55s accuracy %.1f %%  worst type %.1f %%  urgent recall %.1f %% (%d/%d) precision %.1f %%%n",
              name,
              100.0 * right / pairs.size(),
              100 * worst,
              100.0 * urgentFound / urgent,
              urgentFound,
              urgent,
              100.0 * urgentFound / Math.max(1, urgentPredicted));
          if (name.equals("probe 200/1.0E-5 w=0.6 mass=0.2")) {
            perType.forEach(
                (t, n) ->
                    System.out.printf(Locale.ROOT, "    %-22s %.1f %%%n", t, 100.0 * n[0] / n[1]));
          }
        });
    cascadeUse.forEach(
        (name, n) ->
            System.out.printf(
                Locale.ROOT,
                "%-30s meaning asked for %.0f %%%n",
                name,
                100.0 * n[1] / (n[0] + n[1])));
  }

  static Map<String, Double> ranking(Prediction p) {
    Map<String, Double> m = new HashMap<>();
    p.ranking().forEach(r -> m.put(r.problemType(), r.score()));
    return m;
  }

  static Map<String, Double> fuse(Map<String, Double> a, Map<String, Double> b, double w) {
    Map<String, Double> f = new HashMap<>();
    a.forEach((t, v) -> f.merge(t, w * v, Double::sum));
    b.forEach((t, v) -> f.merge(t, (1 - w) * v, Double::sum));
    return f;
  }

  static Prediction asPrediction(Map<String, Double> scores) {
    List<Prediction.Ranked> ranked =
        scores.entrySet().stream()
            .map(e -> new Prediction.Ranked(e.getKey(), e.getValue()))
            .sorted(java.util.Comparator.comparingDouble(Prediction.Ranked::score).reversed())
            .toList();
    return new Prediction(
        ranked.get(0).problemType(), ranked.get(0).score(), List.of(), List.of(), ranked, true);
  }

  static void record(
      Map<String, List<String[]>> results,
      String name,
      LabelledComplaint r,
      Prediction p,
      double urgentMass) {
    boolean expectedUrgent = r.risk() || URGENT.contains(r.problemType());
    boolean predictedUrgent =
        URGENT.contains(p.problemType())
            || p.massOf(URGENT) >= urgentMass
            || PublicOpinionRisk.assess(r.text()).flagged();
    results
        .computeIfAbsent(name, n -> new ArrayList<>())
        .add(
            new String[] {
              r.problemType(),
              p.problemType(),
              expectedUrgent ? "1" : "0",
              predictedUrgent ? "1" : "0"
            });
  }
}
