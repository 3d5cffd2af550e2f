package io.complaintsuite.knowledge.answer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The labelled customer questions of {@code src/test/resources/answers/}: a header line {@code
 * expected\tquestion}, then per line the article slug that answers the question ({@code a|b} when
 * either does) or {@code -} when the bot must hand off.
 */
public final class LabelledQuestions {
  /** Fitting (fusion, features, coefficients, threshold) reads this set only. */
  public static final String CALIBRATION = "answers/calibration-questions.tsv";

  /**
   * Written independently of the calibration set; measured by {@code AnswerReportTest}, never used
   * to choose or fit anything.
   */
  public static final String HELD_OUT = "answers/heldout-questions.tsv";

  /** One question; {@code expected} is empty when no customer-facing article answers it. */
  public record Labelled(String question, Set<String> expected) {
    public boolean answerable() {
      return !expected.isEmpty();
    }

    public boolean rightAnswer(String slug) {
      return slug != null && expected.contains(slug);
    }
  }

  private LabelledQuestions() {}

  public static List<Labelled> read(String resource) {
    try (InputStream in = LabelledQuestions.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      if (!lines[0].strip().equals("expected\tquestion")) {
        throw new IllegalArgumentException(resource + ": header is not expected\\tquestion");
      }
      List<Labelled> out = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        String[] parts = lines[i].split("\t", 2);
        String expected = parts[0].strip();
        out.add(
            new Labelled(
                parts[1].strip(), expected.equals("-") ? Set.of() : Set.of(expected.split("\\|"))));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
