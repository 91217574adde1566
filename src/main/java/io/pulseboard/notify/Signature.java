package io.pulseboard.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Pulseboard-Signature} of a webhook body: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}
 * of {@code "<t>.<body>"}, keyed with the channel's secret as written (its UTF-8 bytes). The time
 * is signed too, so a receiver can refuse a replay of an old body; docs/alerts.md has a verifier.
 */
public final class Signature {
  /** The header that carries it. */
  public static final String HEADER = "X-Pulseboard-Signature";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SECRET_BYTES = 32;

  private Signature() {}

  /** A new channel secret: 32 random bytes, base64url without padding (43 characters). */
  public static String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The header's value for this body, sent at {@code epochSeconds}. */
  public static String header(String secret, long epochSeconds, byte[] body) {
    return "t=" + epochSeconds + ",v1=" + hmac(secret, epochSeconds, body);
  }

  /** The hex HMAC-SHA256 of {@code "<t>.<body>"} with this secret. */
  public static String hmac(String secret, long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
