package io.complaintsuite.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/** Checks a record read from a topic as a consumer would: a CloudEvent valid against its schema. */
final class EventSchemas {
  static final ObjectMapper JSON = new ObjectMapper();

  private EventSchemas() {}

  /** Asserts the record is a valid CloudEvent of {@code type} from {@code service}; its data. */
  static JsonNode valid(TopicReader.Event event, String type, String service) {
    assertEquals(type, event.header("ce_type"));
    assertEquals("1.0", event.header("ce_specversion"));
    assertEquals("/" + service, event.header("ce_source"));
    String dataschema = event.header("ce_dataschema");
    assertTrue(dataschema.endsWith("docs/events/" + type + ".v1.json"), dataschema);
    try {
      JsonNode schema =
          JSON.readTree(
              SuiteSettings.home().resolve("docs/events").resolve(type + ".v1.json").toFile());
      JsonNode data = JSON.readTree(event.body());
      Set<ValidationMessage> errors =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
              .getSchema(schema)
              .validate(data);
      assertTrue(errors.isEmpty(), () -> type + ": " + errors);
      return data;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
