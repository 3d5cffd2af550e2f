package io.complaintsuite.sla.timer;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Operator settings of the alerting: warning share and escalation ladder. */
// Singleton, not a client proxy: its fields are read directly.
@Singleton
public class SlaSettings {
  final double warningShare;
  final List<Duration> escalationDelays;
  final List<String> escalationRecipients;

  public SlaSettings(
      @ConfigProperty(name = "sla.warning-share", defaultValue = "0.8") double warningShare,
      @ConfigProperty(name = "sla.escalation.delays", defaultValue = "PT30M")
          List<Duration> escalationDelays,
      @ConfigProperty(name = "sla.escalation.recipients", defaultValue = "director")
          List<String> escalationRecipients) {
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
