package io.complaintsuite.survey.schedule;

import static io.complaintsuite.survey.support.SurveyApi.JSON;
import static io.complaintsuite.survey.support.SurveyApi.WAIT;
import static io.complaintsuite.survey.support.SurveyApi.as;
import static io.complaintsuite.survey.support.SurveyApi.at;
import static io.complaintsuite.survey.support.SurveyApi.awaitSurvey;
import static io.complaintsuite.survey.support.SurveyApi.awaitSurveyState;
import static io.complaintsuite.survey.support.SurveyApi.instant;
import static io.complaintsuite.survey.support.SurveyApi.publish;
import static io.complaintsuite.survey.support.SurveyApi.received;
import static io.complaintsuite.survey.support.SurveyApi.reopened;
import static io.complaintsuite.survey.support.SurveyApi.resolved;
import static io.complaintsuite.survey.support.SurveyApi.send;
import static io.complaintsuite.survey.support.SurveyApi.surveys;
import static io.complaintsuite.survey.support.SurveyApi.validated;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.complaintsuite.testsupport.MutableClock;
import io.complaintsuite.testsupport.TopicReader;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Resolutions in, surveys out at the right moment, on the real broker and database. */
@QuarkusTest
@WithSuiteInfra(
    database = "survey",
    topics = {
      "complaints",
      "assignments",
      "sla-alerts",
      "surveys",
      "notifications",
      "survey-service.dlq"
    })
class SurveyFlowTest {
  @ConfigProperty(name = "suite.topics.complaints")
  String complaints;

  @ConfigProperty(name = "suite.topics.assignments")
  String assignments;

  @ConfigProperty(name = "suite.topics.sla-alerts")
  String slaAlerts;

  @ConfigProperty(name = "suite.topics.surveys")
  String surveysTopic;

  @ConfigProperty(name = "suite.topics.notifications")
  String notifications;

  @ConfigProperty(name = "suite.topics.survey-service.dlq")
  String deadLetters;

  @Inject MutableClock clock;
  @Inject SurveySender sender;
  @Inject AgroalDataSource jdbc;

