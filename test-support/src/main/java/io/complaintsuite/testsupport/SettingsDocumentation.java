package io.complaintsuite.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A service's operator settings are one {@code @ConfigMapping} interface (issue 18). These checks
 * hold each mapping to two rules, so a service's {@code SettingsDocumentedTest} is one line each:
 *
 * <ul>
 *   <li>every key of the mapping is in docs/operations.md, in backticks, in the section of its
 *       service ({@code ## PREFIX-service});
 *   <li>every key has its default in exactly one place: the mapping's {@code @WithDefault}, or the
 *       service's application.properties (a key that must be there, e.g. a {@code ${key}} read by
 *       {@code @Scheduled} or one that names an environment variable), never both and never neither
 *       (an {@code Optional} may have none); and application.properties sets no key under the
 *       prefix that the mapping does not know.
 * </ul>
 *
 * Plain JUnit: the mapping is read from the interface itself, no Quarkus application starts.
 */
public final class SettingsDocumentation {
  private SettingsDocumentation() {}

  /** The mapping's properties by the key an operator writes. */
  public static Map<String, Property> properties(Class<?> mapping) {
    Map<String, Property> byKey = new TreeMap<>();
    ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(mapping))
        // A list's path is "name[*]"; operators write it as one comma-separated value.
        .forEach((path, property) -> byKey.put(path.replace("[*]", ""), property));
    return byKey;
  }

  /** The mapping's prefix, e.g. {@code sla}. */
  public static String prefix(Class<?> mapping) {
    ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
    assertNotNull(annotation, mapping + " is not a @ConfigMapping");
    return annotation.prefix();
  }

  /**
   * Every key of {@code mapping} appears as {@code `key`} in its service's operations.md section.
   */
  public static void assertEveryKeyDocumented(Class<?> mapping) {
    String heading = "## " + prefix(mapping) + "-service";
    Path doc = SuiteSettings.home().resolve("docs/operations.md");
    String section = section(read(doc), heading);
    assertNotNull(section, doc + " has no section " + heading);
    Map<String, Property> properties = properties(mapping);
    assertFalse(properties.isEmpty(), mapping + " maps no key");
    List<String> undocumented =
        properties.keySet().stream().filter(k -> !section.contains("`" + k + "`")).toList();
    assertEquals(
        List.of(), undocumented, mapping.getSimpleName() + " keys missing from " + doc + heading);
  }

  /**
   * Every key of {@code mapping} has its default in one place: {@code @WithDefault} or the
   * application.properties next to the mapping (its own module's), not both, not neither; and that
   * file sets no key under the mapping's prefix that the mapping lacks (profiles included).
   */
  public static void assertEveryDefaultInOnePlace(Class<?> mapping) {
    Properties file = applicationProperties(mapping);
    Map<String, Property> properties = properties(mapping);
    List<String> wrong = new ArrayList<>();
    properties.forEach(
        (key, property) -> {
          boolean inFile = file.containsKey(key);
          if (property.hasDefaultValue() && inFile) {
            wrong.add(key + ": default both in @WithDefault and in application.properties");
          } else if (!property.hasDefaultValue() && !inFile && !property.isOptional()) {
            wrong.add(key + ": no default, neither @WithDefault nor application.properties");
          }
        });
    String prefix = prefix(mapping) + ".";
    for (String name : file.stringPropertyNames()) {
      String key = name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name;
      if (key.startsWith(prefix) && !properties.containsKey(key)) {
        wrong.add(name + ": in application.properties but not in " + mapping.getSimpleName());
      }
    }
    Collections.sort(wrong);
    assertEquals(List.of(), wrong, mapping.getSimpleName() + ": each default in one place");
  }

  /** From the heading line to the next heading of the same or a higher level; null if absent. */
  static String section(String text, String heading) {
    String[] lines = text.split("\n", -1);
    int level = heading.indexOf(' ');
    StringBuilder section = null;
    for (String line : lines) {
      if (section == null) {
        if (line.strip().equals(heading)) {
          section = new StringBuilder();
        }
        continue;
      }
      int hashes = 0;
      while (hashes < line.length() && line.charAt(hashes) == '#') {
        hashes++;
      }
      if (hashes > 0 && hashes <= level && line.length() > hashes && line.charAt(hashes) == ' ') {
        break;
      }
      section.append(line).append('\n');
    }
    return section == null ? null : section.toString();
  }

  /** The application.properties of the mapping's own module (classes directory or jar). */
  static Properties applicationProperties(Class<?> mapping) {
    try {
      ClassLoader loader = mapping.getClassLoader();
      List<URL> candidates = Collections.list(loader.getResources("application.properties"));
      assertFalse(candidates.isEmpty(), "no application.properties on the class path");
      URL chosen = candidates.get(0);
      CodeSource source = mapping.getProtectionDomain().getCodeSource();
      if (source != null && source.getLocation() != null) {
        String location = source.getLocation().toExternalForm();
        for (URL candidate : candidates) {
          String url = candidate.toExternalForm();
          if (url.startsWith(location) || url.startsWith("jar:" + location + "!")) {
            chosen = candidate;
            break;
          }
        }
      }
      Properties file = new Properties();
      try (InputStream in = chosen.openStream()) {
        file.load(in);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
