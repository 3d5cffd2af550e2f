package io.complaintsuite.e2e;

import static io.complaintsuite.e2e.Api.WAIT;
import static io.complaintsuite.e2e.Api.as;
import static io.complaintsuite.e2e.Api.awaitJson;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.testsupport.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two sla-service processes on one database and one consumer group, as Kubernetes runs them when it
 * scales the service out: when a batch of urgent complaints passes its 15-minute response target,
 * both replicas' checkers race for the same timers, and every complaint still gets exactly one
 * breach alert, in the alerts API and on {@code sla-alerts}.
 */
@ExtendWith(RunningSuite.class)
class SlaReplicasJourneyTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final int COMPLAINTS = 12;

  @Test
  void twoReplicasRaiseEachAlertExactlyOnce(ServiceProcesses suite) {
    String intake = suite.url("intake-service");
    String sla = suite.url("sla-service");
    // Two weeks ahead, 10:00 in Shanghai: away from the other journeys' instants.
    Instant start =
        LocalDate.now(SHANGHAI)
            .plusDays(14)
            .atTime(LocalTime.of(10, 0))
            .atZone(SHANGHAI)
            .toInstant();
    try (ServiceProcesses.Replica second = suite.startReplica("sla-service");
        TopicReader alertsTopic = new TopicReader(suite.topic("sla-alerts"))) {
      suite.setClock(start);
      String run = UUID.randomUUID().toString().substring(0, 8);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < COMPLAINTS; i++) {
        ids.add(
            as("channel", intake)
                .contentType("application/json")
                .body(
                    Map.of(
                        "channel", "phone",
                        "externalId", "IVR-REPLICAS-" + run + "-" + i,
                        "customer", Map.of("id", "C-R" + run + i, "name", "李强"),
                        "subject", "账户被盗",
                        "description", "我的账户被盗了，余额被转走了5000元，请马上冻结账户！",
                        "urgency", "urgent"))
                .post("/api/v1/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
      }
      // Both replicas see the same timers (one database); either answers.
      for (String id : ids) {
        awaitJson(
            "agent",
            second.url(),
            "/api/v1/complaints/" + id + "/timers",
            t -> t.getList("$").size() == 2);
      }

      // 16 minutes later every response target has passed: both checkers race for 12 breaches.
      suite.setClock(start.plus(Duration.ofMinutes(16)));
      for (String id : ids) {
        awaitJson(
            "supervisor",
            sla,
            "/api/v1/alerts?complaintId=" + id + "&kind=breached",
            a -> a.getList("$").size() == 1);
      }
      // Several more checker runs on both replicas (1 s poll each) add nothing.
      await()
          .during(Duration.ofSeconds(4))
          .atMost(Duration.ofSeconds(10))
          .until(() -> ids.stream().allMatch(id -> alerts(sla, id, "breached") == 1));
      for (String id : ids) {
        assertTrue(alerts(sla, id, "warning") <= 1, "at most one warning for " + id);
      }

      // On the topic: one breach event per complaint (distinct event ids: a relay may resend one
      // event, but a second alert would be a second event).
      Set<String> mine = Set.copyOf(ids);
      alertsTopic.await(
          e -> mine.contains(e.key()) && "sla.breached".equals(e.header("ce_type")),
          COMPLAINTS,
          WAIT);
      Map<String, Set<String>> breachEvents =
          alertsTopic
              .drain(
                  e -> mine.contains(e.key()) && "sla.breached".equals(e.header("ce_type")),
                  Duration.ofSeconds(3))
              .stream()
              .collect(
                  Collectors.groupingBy(
                      TopicReader.Event::key,
                      Collectors.mapping(e -> e.header("ce_id"), Collectors.toSet())));
      assertEquals(mine, breachEvents.keySet());
      breachEvents.forEach(
          (id, events) ->
              assertEquals(1, events.size(), "breach events for " + id + ": " + events));
      assertTrue(second.isAlive(), "the second replica ran throughout");
    }
  }

  private static int alerts(String sla, String id, String kind) {
    return as("supervisor", sla)
        .get("/api/v1/alerts?complaintId=" + id + "&kind=" + kind)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$")
        .size();
  }
}
