package io.complaintsuite.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mints an agent's bearer token with the suite's local key (.suite/keys/private.pem, the one {@code
 * ./suite token} signs with), the same claims as test-support's {@code Tokens.forAgent}:
 * subject/upn the agent id, group {@code agent}, and the {@code department} claim. Intake lets an
 * agent act only on complaints assigned to them or queued in their department.
 */
final class AgentTokens {
  static final String LOCAL_ISSUER = "https://complaint-suite.local/issuer";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final PrivateKey key;
  private final String issuer;
  private final Duration lifetime;
  private final Map<String, String> minted = new ConcurrentHashMap<>();

  AgentTokens(Path privateKeyPem, String issuer, Duration lifetime) {
    this.issuer = issuer;
    this.lifetime = lifetime;
    try {
      String pem =
          Files.readString(privateKeyPem)
              .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
              .replaceAll("\\s", "");
      key =
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the local key " + privateKeyPem, e);
    }
  }

  /**
   * The token of whoever should act on a work order: its agent, or while it is queued (agent null)
   * an agent of its department.
   */
  String forWorkOrder(String agent, String department) {
    String who = agent != null ? agent : department + "-queue-agent";
    return minted.computeIfAbsent(who + "|" + department, k -> mint(who, department));
  }

  String mint(String agentId, String department) {
    long now = Instant.now().getEpochSecond();
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", issuer);
    claims.put("sub", agentId);
    claims.put("upn", agentId);
    claims.put("preferred_username", agentId);
    claims.putArray("groups").add("agent");
    if (department != null) {
      claims.put("department", department);
    }
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("iat", now);
    claims.put("exp", now + lifetime.toSeconds());
    try {
      String signingInput =
          B64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
              + "."
              + B64.encodeToString(JSON.writeValueAsBytes(claims));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(rsa.sign());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
