package io.pulseboard.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Every setting of Pulseboard, in the order {@code --help} and the README list them. */
public final class Settings {
  public static final Setting<Integer> PORT = new Setting<>("PULSEBOARD_PORT", "8080",
      "HTTP port (0 = any free port, shared by every event loop; the start-up log line says which)",
      Parsers.intIn(0, 65535));
  public static final Setting<String> HOST = new Setting<>("PULSEBOARD_HOST", "0.0.0.0", "bind address",
      Parsers::nonBlank);
  public static final Setting<String> DATABASE_URL = new Setting<>("DATABASE_URL", null,
      "postgresql://user:pass@host:port/db; unset = embedded PostgreSQL", Parsers::databaseUrl);
  public static final Setting<Duration> DB_CONNECT_TIMEOUT = new Setting<>("PULSEBOARD_DB_CONNECT_TIMEOUT", "PT60S",
      "how long a start keeps retrying an unreachable DATABASE_URL, with backoff, before it exits with code 4"
          + " (ISO-8601 duration or seconds, 0 to PT24H; 0 = one attempt)",
      Parsers.durationIn(Duration.ZERO, Duration.ofHours(24)));
  public static final Setting<Path> DATA_DIR = new Setting<>("PULSEBOARD_DATA_DIR", "./data",
      "where the embedded PostgreSQL keeps its files; one process at a time", v -> Path.of(Parsers.nonBlank(v)));
  public static final Setting<Duration> DB_RESTART_TIMEOUT = new Setting<>("PULSEBOARD_DB_RESTART_TIMEOUT", "PT60S",
      "how long the embedded PostgreSQL may stay down after it died, restarted with backoff, before the process"
          + " exits with code 7 (ISO-8601 duration or seconds, 0 to PT24H; 0 = exit at once)",
      Parsers.durationIn(Duration.ZERO, Duration.ofHours(24)));
  public static final Setting<Boolean> DB_PREPARED_STATEMENTS = new Setting<>("PULSEBOARD_DB_PREPARED_STATEMENTS",
      "true", "keep each pooled connection's statements prepared on the server (parsed once, not per call); false"
          + " for a pooler or proxy that cannot keep a session's prepared statements", Parsers.BOOLEAN);
  public static final Setting<String> ADMIN_TOKEN = new Setting<>("PULSEBOARD_ADMIN_TOKEN", null,
      "write token (16+ printable characters); unset = one is generated on first start and printed once",
      Parsers::token);
  public static final Setting<String> READ_TOKEN = new Setting<>("PULSEBOARD_READ_TOKEN", null,
      "when set, reads, /ws, /metrics and the page's data need it", Parsers::token);
  public static final Setting<List<String>> ALLOWED_ORIGINS = new Setting<>("PULSEBOARD_ALLOWED_ORIGINS", null,
      "comma list of origins allowed to open /ws; unset = same origin", Parsers::origins);
  public static final Setting<Boolean> DEMO = new Setting<>("PULSEBOARD_DEMO", "false",
      "simulated live feed, points marked source \"demo\"", Parsers.BOOLEAN);
  public static final Setting<Boolean> SEED = new Setting<>("PULSEBOARD_SEED", "true",
      "seed the report's facts into an empty database", Parsers.BOOLEAN);
  public static final Setting<Integer> WS_MAX_CONNECTIONS = new Setting<>("PULSEBOARD_WS_MAX_CONNECTIONS", "20000",
      "WebSocket connections per instance; one more is closed with 1013", Parsers.intIn(1, 1_000_000));
  public static final Setting<Integer> WS_MAX_FRAME_BYTES = new Setting<>("PULSEBOARD_WS_MAX_FRAME_BYTES", "65536",
      "largest client message on /ws; a larger one gets an error frame, one over 4x this closes the socket with 1009",
      Parsers.intIn(256, 16 * 1024 * 1024));
  public static final Setting<Integer> WS_MAX_SUBSCRIPTIONS = new Setting<>("PULSEBOARD_WS_MAX_SUBSCRIPTIONS", "64",
      "subscriptions per socket", Parsers.intIn(1, 10_000));
  public static final Setting<Integer> WS_RESUME_LIMIT = new Setting<>("PULSEBOARD_WS_RESUME_LIMIT", "10000",
      "most changes a subscribe with since replays; further behind gets a snapshot with \"reset\":true",
      Parsers.intIn(0, 1_000_000));
  public static final Setting<Integer> WS_HEARTBEAT_MS = new Setting<>("PULSEBOARD_WS_HEARTBEAT_MS", "25000",
      "interval of server pings (heartbeat_ms in hello); a client silent for 3 intervals is closed",
      Parsers.intIn(100, 3_600_000));
  public static final Setting<Integer> WS_SEND_QUEUE_BYTES = new Setting<>("PULSEBOARD_WS_SEND_QUEUE_BYTES", "65536",
      "bytes queued for one socket before its pending changes merge per series", Parsers.intIn(1024, 64 * 1024 * 1024));
  public static final Setting<Integer> WS_SLOW_CLIENT_MS = new Setting<>("PULSEBOARD_WS_SLOW_CLIENT_MS", "30000",
      "how long a socket may stay blocked before it is closed with 1013", Parsers.intIn(100, 3_600_000));
  public static final Setting<Integer> WS_COALESCE_MS = new Setting<>("PULSEBOARD_WS_COALESCE_MS", "50",
      "longest pause between two update fan-outs; the pause follows the load, none while fan-outs keep up with the changes (0 = never pause)",
      Parsers.intIn(0, 10_000));
  public static final Setting<Integer> METRICS_MAX_SERIES = new Setting<>("PULSEBOARD_METRICS_MAX_SERIES", "10000",
      "most KPI series exported on /metrics (1 to 1000000); the rest are counted in"
          + " pulseboard_metric_series_dropped_total", Parsers.intIn(1, 1_000_000));

