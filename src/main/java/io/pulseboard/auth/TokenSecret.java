package io.pulseboard.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret of a token: 32 random bytes after the prefix {@code pb_}, which lets secret
 * scanners recognise a leaked one; stored only as its SHA-256 hash.
 */
public final class TokenSecret {
  /** What every secret Pulseboard makes starts with. */
  public static final String PREFIX = "pb_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenSecret() {}

  /** A new secret. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The hash that is stored and compared (in constant time) instead of the secret. */
  public static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
