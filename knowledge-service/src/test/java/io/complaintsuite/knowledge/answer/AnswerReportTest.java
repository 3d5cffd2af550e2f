package io.complaintsuite.knowledge.answer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.knowledge.analysis.ChineseAnalysis;
import io.complaintsuite.knowledge.answer.AnswerFigures.Outcome;
import io.complaintsuite.knowledge.answer.LabelledQuestions.Labelled;
import io.complaintsuite.knowledge.article.ArticleInput;
import io.complaintsuite.knowledge.article.Audience;
import io.complaintsuite.knowledge.importing.SeedLoader;
import io.complaintsuite.knowledge.search.ArticleIndex;
import io.complaintsuite.knowledge.search.SeedIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chatbot's answer targets, measured on the held-out questions ({@link
 * LabelledQuestions#HELD_OUT}, written independently and never used to choose or fit anything) with
 * the calibration and threshold of application.properties, against the starter articles at a fixed
 * instant. Prints the answered share of the answerable questions, the precision of the answers
 * given and the hand-off share of the questions nothing answers, the same for the calibration
 * questions (labelled: fitted on them, so optimistic), and writes the report to {@code
 * target/answer-report.md}. Runs in every build.
 *
 * <p>Targets: answer at least 80 % of the answerable questions with a precision of at least 90 %,
 * hand off at least 90 % of the others. The floors below are the targets where the held-out figures
 * meet them, otherwise just below the measured figure (see docs/knowledge-service.md): missed
 * targets are reported, never tuned for on this set.
 */
class AnswerReportTest {
  private static final double TARGET_ANSWERED = 0.80;
  private static final double TARGET_PRECISION = 0.90;
  private static final double TARGET_HANDOFF = 0.90;

  /**
   * Target MISSED: 53 of 112 held-out answerable questions (47.3 %) were answered with the hybrid
   * retrieval; the floor leaves one answer of slack (52 of 112 = 46.4 %).
   */
  private static final double FLOOR_ANSWERED = 0.46;

  /** Met: 51 of 54 answers right (94.4 %). */
  private static final double FLOOR_PRECISION = TARGET_PRECISION;

  /** Met: 41 of 42 handed off (97.6 %). */
  private static final double FLOOR_HANDOFF = TARGET_HANDOFF;

  @Test
  void heldOutQuestionsAreAnsweredPreciselyOrHandedOff(@TempDir Path dir) throws IOException {
    double threshold = ConfiguredAnswers.threshold();
    Answerer.Calibration calibration = ConfiguredAnswers.calibration();
    Instant now = SeedIndex.EVALUATED_AT.toInstant();
    ChineseAnalysis analysis = SeedIndex.analysis();
    List<Outcome> heldOut;
    List<Outcome> calibrationSet;
    try (ArticleIndex index = SeedIndex.open(dir, analysis)) {
      Answerer answerer = new Answerer(index, analysis);
      heldOut = answer(answerer, LabelledQuestions.read(LabelledQuestions.HELD_OUT), now);
      calibrationSet = answer(answerer, LabelledQuestions.read(LabelledQuestions.CALIBRATION), now);
    }
    AnswerFigures heldOutFigures = AnswerFigures.of(heldOut, threshold);

    String report = report(heldOut, calibrationSet, threshold, calibration, now);
    System.out.println();
    System.out.println(report);
    Path file = Path.of("target", "answer-report.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, report, StandardCharsets.UTF_8);

    assertTrue(
        heldOutFigures.answeredShare() >= FLOOR_ANSWERED,
        "held-out answered share below " + FLOOR_ANSWERED + ": " + heldOutFigures);
    assertTrue(
        heldOutFigures.precision() >= FLOOR_PRECISION,
        "held-out precision below " + FLOOR_PRECISION + ": " + heldOutFigures);
    assertTrue(
        heldOutFigures.handoffShare() >= FLOOR_HANDOFF,
        "held-out hand-off share below " + FLOOR_HANDOFF + ": " + heldOutFigures);
    // The calibration set is no target (the calibration was fitted on it): printed only.
  }

  private static List<Outcome> answer(Answerer answerer, List<Labelled> questions, Instant now) {
    Answerer.Calibration calibration = ConfiguredAnswers.calibration();
    double threshold = ConfiguredAnswers.threshold();
    List<Outcome> out = new ArrayList<>();
    for (Labelled item : questions) {
      Answerer.Result r = answerer.answer(item.question(), null, now, calibration, threshold);
      out.add(new Outcome(item, r.best() == null ? null : r.best().slug(), r.confidence()));
    }
    return out;
  }

  private static String report(
      List<Outcome> heldOut,
      List<Outcome> calibrationSet,
      double threshold,
      Answerer.Calibration calibration,
      Instant now) {
    AnswerFigures h = AnswerFigures.of(heldOut, threshold);
    AnswerFigures c = AnswerFigures.of(calibrationSet, threshold);
    Set<String> servable = servableArticles(now);
    StringBuilder out = new StringBuilder();
    out.append("# Answer report\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "Starter articles at %s; threshold %.2f; calibration %s"
                    + " (application.properties).%n%n",
                SeedIndex.EVALUATED_AT,
                threshold,
                calibration))
        .append("| set | questions | answered (of answerable) | precision (of answers given)")
        .append(" | handed off (of not answerable) | first article right (of answerable) |\n")
        .append("|---|---|---|---|---|---|\n")
        .append(row("**held-out** (never used for fitting)", heldOut, h))
        .append(row("calibration (fitted on it: optimistic)", calibrationSet, c))
        .append(
            String.format(
                Locale.ROOT,
                "| target | | ≥ 80 %% | ≥ 90 %% | ≥ 90 %% | |%n%n"
                    + "Held-out against the targets: answered %s, precision %s, hand-off %s.%n%n",
                verdict(h.answeredShare(), TARGET_ANSWERED),
                verdict(h.precision(), TARGET_PRECISION),
                verdict(h.handoffShare(), TARGET_HANDOFF)));
    out.append(unservableNote("held-out", heldOut, servable, threshold))
        .append(unservableNote("calibration", calibrationSet, servable, threshold));
    out.append(
        "Wrong answers given on the calibration set (question → answer, expected, confidence):\n\n");
    for (Outcome o : calibrationSet) {
      if (o.answered(threshold) && !o.right()) {
        out.append(
            String.format(
                Locale.ROOT,
                "- %s → %s (expected %s, %.2f)%n",
                o.item().question(),
                o.best(),
                o.item().answerable() ? String.join("|", o.item().expected()) : "hand-off",
                o.confidence()));
      }
    }
    return out.toString();
  }

