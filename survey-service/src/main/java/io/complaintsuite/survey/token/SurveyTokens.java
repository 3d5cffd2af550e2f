package io.complaintsuite.survey.token;

import io.complaintsuite.survey.settings.SurveySettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The survey link's token: {@code v1.KID.SURVEYID.EXPIRY.MAC}, where MAC is the base64url
 * HMAC-SHA256 of {@code v1|KID|SURVEYID|EXPIRY} with the key KID from {@code survey.token.keys}.
 * The first key signs and every listed key verifies, so keys rotate without breaking links already
 * sent. Signature and expiry are checked here, without the database; single use is the database's
 * job (one answer row per survey).
 */
@Singleton
public class SurveyTokens {
  private static final Pattern SURVEY_ID = Pattern.compile("SV-[A-Za-z0-9]{6,40}");
  private static final Pattern KID = Pattern.compile("[A-Za-z0-9_-]{1,20}");
  private static final int MIN_KEY_BYTES = 32;

  /** What a token says once its signature checked out, or why it was refused. */
  public record Verdict(Status status, String surveyId, Instant expiresAt) {
    public boolean valid() {
      return status == Status.VALID;
    }
  }

  public enum Status {
    VALID,
    EXPIRED,
    FORGED
  }

  private final Clock clock;
  private final String signingKid;
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

  @Inject
  public SurveyTokens(Clock clock, SurveySettings settings) {
    this(clock, settings.token().keys());
  }

  /** Tokens with the given {@code kid:base64secret} keys (the first signs). */
  public SurveyTokens(Clock clock, List<String> configuredKeys) {
    this.clock = clock;
    for (String entry : configuredKeys) {
      int colon = entry.indexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException(
            "survey.token.keys: '" + kidOf(entry) + "' is not kid:base64secret");
      }
      String kid = entry.substring(0, colon).trim();
      if (!KID.matcher(kid).matches()) {
        throw new IllegalArgumentException("survey.token.keys: bad key id " + kid);
      }
      byte[] secret;
      try {
        secret = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("survey.token.keys: key " + kid + " is not base64");
      }
      if (secret.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            "survey.token.keys: key " + kid + " has " + secret.length + " bytes; at least 32");
      }
      if (keys.put(kid, new SecretKeySpec(secret, "HmacSHA256")) != null) {
        throw new IllegalArgumentException("survey.token.keys: key id " + kid + " twice");
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("survey.token.keys: no key");
    }
    this.signingKid = keys.keySet().iterator().next();
  }

  private static String kidOf(String entry) {
    return entry.length() > 8 ? entry.substring(0, 8) + "…" : entry; // never log a secret
  }

  public String sign(String surveyId, Instant expiresAt) {
    if (!SURVEY_ID.matcher(surveyId).matches()) {
      throw new IllegalArgumentException("not a survey id: " + surveyId);
    }
    String body = "v1." + signingKid + "." + surveyId + "." + expiresAt.getEpochSecond();
    return body + "." + mac(keys.get(signingKid), body);
  }

  /** Checks the signature (constant time) and the expiry; never throws on any input. */
  public Verdict verify(String token) {
    if (token == null || token.length() > 200) {
      return forged();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 5 || !parts[0].equals("v1")) {
      return forged();
    }
    SecretKeySpec key = keys.get(parts[1]);
    if (key == null || !SURVEY_ID.matcher(parts[2]).matches() || !parts[3].matches("\\d{1,12}")) {
      return forged();
    }
    String body = parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3];
    byte[] expected = mac(key, body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[4].getBytes(StandardCharsets.US_ASCII))) {
      return forged();
    }
    Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
    if (!clock.instant().isBefore(expiresAt)) {
      return new Verdict(Status.EXPIRED, parts[2], expiresAt);
    }
    return new Verdict(Status.VALID, parts[2], expiresAt);
  }

  private static Verdict forged() {
    return new Verdict(Status.FORGED, null, null);
  }

  private static String mac(SecretKeySpec key, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
