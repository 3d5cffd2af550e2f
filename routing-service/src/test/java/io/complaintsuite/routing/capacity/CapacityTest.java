package io.complaintsuite.routing.capacity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.routing.Suite;
import io.complaintsuite.testsupport.SuiteInfraResource;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.TopicWriter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The defect of issue 17: a resolved complaint still counted in its agent's load. */
@QuarkusTest
@QuarkusTestResource(
    value = SuiteInfraResource.class,
    restrictToAnnotatedClass = true,
    initArgs = {
      @ResourceArg(name = "database", value = "routing"),
      @ResourceArg(name = "topics", value = "complaints,assignments,sla-alerts,routing-service.dlq")
    })
class LoadReleaseTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  private TopicWriter writer;
  private TopicReader reader;

  @BeforeEach
  void open() {
    writer = new TopicWriter();
    reader = new TopicReader(assignments);
  }

  @AfterEach
  void close() {
    writer.close();
    reader.close();
  }

  static int openComplaints(String agent) {
    return given()
        .auth()
        .oauth2(Tokens.forRole("supervisor"))
        .get("/api/v1/agents/" + agent)
        .then()
        .statusCode(200)
        .extract()
        .path("openComplaints");
  }

  /** Polls the agent's load until it is {@code expected} (the event is consumed asynchronously). */
  static void awaitLoad(String agent, int expected) throws InterruptedException {
    long until = System.nanoTime() + WAIT.toNanos();
    int seen = openComplaints(agent);
    while (seen != expected && System.nanoTime() < until) {
      Thread.sleep(100);
      seen = openComplaints(agent);
    }
    assertEquals(expected, seen, "open complaints of " + agent);
  }

  @Test
  void aResolvedComplaintNoLongerCountsInItsAgentsLoad() throws Exception {
    // The seeded logistics department has one agent, lg-yang (capacity 10, on duty, no load).
    UUID id =
        Suite.publishComplaint(
            writer, complaints, "C-rel-1", "app", "快递显示已签收但我根本没收到，联系快递公司也没人管，运单号YT66120");
    JsonNode assigned =
        Suite.validData(reader.await(e -> id.toString().equals(e.key()), 1, WAIT).get(0));
    assertEquals("lg-yang", assigned.get("agent").asText());
    assertEquals(1, openComplaints("lg-yang"));

    writer.publish(
        complaints, id.toString(), "complaint.resolved", "/intake-service", Lifecycle.resolved(id));
    awaitLoad("lg-yang", 0);
  }
}
