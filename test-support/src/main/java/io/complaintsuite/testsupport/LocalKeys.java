package io.complaintsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The project-local RSA key that signs local bearer tokens. Generated once under .suite/keys
 * (git-ignored); services verify with its public half, so no identity provider has to run.
 */
public final class LocalKeys {
  private static final String PRIVATE = "private.pem";
  private static final String PUBLIC = "public.pem";

  private LocalKeys() {}

  public static Path dir() {
    return SuiteSettings.state().resolve("keys");
  }

  /** Creates the key pair unless it exists; safe when several processes race for it. */
  public static synchronized void ensure() {
    Path dir = dir();
    if (Files.isRegularFile(dir.resolve(PRIVATE)) && Files.isRegularFile(dir.resolve(PUBLIC))) {
      return;
    }
    try {
      Files.createDirectories(dir);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Path tmpPrivate = Files.createTempFile(dir, "private", ".tmp");
      Path tmpPublic = Files.createTempFile(dir, "public", ".tmp");
      Files.writeString(tmpPrivate, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      Files.writeString(tmpPublic, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      try {
        Files.setPosixFilePermissions(tmpPrivate, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's ACL applies.
      }
      // Public first: a reader that sees the private key always finds its public half.
      Files.move(tmpPublic, dir.resolve(PUBLIC), StandardCopyOption.ATOMIC_MOVE);
      Files.move(tmpPrivate, dir.resolve(PRIVATE), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The base64 body of the public key, the form {@code quarkus.oidc.public-key} takes. */
  public static String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(publicKey().getEncoded());
  }

  public static PublicKey publicKey() {
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(read(PUBLIC)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static PrivateKey privateKey() {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(read(PRIVATE)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] read(String name) {
    ensure();
    try {
      String pem = Files.readString(dir().resolve(name), StandardCharsets.US_ASCII);
      String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return Base64.getDecoder().decode(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
