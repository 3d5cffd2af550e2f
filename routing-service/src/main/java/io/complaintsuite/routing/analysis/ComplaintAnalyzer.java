package io.complaintsuite.routing.analysis;

import io.complaintsuite.contracts.Priority;
import io.complaintsuite.contracts.routing.RiskAssessment;
import io.complaintsuite.routing.classifier.ComplaintClassifier;
import io.complaintsuite.routing.classifier.Prediction;
import io.complaintsuite.routing.risk.PublicOpinionRisk;
import io.complaintsuite.routing.rules.RuleBook;
import io.complaintsuite.routing.rules.RuleMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules first, then the classifier, then public-opinion risk: decides problem type, priority and
 * department. Pure (no I/O), so dry-runs, rule-set validation and the accuracy report run exactly
 * what the consumer runs.
 */
public final class ComplaintAnalyzer {
  private final ComplaintClassifier classifier;
  private final double minConfidence;
  private final double urgentMass;
  private final String triageDepartment;

  public ComplaintAnalyzer(
      ComplaintClassifier classifier,
      double minConfidence,
      double urgentMass,
      String triageDepartment) {
    this.classifier = classifier;
    this.minConfidence = minConfidence;
    this.urgentMass = urgentMass;
    this.triageDepartment = triageDepartment;
  }

  public Analysis analyse(RoutingInput input, RuleBook rules, ProblemTypeCatalog catalog) {
    // The first step of the cascade: where a rule decides the type, the words' ranking (for
    // transfers) is enough and the sentence embedding is not computed.
    boolean ruleDecides =
        rules.match(input.text(), input.channel(), input.customerTier()).stream()
            .anyMatch(m -> m.rule().problemType() != null);
    return analyse(
        input,
        rules,
        catalog,
        classifier.classify(
            input.text(),
            ruleDecides ? ComplaintClassifier.Mode.WORDS : ComplaintClassifier.Mode.CASCADE));
  }

  /** With the classifier's prediction already made (validation compares rule sets on one text). */
  public Analysis analyse(
      RoutingInput input, RuleBook rules, ProblemTypeCatalog catalog, Prediction prediction) {
    List<RuleMatch> matches = rules.match(input.text(), input.channel(), input.customerTier());
    List<String> priorityReasons = new ArrayList<>();

    RuleMatch typeRule =
        matches.stream().filter(m -> m.rule().problemType() != null).findFirst().orElse(null);
    String problemType;
    double confidence;
    String decidedBy;
    if (typeRule != null) {
      problemType = typeRule.rule().problemType();
      confidence = 1.0;
      decidedBy = Analysis.BY_RULE;
    } else {
      problemType = prediction.problemType();
      confidence = round(prediction.confidence());
      decidedBy =
          prediction.confidence() < minConfidence ? Analysis.BY_TRIAGE : Analysis.BY_CLASSIFIER;
    }
    ProblemTypeCatalog.Entry entry = catalog.get(problemType);

    Priority priority = Priority.LOW;
    if (entry != null) {
      priority = entry.defaultPriority();
      priorityReasons.add("default of " + problemType + ": " + label(priority));
    }
    if (typeRule == null && priority != Priority.URGENT) {
      // Two urgent types at 0.3 each outweigh one general type at 0.4: missing an urgent
      // complaint costs more than serving a general one early.
      double mass = prediction.massOf(catalog.urgentTypes());
      if (mass >= urgentMass) {
        priority = Priority.URGENT;
        priorityReasons.add(
            String.format(
                java.util.Locale.ROOT,
                "urgent types together %.2f ≥ %.2f: urgent",
                mass,
                urgentMass));
      }
    }
    if (input.priorityHint() != null && higher(input.priorityHint(), priority)) {
      priority = input.priorityHint();
      priorityReasons.add("channel's urgency: " + label(priority));
    }
    for (RuleMatch m : matches) {
      if (m.rule().priority() != null && higher(m.rule().priority(), priority)) {
        priority = m.rule().priority();
        priorityReasons.add("rule " + m.rule().name() + ": " + label(priority));
      }
    }
    RiskAssessment risk = PublicOpinionRisk.assess(input.text());
    if (risk.flagged() && priority != Priority.URGENT) {
      priority = Priority.URGENT;
      priorityReasons.add("public-opinion risk: urgent");
    }

    String department =
        matches.stream()
            .filter(m -> m.rule().department() != null)
            .map(m -> m.rule().department())
            .findFirst()
            .orElse(
                entry == null || Analysis.BY_TRIAGE.equals(decidedBy)
                    ? triageDepartment
                    : entry.department());

    return new Analysis(
        problemType,
        priority,
        department,
        confidence,
        decidedBy,
        typeRule == null ? null : typeRule.rule().name() + " (" + typeRule.evidence() + ")",
        matches.stream().map(m -> m.rule().name()).toList(),
        typeRule == null ? prediction.topFeatures() : List.of(),
        typeRule == null ? prediction.neighbours() : List.of(),
        priorityReasons,
        risk,
        rules.version());
  }

  public ComplaintClassifier classifier() {
    return classifier;
  }

  private static boolean higher(Priority a, Priority b) {
    return a.ordinal() < b.ordinal(); // URGENT, GENERAL, LOW: declaration order is rank
  }

  private static String label(Priority p) {
    return p.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
