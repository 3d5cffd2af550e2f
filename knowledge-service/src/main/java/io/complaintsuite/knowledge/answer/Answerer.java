package io.complaintsuite.knowledge.answer;

import io.complaintsuite.knowledge.analysis.ChineseAnalysis;
import io.complaintsuite.knowledge.article.Audience;
import io.complaintsuite.knowledge.search.ArticleIndex;
import io.complaintsuite.knowledge.search.RankedHit;
import io.complaintsuite.knowledge.search.SearchHit;
import io.complaintsuite.knowledge.search.SearchRequest;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks the best customer-facing article for a question (the hybrid search's first hit) and says
 * how sure it is. Fused scores are not comparable between questions, so the confidence comes from
 * three features that are: the best article's cosine to the question (its nearest passage), its
 * margin over the runners-up's, and the share of the question's words the article covers (through
 * synonyms too). A logistic function (Platt scaling), fitted on the calibration questions by {@code
 * AnswerCalibration}, turns them into the probability that the article is right. Whether the word
 * ranking agrees on the best article was measured too and left out: it did not improve the
 * cross-validated calibration. Plain Java: the service, the report and the benchmark share it.
 */
public final class Answerer {
  /** The hits looked at: the best, and the runners-up its margin is taken over. */
  static final int CANDIDATES = 3;

  /**
   * The runner-up's cosine when the search found a single article: a candidate only the meaning
   * ranking finds must be at least this near, so a missing one was at most about as near.
   */
  static final double NO_RUNNER_UP = ArticleIndex.MIN_COSINE;

  /** What the confidence is computed from. */
  public record Features(double cosine, double cosineMargin, double coverage) {
    static final Features NONE = new Features(0, 0, 0);

    public double[] values() {
      return new double[] {cosine, cosineMargin, coverage};
    }
  }

  /** The calibration: confidence = 1 / (1 + e^-(cosine*c + cosineMargin*m + coverage*v + bias)). */
  public record Calibration(
      double cosineWeight, double cosineMarginWeight, double coverageWeight, double bias) {
    public double confidence(Features f) {
      double z =
          f.cosine() * cosineWeight
              + f.cosineMargin() * cosineMarginWeight
              + f.coverage() * coverageWeight
              + bias;
      return 1 / (1 + Math.exp(-z));
    }
  }

  /** The outcome: the best hit (null when nothing matched), its features and the confidence. */
  public record Result(
      SearchHit best, String body, Features features, double confidence, boolean handoff) {}

  private final ArticleIndex index;
  private final ChineseAnalysis analysis;

  public Answerer(ArticleIndex index, ChineseAnalysis analysis) {
    this.index = index;
    this.analysis = analysis;
  }

  public Result answer(
      String question, String channel, Instant now, Calibration calibration, double threshold) {
    List<RankedHit> hits =
        index.retrieve(
            new SearchRequest(question, null, null, channel, Audience.CUSTOMER.wire(), CANDIDATES),
            now);
    if (hits.isEmpty()) {
      return new Result(null, null, Features.NONE, calibration.confidence(Features.NONE), true);
    }
    RankedHit best = hits.get(0);
    ArticleIndex.StoredArticle text = index.stored(best.hit().articleId());
    Features features = features(question, hits, text);
    double confidence = calibration.confidence(features);
    return new Result(
        best.hit(),
        text == null ? null : text.body(),
        features,
        confidence,
        confidence < threshold);
  }

  /** The features of the first of {@code hits}, whose stored text is {@code text}. */
  Features features(String question, List<RankedHit> hits, ArticleIndex.StoredArticle text) {
    RankedHit best = hits.get(0);
    double runnerUp = NO_RUNNER_UP;
    if (hits.size() > 1) {
      runnerUp =
          hits.subList(1, hits.size()).stream().mapToDouble(RankedHit::cosine).max().orElse(0);
    }
    return new Features(
        best.cosine(), best.cosine() - runnerUp, text == null ? 0 : coverage(question, text));
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
