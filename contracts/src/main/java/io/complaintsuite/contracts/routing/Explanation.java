package io.complaintsuite.contracts.routing;

import java.util.List;

/**
 * Why routing decided what it did, as {@code assignment.created} carries it: decided by a rule (its
 * name and the matched text) or by the classifier (its top features); how the priority was reached;
 * how the agent was chosen; for a transfer, the reason the agent gave.
 */
public record Explanation(
    String decidedBy,
    String rule,
    List<String> matchedRules,
    List<Feature> topFeatures,
    List<String> priorityReasons,
    String agentReason,
    String transferReason) {

  /** A word of the complaint and how strongly it points at the predicted type (log odds). */
  public record Feature(String term, double weight) {}
}
