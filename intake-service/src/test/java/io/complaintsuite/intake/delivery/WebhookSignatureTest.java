package io.complaintsuite.intake.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  /**
   * The test vector of the Standard Webhooks reference libraries (secret, id, timestamp, body and
   * the signature they expect), so our signer agrees with every receiver built on them.
   */
  @Test
  void signsLikeTheStandardsReferenceImplementation() {
    byte[] key = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    assertEquals(
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        WebhookSignature.header(
            "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}", List.of(key)));
  }

  @Test
  void duringARotationBothKeysSignSpaceSeparated() {
    byte[] key = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    String header =
        WebhookSignature.header(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            "{\"test\": 2432232314}",
            List.of(new byte[24], key));
    assertEquals(2, header.split(" ").length);
    assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", header.split(" ")[1]);
  }
}
