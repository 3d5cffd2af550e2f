package io.complaintsuite.knowledge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.complaintsuite.testsupport.SuiteSettings;
import io.complaintsuite.testsupport.TopicReader;
import java.util.Set;

/** Checks a published CloudEvent against the schema its ce_dataschema names in docs/events/. */
public final class EventSchemas {
  public static final ObjectMapper JSON = new ObjectMapper();

  private EventSchemas() {}

  /** Asserts the record is a valid CloudEvent of {@code type}; returns its data. */
  public static JsonNode valid(TopicReader.Event event, String type) throws Exception {
    assertTrue(type.equals(event.header("ce_type")), "type " + event.header("ce_type"));
    assertTrue("1.0".equals(event.header("ce_specversion")));
    assertTrue("/knowledge-service".equals(event.header("ce_source")), event.header("ce_source"));
    String dataschema = event.header("ce_dataschema");
    assertTrue(dataschema.endsWith("docs/events/" + type + ".v1.json"), dataschema);
    String file = dataschema.substring(dataschema.lastIndexOf('/') + 1);
    JsonNode schema =
        JSON.readTree(SuiteSettings.home().resolve("docs/events").resolve(file).toFile());
    JsonNode data = JSON.readTree(event.body());
    Set<ValidationMessage> errors =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(schema)
            .validate(data);
    assertTrue(errors.isEmpty(), errors::toString);
    return data;
  }
}
