package io.complaintsuite.intake.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} header of the Standard Webhooks specification: {@code v1,} + base64
 * of HMAC-SHA256 over {@code id.timestamp.body}, one per valid key, space-separated.
 */
public final class WebhookSignature {
  private WebhookSignature() {}

  public static String header(String id, long timestamp, String body, List<byte[]> keys) {
    StringJoiner header = new StringJoiner(" ");
    for (byte[] key : keys) {
      header.add("v1," + sign(id, timestamp, body, key));
    }
    return header.toString();
  }

  static String sign(String id, long timestamp, String body, byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest =
          mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
