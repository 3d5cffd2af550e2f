package io.complaintsuite.platform.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Reading the type version from {@code ce_dataschema}, and which failures are not retried. */
class SchemaVersionTest {
  @Test
  void theVersionIsReadFromTheSchemaFileName() {
    assertEquals(
        1,
        Inbox.schemaVersion(
            "complaint.received", "https://example.org/docs/events/complaint.received.v1.json"));
    assertEquals(
        12,
        Inbox.schemaVersion(
            "sla.breached", "urn:complaint-suite:docs/events/sla.breached.v12.json"));
    assertEquals(2, Inbox.schemaVersion("survey.answered", "survey.answered.v2.json?rev=3"));
  }

  @Test
  void noDataschemaMeansTheKnownVersion() {
    assertEquals(0, Inbox.schemaVersion("complaint.received", null));
    assertEquals(0, Inbox.schemaVersion("complaint.received", " "));
  }

  @Test
  void aDataschemaNamingNoVersionOfTheTypeIsPoison() {
    PoisonEventException wrongType =
        assertThrows(
            PoisonEventException.class,
            () -> Inbox.schemaVersion("complaint.received", "https://x/complaint.closed.v1.json"));
    assertTrue(
        wrongType.getMessage().contains("complaint.received.vN.json"), wrongType::getMessage);
    assertThrows(
        PoisonEventException.class,
        () -> Inbox.schemaVersion("complaint.received", "https://x/schema.json"));
    assertThrows(
        PoisonEventException.class,
        () -> Inbox.schemaVersion("complaint.received", "complaint.received.vlatest.json"));
  }

  @Test
  void dataErrorsAreNotRetriedButOutagesAre() {
    assertTrue(Inbox.isDataError(new CompletionException(new IllegalArgumentException("number"))));
    assertFalse(
        Inbox.isDataError(new CompletionException(new NullPointerException("a moment's bug"))),
        "an NPE is retried: it is the code's or a restart's, seldom the record's");
    assertTrue(Inbox.isDataError(new NumberFormatException("x")));
    assertFalse(Inbox.isDataError(new java.net.ConnectException("refused")));
    assertFalse(Inbox.isDataError(new IllegalStateException("pool closed")));
  }
}
