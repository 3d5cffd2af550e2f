package io.complaintsuite.intake.followup;

import static io.complaintsuite.intake.support.IntakeApi.accountStolen;
import static io.complaintsuite.intake.support.IntakeApi.as;
import static io.complaintsuite.intake.support.IntakeApi.receive;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Customers' follow-ups through channels: exactly once, by id or by the channel's own id. */
@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
class FollowUpTest {

  @Test
  void aRetriedFollowUpIsStoredOnce() {
    String id = receive(accountStolen());
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = Map.of("text", "请问处理到哪一步了？");
    String first =
        as("channel")
            .header("Idempotency-Key", key)
            .body(body)
            .post("/api/v1/complaints/" + id + "/messages")
            .then()
            .statusCode(201)
            .extract()
            .path("message.id");
    String again =
        as("channel")
            .header("Idempotency-Key", key)
            .body(body)
            .post("/api/v1/complaints/" + id + "/messages")
            .then()
            .statusCode(200)
            .body("message.text", equalTo("请问处理到哪一步了？"))
            .extract()
            .path("message.id");
    assertEquals(first, again);
    as("channel")
        .header("Idempotency-Key", key)
        .body(Map.of("text", "另一条消息"))
        .post("/api/v1/complaints/" + id + "/messages")
        .then()
        .statusCode(422);
    assertEquals(1, messagesFromCustomer(id));
  }

  @Test
  void theChannelsOwnIdsAddressComplaintAndMessage() {
    String external = "MAIL-" + UUID.randomUUID();
    Map<String, Object> complaint = accountStolen();
    complaint.put("channel", "email");
    complaint.put("externalId", external);
    String id = receive(complaint);
    Map<String, Object> body = Map.of("text", "补充：转账时间是上午8点05分", "externalMessageId", "msg-1");
    String path = "/api/v1/channels/email/complaints/" + external + "/messages";
    as("channel").body(body).post(path).then().statusCode(201).body("complaintId", equalTo(id));
    as("channel").body(body).post(path).then().statusCode(200);
    assertEquals(1, messagesFromCustomer(id));

    as("channel")
        .body(body)
        .post("/api/v1/channels/email/complaints/NO-SUCH-ID/messages")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as("channel")
        .body(body)
        .post("/api/v1/channels/fax/complaints/" + external + "/messages")
        .then()
        .statusCode(404);
    as("channel")
        .body(Map.of("text", ""))
        .post(path)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("text"));
    as("agent").body(body).post(path).then().statusCode(403);
  }

  private static long messagesFromCustomer(String id) {
    List<String> kinds =
        as("agent")
            .get("/api/v1/complaints/" + id + "/timeline")
            .then()
            .statusCode(200)
            .extract()
            .path("kind");
    return kinds.stream().filter("message-from-customer"::equals).count();
  }
}
