package io.complaintsuite.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.complaintsuite.testsupport.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.function.Predicate;

/** Calls to the services' HTTP APIs as the people (roles) who use them. */
final class Api {
  static final Duration WAIT = Duration.ofSeconds(60);

  private Api() {}

  static RequestSpecification as(String role, String baseUri) {
    return given().baseUri(baseUri).auth().oauth2(Tokens.forRole(role));
  }

  static RequestSpecification asUser(String user, String role, String baseUri) {
    return given().baseUri(baseUri).auth().oauth2(Tokens.forUser(user, role));
  }

  /** GET that must answer 200; its JSON body. */
  static JsonPath get(String role, String baseUri, String path) {
    return as(role, baseUri).get(path).then().statusCode(200).extract().jsonPath();
  }

  static JsonPath awaitJson(
      String role, String baseUri, String path, Predicate<JsonPath> condition) {
    return awaitJson(role, baseUri, path, condition, WAIT);
  }

  /** Polls a GET until it answers 200 with a body the condition accepts; returns that body. */
  static JsonPath awaitJson(
      String role, String baseUri, String path, Predicate<JsonPath> condition, Duration timeout) {
    JsonPath[] last = new JsonPath[1];
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .alias(path)
        .until(
            () -> {
              var answer = as(role, baseUri).get(path);
              if (answer.statusCode() != 200) {
                return false;
              }
              last[0] = answer.jsonPath();
              return condition.test(last[0]);
            });
    return last[0];
  }

  static Instant instant(Object value) {
    return OffsetDateTime.parse(value.toString()).toInstant();
  }

  /**
   * Registers a channel connection in intake (as an admin) that delivers {@code kinds} to {@code
   * receiver}, signed with {@code secret}; quiet hours off so moved clocks never hold a message.
   */
  static void connect(
      String intake,
      String name,
      String channel,
      io.complaintsuite.testsupport.WebhookReceiver receiver,
      String secret,
      java.util.List<String> kinds) {
    as("admin", intake)
        .contentType("application/json")
        .body(
            java.util.Map.of(
                "name", name,
                "channel", channel,
                "url", receiver.url(),
                "kinds", kinds,
                "quietHours", false,
                "secret", secret))
        .post("/api/v1/channel-endpoints")
        .then()
        .statusCode(201);
  }

  /**
   * Removes the connections whose name starts with {@code prefix}: a test's receivers close when it
   * ends, and a connection left behind would keep the next tests' messages retrying into nothing.
   */
  static void disconnect(String intake, String prefix) {
    java.util.List<java.util.Map<String, Object>> all =
        as("admin", intake)
            .get("/api/v1/channel-endpoints")
            .then()
            .statusCode(200)
            .extract()
            .path("");
    for (java.util.Map<String, Object> e : all) {
      if (String.valueOf(e.get("name")).startsWith(prefix)) {
        as("admin", intake)
            .delete("/api/v1/channel-endpoints/" + e.get("id"))
            .then()
            .statusCode(204);
      }
    }
  }
}
