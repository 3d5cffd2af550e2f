package io.complaintsuite.intake.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.complaintsuite.intake.channel.MessageKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The payload documented for channel integrators (docs/webhooks/) is what they get: every example
 * matches the schema and names its kind, one example per kind; WebhookDeliveryTest checks the
 * payloads really sent against the same schema.
 */
class WebhookPayloadSchemaTest {
  static final Path WEBHOOKS =
      Path.of(System.getProperty("suite.home", "..")).resolve("docs/webhooks");
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonSchema schema() throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(JSON.readTree(WEBHOOKS.resolve("customer-message.v1.json").toFile()));
  }

  /** Fails with the schema's complaints unless {@code payload} is a valid webhook body. */
  static void assertValid(JsonNode payload) throws IOException {
    Set<ValidationMessage> errors = schema().validate(payload);
    assertTrue(errors.isEmpty(), () -> payload + ": " + errors);
  }

  @Test
  void everyExampleIsValidAndEveryKindHasOne() throws IOException {
    List<Path> examples;
    try (Stream<Path> files = Files.list(WEBHOOKS.resolve("examples"))) {
      examples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertEquals(
        MessageKind.names().stream().sorted().toList(),
        examples.stream().map(p -> p.getFileName().toString().replace(".json", "")).toList());
    for (Path example : examples) {
      JsonNode payload = JSON.readTree(example.toFile());
      assertValid(payload);
      String kind = example.getFileName().toString().replace(".json", "");
      assertEquals(kind, payload.at("/data/kind").asText(), example.toString());
      assertEquals("customer-message." + kind, payload.get("type").asText(), example.toString());
    }
  }

  @Test
  void aPayloadWithAnUnknownFieldOrWithoutItsNumberIsRefused() throws IOException {
    JsonNode receipt = JSON.readTree(WEBHOOKS.resolve("examples/receipt.json").toFile());
    var extra = receipt.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) extra.get("data")).put("internalNote", "x");
    assertTrue(!schema().validate(extra).isEmpty());
    var noNumber = receipt.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) noNumber.get("data")).remove("number");
    assertTrue(!schema().validate(noNumber).isEmpty());
  }
}
