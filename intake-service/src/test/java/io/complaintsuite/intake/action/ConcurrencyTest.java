package io.complaintsuite.intake.action;

import static io.complaintsuite.intake.support.IntakeApi.accountStolen;
import static io.complaintsuite.intake.support.IntakeApi.as;
import static io.complaintsuite.intake.support.IntakeApi.receive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.intake.support.IntakeApi;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Optimistic versioning: a stale If-Match is 412, racing writers never lose an update. */
@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
class ConcurrencyTest {

  @Test
  void aStaleIfMatchIsRefusedWith412AndTheCurrentETagWorks() {
    String id = receive(accountStolen());
    IntakeApi.assign(id, "tech-support", "ts-li");
    String etag =
        as("agent").get("/api/v1/complaints/" + id).then().statusCode(200).extract().header("ETag");
    Response responded =
        IntakeApi.asAgent("ts-li", "tech-support")
            .header("If-Match", etag)
            .post("/api/v1/complaints/" + id + "/actions/respond");
    responded.then().statusCode(200);
    String newTag = responded.header("ETag");
    assertTrue(!newTag.equals(etag), "the ETag changes with every change");

    IntakeApi.asAgent("ts-li", "tech-support")
        .header("If-Match", etag)
        .body(Map.of("text", "基于旧版本的备注"))
        .post("/api/v1/complaints/" + id + "/actions/notes")
        .then()
        .statusCode(412)
        .contentType("application/problem+json")
        .body("errors[0].field", org.hamcrest.Matchers.equalTo("If-Match"));
    IntakeApi.asAgent("ts-li", "tech-support")
        .header("If-Match", newTag)
        .body(Map.of("text", "基于最新版本的备注"))
        .post("/api/v1/complaints/" + id + "/actions/notes")
        .then()
        .statusCode(200);
  }

  @Test
  void racingWritersWithTheSameVersionChangeItOnceAndTheOthersAreTold() throws Exception {
    String id = receive(accountStolen());
    IntakeApi.assign(id, "tech-support", "ts-li");
    IntakeApi.act(id, "respond", null).then().statusCode(200);
    String etag = as("agent").get("/api/v1/complaints/" + id).header("ETag");
    String token = Tokens.forAgent("ts-li", "tech-support");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Response>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String reason = "并发调整 " + i;
        calls.add(
            () ->
                RestAssured.given()
                    .auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .header("If-Match", etag)
                    .body(Map.of("priority", "low", "reason", reason))
                    .post("/api/v1/complaints/" + id + "/actions/priority"));
      }
      int ok = 0;
      for (Future<Response> f : pool.invokeAll(calls)) {
        int status = f.get().statusCode();
        if (status == 200) {
          ok++;
        } else {
          assertTrue(status == 412 || status == 409 || status == 400, "unexpected " + status);
        }
      }
      assertEquals(1, ok, "exactly one writer wins");
      List<String> kinds =
          as("agent").get("/api/v1/complaints/" + id + "/timeline").then().extract().path("kind");
      assertEquals(1, kinds.stream().filter("priority-changed"::equals).count());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void racingWritersWithoutIfMatchNeverLoseAnUpdate() throws Exception {
    String id = receive(accountStolen());
    // Nobody routes in intake's tests: not yet assigned, so a supervisor acts.
    String token = Tokens.forRole("supervisor");
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Response>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String text = "备注 " + i;
        calls.add(
            () ->
                RestAssured.given()
                    .auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("text", text))
                    .post("/api/v1/complaints/" + id + "/actions/notes"));
      }
      int ok = 0;
      for (Future<Response> f : pool.invokeAll(calls)) {
        int status = f.get().statusCode();
        if (status == 200) {
          ok++;
        } else {
          assertEquals(409, status, "a lost race is a conflict, never a silent overwrite");
        }
      }
      List<String> kinds =
          as("agent").get("/api/v1/complaints/" + id + "/timeline").then().extract().path("kind");
      assertEquals(ok, kinds.stream().filter("internal-note"::equals).count());
      long version =
          ((Number) as("agent").get("/api/v1/complaints/" + id).then().extract().path("version"))
              .longValue();
      assertEquals(ok, version, "every successful note is one version step");
    } finally {
      pool.shutdownNow();
    }
  }
}
