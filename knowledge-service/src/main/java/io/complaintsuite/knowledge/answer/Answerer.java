package io.complaintsuite.knowledge.answer;

import io.complaintsuite.knowledge.analysis.ChineseAnalysis;
import io.complaintsuite.knowledge.article.Audience;
import io.complaintsuite.knowledge.search.ArticleIndex;
import io.complaintsuite.knowledge.search.SearchHit;
import io.complaintsuite.knowledge.search.SearchRequest;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks the best customer-facing article for a question and says how sure it is. Lucene scores are
 * not comparable across questions, so the confidence comes from two features that are: the share of
 * the question's words the article covers (through synonyms too), and the margin of the best hit
 * over the second. A logistic function (Platt scaling), fitted on the labelled question set by
 * {@code AnswerEvaluation}, turns them into the probability that the article is right. Plain Java:
 * the service and the evaluation share it.
 */
public final class Answerer {
  /** The calibration: confidence = 1 / (1 + e^-(coverage*a + margin*m + b)). */
  public record Calibration(double coverageWeight, double marginWeight, double bias) {
    public double confidence(double coverage, double margin) {
      return 1 / (1 + Math.exp(-(coverage * coverageWeight + margin * marginWeight + bias)));
    }
  }

  /** The outcome: the best hit (null when nothing matched), its features and the confidence. */
  public record Result(
      SearchHit best,
      String body,
      double coverage,
      double margin,
      double confidence,
      boolean handoff) {}

  private final ArticleIndex index;
  private final ChineseAnalysis analysis;

  public Answerer(ArticleIndex index, ChineseAnalysis analysis) {
    this.index = index;
    this.analysis = analysis;
  }

  public Result answer(
      String question, String channel, Instant now, Calibration calibration, double threshold) {
    List<SearchHit> hits =
        index.search(
            new SearchRequest(question, null, null, channel, Audience.CUSTOMER.wire(), 2), now);
    if (hits.isEmpty()) {
      return new Result(null, null, 0, 0, calibration.confidence(0, 0), true);
    }
    SearchHit best = hits.get(0);
    ArticleIndex.StoredArticle text = index.stored(best.articleId());
    double coverage = text == null ? 0 : coverage(question, text);
    double margin = hits.size() < 2 ? 1 : 1 - hits.get(1).score() / best.score();
    double confidence = calibration.confidence(coverage, margin);
    return new Result(
        best,
        text == null ? null : text.body(),
        coverage,
        margin,
        confidence,
        confidence < threshold);
  }

  /** The share of the question's distinct words found in the article, directly or as synonym. */
  double coverage(String question, ArticleIndex.StoredArticle article) {
    Set<String> asked = new LinkedHashSet<>(analysis.terms(question));
    if (asked.isEmpty()) {
      return 0;
    }
    String whole =
        article.title() + "\n" + String.join(" ", article.tags()) + "\n" + article.body();
    Set<String> present = new HashSet<>(analysis.terms(whole));
    int covered = 0;
    for (String word : asked) {
      for (String alternative : analysis.withSynonyms(word)) {
        if (present.contains(alternative)
            || (alternative.length() > 1 && whole.contains(alternative))) {
          covered++;
          break;
        }
      }
    }
    return (double) covered / asked.size();
  }
}
