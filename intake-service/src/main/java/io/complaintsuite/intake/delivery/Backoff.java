package io.complaintsuite.intake.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try again: {@code first × 2^(attempts−1)}, capped at {@code max}, then scaled by a random
 * factor in [0.5, 1) ("equal jitter") so receivers coming back are not hit by every sender at the
 * same instant.
 */
public record Backoff(Duration first, Duration max) {

  public Duration after(int attempts, DoubleSupplier random) {
    long firstMillis = first.toMillis();
    long maxMillis = max.toMillis();
    int doublings = Math.max(0, Math.min(attempts - 1, 40));
    long base =
        doublings >= 62 || firstMillis > (maxMillis >> Math.min(doublings, 62))
            ? maxMillis
            : Math.min(maxMillis, firstMillis << doublings);
    double factor = 0.5 + 0.5 * random.getAsDouble();
    return Duration.ofMillis(Math.max(1, Math.round(base * factor)));
  }
}