  /** A survey row as the trigger writes it, for the replica tests. */
  void insertSurvey(Connection c, String id, String customer, Instant dueAt) throws Exception {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into survey (id, complaint_id, resolution, number, customer_id, channel,"
                + " state, resolved_at, due_at, updated_at) values (?, ?, 0, 'TS20261215-000001',"
                + " ?, 'phone', 'scheduled', ?, ?, ?)")) {
      Timestamp due = Timestamp.from(dueAt);
      s.setString(1, id);
      s.setObject(2, UUID.randomUUID());
      s.setString(3, customer);
      s.setTimestamp(4, Timestamp.from(dueAt.minusSeconds(1800)));
      s.setTimestamp(5, due);
      s.setTimestamp(6, due);
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into customer_contact values (?, '张伟', '13100131000', null, now())"
                + " on conflict do nothing")) {
      s.setString(1, customer);
      s.executeUpdate();
    }
  }

  static String surveyId() {
    return "SV-" + UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void fatigueIsDecidedUnderThePerCustomerLockSoTwoReplicasSendOne() throws Exception {
    Instant now = clock.setShanghai("2026-12-15T10:30:00");
    String customer = customer();
    String a = surveyId();
    String b = surveyId();
    try (Connection c = jdbc.getConnection()) {
      insertSurvey(c, a, customer, now.plusSeconds(3600)); // not due: "the other replica's"
      insertSurvey(c, b, customer, now);
    }
    // The other replica is sending survey a for this customer and has not committed yet.
    try (Connection other = jdbc.getConnection()) {
      other.setAutoCommit(false);
      try (Statement s = other.createStatement()) {
        // The sender's lock, spelled out: the platform's AdvisoryLock named survey-customer:ID.
        s.executeQuery(
                "select pg_advisory_xact_lock(hashtextextended('survey-customer:"
                    + customer
                    + "', 0))")
            .close();
      }
      try (PreparedStatement u =
          other.prepareStatement("update survey set state = 'sent', sent_at = ? where id = ?")) {
        u.setTimestamp(1, Timestamp.from(now));
        u.setString(2, a);
        u.executeUpdate();
      }
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> send(sender));
      Thread.sleep(1500);
      assertFalse(run.isDone(), "the sender waits for the other replica's decision");
      other.commit();
      assertTrue(run.get(30, TimeUnit.SECONDS) >= 1);
    }
    List<Map<String, Object>> both =
        as("supervisor")
            .queryParam("customerId", customer)
            .get("/api/v1/surveys")
            .jsonPath()
            .getList("");
    assertEquals(2, both.size(), both.toString());
    // Paged one at a time: the first page links to the second, which holds the other survey and
    // links nowhere.
    Response first =
        as("supervisor")
            .queryParam("customerId", customer)
            .queryParam("limit", 1)
            .get("/api/v1/surveys");
    String link = first.header("Link");
    assertTrue(link != null && link.endsWith(">; rel=\"next\""), "Link: " + link);
    Response second = as("supervisor").get(link.substring(1, link.indexOf('>')));
    assertEquals(null, second.header("Link"));
    assertEquals(
        Set.of(a, b),
        Set.of(first.jsonPath().getString("[0].id"), second.jsonPath().getString("[0].id")));
    assertEquals(1, second.jsonPath().getList("").size());
    Map<String, Object> skipped =
        as("supervisor")
            .queryParam("customerId", customer)
            .queryParam("state", "skipped")
            .get("/api/v1/surveys")
            .jsonPath()
            .getList("", Map.class)
            .get(0);
    assertEquals(b, skipped.get("id"));
    assertEquals("fatigue", skipped.get("skipReason"));
  }

  @Test
  void twoSendersRacingSendEachDueSurveyOnce() throws Exception {
    Instant now = clock.setShanghai("2026-12-16T10:30:00");
    List<String> ids = new java.util.ArrayList<>();
    try (Connection c = jdbc.getConnection()) {
      for (int i = 0; i < 40; i++) {
        String id = surveyId();
        ids.add(id);
        insertSurvey(c, id, customer(), now.minusSeconds(i));
      }
    }
    CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> send(sender));
    CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> send(sender));
    assertTrue(first.get(60, TimeUnit.SECONDS) + second.get(60, TimeUnit.SECONDS) >= 40);
    assertEquals(0, send(sender));
    try (TopicReader reader = new TopicReader(surveysTopic)) {
      List<TopicReader.Event> sent =
          reader.drain(
              e ->
                  "survey.sent".equals(e.header("ce_type"))
                      && ids.stream().anyMatch(id -> e.body().contains(id)),
              Duration.ofSeconds(4));
      assertEquals(40, sent.size());
      assertEquals(40, sent.stream().map(TopicReader.Event::body).distinct().count());
    }
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  static String customer() {
    return "C-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aResolutionIsSurveyedThirtyMinutesLaterOnceOnTheRealTopics() throws Exception {
    String id = newId();
    String customer = customer();
    clock.setShanghai("2026-11-23T15:02:00");
    ObjectNode resolution = resolved(id, customer, "13800138000", at("2026-11-23T15:02:00"));
    try (TopicWriter writer = new TopicWriter()) {
      String eventId = UUID.randomUUID().toString();
      writer.publish(
          complaints, id, eventId, "complaint.resolved", "/intake-service", resolution.toString());
      // The same event redelivered, and a second event for the same resolution: one survey.
      writer.publish(
          complaints, id, eventId, "complaint.resolved", "/intake-service", resolution.toString());
      writer.publish(
          complaints, id, "complaint.resolved", "/intake-service", resolution.toString());
    }
    Map<String, Object> survey = awaitSurvey(id, 1);
    assertEquals("scheduled", survey.get("state"));
    assertEquals(instant(at("2026-11-23T15:32:00")), instant(survey.get("dueAt")));
    assertEquals("after-sales", survey.get("department"));

    clock.setShanghai("2026-11-23T15:31:59");
    assertEquals(0, send(sender), "nothing before the delay");
    clock.setShanghai("2026-11-23T15:32:00");
    assertEquals(1, send(sender));
    assertEquals(0, send(sender), "sent once");
    List<Map<String, Object>> all = surveys(id);
    assertEquals(1, all.size(), "one survey per resolution");
    survey = all.get(0);
    assertEquals("sent", survey.get("state"));
    assertEquals("sms", survey.get("delivery"));
    assertEquals(instant(at("2026-11-30T15:32:00")), instant(survey.get("expiresAt")));

    try (TopicReader reader = new TopicReader(notifications)) {
      List<TopicReader.Event> events = reader.await(e -> id.equals(e.key()), 1, WAIT);
      assertEquals("notification.requested", events.get(0).header("ce_type"));
      assertEquals("/survey-service", events.get(0).header("ce_source"));
      JsonNode n = validated(events.get(0));
      assertEquals("survey-invitation", n.get("purpose").asText());
      assertEquals("sms", n.get("channel").asText());
      assertEquals("13800138000", n.get("recipient").get("phone").asText());
      assertTrue(n.get("recipient").get("email").isNull(), "only the contact the channel needs");
      String link = n.get("link").asText();
      assertTrue(link.startsWith("http://127.0.0.1:8084/s/v1."), link);
      String text = n.get("text").asText();
      assertTrue(text.contains("尊敬的王丽") && text.contains(link) && text.contains("7天内有效"), text);
      assertTrue(text.contains(survey.get("number").toString()), text);
      assertEquals(survey.get("id"), n.get("surveyId").asText());
      assertEquals(1, reader.drain(e -> id.equals(e.key()), Duration.ofSeconds(2)).size());
    }
    try (TopicReader reader = new TopicReader(surveysTopic)) {
      List<TopicReader.Event> events = reader.await(e -> id.equals(e.key()), 1, WAIT);
      assertEquals("survey.sent", events.get(0).header("ce_type"));
      JsonNode sent = validated(events.get(0));
      assertEquals(survey.get("id"), sent.get("surveyId").asText());
      assertEquals("sms", sent.get("channel").asText());
    }
  }

  @Test
  void quietHoursMoveTheSurveyToNineInTheMorning() {
    String evening = newId();
    clock.setShanghai("2026-11-24T20:45:00");
    publish(
        complaints,
        evening,
        "complaint.resolved",
        resolved(evening, customer(), "13900139000", at("2026-11-24T20:45:00")).toString());
    assertEquals(instant(at("2026-11-25T09:00:00")), instant(awaitSurvey(evening, 1).get("dueAt")));

    // Due at 20:50, but the sender only runs at 21:05: it waits for the morning instead.
    String late = newId();
    clock.setShanghai("2026-11-24T20:20:00");
    publish(
        complaints,
        late,
        "complaint.resolved",
        resolved(late, customer(), "13900139001", at("2026-11-24T20:20:00")).toString());
    assertEquals(instant(at("2026-11-24T20:50:00")), instant(awaitSurvey(late, 1).get("dueAt")));
    clock.setShanghai("2026-11-24T21:05:00");
    send(sender);
    Map<String, Object> waiting = surveys(late).get(0);
    assertEquals("scheduled", waiting.get("state"));
    assertEquals(instant(at("2026-11-25T09:00:00")), instant(waiting.get("dueAt")));

    clock.setShanghai("2026-11-25T08:59:59");
    send(sender);
    assertEquals("scheduled", surveys(evening).get(0).get("state"));
    clock.setShanghai("2026-11-25T09:00:00");
    send(sender);
    assertEquals("sent", surveys(evening).get(0).get("state"));
    assertEquals("sent", surveys(late).get(0).get("state"));
    assertEquals(instant(at("2026-11-25T09:00:00")), instant(surveys(late).get(0).get("sentAt")));
  }

  @Test
  void oneSurveyPerCustomerPerSevenDays() {
    String customer = customer();
    String first = newId();
    clock.setShanghai("2026-12-01T10:00:00");
    publish(
        complaints,
        first,
        "complaint.resolved",
        resolved(first, customer, "13700137000", at("2026-12-01T10:00:00")).toString());
    awaitSurvey(first, 1);
    clock.setShanghai("2026-12-01T10:30:00");
    send(sender);
    assertEquals("sent", surveys(first).get(0).get("state"));

    String second = newId(); // six days later: survey fatigue
    clock.setShanghai("2026-12-07T10:00:00");
    publish(
        complaints,
        second,
        "complaint.resolved",
        resolved(second, customer, "13700137000", at("2026-12-07T10:00:00")).toString());
    awaitSurvey(second, 1);
    clock.setShanghai("2026-12-07T10:30:00");
    send(sender);
    Map<String, Object> skipped = surveys(second).get(0);
    assertEquals("skipped", skipped.get("state"));
    assertEquals("fatigue", skipped.get("skipReason"));

    String third = newId(); // seven days and a minute after the first was sent: asked again
    clock.setShanghai("2026-12-08T10:01:00");
    publish(
        complaints,
        third,
        "complaint.resolved",
        resolved(third, customer, "13700137000", at("2026-12-08T10:01:00")).toString());
    awaitSurvey(third, 1);
    clock.setShanghai("2026-12-08T10:31:00");
    send(sender);
    assertEquals("sent", surveys(third).get(0).get("state"));

    // Two due at the same moment for one customer: only one goes out.
    String other = customer();
    String a = newId();
    String b = newId();
    clock.setShanghai("2026-12-09T11:00:00");
    publish(
        complaints,
        a,
        "complaint.resolved",
        resolved(a, other, "13600136000", at("2026-12-09T11:00:00")).toString());
    publish(
        complaints,
        b,
        "complaint.resolved",
        resolved(b, other, "13600136000", at("2026-12-09T11:00:00")).toString());
    awaitSurvey(a, 1);
    awaitSurvey(b, 1);
    clock.setShanghai("2026-12-09T11:30:00");
    send(sender);
    Set<String> states =
        List.of(surveys(a).get(0), surveys(b).get(0)).stream()
            .map(s -> s.get("state") + "/" + s.get("skipReason"))
            .collect(Collectors.toSet());
    assertEquals(Set.of("sent/null", "skipped/fatigue"), states);
  }

  @Test
  void aReopenCancelsThePendingSurveyAndTheNextResolutionGetsItsOwn() {
    String id = newId();
    String customer = customer();
    clock.setShanghai("2026-12-10T10:00:00");
    publish(
        complaints,
        id,
        "complaint.resolved",
        resolved(id, customer, "13500135000", at("2026-12-10T10:00:00")).toString());
    awaitSurvey(id, 1);
    clock.setShanghai("2026-12-10T10:10:00");
    publish(complaints, id, "complaint.reopened", reopened(id, 1, at("2026-12-10T10:10:00")));
    Map<String, Object> cancelled = awaitSurveyState(id, "cancelled");
    assertEquals("reopened", cancelled.get("skipReason"));
    clock.setShanghai("2026-12-10T10:30:00");
    send(sender);
    assertEquals("cancelled", surveys(id).get(0).get("state"), "never sent");

    ObjectNode again = resolved(id, customer, "13500135000", at("2026-12-10T14:00:00"));
    again.put("reopenCount", 1);
    clock.setShanghai("2026-12-10T14:00:00");
    publish(complaints, id, "complaint.resolved", again.toString());
    Map<String, Object> second = awaitSurvey(id, 2);
    assertEquals(1, second.get("resolution"));
    assertEquals("scheduled", second.get("state"));
    clock.setShanghai("2026-12-10T14:30:00");
    send(sender);
    assertEquals("sent", surveys(id).get(0).get("state"));
  }

  @Test
  void deliveryFollowsTheChannelAndTheContact() {
    clock.setShanghai("2026-12-11T10:00:00");
    String app = newId();
    ObjectNode viaApp = resolved(app, customer(), null, at("2026-12-11T10:00:00"));
    viaApp.put("channel", "app");
    String mail = newId();
    ObjectNode viaMail = resolved(mail, customer(), "13400134000", at("2026-12-11T10:00:00"));
    viaMail.put("channel", "email");
    ((ObjectNode) viaMail.get("contact")).put("email", "wangli@example.cn");
    String nobody = newId();
    ObjectNode unreachable = resolved(nobody, customer(), null, at("2026-12-11T10:00:00"));
    publish(complaints, app, "complaint.resolved", viaApp.toString());
    publish(complaints, mail, "complaint.resolved", viaMail.toString());
    publish(complaints, nobody, "complaint.resolved", unreachable.toString());
    awaitSurvey(app, 1);
    awaitSurvey(mail, 1);
    awaitSurvey(nobody, 1);
    clock.setShanghai("2026-12-11T10:30:00");
    send(sender);
    assertEquals("app-push", surveys(app).get(0).get("delivery"));
    assertEquals("email", surveys(mail).get(0).get("delivery"));
    assertEquals("skipped", surveys(nobody).get(0).get("state"));
    assertEquals("no-contact", surveys(nobody).get(0).get("skipReason"));

    // A resolution consumed two days late is not surveyed any more (outside the 24 h window).
    String late = newId();
    clock.setShanghai("2026-12-13T10:00:00");
    publish(
        complaints,
        late,
        "complaint.resolved",
        resolved(late, customer(), "13400134001", at("2026-12-11T10:00:00")).toString());
    awaitSurvey(late, 1);
    send(sender);
    assertEquals("too-late", surveys(late).get(0).get("skipReason"));
  }

  @Test
  void anUrgentComplaintOpensACallbackForItsDepartmentAtResolution() throws Exception {
    String id = newId();
    clock.setShanghai("2027-01-12T10:00:00");
    // In 2027, after every other test's moment: this survey stays scheduled and must not be due
    // for them. Routing's assignment names the owner; the resolution lacks department and agent.
    publish(
        assignments,
        id,
        "assignment.created",
        "{\"complaintId\":\""
            + id
            + "\",\"number\":\"TS20261212-000001\",\"customerId\":\"C-1\","
            + "\"department\":\"tech-support\",\"agent\":\"ts-zhang\",\"priority\":\"urgent\","
            + "\"problemType\":\"account-stolen\"}");
    await().atMost(WAIT).until(() -> true);
    ObjectNode r = resolved(id, customer(), "13300133000", at("2027-01-12T10:00:00"));
    r.put("priority", "urgent");
    r.putNull("department");
    r.putNull("agent");
    Thread.sleep(1000); // let the assignment (another topic) be consumed first
    publish(complaints, id, "complaint.resolved", r.toString());
    awaitSurvey(id, 1);
    List<Map<String, Object>> tasks =
        as("supervisor")
            .queryParam("complaintId", id)
            .get("/api/v1/callbacks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("");
    assertEquals(1, tasks.size());
    assertEquals(List.of("urgent"), tasks.get(0).get("reasons"));
    assertEquals("tech-support", tasks.get(0).get("department"));
    assertEquals("open", tasks.get(0).get("state"));
    assertEquals(instant(at("2027-01-13T10:00:00")), instant(tasks.get(0).get("dueAt")));
    assertEquals("tech-support", surveys(id).get(0).get("department"));
    assertEquals("ts-zhang", surveys(id).get(0).get("agent"));
    try (TopicReader reader = new TopicReader(surveysTopic)) {
      JsonNode opened =
          validated(
              reader
                  .await(
                      e ->
                          id.equals(e.key())
                              && "survey.callback-opened".equals(e.header("ce_type")),
                      1,
                      WAIT)
                  .get(0));
      assertEquals("tech-support", opened.get("department").asText());
      assertNull(opened.get("phone"), "no phone number in the event");
    }
  }

  @Test
  void incidentProgressReachesEachAffectedCustomerOnce() throws Exception {
    // After every other test's moment: its leftover scheduled surveys are never due for them.
    clock.setShanghai("2027-01-05T14:00:00");
    // A: known contact (an earlier resolution) and two complaints in the incident.
    String customerA = customer();
    String a1 = newId();
    String a2 = newId();
    publish(
        complaints,
        a1,
        "complaint.resolved",
        resolved(a1, customerA, "13200132000", at("2026-11-20T10:00:00")).toString());
    publish(complaints, a2, "complaint.received", received(a2, customerA, "phone"));
    // B: complained in the app, no phone known: app push. C: by phone, no contact: unreachable.
    String customerB = customer();
    String b = newId();
    publish(complaints, b, "complaint.received", received(b, customerB, "app"));
    String c = newId();
    publish(complaints, c, "complaint.received", received(c, customer(), "phone"));
    String unknown = newId();
    awaitSurvey(a1, 1);
    Thread.sleep(1500); // the received events follow on their partitions

    String incident = newId();
    String update = newId();
    String body =
        JSON.createObjectNode()
            .put("incidentId", incident)
            .put("updateId", update)
            .put("problemType", "network-outage")
            .put("title", "浦东新区宽带中断")
            .put("status", "mitigating")
            .put("message", "您好，浦东新区部分用户宽带中断的问题已定位为光缆故障，抢修人员正在现场处理，预计今天18:00前恢复。")
            .put("postedBy", "supervisor-zhang")
            .put("occurredAt", "2026-11-23T06:30:00Z")
            .set("complaintIds", JSON.valueToTree(List.of(a1, a2, b, c, unknown)))
            .toString();
    try (TopicWriter writer = new TopicWriter()) {
      String eventId = UUID.randomUUID().toString();
      writer.publish(slaAlerts, incident, eventId, "sla.incident-updated", "/sla-service", body);
      writer.publish(slaAlerts, incident, eventId, "sla.incident-updated", "/sla-service", body);
      // The same update under a new event id (a republish): still once per customer.
      writer.publish(slaAlerts, incident, "sla.incident-updated", "/sla-service", body);
      writer.raw(
          slaAlerts,
          incident,
          "{\"incidentId\":\"x\"}",
          "ce_specversion",
          "1.0",
          "ce_id",
          UUID.randomUUID().toString(),
          "ce_type",
          "sla.incident-updated",
          "ce_source",
          "/sla-service");
    }
    try (TopicReader reader = new TopicReader(notifications)) {
      List<TopicReader.Event> events = reader.await(e -> e.body().contains(update), 2, WAIT);
      assertEquals(2, reader.drain(e -> e.body().contains(update), Duration.ofSeconds(3)).size());
      Map<String, JsonNode> byCustomer = new java.util.HashMap<>();
      for (TopicReader.Event e : events) {
        JsonNode n = validated(e);
        byCustomer.put(n.get("recipient").get("customerId").asText(), n);
      }
      assertEquals(Set.of(customerA, customerB), byCustomer.keySet());
      assertEquals("sms", byCustomer.get(customerA).get("channel").asText());
      assertEquals("13200132000", byCustomer.get(customerA).get("recipient").get("phone").asText());
      assertEquals(a1, byCustomer.get(customerA).get("complaintId").asText());
      assertEquals("app-push", byCustomer.get(customerB).get("channel").asText());
      assertEquals("incident-update", byCustomer.get(customerB).get("purpose").asText());
      assertTrue(byCustomer.get(customerB).get("text").asText().startsWith("您好，浦东新区"));
    }
    try (TopicReader reader = new TopicReader(deadLetters)) {
      TopicReader.Event dead = reader.await(e -> incident.equals(e.key()), 1, WAIT).get(0);
      assertTrue(
          dead.header("dead-letter-reason").contains("complaintIds"),
          dead.header("dead-letter-reason"));
    }
  }
}
