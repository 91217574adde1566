package io.pulseboard.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of {@code X-Pulseboard-Signature}, written from the recipe in docs/alerts.md
 * ("Signatures") and nothing else: read {@code t} and {@code v1} from the comma-separated
 * {@code key=value} pairs; compute the HMAC-SHA256 of {@code "<t>.<raw body>"} keyed with the
 * channel's secret as UTF-8 bytes; compare with {@code v1} (hex) in constant time; refuse a
 * {@code t} more than five minutes from now.
 */
final class SignatureRecipe {
  static final long TOLERANCE_SECONDS = 300;

  private SignatureRecipe() {}

  static boolean verify(String secret, String header, byte[] rawBody, long nowSeconds) throws Exception {
    Map<String, String> parts = new HashMap<>();
    for (String pair : header.split(",")) {
      String[] kv = pair.split("=", 2);
      parts.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    long t = Long.parseLong(parts.get("t"));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = mac.doFinal(rawBody);
    byte[] given = HexFormat.of().parseHex(parts.getOrDefault("v1", ""));
    return Math.abs(nowSeconds - t) <= TOLERANCE_SECONDS && MessageDigest.isEqual(expected, given);
  }
}
