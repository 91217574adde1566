package io.pulseboard.config;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * The value checks settings share. Each throws {@link IllegalArgumentException} with the end of
 * the one line the operator sees, e.g. "must be a whole number from 0 to 65535, got 'x'".
 */
final class Parsers {
  static final Setting.Parser<Boolean> BOOLEAN = value -> switch (value.trim().toLowerCase()) {
    case "true", "1", "yes", "on" -> true;
    case "false", "0", "no", "off" -> false;
    default -> throw new IllegalArgumentException("must be true or false, got '" + value + "'");
  };

  private static final int MIN_TOKEN_LENGTH = 16;

  private Parsers() {}

  static Setting.Parser<Integer> intIn(int min, int max) {
    return value -> {
      try {
        int parsed = Integer.parseInt(value.trim());
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below with the allowed range
      }
      throw new IllegalArgumentException("must be a whole number from " + min + " to " + max + ", got '" + value + "'");
    };
  }

  /** An ISO-8601 duration ({@code PT90S}, {@code PT2M}) or a whole number of seconds, within bounds. */
  static Setting.Parser<Duration> durationIn(Duration min, Duration max) {
    return value -> {
      String v = value.trim();
      Duration parsed;
      try {
        parsed = v.matches("\\d{1,9}") ? Duration.ofSeconds(Long.parseLong(v)) : Duration.parse(v);
      } catch (DateTimeParseException e) {
        parsed = null;
      }
      if (parsed == null || parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
        throw new IllegalArgumentException("must be a duration from " + min + " to " + max
            + " (ISO-8601 like PT30S or PT2M, or whole seconds), got '" + value + "'");
      }
      return parsed;
    };
  }

  /**
   * An absolute http or https URL without user, query or fragment, as links are built on it; the
   * answer has no trailing slash.
   */
  static String publicUrl(String value) {
    String v = value.trim();
    URI uri;
    try {
      uri = new URI(v);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("must be an http or https URL such as https://kpi.example.com"
          + " (no user, query or fragment), got '" + value + "'");
    }
    return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
  }

  static String nonBlank(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException("must not be empty");
    }
    return value.trim();
  }

  static String token(String value) {
    if (value.length() < MIN_TOKEN_LENGTH || !value.matches("[\\x21-\\x7e]+")) {
      throw new IllegalArgumentException("must be at least " + MIN_TOKEN_LENGTH
          + " printable characters without spaces");
    }
    return value;
  }

  /** A PostgreSQL URL; blank means unset (the embedded database). */
  static String databaseUrl(String value) {
    if (value.isBlank()) {
      return null;
    }
    if (!value.startsWith("postgresql://") && !value.startsWith("postgres://")) {
      throw new IllegalArgumentException("must look like postgresql://user:pass@host:port/db");
    }
    try {
      PgConnectOptions.fromUri(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("is not a valid PostgreSQL URL: " + e.getMessage());
    }
    return value;
  }

  /** A file this process can read; blank means unset. */
  static Path readableFile(String value) {
    if (value.isBlank()) {
      return null;
    }
    Path file = Path.of(value.trim());
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("names no file: '" + value + "'");
    }
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("names a file this user cannot read: '" + value + "'");
    }
    return file;
  }

  static List<String> origins(String value) {
    List<String> origins = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String origin : origins) {
      if (!origin.equals("*") && !isOrigin(origin)) {
        throw new IllegalArgumentException("has '" + origin + "', which is not an origin like https://example.com or *");
      }
    }
    return origins;
  }

  private static boolean isOrigin(String origin) {
    try {
      URI uri = new URI(origin);
      return (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          && uri.getHost() != null && (uri.getPath() == null || uri.getPath().isEmpty());
    } catch (Exception e) {
      return false;
    }
  }
}
