package io.complaintsuite.sla.timer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/** The metric {@code sla.alert.lag}: from an alert's due instant to the checker raising it. */
@Singleton
public class AlertLag {
  private final Timer lag;

  public AlertLag(MeterRegistry metrics) {
    this.lag =
        Timer.builder("sla.alert.lag")
            .description("from an alert's due instant to the checker raising it")
            .publishPercentiles(0.5, 0.9, 0.99)
            .register(metrics);
  }

  void record(Instant due, Instant raised) {
    lag.record(Duration.between(due, raised).abs());
  }
}
