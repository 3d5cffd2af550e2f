package io.complaintsuite.knowledge.settings;

import io.complaintsuite.testsupport.SettingsDocumentation;
import org.junit.jupiter.api.Test;

/**
 * Every key of {@link KnowledgeSettings} is documented for operators, and has its default in
 * exactly one place: the mapping's {@code @WithDefault} or application.properties.
 */
class SettingsDocumentedTest {
  @Test
  void everyKeyIsInOperationsMd() {
    SettingsDocumentation.assertEveryKeyDocumented(KnowledgeSettings.class);
  }

  @Test
  void everyDefaultIsInOnePlace() {
    SettingsDocumentation.assertEveryDefaultInOnePlace(KnowledgeSettings.class);
  }
}
