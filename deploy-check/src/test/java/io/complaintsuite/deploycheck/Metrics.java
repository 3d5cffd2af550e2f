package io.complaintsuite.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Prometheus names of the Micrometer meters the services register in their code, and the metric
 * names a PromQL expression uses.
 */
final class Metrics {
  private static final Pattern COUNTER =
      Pattern.compile("\\.counter\\(\\s*\"([a-z0-9.\\-]+)\"", Pattern.DOTALL);
  private static final Pattern GAUGE =
      Pattern.compile("\\.gauge\\(\\s*\"([a-z0-9.\\-]+)\"", Pattern.DOTALL);
  private static final Pattern TIMER =
      Pattern.compile("Timer\\.builder\\(\\s*\"([a-z0-9.\\-]+)\"", Pattern.DOTALL);
  private static final Set<String> PROMQL =
      Set.of(
          "sum",
          "by",
          "without",
          "rate",
          "irate",
          "increase",
          "max",
          "min",
          "avg",
          "count",
          "or",
          "and",
          "unless",
          "on",
          "ignoring",
          "offset",
          "histogram_quantile",
          "topk",
          "bottomk");

  /** Metrics of Strimzi's Kafka Exporter the dashboard and rules may use. */
  static final Set<String> KAFKA_EXPORTER =
      Set.of(
          "kafka_consumergroup_lag",
          "kafka_consumergroup_current_offset",
          "kafka_topic_partition_current_offset");

  private Metrics() {}

  static Set<String> exported() {
    Set<String> names = new HashSet<>();
    try (Stream<Path> modules = Files.list(Repo.root())) {
      for (Path module :
          modules
              .filter(
                  p ->
                      p.getFileName().toString().endsWith("-service")
                          || p.getFileName().toString().equals("service-platform"))
              .toList()) {
        Path src = module.resolve("src/main/java");
        if (!Files.isDirectory(src)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(src)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
            String code = Repo.read(f);
            collect(COUNTER.matcher(code), names, "_total");
            collect(GAUGE.matcher(code), names, "");
            Matcher t = TIMER.matcher(code);
            while (t.find()) {
              String base = prometheus(t.group(1)) + "_seconds";
              names.add(base);
              names.add(base + "_count");
              names.add(base + "_sum");
              names.add(base + "_max");
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  private static void collect(Matcher m, Set<String> names, String suffix) {
    while (m.find()) {
      names.add(prometheus(m.group(1)) + suffix);
    }
  }

  private static String prometheus(String micrometerName) {
    return micrometerName.replaceAll("[.\\-]", "_");
  }

  /** Metric names in a PromQL expression: label matchers, ranges and grouping removed. */
  static Set<String> referencedBy(String expr) {
    String e =
        expr.replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ")
            .replaceAll("\"[^\"]*\"", " ");
    Set<String> metrics = new HashSet<>();
    Matcher m = Pattern.compile("[a-z_][a-z0-9_]*").matcher(e);
    while (m.find()) {
      String token = m.group();
      if (!PROMQL.contains(token) && token.contains("_")) {
        metrics.add(token);
      }
    }
    return metrics;
  }
}
