package io.complaintsuite.sla.architecture;

import io.complaintsuite.testsupport.PackageCycles;
import org.junit.jupiter.api.Test;

/** sla-service's feature packages depend on one another in one direction only. */
class PackageCyclesTest {
  @Test
  void featurePackagesAreFreeOfCycles() {
    PackageCycles.assertFeaturePackagesFreeOfCycles("io.complaintsuite.sla");
  }
}
