package io.complaintsuite.sla.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.testsupport.SuiteSettings;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every key of {@link SlaSettings} is documented for operators, and has its default in exactly one
 * place: the mapping's {@code @WithDefault} or application.properties.
 */
class SettingsDocumentedTest {
  /** The mapping's properties by the key an operator writes, read from the interface itself. */
  static Map<String, Property> properties() {
    Map<String, Property> byKey = new TreeMap<>();
    ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(SlaSettings.class))
        // A list's path is "name[*]"; operators write it as one comma-separated value.
        .forEach((path, property) -> byKey.put(path.replace("[*]", ""), property));
    return byKey;
  }

  @Test
  void everyKeyIsInOperationsMd() throws Exception {
    Path doc = SuiteSettings.home().resolve("docs/operations.md");
    String text = Files.readString(doc);
    Map<String, Property> properties = properties();
    assertTrue(properties.containsKey("sla.kpi.zone"), "keys of the mapping: " + properties);
    List<String> undocumented =
        properties.keySet().stream().filter(k -> !text.contains("`" + k + "`")).toList();
    assertEquals(List.of(), undocumented, "sla.* keys missing from " + doc);
  }

  @Test
  void everyDefaultIsInOnePlace() throws Exception {
    Properties file = new Properties();
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("application.properties")) {
      file.load(in);
    }
    properties()
        .forEach(
            (key, property) ->
                assertTrue(
                    property.hasDefaultValue() != file.containsKey(key),
                    key
                        + ": a default in the mapping or in application.properties, not both"
                        + " and not neither"));
  }
}
