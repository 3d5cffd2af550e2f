package io.complaintsuite.intake.complaint;

import static io.complaintsuite.intake.support.IntakeApi.accountStolen;
import static io.complaintsuite.intake.support.IntakeApi.as;
import static io.complaintsuite.intake.support.IntakeApi.receive;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.intake.support.IntakeApi;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Agents find complaints by any filter, page stably, and see contact data only if they need it. */
@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
class QueriesAndPrivacyTest {

  @Test
  void cursorPagingWalksEveryMatchOnceNewestFirst() {
    String customer = "C-PAGE-" + UUID.randomUUID().toString().substring(0, 6);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Map<String, Object> body = accountStolen();
      ((Map<String, Object>) body.get("customer")).put("id", customer);
      body.put("channel", i % 2 == 0 ? "app" : "web-chat");
      created.add(receive(body));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      var request = as("agent").queryParam("customer", customer).queryParam("limit", 3);
      if (cursor != null) {
        request = request.queryParam("cursor", cursor);
      }
      Response page = request.get("/api/v1/complaints");
      page.then().statusCode(200);
      seen.addAll(page.path("items.id"));
      cursor = page.path("next");
    } while (cursor != null);
    assertEquals(7, seen.size());
    assertEquals(7, new HashSet<>(seen).size(), "no complaint twice");
    List<String> newestFirst = new ArrayList<>(created);
    java.util.Collections.reverse(newestFirst);
    assertEquals(newestFirst, seen);

    List<String> apps =
        as("agent")
            .queryParam("customer", customer)
            .queryParam("channel", "app")
            .get("/api/v1/complaints")
            .then()
            .statusCode(200)
            .extract()
            .path("items.channel");
    assertEquals(4, apps.size());
    assertTrue(apps.stream().allMatch("app"::equals));
  }

  @Test
  void filtersCombineAndBadFiltersAreNamed() {
    String id = receive(accountStolen());
    IntakeApi.act(id, "respond", null).then().statusCode(200);
    String customer = as("agent").get("/api/v1/complaints/" + id).path("customer.id");
    as("agent")
        .queryParam("customer", customer)
        .queryParam("status", "in_progress")
        .queryParam("priority", "urgent")
        .queryParam("from", "2020-01-01T00:00:00Z")
        .get("/api/v1/complaints")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("items[0].id", equalTo(id));
    as("agent")
        .queryParam("customer", customer)
        .queryParam("status", "received")
        .get("/api/v1/complaints")
        .then()
        .body("items.size()", equalTo(0));
    as("agent")
        .queryParam("status", "lost")
        .get("/api/v1/complaints")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("status"));
    as("agent")
        .queryParam("from", "yesterday")
        .get("/api/v1/complaints")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("from"));
    as("agent")
        .queryParam("cursor", "garbage")
        .get("/api/v1/complaints")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("cursor"));
    as("agent")
        .queryParam("limit", 0)
        .get("/api/v1/complaints")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("limit"));
    as("channel").get("/api/v1/complaints").then().statusCode(403);
  }

  @Test
  void contactDataIsMaskedInListsAndForRolesThatDoNotCallCustomers() {
    String id = receive(accountStolen());
    as("agent")
        .get("/api/v1/complaints/" + id)
        .then()
        .body("customer.phone", equalTo("+86 138 0013 8000"));
    as("supervisor")
        .get("/api/v1/complaints/" + id)
        .then()
        .body("customer.email", equalTo("wangli@example.cn"));
    as("admin")
        .get("/api/v1/complaints/" + id)
        .then()
        .statusCode(200)
        .body("customer.phone", equalTo("138****8000"))
        .body("customer.email", equalTo("w*****@example.cn"));
    as("channel")
        .get("/api/v1/complaints/" + id)
        .then()
        .body("customer.phone", equalTo("138****8000"));
    String customer = as("agent").get("/api/v1/complaints/" + id).path("customer.id");
    String listed =
        as("agent")
            .queryParam("customer", customer)
            .get("/api/v1/complaints")
            .then()
            .extract()
            .asString();
    assertFalse(listed.contains("0013"), "lists never show the full phone");
    assertTrue(listed.contains("138****8000"));
  }

  @Test
  void theCustomersHistoryFlagsRepeatComplainers() {
    String customer = "C-REP-" + UUID.randomUUID().toString().substring(0, 6);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      Map<String, Object> body = accountStolen();
      ((Map<String, Object>) body.get("customer")).put("id", customer);
      ids.add(receive(body));
      boolean expectRepeat = i == 2;
      as("agent")
          .get("/api/v1/customers/" + customer + "/complaints")
          .then()
          .statusCode(200)
          .body("repeatComplainer", equalTo(expectRepeat))
          .body("complaintsInWindow", equalTo(i + 1))
          .body("complaints.size()", equalTo(i + 1));
    }
    as("agent")
        .get("/api/v1/customers/NOBODY-" + UUID.randomUUID() + "/complaints")
        .then()
        .statusCode(200)
        .body("repeatComplainer", equalTo(false))
        .body("complaints.size()", equalTo(0));
  }

  @Test
  void aComplaintIsFoundByItsNumberWithItsAttachments() {
    Map<String, Object> body = accountStolen();
    body.put(
        "attachments",
        List.of(
            Map.of(
                "name",
                "转账记录.png",
                "type",
                "image/png",
                "size",
                48213,
                "url",
                "https://files.example.cn/a/1.png")));
    String number =
        as("channel")
            .body(body)
            .post("/api/v1/complaints")
            .then()
            .statusCode(201)
            .extract()
            .path("number");
    as("agent")
        .get("/api/v1/complaints/by-number/" + number)
        .then()
        .statusCode(200)
        .body("number", equalTo(number))
        .body("attachments[0].name", equalTo("转账记录.png"))
        .body("attachments[0].size", equalTo(48213));
    as("agent").get("/api/v1/complaints/by-number/TS19990101-000000").then().statusCode(404);
    body.put(
        "attachments", List.of(Map.of("name", "x", "type", "png", "size", -1, "url", "ftp://x")));
    as("channel")
        .body(body)
        .post("/api/v1/complaints")
        .then()
        .statusCode(400)
        .body(
            "errors.field",
            org.hamcrest.Matchers.hasItems(
                "attachments[0].type", "attachments[0].size", "attachments[0].url"));
  }
}
