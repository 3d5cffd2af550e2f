package io.complaintsuite.knowledge.answer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.knowledge.analysis.ChineseAnalysis;
import io.complaintsuite.knowledge.search.ArticleIndex;
import io.complaintsuite.knowledge.search.SeedIndex;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labelled evaluation of answers: every question of {@code eval/questions.tsv} against the
 * starter articles, with the calibration and threshold of application.properties. Prints precision
 * at the threshold, the hand-off rate and a freshly fitted calibration (fitted on the even lines,
 * measured on the odd ones, so the printed held-out figures are honest). Run alone with {@code
 * ./mvnw -B -pl knowledge-service -am verify -Dtest=AnswerEvaluation
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class AnswerEvaluation {
  record Labelled(String question, String expected) {}

  record Scored(Labelled item, String answered, double coverage, double margin) {
    boolean right() {
      return answered != null && answered.equals(item.expected());
    }
  }

  @Test
  void precisionAtTheThresholdAndHandOffRate(@TempDir Path dir) throws Exception {
    Properties config = new Properties();
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("application.properties")) {
      config.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    double threshold = Double.parseDouble(config.getProperty("knowledge.answer.handoff-threshold"));
    Answerer.Calibration configured =
        new Answerer.Calibration(
            Double.parseDouble(config.getProperty("knowledge.answer.calibration-coverage")),
            Double.parseDouble(config.getProperty("knowledge.answer.calibration-margin")),
            Double.parseDouble(config.getProperty("knowledge.answer.calibration-bias")));

    ChineseAnalysis analysis = SeedIndex.analysis();
    List<Scored> scored = new ArrayList<>();
    try (ArticleIndex index = SeedIndex.open(dir, analysis)) {
      Answerer answerer = new Answerer(index, analysis);
      Instant now = SeedIndex.EVALUATED_AT.toInstant();
      for (Labelled item : questions()) {
        Answerer.Result r = answerer.answer(item.question(), null, now, configured, threshold);
        scored.add(
            new Scored(item, r.best() == null ? null : r.best().slug(), r.coverage(), r.margin()));
      }
    }

    List<Scored> even = new ArrayList<>();
    List<Scored> odd = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      (i % 2 == 0 ? even : odd).add(scored.get(i));
    }
    long answerable = scored.stream().filter(s -> !s.item().expected().equals("none")).count();
    long top1 = scored.stream().filter(Scored::right).count();
    System.out.printf(
        Locale.ROOT,
        "%nAnswer evaluation: %d questions (%d answerable, %d none); top-1 retrieval right for"
            + " %d of %d answerable%n",
        scored.size(),
        answerable,
        scored.size() - answerable,
        top1,
        answerable);
    Figures all = figures(scored, configured, threshold);
    System.out.printf(
        Locale.ROOT,
        "configured %s, threshold %.2f, all questions: %s%n",
        configured,
        threshold,
        all);
    Answerer.Calibration fitted = fit(even);
    System.out.printf(
        Locale.ROOT,
        "fitted on even lines %s -> held-out odd lines at %.2f: %s%n",
        fitted,
        threshold,
        figures(odd, fitted, threshold));
    System.out.printf(Locale.ROOT, "fitted on all lines: %s%n", fit(scored));
    for (double t = 0.3; t < 0.95; t += 0.1) {
      System.out.printf(Locale.ROOT, "  threshold %.1f: %s%n", t, figures(scored, configured, t));
    }
    for (Scored s : scored) {
      double c = configured.confidence(s.coverage(), s.margin());
      boolean handoff = c < threshold;
      if (!handoff && !s.right()) {
        System.out.printf(
            Locale.ROOT,
            "  wrong answer: %s -> %s (expected %s, confidence %.2f)%n",
            s.item().question(),
            s.answered(),
            s.item().expected(),
            c);
      }
    }

    assertTrue(all.precision() >= 0.9, "precision at the threshold: " + all);
    assertTrue(all.handoffRate() <= 0.5, "hand-off rate: " + all);
  }

  record Figures(int questions, int answered, int right, double precision, double handoffRate) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "answered %d of %d, %d right: precision %.3f, hand-off rate %.3f",
          answered,
          questions,
          right,
          precision,
          handoffRate);
    }
  }

  static Figures figures(List<Scored> set, Answerer.Calibration calibration, double threshold) {
    int answered = 0;
    int right = 0;
    for (Scored s : set) {
      if (calibration.confidence(s.coverage(), s.margin()) >= threshold) {
        answered++;
        if (s.right()) {
          right++;
        }
      }
    }
    return new Figures(
        set.size(),
        answered,
        right,
        answered == 0 ? 1 : (double) right / answered,
        1 - (double) answered / set.size());
  }

  /** Logistic regression of "the top article is right" on (coverage, margin), gradient descent. */
  static Answerer.Calibration fit(List<Scored> set) {
    double a = 0;
    double m = 0;
    double b = 0;
    double rate = 0.5;
    for (int epoch = 0; epoch < 20_000; epoch++) {
      double ga = 0;
      double gm = 0;
      double gb = 0;
      for (Scored s : set) {
        double p = new Answerer.Calibration(a, m, b).confidence(s.coverage(), s.margin());
        double err = p - (s.right() ? 1 : 0);
        ga += err * s.coverage();
        gm += err * s.margin();
        gb += err;
      }
      a -= rate * ga / set.size();
      m -= rate * gm / set.size();
      b -= rate * gb / set.size();
    }
    return new Answerer.Calibration(round(a), round(m), round(b));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  static List<Labelled> questions() throws Exception {
    List<Labelled> out = new ArrayList<>();
    try (InputStream in =
        AnswerEvaluation.class.getClassLoader().getResourceAsStream("eval/questions.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t");
        out.add(new Labelled(parts[0].trim(), parts[1].trim()));
      }
    }
    return out;
  }
}
