package io.complaintsuite.contracts.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.complaintsuite.contracts.Priority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Consumers read {@code assignment.created} as the record: the documented example, and an older
 * producer's one-line explanation, both come through (the mapper configured like Quarkus's).
 */
class AssignmentCreatedReadingTest {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Test
  void theDocumentedExampleReadsAsTheRecord() throws Exception {
    Path example =
        Path.of(System.getProperty("suite.home", ".."))
            .resolve("docs/events/examples/assignment.created.v1.json");
    AssignmentCreated a = JSON.readValue(Files.readString(example), AssignmentCreated.class);
    assertEquals(Priority.URGENT, a.priority());
    assertTrue(a.explanation().decidedBy() != null, "a structured explanation: " + a);
    assertTrue(a.risk() != null);
  }

  @Test
  void aOneLineExplanationIsTheDecidingRule() throws Exception {
    AssignmentCreated a =
        JSON.readValue(
            "{\"complaintId\":\"0192f2c4-1d2e-7000-8000-000000000001\",\"department\":\"billing\","
                + "\"priority\":\"general\",\"explanation\":\"规则 account-stolen 命中 账户被盗\","
                + "\"occurredAt\":\"2026-11-23T09:15:03+08:00\"}",
            AssignmentCreated.class);
    assertEquals("billing", a.department());
    assertEquals("规则 account-stolen 命中 账户被盗", a.explanation().rule());
    assertEquals(List.of(), a.explanation().priorityReasons());
    assertEquals(null, a.risk());
  }
}
