package io.complaintsuite.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The demo's web chat accepts what the suite signs and nothing else, each webhook-id once. */
class DemoWebChatTest {
  private static final String BODY =
      "{\"type\":\"customer-message.receipt\",\"timestamp\":\"2026-12-08T01:15:04Z\",\"data\":"
          + "{\"deliveryId\":\"0193a3c2-7f00-7a11-9c3e-5b2d8e4f6a01\",\"kind\":\"receipt\","
          + "\"sequence\":4711,\"complaintId\":\"0193a3c1-1111-7c2e-8d3f-0a1b2c3d4e5f\","
          + "\"number\":\"TS20261208-000123\",\"text\":\"王丽，您好！您的投诉已受理。\"}}";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void verifiesTheStandardWebhooksSignatureWithItsOwnCode() throws Exception {
    try (DemoWebChat chat = new DemoWebChat()) {
      String id = "0193a3c2-7f00-7a11-9c3e-5b2d8e4f6a01";
      long now = Instant.now().getEpochSecond();

      assertEquals(204, post(chat, id, now, "v1," + sign(chat.secret(), id, now, BODY)));
      // Two secrets during a rotation: one valid signature is enough.
      assertEquals(204, post(chat, id, now, "v1,AAAA v1," + sign(chat.secret(), id, now, BODY)));
      assertEquals(1, chat.duplicates());
      assertEquals(1, chat.of("0193a3c1-1111-7c2e-8d3f-0a1b2c3d4e5f").size());
      assertEquals("receipt", chat.of("0193a3c1-1111-7c2e-8d3f-0a1b2c3d4e5f").get(0).kind());

      String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
      assertEquals(401, post(chat, id, now, "v1," + sign(other, id, now, BODY)));
      assertEquals(
          401, post(chat, id, now - 600, "v1," + sign(chat.secret(), id, now - 600, BODY)));
      assertEquals(401, post(chat, "another-id", now, "v1," + sign(chat.secret(), id, now, BODY)));
      assertEquals(2, chat.verified());
      assertEquals(3, chat.refused());
    }
  }

  @Test
  void abbreviatesToOneLine() {
    assertEquals("您好 （工单号 TS1）", DemoDay.abbreviate("您好\n（工单号 TS1）", 60));
    String long70 = "字".repeat(70);
    assertTrue(DemoDay.abbreviate(long70, 60).endsWith("…"));
    assertEquals(61, DemoDay.abbreviate(long70, 60).length());
    assertFalse(DemoDay.abbreviate("短", 60).endsWith("…"));
  }

  private int post(DemoWebChat chat, String id, long timestamp, String signature) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(chat.url()))
            .header("content-type", "application/json")
            .header("webhook-id", id)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(BODY, StandardCharsets.UTF_8))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String sign(String secret, String id, long timestamp, String body)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
    return Base64.getEncoder()
        .encodeToString(
            mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }
}
