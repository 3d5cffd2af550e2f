package io.complaintsuite.intake.settings;

import io.complaintsuite.testsupport.SettingsDocumentation;
import org.junit.jupiter.api.Test;

/**
 * Every key of {@link IntakeSettings} is documented for operators, and has its default in exactly
 * one place: the mapping's {@code @WithDefault} or application.properties.
 */
class SettingsDocumentedTest {
  @Test
  void everyKeyIsInOperationsMd() {
    SettingsDocumentation.assertEveryKeyDocumented(IntakeSettings.class);
  }

  @Test
  void everyDefaultIsInOnePlace() {
    SettingsDocumentation.assertEveryDefaultInOnePlace(IntakeSettings.class);
  }
}
