package io.complaintsuite.knowledge.answer;

import io.complaintsuite.knowledge.answer.LabelledQuestions.Labelled;
import java.util.List;
import java.util.Locale;

/** The three figures of the answer targets, for a set of answered questions and a threshold. */
public record AnswerFigures(
    int answerable,
    int answerableAnswered,
    int notAnswerable,
    int notAnswerableAnswered,
    int right) {

  /** What the bot did with one question: its best article and its confidence in it. */
  public record Outcome(Labelled item, String best, double confidence) {
    boolean answered(double threshold) {
      return best != null && confidence >= threshold;
    }

    boolean right() {
      return item.rightAnswer(best);
    }
  }

  public static AnswerFigures of(List<Outcome> outcomes, double threshold) {
    int answerable = 0;
    int answerableAnswered = 0;
    int notAnswerable = 0;
    int notAnswerableAnswered = 0;
    int right = 0;
    for (Outcome o : outcomes) {
      boolean answered = o.answered(threshold);
      if (o.item().answerable()) {
        answerable++;
        answerableAnswered += answered ? 1 : 0;
      } else {
        notAnswerable++;
        notAnswerableAnswered += answered ? 1 : 0;
      }
      right += answered && o.right() ? 1 : 0;
    }
    return new AnswerFigures(
        answerable, answerableAnswered, notAnswerable, notAnswerableAnswered, right);
  }

  /** Answered (rightly or not) among the questions an article answers. */
  public double answeredShare() {
    return answerable == 0 ? 0 : (double) answerableAnswered / answerable;
  }

  /** Right among all answers given, including answers to questions nothing answers. */
  public double precision() {
    int answered = answerableAnswered + notAnswerableAnswered;
    return answered == 0 ? 1 : (double) right / answered;
  }

  /** Handed off among the questions no customer-facing article answers. */
  public double handoffShare() {
    return notAnswerable == 0 ? 1 : 1 - (double) notAnswerableAnswered / notAnswerable;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "answered %d of %d answerable (%.1f %%), precision %d of %d (%.1f %%),"
            + " handed off %d of %d not answerable (%.1f %%)",
        answerableAnswered,
        answerable,
        100 * answeredShare(),
        right,
        answerableAnswered + notAnswerableAnswered,
        100 * precision(),
        notAnswerable - notAnswerableAnswered,
        notAnswerable,
        100 * handoffShare());
  }
}
