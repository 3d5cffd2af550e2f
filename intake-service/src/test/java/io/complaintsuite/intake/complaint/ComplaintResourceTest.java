package io.complaintsuite.intake.complaint;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.complaintsuite.intake.support.IntakeApi;
import io.complaintsuite.testsupport.Tokens;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
class ComplaintResourceTest {
  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @ConfigProperty(name = "quarkus.datasource.username")
  String dbUser;

  static io.restassured.specification.RequestSpecification as(String role) {
    return given().auth().oauth2(Tokens.forRole(role)).contentType(ContentType.JSON);
  }

  @Test
  void aChannelPostsAComplaintAndReadsItBackWordForWord() {
    Map<String, Object> body = IntakeApi.accountStolen();
    Response created =
        as("channel")
            .body(body)
            .post("/api/v1/complaints")
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/v1/complaints/"))
            .header("ETag", notNullValue())
            .body("number", matchesPattern("TS\\d{8}-\\d{6}"))
            .body("status", equalTo("received"))
            .body("priority", equalTo("urgent"))
            .body("problemType", equalTo("unclassified"))
            .body("form", equalTo("oral"))
            .extract()
            .response();
    String id = created.path("id");

    as("agent")
        .get("/api/v1/complaints/" + id)
        .then()
        .statusCode(200)
        .body("subject", equalTo(body.get("subject")))
        .body("description", equalTo(body.get("description")))
        .body("customer.name", equalTo("王丽"))
        .body("customer.phone", equalTo("+86 138 0013 8000"))
        .body("number", equalTo(created.path("number")));
  }

  @Test
  void anUnknownComplaintIsAProblem() {
    as("agent")
        .get("/api/v1/complaints/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404));
  }

  @Test
  void withoutATokenTheAnswerIs401AndWithTheWrongRole403() {
    given()
        .contentType(ContentType.JSON)
        .body(IntakeApi.accountStolen())
        .post("/api/v1/complaints")
        .then()
        .statusCode(401);
    as("agent").body(IntakeApi.accountStolen()).post("/api/v1/complaints").then().statusCode(403);
    as("bot").get("/api/v1/complaints/" + UUID.randomUUID()).then().statusCode(403);
    given()
        .auth()
        .oauth2(
            Tokens.mint(
                "mallory",
                List.of("channel"),
                java.time.Duration.ofMinutes(5),
                "https://evil.example"))
        .contentType(ContentType.JSON)
        .body(IntakeApi.accountStolen())
        .post("/api/v1/complaints")
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(
            Tokens.mint(
                "late",
                List.of("channel"),
                java.time.Duration.ofMinutes(-10),
                io.complaintsuite.testsupport.SuiteSettings.LOCAL_ISSUER))
        .contentType(ContentType.JSON)
        .body(IntakeApi.accountStolen())
        .post("/api/v1/complaints")
        .then()
        .statusCode(401);
  }

  @Test
  void badInputNamesEveryBadField() {
    Map<String, Object> body = IntakeApi.accountStolen();
    body.remove("subject");
    @SuppressWarnings("unchecked")
    Map<String, Object> customer = (Map<String, Object>) body.get("customer");
    customer.put("email", "not-an-address");
    customer.put("id", "");
    as("channel")
        .body(body)
        .post("/api/v1/complaints")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("subject"))
        .body("errors.field", hasItem("customer.email"))
        .body("errors.field", hasItem("customer.id"));
  }

  @Test
  void anUnknownChannelOrAWrongTypeIsNamed() {
    Map<String, Object> body = IntakeApi.accountStolen();
    body.put("channel", "fax");
    as("channel")
        .body(body)
        .post("/api/v1/complaints")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("channel"))
        .body("errors[0].message", containsString("web-chat"));

    body = IntakeApi.accountStolen();
    body.put("expectedResolutionAt", "next tuesday");
    as("channel")
        .body(body)
        .post("/api/v1/complaints")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("expectedResolutionAt"));

    as("channel")
        .body("{\"channel\": \"phone\", ")
        .post("/api/v1/complaints")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");

    as("channel").body("").post("/api/v1/complaints").then().statusCode(400);
  }

  @Test
  void anOversizedBodyIsRefusedWith413AndNothingIsStored() throws SQLException {
    long before = countComplaints();
    Map<String, Object> body = IntakeApi.accountStolen();
    body.put("description", "投诉".repeat(200_000));
    as("channel")
        .body(body)
        .post("/api/v1/complaints")
        .then()
        .statusCode(413)
        .contentType("application/problem+json");
    assertEquals(before, countComplaints());
  }

  @Test
  void aDescriptionOverTheLimitIsNamed() {
    Map<String, Object> body = IntakeApi.accountStolen();
    body.put("description", "长".repeat(20_001));
    as("channel")
        .body(body)
        .post("/api/v1/complaints")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("description"));
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyReturnsTheSameComplaint() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = IntakeApi.accountStolen();
    Response first =
        as("channel").header("Idempotency-Key", key).body(body).post("/api/v1/complaints");
    first.then().statusCode(201);
    Response again =
        as("channel").header("Idempotency-Key", key).body(body).post("/api/v1/complaints");
    again.then().statusCode(200);
    assertEquals(first.jsonPath().getMap(""), again.jsonPath().getMap(""));

    Map<String, Object> other = IntakeApi.accountStolen();
    other.put("subject", "另一件事");
    as("channel")
        .header("Idempotency-Key", key)
        .body(other)
        .post("/api/v1/complaints")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("Idempotency-Key"));
  }

  @Test
  void theSameChannelAndExternalIdReturnTheSameComplaint() {
    String external = "WEB-" + UUID.randomUUID();
    Map<String, Object> body = IntakeApi.accountStolen();
    body.put("externalId", external);
    body.put("channel", "web-chat");
    String id =
        as("channel")
            .body(body)
            .post("/api/v1/complaints")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String again =
        as("channel")
            .body(body)
            .post("/api/v1/complaints")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    assertEquals(id, again);
    body.put("channel", "email");
    String otherChannel =
        as("channel")
            .body(body)
            .post("/api/v1/complaints")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    assertEquals(false, id.equals(otherChannel));
  }

  @Test
  void fiftyConcurrentRetriesCreateExactlyOneComplaint() throws Exception {
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = IntakeApi.accountStolen();
    String customer = (String) ((Map<?, ?>) body.get("customer")).get("id");
    String token = Tokens.forRole("channel");
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Callable<Response>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        calls.add(
            () ->
                given()
                    .auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .header("Idempotency-Key", key)
                    .body(body)
                    .post("/api/v1/complaints"));
      }
      Set<String> ids = new HashSet<>();
      int created = 0;
      for (Future<Response> f : pool.invokeAll(calls)) {
        Response r = f.get();
        if (r.statusCode() == 201) {
          created++;
        } else {
          assertEquals(200, r.statusCode(), r.asString());
        }
        ids.add(r.path("id"));
      }
      assertEquals(1, created);
      assertEquals(1, ids.size());
      assertEquals(1, countComplaintsOf(customer));
    } finally {
      pool.shutdownNow();
    }
  }

  private long countComplaints() throws SQLException {
    return count("select count(*) from complaint", null);
  }

  private long countComplaintsOf(String customer) throws SQLException {
    return count("select count(*) from complaint where customer_id = ?", customer);
  }

  private long count(String sql, String param) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, "");
        var st = c.prepareStatement(sql)) {
      if (param != null) {
        st.setString(1, param);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
