package io.complaintsuite.routing.capacity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.routing.support.TestClock;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Capacity is a live resource (issue 17): loads fall on resolve/close and rise on reopen, queued
 * complaints are drained most urgent first then oldest, shifts put agents on and off duty on the
 * clock. Everything in the logistics department (delivery complaints); each test closes what it
 * opened and retires its agents, so the next starts from an empty queue.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "routing",
    topics = {"complaints", "assignments", "sla-alerts", "routing-service.dlq"})
class CapacityTest {
  @Inject TestClock clock;
  @Inject CapacityChecker checker;

  private final Centre centre = new Centre();

  @BeforeEach
  void open() {
    centre.open();
  }

  @AfterEach
  void close() throws Exception {
    clock.followSystem();
    centre.closeAll();
  }

  @Test
  void aResolvedComplaintNoLongerCountsInItsAgentsLoad() throws Exception {
    centre.agent("lg-yang", 10, true);
    UUID id = centre.complaint(null);
    assertEquals("lg-yang", centre.assignments(id, 1).get(0).get("agent").asText());
    assertEquals(1, Centre.openComplaints("lg-yang"));

    centre.publish(id, "complaint.resolved", Lifecycle.resolved(id));
    Centre.awaitLoad("lg-yang", 0);
  }

  @Test
  void closingAResolvedComplaintDoesNotReleaseItsLoadTwice() throws Exception {
    centre.agent("lg-yang", 10, true);
    UUID a = centre.complaint(null);
    UUID b = centre.complaint(null);
    assertEquals("lg-yang", centre.assignments(b, 1).get(0).get("agent").asText());
    Centre.awaitLoad("lg-yang", 2);

    centre.publish(a, "complaint.resolved", Lifecycle.resolved(a));
    Centre.awaitLoad("lg-yang", 1);
    centre.publish(a, "complaint.closed", Lifecycle.closed(a));
    centre.publish(a, "complaint.resolved", Lifecycle.resolved(a)); // another event id, again
    centre.awaitLifecycle(a, "resolved"); // both processed (one partition, in order)
    assertEquals(1, Centre.openComplaints("lg-yang"), "b still holds one place");
  }

  @Test
  void aReopenedComplaintGoesBackToItsAgentWithRoomElseIsRoutedAfresh() throws Exception {
    centre.agent("lg-yang", 10, true);
    centre.agent("lg-two", 5, false);
    UUID a = centre.complaint(null);
    assertEquals("lg-yang", centre.assignments(a, 1).get(0).get("agent").asText());
    centre.publish(a, "complaint.resolved", Lifecycle.resolved(a));
    Centre.awaitLoad("lg-yang", 0);

    centre.publish(a, "complaint.reopened", Lifecycle.reopened(a));
    Centre.awaitLoad("lg-yang", 1);
    assertEquals(1, centre.drain(a).size(), "same agent: no new assignment event");

    // Resolved again; lg-yang is then full with another complaint; lg-two comes on duty.
    centre.publish(a, "complaint.resolved", Lifecycle.resolved(a));
    Centre.awaitLoad("lg-yang", 0);
    centre.agent("lg-yang", 1, true);
    UUID b = centre.complaint(null);
    assertEquals("lg-yang", centre.assignments(b, 1).get(0).get("agent").asText());
    centre.agent("lg-two", 5, true);

    centre.publish(a, "complaint.reopened", Lifecycle.reopened(a));
    JsonNode rerouted = centre.assignments(a, 2).get(1);
    assertEquals("reopen", rerouted.get("cause").asText());
    assertEquals("lg-two", rerouted.get("agent").asText());
    assertFalse(rerouted.get("queued").asBoolean());
    assertEquals("logistics", rerouted.get("department").asText());
    assertEquals(1, Centre.openComplaints("lg-yang"));
    assertEquals(1, Centre.openComplaints("lg-two"));
  }

  @Test
  void theQueueIsDrainedMostUrgentFirstThenOldestAsPlacesFree() throws Exception {
    centre.agent("lg-yang", 1, true);
    UUID first = centre.complaint(null);
    assertEquals("lg-yang", centre.assignments(first, 1).get(0).get("agent").asText());
    // Queued in this order: general, urgent, general, urgent.
    UUID g1 = centre.complaint(null);
    UUID u1 = centre.complaint("urgent");
    UUID g2 = centre.complaint(null);
    UUID u2 = centre.complaint("urgent");
    for (UUID q : List.of(g1, u1, g2, u2)) {
      assertTrue(centre.assignments(q, 1).get(0).get("queued").asBoolean());
    }
    // Each resolution frees lg-yang's only place; expected order written by hand.
    List<UUID> expected = List.of(u1, u2, g1, g2);
    UUID holding = first;
    for (UUID next : expected) {
      centre.publish(holding, "complaint.resolved", Lifecycle.resolved(holding));
      JsonNode taken = centre.assignments(next, 2).get(1);
      assertEquals("queue", taken.get("cause").asText(), taken.toString());
      assertEquals("lg-yang", taken.get("agent").asText());
      assertFalse(taken.get("queued").asBoolean());
      assertEquals("queue", taken.get("explanation").get("decidedBy").asText());
      assertTrue(
          taken.get("explanation").get("transferReason").asText().contains("waited in the queue"));
      assertEquals(1, Centre.openComplaints("lg-yang"), "never over capacity");
      holding = next;
    }
    for (UUID q : List.of(g1, u1, g2, u2)) {
      assertEquals(2, centre.drain(q).size(), q + " left the queue exactly once");
    }
  }

