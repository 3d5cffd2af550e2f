package io.complaintsuite.routing.assignment;

import io.complaintsuite.contracts.Priority;
import io.complaintsuite.routing.classifier.Prediction;
import io.complaintsuite.routing.risk.RiskAssessment;
import java.util.List;

/**
 * Where a complaint goes and why: what a dry-run answers and what {@code assignment.created}
 * carries (with the complaint's identity around it).
 */
public record Decision(
    String department,
    String agent,
    boolean queued,
    String problemType,
    Priority priority,
    double confidence,
    Explanation explanation,
    RiskAssessment risk,
    int ruleSetVersion) {

  /**
   * Why: decided by a rule (its name and the matched text) or by the classifier (its top features);
   * how the priority was reached; how the agent was chosen; for a transfer, the reason the agent
   * gave.
   */
  public record Explanation(
      String decidedBy,
      String rule,
      List<String> matchedRules,
      List<Prediction.Feature> topFeatures,
      List<String> priorityReasons,
      String agentReason,
      String transferReason) {}
}
