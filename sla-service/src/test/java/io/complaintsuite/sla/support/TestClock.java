package io.complaintsuite.sla.support;

import io.complaintsuite.testsupport.MutableClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/** The service's clock in its tests: test-support's settable clock, as the one bean. */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends MutableClock {}
