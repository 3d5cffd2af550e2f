package io.complaintsuite.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The vendored schemas of deploy/schemas/: the Kubernetes kinds (one strict definitions file) and
 * the custom resources (one strict file per CRD version, named GROUP/KIND_VERSION.json).
 */
final class Schemas {
  private final Path dir = Repo.root().resolve("deploy/schemas");
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
  private final JsonNode kubernetes =
      Repo.readJson(dir.resolve("kubernetes/kubernetes-strict.json"));
  private final Map<String, JsonSchema> cache = new HashMap<>();

  /** The schema of {@code apiVersion}/{@code kind}, or null when none is vendored. */
  JsonSchema schemaFor(String apiVersion, String kind) {
    String key = apiVersion + "/" + kind;
    if (cache.containsKey(key)) {
      return cache.get(key);
    }
    JsonSchema schema = null;
    JsonNode definition = kubernetes.path("kinds").get(key);
    if (definition != null) {
      ObjectNode root = Repo.JSON.createObjectNode();
      root.put("$schema", "http://json-schema.org/draft-07/schema#");
      root.set("definitions", kubernetes.get("definitions"));
      root.putArray("allOf").addObject().put("$ref", "#/definitions/" + definition.asText());
      schema = factory.getSchema(root);
    } else if (apiVersion.contains("/")) {
      String group = apiVersion.substring(0, apiVersion.indexOf('/'));
      String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
      Path file =
          dir.resolve("crds")
              .resolve(group)
              .resolve(kind.toLowerCase(Locale.ROOT) + "_" + version + ".json");
      if (Files.isRegularFile(file)) {
        ObjectNode root = (ObjectNode) Repo.readJson(file);
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema = factory.getSchema(root);
      }
    }
    cache.put(key, schema);
    return schema;
  }

  /** Error messages of validating {@code doc} against its schema; one if there is no schema. */
  List<String> validate(JsonNode doc) {
    String apiVersion = doc.path("apiVersion").asText();
    String kind = Repo.kind(doc);
    JsonSchema schema = schemaFor(apiVersion, kind);
    if (schema == null) {
      return List.of(
          Repo.id(doc)
              + ": no schema for "
              + apiVersion
              + " "
              + kind
              + " in deploy/schemas (vendor it: deploy/schemas/README.md)");
    }
    Set<ValidationMessage> errors = schema.validate(doc);
    return errors.stream().map(e -> Repo.id(doc) + ": " + e.getMessage()).sorted().toList();
  }
}
