package io.complaintsuite.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the suite's local infrastructure lives and listens. The same defaults as {@code ./suite};
 * system properties (set by the script and by Surefire) or SUITE_* environment variables override.
 */
public final class SuiteSettings {
  public static final String LOCAL_ISSUER = "https://complaint-suite.local/issuer";

  private SuiteSettings() {}

  public static Path home() {
    String configured = setting("suite.home", "SUITE_HOME", null);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    // Running from an IDE: walk up to the checkout's root, which holds the suite script.
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("suite"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("cannot find the suite's root: set -Dsuite.home");
  }

  public static Path state() {
    String configured = setting("suite.state", "SUITE_STATE_DIR", null);
    return configured != null ? Path.of(configured) : home().resolve(".suite");
  }

  public static String pgHost() {
    return setting("suite.pg.host", "SUITE_PG_HOST", "127.0.0.1");
  }

  public static int pgPort() {
    return Integer.parseInt(setting("suite.pg.port", "SUITE_PG_PORT", "15432"));
  }

  public static String pgUser() {
    return setting("suite.pg.user", "SUITE_PG_USER", "postgres");
  }

  public static String pgPassword() {
    return setting("suite.pg.password", "SUITE_PG_PASSWORD", "");
  }

  public static String kafkaBootstrap() {
    return setting(
        "suite.kafka.bootstrap",
        "SUITE_KAFKA_BOOTSTRAP",
        "127.0.0.1:" + setting("suite.kafka.port", "SUITE_KAFKA_PORT", "19092"));
  }

  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + database;
  }

  static String setting(String property, String env, String fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? fallback : value;
  }
}
