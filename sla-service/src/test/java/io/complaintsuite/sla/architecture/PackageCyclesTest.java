package io.complaintsuite.sla.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The feature packages of sla-service depend on one another in one direction only: a cycle would
 * mean two features that can be neither understood nor changed apart.
 */
class PackageCyclesTest {
  @Test
  void featurePackagesAreFreeOfCycles() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("io.complaintsuite.sla");
    slices().matching("io.complaintsuite.sla.(*)..").should().beFreeOfCycles().check(classes);
  }
}