  // TLS (issue 13): HTTPS served by Pulseboard itself; a reverse proxy in front stays the usual way.
  public static final Setting<Path> TLS_CERT = new Setting<>("PULSEBOARD_TLS_CERT", null,
      "PEM file with the server's certificate chain; with PULSEBOARD_TLS_KEY, serves HTTPS (HTTP/2 by ALPN) and"
          + " reloads both files when they change", Parsers::readableFile);
  public static final Setting<Path> TLS_KEY = new Setting<>("PULSEBOARD_TLS_KEY", null,
      "PEM file with the private key of PULSEBOARD_TLS_CERT (PKCS#8 or PKCS#1, not encrypted)",
      Parsers::readableFile);
  // Limits and embedding (issue 13): frames and writes.
  public static final Setting<List<String>> FRAME_ANCESTORS = new Setting<>("PULSEBOARD_FRAME_ANCESTORS", null,
      "comma list of origins allowed to frame the page (https://intranet.example.com or 'self');"
          + " unset = none (frame-ancestors 'none', X-Frame-Options: DENY)", FrameAncestors::parse);
  public static final Setting<Integer> AUTH_FAILURE_LIMIT = new Setting<>("PULSEBOARD_AUTH_FAILURE_LIMIT", "5",
      "failed authentications (wrong or unknown tokens) per second per client address, twice that at once;"
          + " past it, requests with a token get 429 with Retry-After (1 to 100000)", Parsers.intIn(1, 100_000));
  public static final Setting<Integer> WRITE_RATE_LIMIT = new Setting<>("PULSEBOARD_WRITE_RATE_LIMIT", "0",
      "write requests per second per token, a second's worth at once; more get 429 with Retry-After (0 = no limit)",
      Parsers.intIn(0, 1_000_000));
  // Webhooks of alert channels (issue 12): where they may point, how long a delivery may take and be retried.
  public static final Setting<Boolean> WEBHOOK_ALLOW_PRIVATE = new Setting<>("PULSEBOARD_WEBHOOK_ALLOW_PRIVATE", "false",
      "allow webhook targets on loopback, private, link-local, unspecified or multicast addresses (refused by"
          + " default, against server-side request forgery)", Parsers.BOOLEAN);
  public static final Setting<Duration> WEBHOOK_TIMEOUT = new Setting<>("PULSEBOARD_WEBHOOK_TIMEOUT", "PT10S",
      "longest a webhook delivery attempt may take, name resolution and connecting included; then it is retried"
          + " (PT0.1S to PT5M)", Parsers.durationIn(Duration.ofMillis(100), Duration.ofMinutes(5)));
  public static final Setting<Duration> WEBHOOK_BACKOFF_MAX = new Setting<>("PULSEBOARD_WEBHOOK_BACKOFF_MAX", "PT30M",
      "longest wait between two attempts of a notification (exponential from 1 s, with full jitter; PT1S to PT24H)",
      Parsers.durationIn(Duration.ofSeconds(1), Duration.ofHours(24)));
  public static final Setting<String> PUBLIC_URL = new Setting<>("PULSEBOARD_PUBLIC_URL", null,
      "the address people open Pulseboard at (https://kpi.example.com); links in alert notifications start with it"
          + " (unset: links relative to the server)", Parsers::publicUrl);
  public static final Setting<Duration> WEBHOOK_RETRY_FOR = new Setting<>("PULSEBOARD_WEBHOOK_RETRY_FOR", "PT24H",
      "how long after its creation a notification is retried before it is marked failed (PT1S to P7D)",
      Parsers.durationIn(Duration.ofSeconds(1), Duration.ofDays(7)));

  /** All of them, in the documented order. */
  public static final List<Setting<?>> ALL = List.of(PORT, HOST, DATABASE_URL, DB_CONNECT_TIMEOUT, DATA_DIR,
      DB_RESTART_TIMEOUT, DB_PREPARED_STATEMENTS, ADMIN_TOKEN, READ_TOKEN, ALLOWED_ORIGINS, DEMO, SEED,
      WS_MAX_CONNECTIONS, WS_MAX_FRAME_BYTES, WS_MAX_SUBSCRIPTIONS, WS_RESUME_LIMIT, WS_HEARTBEAT_MS,
      WS_SEND_QUEUE_BYTES, WS_SLOW_CLIENT_MS, WS_COALESCE_MS, METRICS_MAX_SERIES, TLS_CERT, TLS_KEY, FRAME_ANCESTORS,
      AUTH_FAILURE_LIMIT, WRITE_RATE_LIMIT, WEBHOOK_ALLOW_PRIVATE, WEBHOOK_TIMEOUT, WEBHOOK_BACKOFF_MAX,
      WEBHOOK_RETRY_FOR, PUBLIC_URL);

  private Settings() {}
}
