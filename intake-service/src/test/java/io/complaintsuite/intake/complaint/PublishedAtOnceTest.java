package io.complaintsuite.intake.complaint;

import static io.complaintsuite.intake.support.IntakeApi.act;
import static io.complaintsuite.intake.support.IntakeApi.receive;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.complaintsuite.intake.support.IntakeApi;
import io.complaintsuite.testsupport.SuiteInfraResource;
import io.complaintsuite.testsupport.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Routing and sla-service start on a complaint's events, so they leave when the request commits,
 * not at the outbox relay's next poll. Here the poll is an hour apart: only the publish after the
 * commit can bring the events within seconds.
 */
@QuarkusTest
@TestProfile(PublishedAtOnceTest.RelayPollsHourly.class)
@QuarkusTestResource(
    value = SuiteInfraResource.class,
    restrictToAnnotatedClass = true,
    initArgs = {
      @ResourceArg(name = "database", value = "intake"),
      @ResourceArg(name = "topics", value = "complaints,assignments,surveys,intake-service.dlq")
    })
class PublishedAtOnceTest {
  private static final Duration SOON = Duration.ofSeconds(10);

  public static class RelayPollsHourly implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("outbox.poll-interval", "1h");
    }
  }

  @ConfigProperty(name = "suite.topics.complaints")
  String topic;

  @Test
  void aNewComplaintAndAnAgentsActionAreOnTheTopicWithinSeconds() {
    try (TopicReader reader = new TopicReader(topic)) {
      String id = receive(IntakeApi.accountStolen());
      assertEquals(
          "complaint.received",
          reader.await(e -> id.equals(e.key()), 1, SOON).get(0).header("ce_type"));

      act(id, "respond", Map.of("message", "您好，已收到您的反馈，正在为您冻结账户。")).then().statusCode(200);
      reader.await(
          e -> id.equals(e.key()) && "complaint.responded".equals(e.header("ce_type")), 1, SOON);
    }
  }
}
