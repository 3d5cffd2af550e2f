package io.complaintsuite.intake.ratelimit;

import static io.complaintsuite.intake.support.IntakeApi.accountStolen;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ChannelRateLimitTest.SmallBuckets.class)
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
class ChannelRateLimitTest {
  /** Three requests at once, then one a second; on the test's movable clock. */
  public static class SmallBuckets implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "intake.rate-limit.enabled", "true",
          "intake.rate-limit.per-second", "1",
          "intake.rate-limit.burst", "3");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(RateLimitClock.class);
    }
  }

  // No @Priority: enabled by the profile alone, so the module's other tests keep the system clock.
  @Alternative
  @Singleton
  public static class RateLimitClock extends MutableClock {}

  @Inject RateLimitClock clock;

  private static Response post(String client) {
    return given()
        .auth()
        .oauth2(Tokens.forUser(client, "channel"))
        .contentType(ContentType.JSON)
        .body(accountStolen())
        .post("/api/v1/complaints");
  }

  @Test
  void aChannelClientOverItsLimitIsToldWhenToComeBackAndOthersAreNotSlowedDown() {
    for (int i = 0; i < 3; i++) {
      post("email-gateway").then().statusCode(201);
    }
    Response refused = post("email-gateway");
    refused
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .body("status", equalTo(429))
        .body("detail", containsString("email-gateway"));
    assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1, refused.header("Retry-After"));

    // Another channel client, and agents, are not affected by the gateway's flood.
    post("web-chat").then().statusCode(201);
    given()
        .auth()
        .oauth2(Tokens.forRole("agent"))
        .get("/api/v1/complaints?limit=1")
        .then()
        .statusCode(200);

    // One second later the gateway may send one more, and only one.
    clock.set(clock.instant().plus(Duration.ofSeconds(1)));
    post("email-gateway").then().statusCode(201);
    post("email-gateway").then().statusCode(429);
  }
}
