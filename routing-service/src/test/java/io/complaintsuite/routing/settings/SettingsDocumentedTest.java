package io.complaintsuite.routing.settings;

import io.complaintsuite.testsupport.SettingsDocumentation;
import org.junit.jupiter.api.Test;

/**
 * Every key of {@link RoutingSettings} is documented for operators, and has its default in exactly
 * one place: the mapping's {@code @WithDefault} or application.properties.
 */
class SettingsDocumentedTest {
  @Test
  void everyKeyIsInOperationsMd() {
    SettingsDocumentation.assertEveryKeyDocumented(RoutingSettings.class);
  }

  @Test
  void everyDefaultIsInOnePlace() {
    SettingsDocumentation.assertEveryDefaultInOnePlace(RoutingSettings.class);
  }
}
