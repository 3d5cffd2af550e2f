package io.complaintsuite.knowledge.architecture;

import io.complaintsuite.testsupport.PackageCycles;
import org.junit.jupiter.api.Test;

/** knowledge-service's feature packages depend on one another in one direction only. */
class PackageCyclesTest {
  @Test
  void featurePackagesAreFreeOfCycles() {
    PackageCycles.assertFeaturePackagesFreeOfCycles("io.complaintsuite.knowledge");
  }
}
