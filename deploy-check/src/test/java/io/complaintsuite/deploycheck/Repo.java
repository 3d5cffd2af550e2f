package io.complaintsuite.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The checkout: where deploy/, the services and infra/ are, and how an overlay renders. */
final class Repo {
  static final ObjectMapper JSON = new ObjectMapper();
  static final YAMLMapper YAML = new YAMLMapper();

  /** The suite's services (module names; a module may be absent from a checkout, see tests). */
  static final List<String> SERVICES =
      List.of(
          "intake-service",
          "routing-service",
          "sla-service",
          "survey-service",
          "knowledge-service");

  static final List<String> OVERLAYS = List.of("dev", "prod");

  private Repo() {}

  static Path root() {
    String home = System.getProperty("suite.home");
    Path p = home != null && !home.isBlank() ? Path.of(home) : Path.of("..");
    p = p.toAbsolutePath().normalize();
    if (!Files.isDirectory(p.resolve("deploy"))) {
      throw new IllegalStateException("no deploy/ under " + p + " (set -Dsuite.home)");
    }
    return p;
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode readJson(Path p) {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(p.toString(), e);
    }
  }

  /** {@code kubectl kustomize deploy/overlays/NAME}, parsed into its documents. */
  static List<JsonNode> render(String overlay) {
    String kubectl = System.getProperty("deploy.kubectl", "kubectl");
    Path dir = root().resolve("deploy/overlays").resolve(overlay);
    ProcessBuilder pb = new ProcessBuilder(kubectl, "kustomize", dir.toString());
    pb.redirectErrorStream(false);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run '"
              + kubectl
              + "': the manifests are rendered with kubectl's built-in kustomize. Install kubectl"
              + " (1.14 or newer) or point -Ddeploy.kubectl=/path/to/kubectl at one.",
          e);
    }
    try (InputStream out = process.getInputStream();
        InputStream err = process.getErrorStream()) {
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      Thread drainErr = new Thread(() -> copy(err, stderr));
      drainErr.start();
      copy(out, stdout);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 120 s");
      }
      drainErr.join();
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "kubectl kustomize " + dir + " failed: " + stderr.toString(StandardCharsets.UTF_8));
      }
      List<JsonNode> docs = new ArrayList<>();
      try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(stdout.toByteArray())) {
        while (it.hasNext()) {
          JsonNode doc = it.next();
          if (doc != null && !doc.isNull() && !doc.isEmpty()) {
            docs.add(doc);
          }
        }
      }
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The service's application.properties, or null when the module is not in this checkout. */
  static Properties applicationProperties(String service) {
    Path p = root().resolve(service).resolve("src/main/resources/application.properties");
    if (!Files.isRegularFile(p)) {
      return null;
    }
    Properties props = new Properties();
    try (var r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      props.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return props;
  }

  /** infra/topics.conf: topic → [partitions, retention.ms]. */
  static Map<String, List<String>> topicsConf() {
    Map<String, List<String>> topics = new LinkedHashMap<>();
    for (String line : read(root().resolve("infra/topics.conf")).split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] f = l.split("\\s+");
      topics.put(f[0], List.of(f[1], f[2]));
    }
    return topics;
  }

  static String name(JsonNode doc) {
    return doc.path("metadata").path("name").asText();
  }

  static String kind(JsonNode doc) {
    return doc.path("kind").asText();
  }

  static String id(JsonNode doc) {
    return kind(doc) + "/" + name(doc);
  }
}