  @Test
  void shiftsPutAnAgentOnDutyAtTheBoundaryAndTheQueueIsDrainedThen() throws Exception {
    clock.setShanghai("2026-11-23T08:30:00"); // a Monday
    Map<String, Object> schedule =
        Map.of(
            "weekly", Map.of("mon", List.of("09:00-18:00"), "tue", List.of("09:00-18:00")),
            "dates", Map.of("2026-11-24", List.of())); // Tuesday off (a holiday)
    centre.agent("lg-yang", 10, false);
    centre
        .put("lg-shift", Centre.body(5, null, schedule))
        .then()
        .statusCode(200)
        .body("onDuty", equalTo(false))
        .body("schedule.weekly.mon[0]", equalTo("09:00-18:00"));
    UUID q = centre.complaint(null);
    assertTrue(centre.assignments(q, 1).get(0).get("queued").asBoolean());

    clock.setShanghai("2026-11-23T09:00:00");
    JsonNode taken = centre.assignments(q, 2).get(1); // the checker's own round, on the clock
    assertEquals("queue", taken.get("cause").asText());
    assertEquals("lg-shift", taken.get("agent").asText());
    Centre.awaitOnDuty("lg-shift", true);

    clock.setShanghai("2026-11-23T18:00:00");
    Centre.awaitOnDuty("lg-shift", false);
    assertEquals(1, Centre.openComplaints("lg-shift"), "rule keep: the open complaint stays");

    // A manual change holds until the next boundary.
    centre.put("lg-shift", Centre.body(5, true, schedule)).then().statusCode(200);
    clock.setShanghai("2026-11-23T18:30:00");
    checker.checkOnce().await().atMost(Duration.ofSeconds(10));
    assertTrue(Centre.onDuty("lg-shift"), "manual on duty after hours holds");
    // Tuesday is off by date: no shift starts or ends, so the manual change still holds (the
    // documented rule: the schedule acts only at a boundary of its own).
    clock.setShanghai("2026-11-24T10:00:00");
    checker.checkOnce().await().atMost(Duration.ofSeconds(10));
    assertTrue(Centre.onDuty("lg-shift"), "no boundary on a day off: the manual change holds");
    clock.setShanghai("2026-11-30T09:30:00"); // next Monday's shift: on by the schedule
    checker.checkOnce().await().atMost(Duration.ofSeconds(10)); // (already on: await a round)
    assertTrue(Centre.onDuty("lg-shift"));
    clock.setShanghai("2026-11-30T18:00:00"); // and its end takes the agent off
    Centre.awaitOnDuty("lg-shift", false);
  }

  @Test
  void aWrongScheduleIsAProblemNamingTheField() {
    centre
        .put(
            "lg-bad", Centre.body(5, null, Map.of("weekly", Map.of("mon", List.of("18:00-09:00")))))
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("schedule.weekly.mon[0]"));
    centre
        .put("lg-bad", Centre.body(5, null, Map.of("weekly", Map.of("monday", List.of()))))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("schedule.weekly.monday"));
    centre
        .put("lg-bad", Centre.body(5, null, Map.of("dates", Map.of("2026-13-01", List.of()))))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("schedule.dates.2026-13-01"));
  }

  @Test
  void concurrentArrivalsAndReleasesNeverOverfillAnAgent() throws Exception {
    centre.agent("lg-yang", 2, true);
    centre.agent("lg-two", 2, true);
    Map<String, Integer> worst = new ConcurrentHashMap<>();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (sampling.get()) {
                for (String agent : List.of("lg-yang", "lg-two")) {
                  worst.merge(agent, Centre.openComplaints(agent), Math::max);
                }
              }
            });
    sampler.start();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(centre.publishComplaint(null)); // no waiting: routed concurrently
    }
    for (UUID id : ids) {
      centre.assignments(id, 1);
    }
    Centre.awaitLoad("lg-yang", 2);
    Centre.awaitLoad("lg-two", 2);
    for (UUID id : ids) {
      centre.publish(id, "complaint.resolved", Lifecycle.resolved(id));
    }
    Centre.awaitLoad("lg-yang", 0);
    Centre.awaitLoad("lg-two", 0);
    sampling.set(false);
    sampler.join();
    assertTrue(worst.get("lg-yang") <= 2, "lg-yang at most 2 open: " + worst);
    assertTrue(worst.get("lg-two") <= 2, "lg-two at most 2 open: " + worst);
    // 4 taken on arrival, 6 queued; every queued one was resolved while queued or drained once.
    for (UUID id : ids) {
      assertTrue(centre.drain(id).size() <= 2, id + ": at most one assignment from the queue");
    }
    given()
        .auth()
        .oauth2(Tokens.forRole("admin"))
        .contentType(ContentType.JSON)
        .get("/api/v1/agents?department=logistics")
        .then()
        .statusCode(200);
  }
}
