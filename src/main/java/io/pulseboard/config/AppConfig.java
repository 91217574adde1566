package io.pulseboard.config;

import static io.pulseboard.config.Settings.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The configuration of one process: every setting of {@link Settings}, parsed and checked. Values
 * come from the environment and from {@code --kebab-case} flags (see {@link RawSettings}).
 *
 * @param databaseUrl {@code null} means the embedded PostgreSQL under {@code dataDir}
 * @param adminToken {@code null} means a token is generated on first start
 * @param readToken {@code null} means reads are open
 * @param allowedOrigins empty means same origin only
 * @param webSocket the limits of {@code /ws}
 * @param metricsMaxSeries most KPI series exported on {@code /metrics}; the rest are counted, not exported
 * @param dbConnectTimeout how long a start retries an unreachable external database
 * @param dbRestartTimeout how long the embedded database may stay down before the process gives up
 * @param dbPreparedStatements whether pooled connections keep their statements prepared on the server
 * @param tls the certificate and key to serve HTTPS with; {@code null} means plain HTTP
 * @param frameAncestors origins (or {@code 'self'}) that may frame the page; empty means none
 * @param authFailureLimit failed authentications per second per client address
 * @param writeRateLimit write requests per second per token; 0 means no limit
 * @param webhooks where webhooks may point, and how their deliveries are timed and retried
 * @param publicUrl the address people open Pulseboard at, without a trailing slash; empty means
 *     links in notifications are relative
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
    int metricsMaxSeries,
    Duration dbConnectTimeout,
    Duration dbRestartTimeout,
    boolean dbPreparedStatements,
    TlsFiles tls,
    List<String> frameAncestors,
    int authFailureLimit,
    int writeRateLimit,
    Webhooks webhooks,
    String publicUrl) {

  /**
   * The configuration of a process from its environment and its flags (only settings' flags), or
   * a {@link ConfigException} naming the first bad value or argument.
   */
  public static AppConfig from(Map<String, String> env, List<String> args) {
    CommandLine line = SettingOptions.commandLine(SettingOptions.addTo(CommandSpec.create(), Settings.ALL));
    try {
      return of(env, SettingOptions.values(line.parseArgs(args.toArray(new String[0])), Settings.ALL));
    } catch (CommandLine.ParameterException e) {
      throw new ConfigException(SettingOptions.problem(e));
    }
  }

  /**
   * The configuration from the environment and the values of flags already parsed (by environment
   * name; see {@link SettingOptions#values}), or a {@link ConfigException} naming the first bad value.
   */
  public static AppConfig of(Map<String, String> env, Map<String, String> flags) {
    RawSettings raw = new RawSettings(env, flags, Settings.ALL);
    List<String> origins = ALLOWED_ORIGINS.read(raw);
    List<String> frameAncestors = FRAME_ANCESTORS.read(raw);
    String publicUrl = PUBLIC_URL.read(raw);
    return new AppConfig(
        PORT.read(raw),
        HOST.read(raw),
        DATABASE_URL.read(raw),
        DATA_DIR.read(raw),
        ADMIN_TOKEN.read(raw),
        READ_TOKEN.read(raw),
        origins == null ? List.of() : origins,
        DEMO.read(raw),
        SEED.read(raw),
        new WebSocketLimits(
            WS_MAX_CONNECTIONS.read(raw),
            WS_MAX_FRAME_BYTES.read(raw),
            WS_MAX_SUBSCRIPTIONS.read(raw),
            WS_RESUME_LIMIT.read(raw),
            WS_HEARTBEAT_MS.read(raw),
            WS_SEND_QUEUE_BYTES.read(raw),
            WS_SLOW_CLIENT_MS.read(raw),
            WS_COALESCE_MS.read(raw)),
        METRICS_MAX_SERIES.read(raw),
        DB_CONNECT_TIMEOUT.read(raw),
        DB_RESTART_TIMEOUT.read(raw),
        DB_PREPARED_STATEMENTS.read(raw),
        TlsFiles.of(TLS_CERT.read(raw), TLS_KEY.read(raw)),
        frameAncestors == null ? List.of() : frameAncestors,
        AUTH_FAILURE_LIMIT.read(raw),
        WRITE_RATE_LIMIT.read(raw),
        new Webhooks(WEBHOOK_ALLOW_PRIVATE.read(raw), WEBHOOK_TIMEOUT.read(raw), WEBHOOK_BACKOFF_MAX.read(raw),
            WEBHOOK_RETRY_FOR.read(raw)),
        publicUrl == null ? "" : publicUrl);
  }

  /** The flag that sets a setting: {@code PULSEBOARD_DATA_DIR} is {@code --data-dir}. */
  public static String flagOf(String envName) {
    return RawSettings.flagOf(envName);
  }

  public boolean embeddedDatabase() {
    return databaseUrl == null;
  }
}
