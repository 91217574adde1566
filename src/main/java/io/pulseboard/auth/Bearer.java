package io.pulseboard.auth;

/** The token of an {@code Authorization: Bearer <token>} header (RFC 6750), the one place it is parsed. */
public final class Bearer {
  private static final String PREFIX = "bearer ";

  private Bearer() {}

  /** The token in this header value, or {@code null} when there is none. */
  public static String token(String header) {
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    String token = header.substring(PREFIX.length()).trim();
    return token.isEmpty() ? null : token;
  }
}
