package io.complaintsuite.knowledge.answer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.knowledge.analysis.ChineseAnalysis;
import io.complaintsuite.knowledge.answer.AnswerFigures.Outcome;
import io.complaintsuite.knowledge.answer.LabelledQuestions.Labelled;
import io.complaintsuite.knowledge.search.ArticleIndex;
import io.complaintsuite.knowledge.search.SeedIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression on the project's older question set ({@code eval/questions.tsv}: 215 questions written
 * with the starter articles, 52 of them to hand off), with the calibration and threshold of
 * application.properties. Not used to fit anything any more (AnswerCalibration fits on the
 * calibration questions; AnswerReportTest measures the targets): it guards against a change that
 * makes the bot answer these well-known questions wrongly. Runs in every build.
 */
class AnswerEvaluation {
  @Test
  void theOlderQuestionSetStaysPrecise(@TempDir Path dir) {
    ChineseAnalysis analysis = SeedIndex.analysis();
    double threshold = ConfiguredAnswers.threshold();
    Answerer.Calibration calibration = ConfiguredAnswers.calibration();
    List<Outcome> outcomes = new ArrayList<>();
    try (ArticleIndex index = SeedIndex.open(dir, analysis)) {
      Answerer answerer = new Answerer(index, analysis);
      Instant now = SeedIndex.EVALUATED_AT.toInstant();
      for (Labelled item : questions()) {
        Answerer.Result r = answerer.answer(item.question(), null, now, calibration, threshold);
        outcomes.add(new Outcome(item, r.best() == null ? null : r.best().slug(), r.confidence()));
      }
    }
    AnswerFigures figures = AnswerFigures.of(outcomes, threshold);
    System.out.printf(
        Locale.ROOT,
        "%nOlder question set (eval/questions.tsv) at threshold %.2f: %s%n",
        threshold,
        figures);
    // Floors a little below the figures measured when the hybrid retrieval came (answered 139 of
    // 163 answerable, precision 131 of 139, handed off 52 of 52; the BM25-only bot it replaced
    // had a precision of 0.908 and answered 131 of 215 questions): a regression guard.
    assertTrue(figures.answeredShare() >= 0.8, "answered share: " + figures);
    assertTrue(figures.precision() >= 0.9, "precision: " + figures);
    assertTrue(figures.handoffShare() >= 0.95, "hand-off share: " + figures);
  }

  /** The older format: question, tab, expected slug or {@code none}; {@code #} comments. */
  static List<Labelled> questions() {
    List<Labelled> out = new ArrayList<>();
    try (InputStream in =
        AnswerEvaluation.class.getClassLoader().getResourceAsStream("eval/questions.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t");
        String expected = parts[1].strip();
        out.add(
            new Labelled(parts[0].strip(), expected.equals("none") ? Set.of() : Set.of(expected)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
