package io.complaintsuite.routing.model;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.complaintsuite.routing.Suite;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent's reclassification teaches routing: the corrected label is stored and published, and
 * after retraining the new model version (activated by the gate) classifies that wording as the
 * agent said. Issue 19, "It learns from the agents".
 */
@QuarkusTest
@WithSuiteInfra(
    database = "routing",
    topics = {"complaints", "assignments", "sla-alerts", "routing-service.dlq"})
class LearningFromAgentsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  // Written for this test. The courier posted a photo showing the customer's name and phone: the
  // customer's concern is the exposure (privacy-leak), which the shipped model takes for delivery.
  static final String WORDING = "快递员把我的包裹放在门口 拍照发到了小区群里 连我名字电话都露出来了";
  static final String AGENT_SAYS = "privacy-leak";

  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @Inject Pool pool;

  @Inject ModelVersions versions;

  /** Back to the shipped model (version 1), without this test's earlier corrections. */
  @BeforeEach
  void fromTheShippedModel() {
    pool.query("delete from labelled_example where text like '%快递员把我的包裹放在门口%'")
        .execute()
        .chain(() -> pool.query("update classifier_model set status = 'retired'").execute())
        .chain(
            () ->
                pool.query("update classifier_model set status = 'active' where version = 1")
                    .execute())
        .await()
        .atMost(WAIT);
    versions.refresh().await().atMost(Duration.ofMinutes(1));
  }

  @Test
  void aReclassificationIsLearnedByTheNextModelVersion() throws Exception {
    String before = dryRun();
    assertNotEquals(AGENT_SAYS, before, "precondition: the shipped model gets this wording wrong");

    try (TopicWriter writer = new TopicWriter();
        TopicReader reader = new TopicReader(assignments)) {
      UUID id = Suite.publishComplaint(writer, complaints, "C-learn-1", "phone", WORDING);
      JsonNode created =
          Suite.validData(
              reader
                  .await(
                      e ->
                          id.toString().equals(e.key())
                              && "assignment.created".equals(e.header("ce_type")),
                      1,
                      WAIT)
                  .get(0));
      assertEquals(before, created.get("problemType").asText());

      Map<String, Object> data = new LinkedHashMap<>();
      data.put("complaintId", id.toString());
      data.put("number", created.get("number").asText());
      data.put("actor", "sd-wu");
      data.put("problemType", AGENT_SAYS);
      data.put("reason", "客户说的是个人信息被泄露给别人");
      data.put("occurredAt", OffsetDateTime.now().toString());
      writer.publish(
          complaints,
          id.toString(),
          "complaint.reclassified",
          "/intake-service",
          Suite.JSON.writeValueAsString(data));

      JsonNode corrected =
          Suite.validData(
              reader
                  .await(
                      e ->
                          id.toString().equals(e.key())
                              && "assignment.reclassified".equals(e.header("ce_type")),
                      1,
                      WAIT)
                  .get(0));
      assertEquals(before, corrected.get("firstProblemType").asText());
      assertEquals(AGENT_SAYS, corrected.get("problemType").asText());
      assertEquals("reclassify", corrected.get("source").asText());
      assertEquals("sd-wu", corrected.get("by").asText());
      given()
          .auth()
          .oauth2(Tokens.forRole("supervisor"))
          .get("/api/v1/assignments/" + id)
          .then()
          .statusCode(200)
          .body("problemType", org.hamcrest.Matchers.equalTo(AGENT_SAYS));
    }

    assertEquals(before, dryRun(), "nothing changes before retraining");

    JsonPath version =
        given()
            .auth()
            .oauth2(Tokens.forRole("supervisor"))
            .post("/api/v1/classifier/models")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    System.out.println("retrained: " + version.prettify());
    assertEquals("active", version.getString("status"), version.getString("reason"));
    assertTrue(
        version.getDouble("heldOutAccuracy") >= version.getDouble("baselineAccuracy"),
        "the gate: not below the model in force");
    assertEquals(AGENT_SAYS, dryRun(), "the new version classifies the wording as the agent said");

    given()
        .auth()
        .oauth2(Tokens.forRole("admin"))
        .get("/api/v1/classifier/models")
        .then()
        .statusCode(200)
        .body("[0].status", org.hamcrest.Matchers.equalTo("active"))
        .body("[0].version", org.hamcrest.Matchers.equalTo(version.getInt("version")));
  }

  @Test
  void anExampleForATypeOutsideTheCatalogueIsRefusedNamingTheField() {
    given()
        .auth()
        .oauth2(Tokens.forRole("admin"))
        .contentType(ContentType.JSON)
        .body(Map.of("problemType", "no-such-type", "text", "随便写的"))
        .post("/api/v1/classifier/examples")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", org.hamcrest.Matchers.equalTo("problemType"));
    given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .post("/api/v1/classifier/models")
        .then()
        .statusCode(403);
  }

  private static String dryRun() {
    return given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "channel",
                "phone",
                "subject",
                WORDING.substring(0, 20),
                "description",
                WORDING,
                "customer",
                Map.of("id", "C-learn-dry")))
        .post("/api/v1/routing/dry-run")
        .then()
        .statusCode(200)
        .extract()
        .path("problemType");
  }
}
