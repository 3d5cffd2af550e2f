package io.complaintsuite.sla.timer;

import io.complaintsuite.sla.settings.SlaSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/**
 * When a timer's alerts fall due: the warning share and the escalation ladder, checked once at
 * start (a ladder that does not increase would raise escalations out of order).
 */
// Singleton, not a client proxy: its fields are read directly.
@Singleton
public class AlertLadder {
  final double warningShare;
  final List<Duration> escalationDelays;
  final List<String> escalationRecipients;

  @Inject
  public AlertLadder(SlaSettings settings) {
    this(
        settings.warningShare(),
        settings.escalation().delays(),
        settings.escalation().recipients());
  }

  public AlertLadder(
      double warningShare, List<Duration> escalationDelays, List<String> escalationRecipients) {
    if (!(warningShare > 0 && warningShare < 1)) {
      throw new IllegalArgumentException("sla.warning-share must be between 0 and 1");
    }
    if (escalationDelays.size() != escalationRecipients.size()) {
      throw new IllegalArgumentException(
          "sla.escalation.delays and sla.escalation.recipients must have the same length");
    }
    for (int i = 1; i < escalationDelays.size(); i++) {
      if (escalationDelays.get(i).compareTo(escalationDelays.get(i - 1)) <= 0) {
        throw new IllegalArgumentException("sla.escalation.delays must increase");
      }
    }
    this.warningShare = warningShare;
    this.escalationDelays = List.copyOf(escalationDelays);
    this.escalationRecipients = List.copyOf(escalationRecipients);
  }
}
