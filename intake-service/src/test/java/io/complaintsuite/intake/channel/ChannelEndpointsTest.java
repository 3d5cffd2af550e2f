package io.complaintsuite.intake.channel;

import static io.complaintsuite.intake.support.IntakeApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Connections as an admin manages them: secrets never come back, every change is audited, bad input
 * is a problem naming the field and changes nothing; and who may call what, from a table written
 * here by hand (not read from the annotations).
 */
@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
class ChannelEndpointsTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static Map<String, Object> endpoint(String name) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("channel", "app");
    body.put("url", "https://app-gateway.example.cn/hooks");
    body.put("kinds", List.of("receipt", "reply"));
    body.put("secret", SECRET);
    return body;
  }

  @Test
  void anAdminRegistersChangesRotatesAndRemovesAndEveryStepIsAudited() {
    String id =
        as("admin")
            .body(endpoint("app 1"))
            .post("/api/v1/channel-endpoints")
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/v1/channel-endpoints/"))
            .body("channel", is("app"))
            .body("locale", is("zh-CN"))
            .body("quietHours", is(false))
            .body("enabled", is(true))
            .body("secrets[0].fingerprint", is(notNullFingerprint()))
            .body(not(containsString("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")))
            .extract()
            .path("id");
    as("admin")
        .body(Map.of("kinds", List.of("receipt", "closed"), "locale", "en"))
        .patch("/api/v1/channel-endpoints/" + id)
        .then()
        .statusCode(200)
        .body("kinds", is(List.of("receipt", "closed")))
        .body("locale", is("en"))
        .body("version", is(2));
    as("admin")
        .body(Map.of("secret", "whsec_" + "A".repeat(32)))
        .post("/api/v1/channel-endpoints/" + id + "/secret")
        .then()
        .statusCode(200)
        .body("secrets.size()", is(2))
        .body(not(containsString("AAAAAAAA")));
    String list = as("admin").get("/api/v1/channel-endpoints").asString();
    assertFalse(
        list.contains("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") || list.contains("AAAAAAAA"), list);
    as("admin").delete("/api/v1/channel-endpoints/" + id).then().statusCode(204);
    as("admin").get("/api/v1/channel-endpoints/" + id).then().statusCode(404);
  }

  /** The audit of a live connection, in order, naming the admin. */
  @Test
  void theAuditNamesWhoDidWhat() {
    String id =
        as("admin")
            .body(endpoint("app 2"))
            .post("/api/v1/channel-endpoints")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    as("admin")
        .body(Map.of("enabled", false))
        .patch("/api/v1/channel-endpoints/" + id)
        .then()
        .statusCode(200)
        .body("disabledReason", containsString("disabled by"));
    List<Map<String, Object>> audit =
        as("admin")
            .get("/api/v1/channel-endpoints/" + id + "/audit")
            .then()
            .statusCode(200)
            .extract()
            .path("");
    assertEquals(List.of("created", "changed"), audit.stream().map(a -> a.get("action")).toList());
    assertEquals(Map.of("enabled", false), audit.get(1).get("changes"));
    assertFalse(audit.toString().contains("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
  }

  @Test
  void badInputNamesTheFieldAndStoresNothing() {
    record Case(String field, Map<String, Object> change) {}
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("name", Map.of("name", "")));
    cases.add(new Case("channel", Map.of("channel", "fax")));
    cases.add(new Case("url", Map.of("url", "ftp://example.cn/x")));
    cases.add(new Case("url", Map.of("url", "http://user:pw@example.cn/x")));
    cases.add(new Case("kinds", Map.of("kinds", List.of())));
    cases.add(new Case("kinds", Map.of("kinds", List.of("receipt", "marketing"))));
    cases.add(new Case("locale", Map.of("locale", "fr")));
    cases.add(new Case("secret", Map.of("secret", "hunter2")));
    cases.add(new Case("secret", Map.of("secret", "whsec_c2hvcnQ=")));
    int before = as("admin").get("/api/v1/channel-endpoints").path("size()");
    for (Case c : cases) {
      Map<String, Object> body = endpoint("bad " + UUID.randomUUID());
      body.putAll(c.change());
      as("admin")
          .body(body)
          .post("/api/v1/channel-endpoints")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body(containsString(c.field()));
    }
    assertEquals(before, (int) as("admin").get("/api/v1/channel-endpoints").path("size()"));
    as("admin").body(endpoint("twin")).post("/api/v1/channel-endpoints").then().statusCode(201);
    as("admin").body(endpoint("twin")).post("/api/v1/channel-endpoints").then().statusCode(409);
    as("admin")
        .body(Map.of("subject", "{number", "body", "x"))
        .put("/api/v1/message-templates/receipt/zh-CN")
        .then()
        .statusCode(400)
        .body(containsString("subject"));
    as("admin")
        .body(Map.of("subject", "s", "body", "b"))
        .put("/api/v1/message-templates/advert/zh-CN")
        .then()
        .statusCode(400)
        .body(containsString("kind"));
  }

  @Test
  void anAdminEditsATemplateAndResetsIt() {
    as("admin")
        .body(Map.of("subject", "【{number}】已受理", "body", "{customerName}您好，{promise}内答复。"))
        .put("/api/v1/message-templates/receipt/zh-CN")
        .then()
        .statusCode(200)
        .body("edited", is(true));
    List<Map<String, Object>> all = as("supervisor").get("/api/v1/message-templates").path("");
    assertEquals(16, all.size(), "8 kinds × 2 locales");
    as("admin").delete("/api/v1/message-templates/receipt/zh-CN").then().statusCode(204);
    as("admin")
        .get("/api/v1/message-templates")
        .then()
        .body("find { it.kind == 'receipt' && it.locale == 'zh-CN' }.edited", is(false));
  }

  /** Who may call the delivery endpoints, by hand: {path, method, roles allowed}. */
  @Test
  void onlyTheRightRolesGetThrough() {
    String someId = UUID.randomUUID().toString();
    Object[][] table = {
      {"POST", "/api/v1/channel-endpoints", List.of("admin")},
      {"GET", "/api/v1/channel-endpoints", List.of("admin")},
      {"GET", "/api/v1/channel-endpoints/" + someId + "/audit", List.of("admin")},
      {"GET", "/api/v1/channel-endpoints/" + someId + "/deliveries", List.of("admin")},
      {"POST", "/api/v1/deliveries/" + someId + "/redeliver", List.of("admin")},
      {
        "GET",
        "/api/v1/complaints/" + someId + "/deliveries",
        List.of("agent", "supervisor", "admin")
      },
      {"GET", "/api/v1/message-templates", List.of("supervisor", "admin")},
      {"PUT", "/api/v1/message-templates/receipt/zh-CN", List.of("admin")},
      {"POST", "/api/v1/email-gateway/replies", List.of("channel")},
      {"POST", "/api/v1/email-gateway/bounces", List.of("channel")},
    };
    List<String> wrong = new ArrayList<>();
    for (Object[] row : table) {
      @SuppressWarnings("unchecked")
      List<String> allowed = (List<String>) row[2];
      for (String role : List.of("channel", "agent", "supervisor", "admin", "kb-editor")) {
        int status = as(role).body("{}").request((String) row[0], (String) row[1]).statusCode();
        boolean refused = status == 403;
        if (allowed.contains(role) == refused) {
          wrong.add(row[0] + " " + row[1] + " as " + role + " → " + status);
        }
      }
      int anonymous =
          io.restassured.RestAssured.given()
              .contentType("application/json")
              .body("{}")
              .request((String) row[0], (String) row[1])
              .statusCode();
      if (anonymous != 401) {
        wrong.add(row[0] + " " + row[1] + " without a token → " + anonymous);
      }
    }
    assertEquals(List.of(), wrong);
  }

  private static org.hamcrest.Matcher<String> notNullFingerprint() {
    return org.hamcrest.Matchers.matchesPattern("[0-9a-f]{12}");
  }
}
