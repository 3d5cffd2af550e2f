package io.complaintsuite.contracts.routing;

import java.util.List;

/**
 * Public-opinion risk (舆情) of a complaint: flagged when it threatens regulators, media, lawyers or
 * virality; the evidence is what matched, and the departments that must see it at once.
 */
public record RiskAssessment(boolean flagged, List<Evidence> evidence, List<String> alsoRoutedTo) {
  public static final RiskAssessment NONE = new RiskAssessment(false, List.of(), List.of());

  public record Evidence(String term, String category) {}
}
