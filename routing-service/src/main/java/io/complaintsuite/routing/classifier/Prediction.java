package io.complaintsuite.routing.classifier;

import io.complaintsuite.contracts.routing.Explanation;
import java.util.List;

/**
 * What the classifier thinks: the problem type, its confidence (0..1), the words of the complaint
 * that pointed there most, and every type it considered, best first.
 */
public record Prediction(
    String problemType,
    double confidence,
    List<Explanation.Feature> topFeatures,
    List<Ranked> ranking) {

  public record Ranked(String problemType, double score) {}
}
