package io.complaintsuite.routing.classifier;

import io.complaintsuite.contracts.routing.Explanation;
import java.util.List;

/**
 * What the classifier thinks: the problem type, its confidence (0..1), the words of the complaint
 * that pointed there most, the labelled complaints nearest in meaning (when the meaning model was
 * asked), every type it considered with its probability, best first, and whether the cascade asked
 * the meaning model.
 */
public record Prediction(
    String problemType,
    double confidence,
    List<Explanation.Feature> topFeatures,
    List<Explanation.Neighbour> neighbours,
    List<Ranked> ranking,
    boolean byMeaning) {

  public record Ranked(String problemType, double score) {}

  /** The probability mass of the given types (e.g. all urgent types). */
  public double massOf(java.util.Set<String> types) {
    return ranking.stream()
        .filter(r -> types.contains(r.problemType()))
        .mapToDouble(Ranked::score)
        .sum();
  }
}
