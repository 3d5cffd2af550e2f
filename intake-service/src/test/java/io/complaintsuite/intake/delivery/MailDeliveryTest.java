package io.complaintsuite.intake.delivery;

import static io.complaintsuite.intake.support.IntakeApi.act;
import static io.complaintsuite.intake.support.IntakeApi.as;
import static io.complaintsuite.intake.support.IntakeApi.receive;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.intake.support.GreenMailResource;
import io.complaintsuite.platform.time.Clocks;
import io.complaintsuite.testsupport.TopicWriter;
import io.complaintsuite.testsupport.WebhookReceiver;
import io.complaintsuite.testsupport.WithSuiteInfra;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * E-mail through a real SMTP server (GreenMail): the customer of an e-mail complaint gets the
 * receipt, the agent's reply in the same thread and the survey invitation, in Chinese that decodes
 * intact; their reply through the e-mail gateway lands on the complaint; a bounce sends the bounced
 * message by SMS and keeps later ones off the dead address.
 */
@QuarkusTest
@WithSuiteInfra(
    database = "intake",
    topics = {"complaints", "assignments", "surveys", "notifications", "intake-service.dlq"})
@WithTestResource(GreenMailResource.class)
class MailDeliveryTest {
  @Inject Clocks clocks;

  private void advance(Duration d) throws InterruptedException {
    clocks.movable().orElseThrow().advance(d);
    Thread.sleep(400);
  }

  private static MimeMessage[] mails() {
    return GreenMailResource.server.getReceivedMessages();
  }

  private static Map<String, String> parts(MimeMessage m) throws Exception {
    Map<String, String> parts = new HashMap<>();
    Object content = m.getContent();
    if (content instanceof Multipart multipart) {
      collect(multipart, parts);
    } else {
      parts.put(m.getContentType().split(";")[0].toLowerCase(), (String) content);
    }
    return parts;
  }

