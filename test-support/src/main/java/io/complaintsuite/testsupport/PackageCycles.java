package io.complaintsuite.testsupport;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The rule every service keeps (issue 18): its feature packages depend on one another in one
 * direction only. A cycle means two features that can be neither understood nor changed apart, and
 * is how one way of doing a thing turns into several.
 */
public final class PackageCycles {
  private PackageCycles() {}

  /**
   * Fails, naming each cycle and the dependencies that make it, when two packages directly under
   * {@code root} (with everything beneath them) depend on each other. Main code only.
   */
  public static void assertFeaturePackagesFreeOfCycles(String root) {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages(root);
    slices().matching(root + ".(*)..").should().beFreeOfCycles().check(classes);
  }
}
