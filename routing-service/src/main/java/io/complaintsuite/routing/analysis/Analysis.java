package io.complaintsuite.routing.analysis;

import io.complaintsuite.contracts.Priority;
import io.complaintsuite.contracts.routing.Explanation;
import io.complaintsuite.contracts.routing.RiskAssessment;
import java.util.List;

/**
 * The content decision about a complaint, before an agent is chosen: problem type, priority, owning
 * department, and why (the deciding rule, or the classifier's top features and nearest labelled
 * complaints).
 */
public record Analysis(
    String problemType,
    Priority priority,
    String department,
    double confidence,
    String decidedBy,
    String rule,
    List<String> matchedRules,
    List<Explanation.Feature> topFeatures,
    List<Explanation.Neighbour> neighbours,
    List<String> priorityReasons,
    RiskAssessment risk,
    int ruleSetVersion) {

  public static final String BY_RULE = "rule";
  public static final String BY_CLASSIFIER = "classifier";
  public static final String BY_TRIAGE = "low-confidence-triage";
}
