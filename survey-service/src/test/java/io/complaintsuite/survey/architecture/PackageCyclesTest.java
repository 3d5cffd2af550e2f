package io.complaintsuite.survey.architecture;

import io.complaintsuite.testsupport.PackageCycles;
import org.junit.jupiter.api.Test;

/** survey-service's feature packages depend on one another in one direction only. */
class PackageCyclesTest {
  @Test
  void featurePackagesAreFreeOfCycles() {
    PackageCycles.assertFeaturePackagesFreeOfCycles("io.complaintsuite.survey");
  }
}
