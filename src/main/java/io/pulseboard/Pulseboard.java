package io.pulseboard;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pulseboard.auth.AccessTokens;
import io.pulseboard.config.AppConfig;
import io.pulseboard.db.Database;
import io.pulseboard.db.EmbeddedDatabase;
import io.pulseboard.db.Migrations;
import io.pulseboard.db.TokenRepository;
import io.pulseboard.feed.ChangeFeedVerticle;
import io.pulseboard.feed.FeedBacklog;
import io.pulseboard.http.ApiRouter;
import io.pulseboard.http.HttpVerticle;
import io.pulseboard.kpi.KpiExporterVerticle;
import io.pulseboard.telemetry.MetricsSetup;
import io.pulseboard.telemetry.ScrapeHandler;
import io.pulseboard.telemetry.ServerMeters;
import io.pulseboard.seed.DemoVerticle;
import io.pulseboard.seed.Seeder;
import io.pulseboard.ws.LiveService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Pulseboard: its database (embedded or external), its Vert.x with metrics, and its
 * verticles. {@link Main} starts one per process; tests start as many as they need.
 */
public final class Pulseboard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pulseboard.class);
  private static final long DEMO_PERIOD_MS = 3000;

  private final Vertx vertx;
  private final EmbeddedDatabase embedded;
  private final Pool pool;
  private final int port;
  private final PrometheusMeterRegistry registry;
  private final Runnable releaseRuntimeMeters;

  private Pulseboard(Vertx vertx, EmbeddedDatabase embedded, Pool pool, int port, PrometheusMeterRegistry registry,
      Runnable releaseRuntimeMeters) {
    this.vertx = vertx;
    this.embedded = embedded;
    this.pool = pool;
    this.port = port;
    this.registry = registry;
    this.releaseRuntimeMeters = releaseRuntimeMeters;
  }

  /** Starts everything and returns once the HTTP port is open. Blocks: call it from main or tests. */
  public static Pulseboard start(AppConfig config) throws IOException {
    EmbeddedDatabase embedded = config.embeddedDatabase() ? EmbeddedDatabase.start(config.dataDir()) : null;
    String url = embedded != null ? embedded.url() : config.databaseUrl();
    PrometheusMeterRegistry registry = MetricsSetup.registry();
    Runnable releaseRuntimeMeters = MetricsSetup.bindRuntimeMeters(registry);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(MetricsSetup.vertxOptions()))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    try {
      PgConnectOptions connectOptions = Database.connectOptions(url);
      Pool pool = Database.pool(vertx, connectOptions);
      AccessTokens tokens = prepare(pool, config);
      int port = deploy(vertx, pool, connectOptions, tokens, registry, config);
      LOG.info("Pulseboard listening on http://{}:{} (database: {}{})", displayHost(config.host()), port,
          embedded != null ? "embedded PostgreSQL, data in " : Database.describe(url),
          embedded != null ? embedded.dataDir() : "");
      return new Pulseboard(vertx, embedded, pool, port, registry, releaseRuntimeMeters);
    } catch (RuntimeException | Error e) {
      vertx.close().await();
      releaseRuntimeMeters.run();
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  /** Migrates the database, loads the access tokens and seeds an empty database; blocks. */
  private static AccessTokens prepare(Pool pool, AppConfig config) {
    Migrations.fromClasspath(pool).migrate().await();
    AccessTokens tokens = AccessTokens.load(config.adminToken(), config.readToken(), new TokenRepository(pool))
        .await();
    if (config.seed()) {
      new Seeder(pool).seedIfEmpty().await();
    }
    return tokens;
  }

  /**
   * Deploys, in order, the change feed, the KPI exporter, the live service, one HTTP server per
   * core and the demo feed; blocks, and answers the HTTP port.
   */
  private static int deploy(Vertx vertx, Pool pool, PgConnectOptions connectOptions, AccessTokens tokens,
      PrometheusMeterRegistry registry, AppConfig config) {
    ServerMeters meters = new ServerMeters(registry);
    meters.databasePool(pool, Database.POOL_SIZE);
    PgConnectOptions feedOptions = new PgConnectOptions(connectOptions);
    feedOptions.setMetricsName("pulseboard-feed");
    FeedBacklog backlog = new FeedBacklog(FeedBacklog.LIMIT);
    meters.feedBacklog(backlog::items);
    vertx.deployVerticle(new ChangeFeedVerticle(pool, feedOptions, meters, backlog)).await();
    vertx.deployVerticle(new KpiExporterVerticle(pool, registry, config.metricsMaxSeries(),
        KpiExporterVerticle.DEFINITIONS_POLL_MS)).await();
    ApiRouter api = new ApiRouter(vertx, pool, tokens, meters, new ScrapeHandler(registry));
    LiveService live = new LiveService(vertx, pool, tokens, meters, config.allowedOrigins(), config.webSocket(),
        backlog);
    live.start().await();
    List<HttpVerticle> servers = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> {
      HttpVerticle server = new HttpVerticle(config.host(), config.port(), v -> api.build(), live);
      servers.add(server);
      return server;
    }, new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors())).await();
    if (config.demo()) {
      vertx.deployVerticle(new DemoVerticle(pool, DEMO_PERIOD_MS)).await();
    }
    return servers.get(0).actualPort();
  }

  public int port() {
    return port;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Pool pool() {
    return pool;
  }

  /** The registry {@code /metrics} exposes. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Stops accepting, finishes in-flight requests, closes sockets and the pool, then the embedded database. */
  @Override
  public void close() throws IOException {
    try {
      vertx.close().await();
    } finally {
      releaseRuntimeMeters.run();
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static String displayHost(String host) {
    return host.equals("0.0.0.0") ? "localhost" : host;
  }
}
