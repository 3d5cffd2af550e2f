package io.complaintsuite.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one clock every service reads; tests replace it with a movable one. */
@Singleton
public class Clocks {
  @Produces
  @Singleton
  @DefaultBean
  public Clock systemClock() {
    return Clock.systemUTC();
  }
}
