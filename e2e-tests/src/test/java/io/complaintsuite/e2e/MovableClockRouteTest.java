package io.complaintsuite.e2e;

import static io.complaintsuite.e2e.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test-only clock route (platform.clock.movable) of every running service: only an admin may
 * read or move it, and a bad body is a problem naming the field. The journeys use it.
 */
@ExtendWith(RunningSuite.class)
class MovableClockRouteTest {
  @Test
  void onlyAnAdminMovesTheClockAndBadInputNamesTheField(ServiceProcesses suite) {
    for (String service : ServiceProcesses.SERVICES) {
      String url = suite.url(service);
      given().baseUri(url).get("/platform/clock").then().statusCode(401);
      as("agent", url).get("/platform/clock").then().statusCode(403);
      as("supervisor", url)
          .contentType("application/json")
          .body("{\"advance\":\"PT1H\"}")
          .put("/platform/clock")
          .then()
          .statusCode(403);
      as("admin", url)
          .contentType("application/json")
          .body("{\"advance\":\"soon\"}")
          .put("/platform/clock")
          .then()
          .statusCode(400)
          .contentType(startsWith("application/problem+json"))
          .body("errors[0].field", equalTo("advance"));
      as("admin", url)
          .contentType("application/json")
          .body("{\"advance\":\"PT1H\",\"offset\":\"PT0S\"}")
          .put("/platform/clock")
          .then()
          .statusCode(400)
          .body("errors[0].field", equalTo("body"));
      as("admin", url).get("/platform/clock").then().statusCode(200).body("now", startsWith("20"));
    }
  }
}
