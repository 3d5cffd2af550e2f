package io.complaintsuite.intake.channel;

import io.complaintsuite.intake.settings.IntakeSettings;
import io.complaintsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing secrets as the Standard Webhooks specification writes them ({@code whsec_} + base64 of
 * the key bytes), sealed with AES-GCM at rest so a database dump does not hand out the keys.
 */
@ApplicationScoped
public class SigningSecrets {
  static final String PREFIX = "whsec_";
  private static final int NONCE_BYTES = 12;
  private final SecretKeySpec sealingKey;
  private final SecureRandom random = new SecureRandom();

  public SigningSecrets(IntakeSettings settings) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(settings.delivery().secretKey());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("intake.delivery.secret-key is not base64", e);
    }
    if (key.length != 32) {
      throw new IllegalStateException("intake.delivery.secret-key must be 32 bytes (base64)");
    }
    this.sealingKey = new SecretKeySpec(key, "AES");
  }

  /** The key bytes of a secret as an admin gives it; 400 naming {@code field} otherwise. */
  public static byte[] parse(String secret, String field) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      throw ProblemException.badField(field, "must be whsec_ followed by base64 of 24 to 64 bytes");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badField(field, "must be whsec_ followed by base64 of 24 to 64 bytes");
    }
    if (key.length < 24 || key.length > 64) {
      throw ProblemException.badField(field, "key must be 24 to 64 bytes, was " + key.length);
    }
    return key;
  }

  /** What the API shows of a secret: enough to tell two apart, nothing to sign with. */
  public static String fingerprint(byte[] key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] seal(byte[] key) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, sealingKey, new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(key);
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] unseal(byte[] sealed) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, sealingKey, new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
      return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a signing secret cannot be unsealed with this key", e);
    }
  }
}
