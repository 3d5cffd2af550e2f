package io.complaintsuite.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one clock every service reads; tests inside one JVM replace it with a movable one (an
 * alternative bean). With {@code platform.clock.movable=true} (test-only, refused in production,
 * see {@link MovableClockRoute}) it is a {@link MovableClock} that end-to-end tests move through
 * HTTP; otherwise the system clock.
 */
@Singleton
public class Clocks {
  private final MovableClock movable;

  public Clocks(boolean movable) {
    this(movable, Duration.ZERO);
  }

  @Inject
  public Clocks(
      @ConfigProperty(name = "platform.clock.movable", defaultValue = "false") boolean movable,
      // A process (re)started into a test whose clock was moved starts on the moved time, so it
      // stamps nothing with the real time before the test moves its clock.
      @ConfigProperty(name = "platform.clock.offset", defaultValue = "PT0S") Duration offset) {
    this.movable = movable ? new MovableClock(Clock.systemUTC()) : null;
    if (this.movable != null) {
      this.movable.setOffset(offset);
    }
  }

  @Produces
  @Singleton
  @DefaultBean
  public Clock systemClock() {
    return movable != null ? movable : Clock.systemUTC();
  }

  /** The movable clock, when {@code platform.clock.movable} is on. */
  public Optional<MovableClock> movable() {
    return Optional.ofNullable(movable);
  }
}
