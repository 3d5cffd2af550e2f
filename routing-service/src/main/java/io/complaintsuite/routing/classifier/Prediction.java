package io.complaintsuite.routing.classifier;

import java.util.List;

/**
 * What the classifier thinks: the problem type, its confidence (0..1), the words of the complaint
 * that pointed there most, and every type it considered, best first.
 */
public record Prediction(
    String problemType, double confidence, List<Feature> topFeatures, List<Ranked> ranking) {

  /** A word of the complaint and how strongly it points at the predicted type (log odds). */
  public record Feature(String term, double weight) {}

  public record Ranked(String problemType, double score) {}
}
