package io.complaintsuite.routing.analysis;

import io.complaintsuite.contracts.Priority;

/**
 * A complaint as routing sees it. {@code priorityHint} is the channel's urgency when it gave one
 * (routing may raise it, never lower it); {@code customerTier} is known only to dry-runs for now
 * (complaint.received v1 does not carry it).
 */
public record RoutingInput(
    String text, String channel, String customerId, String customerTier, Priority priorityHint) {

  /** "en" when the text is mostly Latin letters, else "zh": agents are matched on it. */
  public String language() {
    long latin = text.chars().filter(c -> c < 128 && Character.isLetter(c)).count();
    long cjk =
        text.chars()
            .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
            .count();
    return latin > 3 * cjk ? "en" : "zh";
  }
}