  /**
   * The answerable questions whose article the bot cannot serve at the evaluation instant (an
   * expired campaign), and the figures without them; empty when there are none.
   */
  private static String unservableNote(
      String set, List<Outcome> outcomes, Set<String> servable, double threshold) {
    List<Outcome> unservable =
        outcomes.stream()
            .filter(o -> o.item().answerable())
            .filter(o -> o.item().expected().stream().noneMatch(servable::contains))
            .toList();
    if (unservable.isEmpty()) {
      return "";
    }
    List<Outcome> servableOnly = new ArrayList<>(outcomes);
    servableOnly.removeAll(unservable);
    return String.format(
        Locale.ROOT,
        "%s: %d answerable questions expect an article the bot cannot serve at this instant"
            + " (expired: %s); without them: %s.%n%n",
        set,
        unservable.size(),
        unservable.stream()
            .flatMap(o -> o.item().expected().stream())
            .distinct()
            .collect(Collectors.joining(", ")),
        AnswerFigures.of(servableOnly, threshold));
  }

  private static String row(String name, List<Outcome> outcomes, AnswerFigures f) {
    long firstRight = outcomes.stream().filter(o -> o.item().answerable() && o.right()).count();
    return String.format(
        Locale.ROOT,
        "| %s | %d | %d of %d (%.1f %%) | %d of %d (%.1f %%) | %d of %d (%.1f %%) | %d of %d (%.1f"
            + " %%) |%n",
        name,
        outcomes.size(),
        f.answerableAnswered(),
        f.answerable(),
        100 * f.answeredShare(),
        f.right(),
        f.answerableAnswered() + f.notAnswerableAnswered(),
        100 * f.precision(),
        f.notAnswerable() - f.notAnswerableAnswered(),
        f.notAnswerable(),
        100 * f.handoffShare(),
        firstRight,
        f.answerable(),
        100.0 * firstRight / f.answerable());
  }

  private static String verdict(double measured, double target) {
    return String.format(
        Locale.ROOT,
        "%.1f %% (%s)",
        100 * measured,
        measured >= target
            ? "met"
            : String.format(Locale.ROOT, "missed by %.1f points", 100 * (target - measured)));
  }

  /** The customer-facing starter articles valid at {@code now}: what the bot can answer with. */
  private static Set<String> servableArticles(Instant now) {
    return SeedLoader.articles().stream()
        .filter(a -> a.audience().equals(Audience.CUSTOMER.wire()))
        .filter(a -> a.validFrom() == null || !a.validFrom().toInstant().isAfter(now))
        .filter(a -> a.validUntil() == null || a.validUntil().toInstant().isAfter(now))
        .map(ArticleInput::slug)
        .collect(Collectors.toSet());
  }
}
