package io.complaintsuite.testsupport;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code @QuarkusTest} on the suite's real PostgreSQL and Kafka ({@link SuiteInfraResource}): its
 * own fresh database and fresh copies of the named topics, for this test class alone (Quarkus
 * restarts for the next class, so classes never see each other's rows or events).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithTestResource(value = SuiteInfraResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
public @interface WithSuiteInfra {
  /** The service's database name, e.g. {@code intake}; the test gets a fresh copy. */
  String database();

  /** Logical topic names (the app reads {@code suite.topics.NAME}); each gets a fresh copy. */
  String[] topics() default {};
}
