package io.complaintsuite.sla.support;

import static io.restassured.RestAssured.given;

import io.complaintsuite.sla.timer.DeadlineChecker;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.TopicWriter;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What the tests do to the service: publish lifecycle events, run the checker, read the API. */
public final class SlaApi {
  private SlaApi() {}

  public static RequestSpecification as(String role) {
    return given().auth().oauth2(Tokens.forRole(role)).contentType("application/json");
  }

  public static String at(String shanghaiLocal) {
    return OffsetDateTime.parse(shanghaiLocal + "+08:00").toString();
  }

  public static String received(String id, String priority, String receivedAt) {
    return "{\"complaintId\":\""
        + id
        + "\",\"number\":\"TS-"
        + id.substring(0, 8)
        + "\",\"channel\":\"phone\",\"problemType\":\"account-security\",\"priority\":\""
        + priority
        + "\",\"receivedAt\":\""
        + receivedAt
        + "\"}";
  }

  public static String lifecycle(String id, String occurredAt, String extra) {
    return "{\"complaintId\":\""
        + id
        + "\",\"actor\":\"agent-zhangwei\",\"occurredAt\":\""
        + occurredAt
        + "\""
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }

  public static void publish(String topic, String id, String type, String json) {
    try (TopicWriter writer = new TopicWriter()) {
      writer.publish(topic, id, type, "/intake-service", json);
    }
  }

  public static List<Map<String, Object>> timers(String id) {
    Response r = as("supervisor").get("/api/v1/complaints/" + id + "/timers");
    return r.statusCode() == 200 ? r.jsonPath().getList("") : List.of();
  }

  public static Map<String, Object> timer(String id, String kind) {
    return timers(id).stream().filter(t -> kind.equals(t.get("kind"))).findFirst().orElse(Map.of());
  }

  public static Instant instant(Object value) {
    return OffsetDateTime.parse(value.toString()).toInstant();
  }

  public static List<Map<String, Object>> alerts(String id) {
    return as("supervisor")
        .queryParam("complaintId", id)
        .get("/api/v1/alerts")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("");
  }

  /** One run of the checker on a Vert.x context, as the scheduler runs it. */
  public static int check(DeadlineChecker checker) {
    try {
      return VertxContextSupport.subscribeAndAwait(checker::checkOnce);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
