package io.complaintsuite.routing.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Routing's feature packages depend on each other in one direction only (issue 18): a cycle is how
 * one way of doing a thing turns into several.
 */
class PackageCyclesTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(new ImportOption.DoNotIncludeTests())
          .importPackages("io.complaintsuite.routing");

  @Test
  void featurePackagesAreFreeOfCycles() {
    slices().matching("io.complaintsuite.routing.(*)..").should().beFreeOfCycles().check(MAIN);
  }
}
