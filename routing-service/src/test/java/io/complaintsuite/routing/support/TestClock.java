package io.complaintsuite.routing.support;

import io.complaintsuite.testsupport.MutableClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The service's clock in its tests: test-support's settable clock, as the one bean. It follows
 * system time until a test sets it (the shift tests move it across boundaries).
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends MutableClock {
  public TestClock() {
    followSystem();
  }
}
