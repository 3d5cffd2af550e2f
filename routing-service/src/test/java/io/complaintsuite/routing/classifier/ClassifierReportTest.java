package io.complaintsuite.routing.classifier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The accuracy report on the held-out part of the labelled set, as the running service measures it
 * with its seed rules; written to target/classifier-report.md (docs/routing-service.md quotes it).
 * Run alone: ./mvnw -B -pl routing-service -am verify -Dtest=ClassifierReportTest
 * -Dsurefire.failIfNoSpecifiedTests=false
 */
@QuarkusTest
@WithSuiteInfra(
    database = "routing",
    topics = {"complaints", "assignments", "sla-alerts", "routing-service.dlq"})
class ClassifierReportTest {

  @Test
  void routingMeetsTheAccuracyTargetsOnTheHeldOutSet() throws Exception {
    JsonPath report =
        given()
            .auth()
            .oauth2(Tokens.forRole("admin"))
            .get("/api/v1/classifier/report")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    String markdown = report.getString("markdown");
    System.out.println(markdown);
    Files.writeString(Path.of("target/classifier-report.md"), markdown, StandardCharsets.UTF_8);

    double accuracy = report.getDouble("withRules.accuracy");
    double urgentRecall = report.getDouble("withRules.urgentRecall");
    assertTrue(report.getInt("withRules.complaints") >= 100, "held-out part");
    assertTrue(accuracy >= 0.90, "accuracy on problem type " + accuracy);
    assertTrue(urgentRecall >= 0.95, "recall on urgent " + urgentRecall);
  }
}