  private static void collect(Multipart multipart, Map<String, String> parts) throws Exception {
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart part = multipart.getBodyPart(i);
      Object content = part.getContent();
      if (content instanceof Multipart nested) {
        collect(nested, parts);
      } else {
        parts.put(part.getContentType().split(";")[0].toLowerCase(), content.toString());
      }
    }
  }

  @Test
  void theCustomerOfAnEmailComplaintIsAnsweredByMailAndAnswersBack() throws Exception {
    String secret = WebhookDeliveryTest.secret();
    try (WebhookReceiver sms =
        new WebhookReceiver(() -> clocks.movable().orElseThrow().instant(), secret)) {
      as("admin")
          .body(
              Map.of(
                  "name",
                  "sms gateway",
                  "channel",
                  "sms",
                  "url",
                  sms.url(),
                  "kinds",
                  List.of("survey-invitation", "resolved", "closed"),
                  "quietHours",
                  false,
                  "secret",
                  secret))
          .post("/api/v1/channel-endpoints")
          .then()
          .statusCode(201);

      Map<String, Object> body = WebhookDeliveryTest.complaint("email", null, "王芳");
      ((Map<String, Object>) body.get("customer")).put("email", "wangfang@example.cn");
      String id = receive(body);
      String number = as("admin").get("/api/v1/complaints/" + id).path("number");

      // The receipt.
      advance(Duration.ofSeconds(3));
      await().atMost(Duration.ofSeconds(20)).until(() -> mails().length == 1);
      MimeMessage receipt = mails()[0];
      assertEquals("【" + number + "】您的投诉已受理", receipt.getSubject());
      assertEquals(
          "wangfang@example.cn", ((InternetAddress) receipt.getAllRecipients()[0]).getAddress());
      Map<String, String> receiptParts = parts(receipt);
      assertTrue(
          receiptParts.get("text/plain").contains("王芳，您好！您的投诉已受理，工单号 " + number),
          receiptParts.toString());
      assertTrue(receiptParts.get("text/plain").contains("我们将在24小时内联系您"));
      assertTrue(receiptParts.get("text/html").contains("我们将在24小时内联系您"));
      String receiptId = receipt.getMessageID();
      assertTrue(receiptId.matches("<[0-9a-f-]{36}@complaints\\.example\\.cn>"), receiptId);

      // The agent's reply, threaded under the receipt.
      act(id, "reply", Map.of("text", "王女士您好，您的快递已重新发出，单号SF1234567。")).then().statusCode(200);
      await().atMost(Duration.ofSeconds(20)).until(() -> mails().length == 2);
      MimeMessage reply = mails()[1];
      assertEquals("【" + number + "】客服回复", reply.getSubject());
      assertEquals(receiptId, reply.getHeader("In-Reply-To")[0]);
      assertTrue(parts(reply).get("text/plain").contains("您的快递已重新发出，单号SF1234567"));

      // The customer answers from their mail client; the gateway posts it.
      as("channel")
          .body(
              Map.of(
                  "from", "王芳 <WangFang@example.cn>",
                  "subject", "Re: " + reply.getSubject(),
                  "text", "收到，谢谢！\n\n在 2026年12月8日 写道：\n> 王女士您好，您的快递已重新发出",
                  "messageId", "<reply-1@mail.example.cn>",
                  "inReplyTo", reply.getMessageID()))
          .post("/api/v1/email-gateway/replies")
          .then()
          .statusCode(201);
      List<String> texts = as("admin").get("/api/v1/complaints/" + id + "/timeline").path("text");
      assertTrue(texts.contains("收到，谢谢！"), texts.toString());
      // Somebody else cannot write into the complaint by knowing its number.
      as("channel")
          .body(
              Map.of(
                  "from", "mallory@example.com", "subject", "Re: 【" + number + "】", "text", "取消订单"))
          .post("/api/v1/email-gateway/replies")
          .then()
          .statusCode(422);

      // The survey invitation (as survey-service asks for it) arrives by mail with its link.
      act(id, "resolve", Map.of("summary", "已重新发货", "rootCause", "logistics"))
          .then()
          .statusCode(200);
      await().atMost(Duration.ofSeconds(20)).until(() -> mails().length == 3);
      String link = "http://127.0.0.1:8084/s/" + UUID.randomUUID();
      String text =
          "【客服中心】尊敬的王芳，您的投诉工单" + number + "已处理完毕。诚邀您花1分钟评价本次服务：" + link + " 链接7天内有效，仅可提交一次。";
      try (TopicWriter writer = new TopicWriter()) {
        writer.publish(
            ConfigProvider.getConfig().getValue("suite.topics.notifications", String.class),
            id,
            "notification.requested",
            "/survey-service",
            "{\"notificationId\":\""
                + UUID.randomUUID()
                + "\",\"purpose\":\"survey-invitation\","
                + "\"channel\":\"email\",\"recipient\":{\"customerId\":\"C-1\",\"name\":\"王芳\","
                + "\"phone\":null,\"email\":\"wangfang@example.cn\"},\"locale\":\"zh-CN\","
                + "\"subject\":\"服务满意度回访\",\"text\":\""
                + text
                + "\",\"link\":\""
                + link
                + "\","
                + "\"complaintId\":\""
                + id
                + "\",\"surveyId\":\"S-1\",\"incidentId\":null,"
                + "\"updateId\":null,\"expiresAt\":\"2026-12-15T10:00:00+08:00\","
                + "\"occurredAt\":\"2026-12-08T10:00:00+08:00\"}");
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> mails().length == 4);
      MimeMessage survey = mails()[3];
      assertEquals("服务满意度回访【" + number + "】", survey.getSubject());
      Map<String, String> surveyParts = parts(survey);
      assertTrue(surveyParts.get("text/plain").contains(link), surveyParts.toString());
      assertTrue(
          surveyParts.get("text/html").contains("href=\"" + link + "\""), surveyParts.toString());

      // The invitation bounced: it goes by SMS, with the phone; later messages skip the address.
      as("channel")
          .body(
              Map.of(
                  "address",
                  "wangfang@example.cn",
                  "reason",
                  "550 mailbox unavailable",
                  "messageId",
                  survey.getMessageID()))
          .post("/api/v1/email-gateway/bounces")
          .then()
          .statusCode(202);
      advance(Duration.ofSeconds(1));
      await().atMost(Duration.ofSeconds(20)).until(() -> sms.accepted.size() == 1);
      WebhookReceiver.Accepted bySms = sms.accepted.get(0);
      assertEquals("survey-invitation", bySms.kind());
      assertEquals(
          "13900001111", bySms.payload().path("data").path("customer").path("phone").asText());
      assertTrue(bySms.text().contains(link));
      assertTrue(bySms.payload().path("data").path("customer").path("email").isMissingNode());

      act(id, "close", null).then().statusCode(200);
      await().atMost(Duration.ofSeconds(20)).until(() -> sms.accepted.size() == 2);
      assertEquals("closed", sms.accepted.get(1).kind());
      assertEquals(4, mails().length, "nothing more to the bounced address");
      assertFalse(
          as("admin")
              .get("/api/v1/complaints/" + id + "/deliveries")
              .asString()
              .contains("\"dead\""));
      assertNotNull(receiptParts.get("text/html"));
    }
  }
}
