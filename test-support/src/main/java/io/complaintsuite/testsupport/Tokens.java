package io.complaintsuite.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/** Mints bearer tokens signed by the local key, as the local identity provider would. */
public final class Tokens {
  public static final List<String> ROLES =
      List.of("channel", "agent", "supervisor", "admin", "kb-editor", "bot");

  /** The claim naming an agent's department (Keycloak: the user attribute of the same name). */
  public static final String DEPARTMENT_CLAIM = "department";

  private Tokens() {}

  public static String forRole(String role) {
    return mint(role + "-user", List.of(role), Duration.ofMinutes(30), SuiteSettings.LOCAL_ISSUER);
  }

  public static String forUser(String user, String... roles) {
    return mint(user, List.of(roles), Duration.ofMinutes(30), SuiteSettings.LOCAL_ISSUER);
  }

  /**
   * An agent's token: role {@code agent}, subject and {@code upn} {@code agentId} (the id routing
   * puts on the work order), and the {@code department} claim that lets them act on complaints
   * queued in that department (intake's "who may act", docs/api.md).
   */
  public static String forAgent(String agentId, String department) {
    return mint(
        agentId, List.of("agent"), Duration.ofMinutes(30), SuiteSettings.LOCAL_ISSUER, department);
  }

  /** A token with any lifetime (negative: already expired) and issuer, for security tests. */
  public static String mint(String user, List<String> roles, Duration lifetime, String issuer) {
    return mint(user, roles, lifetime, issuer, null);
  }

  /** The same with a {@code department} claim (null: none). */
  public static String mint(
      String user, List<String> roles, Duration lifetime, String issuer, String department) {
    JwtClaims claims = new JwtClaims();
    if (department != null) {
      claims.setClaim(DEPARTMENT_CLAIM, department);
    }
    claims.setIssuer(issuer);
    claims.setSubject(user);
    claims.setClaim("upn", user);
    claims.setClaim("preferred_username", user);
    claims.setStringListClaim("groups", roles);
    claims.setJwtId(UUID.randomUUID().toString());
    NumericDate now = NumericDate.now();
    claims.setIssuedAt(now);
    NumericDate expiry = NumericDate.now();
    expiry.addSeconds(lifetime.toSeconds());
    claims.setExpirationTime(expiry);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(LocalKeys.privateKey());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setHeader("typ", "JWT");
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }
}
