package io.complaintsuite.survey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.complaintsuite.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signing and verification of survey links, without the service. */
class SurveyTokensTest {
  static final String OLD = "k2024:" + key("old-key-old-key-old-key-old-key-old-key");
  static final String NEW = "k2025:" + key("new-key-new-key-new-key-new-key-new-key");
  static final String SURVEY = "SV-0123456789abcdef0123456789abcdef";

  final MutableClock clock = new MutableClock();

  static String key(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void aSignedTokenVerifiesUntilItExpires() {
    SurveyTokens tokens = new SurveyTokens(clock, List.of(NEW));
    Instant expiry = clock.instant().plusSeconds(3600);
    String token = tokens.sign(SURVEY, expiry);
    SurveyTokens.Verdict v = tokens.verify(token);
    assertEquals(SurveyTokens.Status.VALID, v.status());
    assertEquals(SURVEY, v.surveyId());
    assertEquals(expiry, v.expiresAt());

    clock.set(expiry.minusSeconds(1));
    assertTrue(tokens.verify(token).valid());
    clock.set(expiry);
    assertEquals(SurveyTokens.Status.EXPIRED, tokens.verify(token).status());
  }

  @Test
  void anyChangedCharacterIsForged() {
    SurveyTokens tokens = new SurveyTokens(clock, List.of(NEW));
    String token = tokens.sign(SURVEY, clock.instant().plusSeconds(3600));
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      String changed = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
      assertEquals(SurveyTokens.Status.FORGED, tokens.verify(changed).status(), "changed at " + i);
    }
    // A later expiry with the old signature (the classic tampering) is forged too.
    String[] parts = token.split("\\.");
    String extended =
        String.join(
            ".",
            parts[0],
            parts[1],
            parts[2],
            Long.toString(Long.parseLong(parts[3]) + 86400),
            parts[4]);
    assertEquals(SurveyTokens.Status.FORGED, tokens.verify(extended).status());
    for (String junk : new String[] {"", "x", "v1....", "v1.k2025." + SURVEY + ".1.", "<script>"}) {
      assertEquals(SurveyTokens.Status.FORGED, tokens.verify(junk).status(), junk);
    }
    assertEquals(SurveyTokens.Status.FORGED, tokens.verify(null).status());
    assertEquals(SurveyTokens.Status.FORGED, tokens.verify("v1." + "a".repeat(300)).status());
  }

  @Test
  void rotationNewKeySignsOldKeyStillVerifiesRemovedKeyDoesNot() {
    Instant expiry = clock.instant().plusSeconds(3600);
    String fromOld = new SurveyTokens(clock, List.of(OLD)).sign(SURVEY, expiry);
    SurveyTokens rotated = new SurveyTokens(clock, List.of(NEW, OLD));
    assertTrue(rotated.verify(fromOld).valid(), "links sent before the rotation still work");
    String fromNew = rotated.sign(SURVEY, expiry);
    assertTrue(fromNew.startsWith("v1.k2025."), fromNew);
    SurveyTokens retired = new SurveyTokens(clock, List.of(NEW));
    assertTrue(retired.verify(fromNew).valid());
    assertEquals(SurveyTokens.Status.FORGED, retired.verify(fromOld).status());
  }

  @Test
  void weakOrMalformedKeysAreRefusedAtStart() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new SurveyTokens(clock, List.of("k:" + key("short"))));
    assertThrows(IllegalArgumentException.class, () -> new SurveyTokens(clock, List.of("nocolon")));
    assertThrows(
        IllegalArgumentException.class, () -> new SurveyTokens(clock, List.of("k:not base64!")));
    assertThrows(IllegalArgumentException.class, () -> new SurveyTokens(clock, List.of(NEW, NEW)));
    assertThrows(IllegalArgumentException.class, () -> new SurveyTokens(clock, List.of()));
  }
}
