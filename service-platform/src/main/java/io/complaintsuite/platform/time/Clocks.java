package io.complaintsuite.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
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

  public Clocks(
      @ConfigProperty(name = "platform.clock.movable", defaultValue = "false") boolean movable) {
    this.movable = movable ? new MovableClock(Clock.systemUTC()) : null;
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
