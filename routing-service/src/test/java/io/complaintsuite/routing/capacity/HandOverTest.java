package io.complaintsuite.routing.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The other off-duty rule, {@code routing.off-duty.open-work=hand-over} (the default, keep, is in
 * {@link CapacityTest}): an agent going off duty gives their not-yet-resolved complaints to
 * colleagues with room, most urgent first; what nobody can take waits in the queue.
 */
@QuarkusTest
@TestProfile(HandOverTest.HandOver.class)
@WithSuiteInfra(
    database = "routing",
    topics = {"complaints", "assignments", "sla-alerts", "routing-service.dlq"})
class HandOverTest {
  /** The centre's rule: open work follows the duty, not the agent. */
  public static class HandOver implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("routing.off-duty.open-work", "hand-over");
    }
  }

  private final Centre centre = new Centre();

  @BeforeEach
  void open() {
    centre.open();
  }

  @AfterEach
  void close() throws Exception {
    centre.closeAll();
  }

  @Test
  void goingOffDutyHandsOpenWorkToColleaguesMostUrgentFirstAndQueuesTheRest() throws Exception {
    centre.agent("lg-yang", 5, true);
    UUID general = centre.complaint(null);
    UUID urgent = centre.complaint("urgent");
    UUID resolved = centre.complaint(null);
    for (UUID id : new UUID[] {general, urgent, resolved}) {
      assertEquals("lg-yang", centre.assignments(id, 1).get(0).get("agent").asText());
    }
    centre.publish(resolved, "complaint.resolved", Lifecycle.resolved(resolved));
    Centre.awaitLoad("lg-yang", 2);
    // One colleague with one free place.
    centre.agent("lg-night", 1, true);

    centre.agent("lg-yang", 5, false);

    JsonNode urgentTaken = centre.assignments(urgent, 2).get(1);
    assertEquals("handover", urgentTaken.get("cause").asText(), urgentTaken.toString());
    assertEquals("lg-night", urgentTaken.get("agent").asText());
    JsonNode generalQueued = centre.assignments(general, 2).get(1);
    assertEquals("handover", generalQueued.get("cause").asText(), generalQueued.toString());
    assertTrue(generalQueued.get("queued").asBoolean(), "nobody else has room: it waits");
    assertEquals("logistics", generalQueued.get("department").asText());
    Centre.awaitLoad("lg-yang", 0);
    assertEquals(1, Centre.openComplaints("lg-night"));
    // The resolved complaint stays with lg-yang's history: no hand-over event for it.
    assertEquals(1, centre.drain(resolved).size());

    // lg-night frees the place: the queued one is theirs next.
    centre.publish(urgent, "complaint.resolved", Lifecycle.resolved(urgent));
    JsonNode drained = centre.assignments(general, 3).get(2);
    assertEquals("queue", drained.get("cause").asText());
    assertEquals("lg-night", drained.get("agent").asText());
    assertFalse(drained.get("queued").asBoolean());
  }
}
