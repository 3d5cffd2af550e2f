package io.complaintsuite.knowledge.answer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The answer's threshold and calibration as application.properties sets them (the service reads the
 * same keys through KnowledgeSettings): what the report and the benchmark measure.
 */
public final class ConfiguredAnswers {
  private static final Properties CONFIG = load();

  private ConfiguredAnswers() {}

  public static double threshold() {
    return value("handoff-threshold");
  }

  public static Answerer.Calibration calibration() {
    return new Answerer.Calibration(
        value("calibration-cosine"),
        value("calibration-cosine-margin"),
        value("calibration-coverage"),
        value("calibration-bias"));
  }

  private static double value(String key) {
    return Double.parseDouble(CONFIG.getProperty("knowledge.answer." + key));
  }

  private static Properties load() {
    Properties config = new Properties();
    try (InputStream in =
        ConfiguredAnswers.class.getClassLoader().getResourceAsStream("application.properties")) {
      config.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config;
  }
}
