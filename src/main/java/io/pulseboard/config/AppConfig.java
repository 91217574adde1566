package io.pulseboard.config;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of Pulseboard, its default and its validation. Values come from the
 * environment and from {@code --kebab-case} flags (see {@link RawSettings}).
 *
 * @param databaseUrl {@code null} means the embedded PostgreSQL under {@code dataDir}
 * @param adminToken {@code null} means a token is generated on first start
 * @param readToken {@code null} means reads are open
 * @param allowedOrigins empty means same origin only
 * @param webSocket the limits of {@code /ws}
 * @param metricsMaxSeries most KPI series exported on {@code /metrics}; the rest are counted, not exported
 */
public record AppConfig(
    int port,
    String host,
    String databaseUrl,
    Path dataDir,
    String adminToken,
    String readToken,
    List<String> allowedOrigins,
    boolean demo,
    boolean seed,
    WebSocketLimits webSocket,
    int metricsMaxSeries) {

  /** Names, defaults and meanings, in the order {@code --help} lists them. */
  public static final Map<String, String> HELP = new LinkedHashMap<>();

  static {
    HELP.put("PULSEBOARD_PORT", "8080|HTTP port (0 = any free port)");
    HELP.put("PULSEBOARD_HOST", "0.0.0.0|bind address");
    HELP.put("DATABASE_URL", "|postgresql://user:pass@host:port/db; unset = embedded PostgreSQL");
    HELP.put("PULSEBOARD_DATA_DIR", "./data|where the embedded PostgreSQL keeps its files");
    HELP.put("PULSEBOARD_ADMIN_TOKEN", "|write token; unset = generated on first start, printed once");
    HELP.put("PULSEBOARD_READ_TOKEN", "|when set, reads, /ws and /metrics need it");
    HELP.put("PULSEBOARD_ALLOWED_ORIGINS", "|comma list of origins allowed to open /ws; unset = same origin");
    HELP.put("PULSEBOARD_DEMO", "false|simulated live feed, source \"demo\"");
    HELP.put("PULSEBOARD_SEED", "true|seed the report's facts into an empty database");
    HELP.put("PULSEBOARD_WS_MAX_CONNECTIONS", "20000|WebSocket connections per instance; more are closed with 1013");
    HELP.put("PULSEBOARD_WS_MAX_FRAME_BYTES", "65536|largest client message on /ws; larger ones get an error frame");
    HELP.put("PULSEBOARD_WS_MAX_SUBSCRIPTIONS", "64|subscriptions per WebSocket");
    HELP.put("PULSEBOARD_WS_RESUME_LIMIT", "10000|most changes a resume replays; further behind gets a reset snapshot");
    HELP.put("PULSEBOARD_WS_HEARTBEAT_MS", "25000|interval of WebSocket pings; silent clients are closed after 3");
    HELP.put("PULSEBOARD_WS_SEND_QUEUE_BYTES", "65536|bytes queued for a socket before its changes merge");
    HELP.put("PULSEBOARD_WS_SLOW_CLIENT_MS", "30000|how long a socket may stay blocked before it is closed with 1013");
    HELP.put("PULSEBOARD_WS_COALESCE_MS", "50|changes within this many ms of the last update go out together (0 = never wait)");
    HELP.put("PULSEBOARD_METRICS_MAX_SERIES", "10000|most KPI series exported on /metrics (1 to 1000000)");
  }

  private static final Set<String> SWITCHES = Set.of("PULSEBOARD_DEMO", "PULSEBOARD_SEED");
  private static final int MIN_TOKEN_LENGTH = 16;
  private static final int MAX_EXPORTED_SERIES = 1_000_000;

  /** The configuration of a process, or a {@link ConfigException} naming the first bad value. */
  public static AppConfig from(Map<String, String> env, List<String> args) {
    RawSettings raw = new RawSettings(env, args, HELP.keySet(), SWITCHES);
    return new AppConfig(
        intIn(raw, "PULSEBOARD_PORT", 8080, 0, 65535),
        nonBlank(raw, "PULSEBOARD_HOST", "0.0.0.0"),
        databaseUrl(raw),
        Path.of(nonBlank(raw, "PULSEBOARD_DATA_DIR", "./data")),
        token(raw, "PULSEBOARD_ADMIN_TOKEN"),
        token(raw, "PULSEBOARD_READ_TOKEN"),
        origins(raw),
        bool(raw, "PULSEBOARD_DEMO", false),
        bool(raw, "PULSEBOARD_SEED", true),
        new WebSocketLimits(
            intIn(raw, "PULSEBOARD_WS_MAX_CONNECTIONS", 20_000, 1, 1_000_000),
            intIn(raw, "PULSEBOARD_WS_MAX_FRAME_BYTES", 65_536, 256, 16 * 1024 * 1024),
            intIn(raw, "PULSEBOARD_WS_MAX_SUBSCRIPTIONS", 64, 1, 10_000),
            intIn(raw, "PULSEBOARD_WS_RESUME_LIMIT", 10_000, 0, 1_000_000),
            intIn(raw, "PULSEBOARD_WS_HEARTBEAT_MS", 25_000, 100, 3_600_000),
            intIn(raw, "PULSEBOARD_WS_SEND_QUEUE_BYTES", 65_536, 1024, 64 * 1024 * 1024),
            intIn(raw, "PULSEBOARD_WS_SLOW_CLIENT_MS", 30_000, 100, 3_600_000),
            intIn(raw, "PULSEBOARD_WS_COALESCE_MS", 50, 0, 10_000)),
        intIn(raw, "PULSEBOARD_METRICS_MAX_SERIES", 10_000, 1, MAX_EXPORTED_SERIES));
  }

  /** The flag that sets a setting: {@code PULSEBOARD_DATA_DIR} is {@code --data-dir}. */
  public static String flagOf(String envName) {
    return RawSettings.flagOf(envName);
  }

  public boolean embeddedDatabase() {
    return databaseUrl == null;
  }

  private static String describe(String name) {
    return name + " (" + RawSettings.flagOf(name) + ")";
  }

  private static int intIn(RawSettings raw, String name, int fallback, int min, int max) {
    String value = raw.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw new ConfigException(describe(name) + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
  }

  private static String nonBlank(RawSettings raw, String name, String fallback) {
    String value = raw.get(name);
    if (value == null) {
      return fallback;
    }
    if (value.isBlank()) {
      throw new ConfigException(describe(name) + " must not be empty");
    }
    return value.trim();
  }

  private static boolean bool(RawSettings raw, String name, boolean fallback) {
    String value = raw.get(name);
    if (value == null) {
      return fallback;
    }
    return switch (value.trim().toLowerCase()) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new ConfigException(describe(name) + " must be true or false, got '" + value + "'");
    };
  }

  private static String token(RawSettings raw, String name) {
    String value = raw.get(name);
    if (value == null) {
      return null;
    }
    if (value.length() < MIN_TOKEN_LENGTH || !value.matches("[\\x21-\\x7e]+")) {
      throw new ConfigException(describe(name) + " must be at least " + MIN_TOKEN_LENGTH
          + " printable characters without spaces");
    }
    return value;
  }

  private static String databaseUrl(RawSettings raw) {
    String value = raw.get("DATABASE_URL");
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!value.startsWith("postgresql://") && !value.startsWith("postgres://")) {
      throw new ConfigException(describe("DATABASE_URL") + " must look like postgresql://user:pass@host:port/db");
    }
    try {
      PgConnectOptions.fromUri(value);
    } catch (RuntimeException e) {
      throw new ConfigException(describe("DATABASE_URL") + " is not a valid PostgreSQL URL: " + e.getMessage());
    }
    return value;
  }

  private static List<String> origins(RawSettings raw) {
    String value = raw.get("PULSEBOARD_ALLOWED_ORIGINS");
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<String> origins = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String origin : origins) {
      if (!origin.equals("*") && !isOrigin(origin)) {
        throw new ConfigException(describe("PULSEBOARD_ALLOWED_ORIGINS") + " has '" + origin
            + "', which is not an origin like https://example.com or *");
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
