package io.complaintsuite.intake.complaint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.complaintsuite.intake.support.IntakeApi;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * With {@code outbox.fast-poll}, a complaint's event is on the topic well within a second of its
 * 201, although the relay's scheduler here polls only hourly: the fast poll alone publishes.
 * Without it this test waits an hour for the first event.
 */
@QuarkusTest
@TestProfile(FastPollTest.HourlyScheduler.class)
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
class FastPollTest {
  public static class HourlyScheduler implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("outbox.poll-interval", "1h", "outbox.fast-poll", "100ms");
    }
  }

  @ConfigProperty(name = "suite.topics.complaints")
  String topic;

  @Test
  void eventsLeaveWithinASecondWithoutTheScheduler() {
    try (TopicReader reader = new TopicReader(topic)) {
      // The first one also waits for the reader to join its group.
      String first = IntakeApi.receive(IntakeApi.accountStolen());
      assertEquals(1, reader.await(e -> first.equals(e.key()), 1, Duration.ofSeconds(30)).size());
      for (int i = 0; i < 3; i++) {
        String id = IntakeApi.receive(IntakeApi.accountStolen());
        assertEquals(
            1,
            reader.await(e -> id.equals(e.key()), 1, Duration.ofMillis(1500)).size(),
            "complaint.received of " + id + " within 1.5 s of its 201");
      }
    }
  }
}
