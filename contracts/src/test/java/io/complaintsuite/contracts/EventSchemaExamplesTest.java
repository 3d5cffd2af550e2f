package io.complaintsuite.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every documented example event is valid against its schema, and every schema has an example. */
class EventSchemaExamplesTest {
  private static final Path EVENTS =
      Path.of(System.getProperty("suite.home", "..")).resolve("docs/events");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> everyExampleMatchesItsSchema() throws IOException {
    List<Path> examples;
    try (Stream<Path> files = Files.list(EVENTS.resolve("examples"))) {
      examples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertFalse(examples.isEmpty(), "docs/events/examples holds no example");
    return examples.stream()
        .map(
            example ->
                DynamicTest.dynamicTest(
                    example.getFileName().toString(),
                    () -> {
                      Set<ValidationMessage> errors =
                          schema(example.getFileName().toString())
                              .validate(JSON.readTree(example.toFile()));
                      assertTrue(errors.isEmpty(), () -> example + ": " + errors);
                    }));
  }

  @Test
  void everySchemaHasAnExample() throws IOException {
    try (Stream<Path> files = Files.list(EVENTS)) {
      for (Path schema : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        assertTrue(
            Files.exists(EVENTS.resolve("examples").resolve(schema.getFileName())),
            () -> schema + " has no example in docs/events/examples");
      }
    }
  }

  @Test
  void schemaRejectsAnEventWithoutItsRequiredFields() throws IOException {
    JsonNode example =
        JSON.readTree(EVENTS.resolve("examples/complaint.received.v1.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) example).remove("complaintId");
    ((com.fasterxml.jackson.databind.node.ObjectNode) example).put("channel", "fax");
    Set<ValidationMessage> errors = schema("complaint.received.v1.json").validate(example);
    assertEquals(2, errors.size(), errors::toString);
  }

  @Test
  void theCatalogueKnowsTheNewestDocumentedVersionOfEveryType() throws IOException {
    java.util.Map<String, Integer> documented = new java.util.TreeMap<>();
    java.util.regex.Pattern file = java.util.regex.Pattern.compile("(.+)\\.v(\\d+)\\.json");
    try (Stream<Path> files = Files.list(EVENTS)) {
      files
          .map(p -> file.matcher(p.getFileName().toString()))
          .filter(java.util.regex.Matcher::matches)
          .forEach(m -> documented.merge(m.group(1), Integer.parseInt(m.group(2)), Math::max));
    }
    java.util.Map<String, Integer> catalogued = new java.util.TreeMap<>();
    for (EventType type : EventType.ALL) {
      catalogued.put(type.name(), EventType.knownVersion(type.name()).getAsInt());
    }
    assertEquals(documented, catalogued, "EventType.ALL and docs/events/ must name the same types");
    assertFalse(EventType.knownVersion("complaint.unheard-of").isPresent());
  }

  @Test
  void eventTypeNamesItsSchemaFile() {
    assertTrue(Files.exists(EVENTS.resolve(EventType.COMPLAINT_RECEIVED.schemaFile())));
    assertEquals(
        "https://example.org/docs/events/complaint.received.v1.json",
        EventType.COMPLAINT_RECEIVED.dataschema("https://example.org/docs/events"));
  }

  static JsonSchema schema(String file) throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(JSON.readTree(EVENTS.resolve(file).toFile()));
  }
}
