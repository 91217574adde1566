package io.pulseboard;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pulseboard.alert.AlertBook;
import io.pulseboard.alert.AlertEvaluatorVerticle;
import io.pulseboard.alert.AlertGauges;
import io.pulseboard.auth.AuthFailureLimit;
import io.pulseboard.auth.BoardGrants;
import io.pulseboard.auth.EnvironmentTokens;
import io.pulseboard.auth.TokenRegistry;
import io.pulseboard.auth.TokenWatchVerticle;
import io.pulseboard.auth.WriteRateLimit;
import io.pulseboard.config.AppConfig;
import io.pulseboard.db.AlertRepository;
import io.pulseboard.db.BoardRepository;
import io.pulseboard.db.Database;
import io.pulseboard.db.DatabaseProbe;
import io.pulseboard.db.DatabaseStatus;
import io.pulseboard.db.DatabaseWait;
import io.pulseboard.db.EmbeddedDatabase;
import io.pulseboard.db.EmbeddedSupervisor;
import io.pulseboard.db.GroupCommit;
import io.pulseboard.db.LocalWrites;
import io.pulseboard.db.MetricCatalogue;
import io.pulseboard.db.MetricRepository;
import io.pulseboard.db.Migrations;
import io.pulseboard.db.Notifications;
import io.pulseboard.db.OutboxRepository;
import io.pulseboard.db.TokenRepository;
import io.pulseboard.feed.ChangeFeedVerticle;
import io.pulseboard.feed.EventFeedVerticle;
import io.pulseboard.feed.FeedBacklog;
import io.pulseboard.feed.MetricWatchVerticle;
import io.pulseboard.http.ApiRouter;
import io.pulseboard.http.ServerCertificate;
import io.pulseboard.kpi.KpiExporterVerticle;
import io.pulseboard.notify.DeliveryVerticle;
import io.pulseboard.notify.RetrySchedule;
import io.pulseboard.notify.WebhookTargets;
import io.pulseboard.seed.DemoVerticle;
import io.pulseboard.seed.Seeder;
import io.pulseboard.telemetry.MetricsSetup;
import io.pulseboard.telemetry.ScrapeHandler;
import io.pulseboard.telemetry.ServerMeters;
import io.pulseboard.ws.LiveService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Pulseboard: its database (embedded or external), its Vert.x with metrics, and its
 * verticles. {@link Main} starts one per process; tests start as many as they need.
 */
public final class Pulseboard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pulseboard.class);
  private static final long DEMO_PERIOD_MS = 3000;
  /** Webhook calls in flight per instance: a hung receiver holds one place, never the others. */
  private static final int DELIVERY_CONCURRENCY = 16;

  private final Vertx vertx;
  private final Teardown parts;
  private final Pool pool;
  private final int port;
  private final PrometheusMeterRegistry registry;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Pulseboard(Vertx vertx, Teardown parts, Pool pool, int port, PrometheusMeterRegistry registry) {
    this.vertx = vertx;
    this.parts = parts;
    this.pool = pool;
    this.port = port;
    this.registry = registry;
  }

  /**
   * Starts everything and returns once the HTTP port is open; if the embedded database later dies
   * for good, only logs it. Blocks: call it from main or tests.
   */
  public static Pulseboard start(AppConfig config) throws IOException {
    return start(config, () -> LOG.error("The database is lost; this instance keeps answering 503"));
  }

  /**
   * Starts everything and returns once the HTTP port is open. Blocks. Throws a
   * {@link StartupFailure} for what the operator can fix, having stopped whatever it had started.
   *
   * @param onDatabaseLost run once when the embedded database died and did not come back within
   *     {@code PULSEBOARD_DB_RESTART_TIMEOUT}
   */
  public static Pulseboard start(AppConfig config, Runnable onDatabaseLost) throws IOException {
    ServerCertificate certificate = HttpServers.certificate(config);
    EmbeddedDatabase embedded = config.embeddedDatabase() ? EmbeddedDatabase.start(config.dataDir()) : null;
    String url = embedded != null ? embedded.url() : config.databaseUrl();
    PrometheusMeterRegistry registry = MetricsSetup.registry();
    Teardown parts = new Teardown(embedded, MetricsSetup.bindRuntimeMeters(registry));
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(MetricsSetup.vertxOptions()))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    try {
      return run(vertx, registry, parts, url, config, certificate, onDatabaseLost);
    } catch (Throwable e) {
      // A start stopped by a signal arrives interrupted; the clean-up below must still wait.
      boolean interrupted = Thread.interrupted();
      vertx.close().await();
      parts.close();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      throw e;
    }
  }

  /** Connects, prepares the database, deploys and starts the watchers; blocks. */
  private static Pulseboard run(Vertx vertx, PrometheusMeterRegistry registry, Teardown parts, String url,
      AppConfig config, ServerCertificate certificate, Runnable onDatabaseLost) {
    EmbeddedDatabase embedded = parts.embedded();
    PgConnectOptions connectOptions = Database.connectOptions(url, config.dbPreparedStatements());
    Pool pool = Database.pool(vertx, connectOptions);
    DatabaseWait.untilAnswered(pool, url, embedded != null ? Duration.ZERO : config.dbConnectTimeout());
    TokenRegistry tokens = prepare(pool, config);
    DatabaseStatus status = new DatabaseStatus();
    int instances = Runtime.getRuntime().availableProcessors();
    int port = deploy(vertx, pool, connectOptions, tokens, registry, status, config, certificate, instances);
    parts.watch(DatabaseProbe.start(vertx, pool, status), embedded == null ? null
        : new EmbeddedSupervisor(embedded, config.dbRestartTimeout(), status, onDatabaseLost).start());
    LOG.info("Pulseboard listening on {}://{}:{} ({} event loops; database: {}{})",
        certificate != null ? "https" : "http", displayHost(config.host()),
        port, instances, embedded != null ? "embedded PostgreSQL, data in " : Database.describe(url),
        embedded != null ? embedded.dataDir() : "");
    return new Pulseboard(vertx, parts, pool, port, registry);
  }

  /** Migrates the database, stores the environment's tokens and seeds an empty database; blocks. */
  private static TokenRegistry prepare(Pool pool, AppConfig config) {
    Migrations.fromClasspath(pool).migrate().await();
    TokenRepository repo = new TokenRepository(pool);
    new EnvironmentTokens(repo).apply(config.adminToken(), config.readToken()).await();
    if (config.seed()) {
      Seeder seeder = new Seeder(pool);
      seeder.seedIfEmpty().await();
      seeder.seedBoardOnce().await();
    }
    return new TokenRegistry(repo, config.readToken() != null);
  }

  /**
   * Deploys, in order, the change feed, the event feed, the watch of the tokens, the KPI exporter, the live service,
   * one HTTP server per core, the sender of the notifications outbox and the demo feed; blocks, and answers the HTTP
   * port.
   */
  private static int deploy(Vertx vertx, Pool pool, PgConnectOptions connectOptions, TokenRegistry tokens,
      PrometheusMeterRegistry registry, DatabaseStatus status, AppConfig config, ServerCertificate certificate,
      int instances) {
    ServerMeters meters = new ServerMeters(registry);
    meters.databasePool(pool, Database.POOL_SIZE);
    meters.database(status::up, status::restarts);
    PgConnectOptions feedOptions = new PgConnectOptions(connectOptions);
    feedOptions.setMetricsName("pulseboard-feed");
    FeedBacklog backlog = new FeedBacklog(FeedBacklog.LIMIT);
    meters.feedBacklog(backlog::items);
    LocalWrites localWrites = new LocalWrites();
    Notifications notifications = new Notifications(vertx, feedOptions);
    vertx.deployVerticle(new ChangeFeedVerticle(pool, notifications, meters, backlog, localWrites)).await();
    vertx.deployVerticle(new EventFeedVerticle(pool, notifications)).await();
    vertx.deployVerticle(new TokenWatchVerticle(tokens, new TokenRepository(pool), notifications)).await();
    MetricCatalogue writtenMetrics = new MetricCatalogue(pool);
    vertx.deployVerticle(new MetricWatchVerticle(writtenMetrics, notifications)).await();
    vertx.deployVerticle(new KpiExporterVerticle(pool, registry, config.metricsMaxSeries(),
        KpiExporterVerticle.DEFINITIONS_POLL_MS)).await();
    AlertBook alertBook = new AlertBook(pool);
    AlertRepository alerts = new AlertRepository(pool);
    vertx.deployVerticle(new AlertEvaluatorVerticle(alertBook, alerts,
        new AlertGauges(alertBook, alerts, config.metricsMaxSeries()), registry.getPrometheusRegistry(), config.publicUrl(),
        AlertEvaluatorVerticle.TICK_MS)).await();
    AuthFailureLimit failures = AuthFailureLimit.perSecond(config.authFailureLimit(), meters::authFailed,
        meters::authRateLimited);
    BoardGrants grants = new BoardGrants(new BoardRepository(pool), new MetricRepository(pool));
    ApiRouter api = new ApiRouter(vertx, pool, tokens, meters, new ScrapeHandler(registry), failures,
        new WriteRateLimit(config.writeRateLimit(), meters::writeRateLimited), config.frameAncestors(), grants,
        new WebhookTargets(config.webhooks().allowPrivate()), alertBook,
        new GroupCommit(pool, localWrites),
        writtenMetrics);
    LiveService live = new LiveService(vertx, pool, tokens, meters, config.allowedOrigins(), config.webSocket(),
        backlog, failures, grants, alertBook);
    live.start().await();
    int port = HttpServers.serve(vertx, api, live, config, certificate, instances);
    vertx.deployVerticle(new DeliveryVerticle(new OutboxRepository(pool),
        new WebhookTargets(config.webhooks().allowPrivate()), config.webhooks().timeout(),
        new RetrySchedule(config.webhooks().backoffMax(), config.webhooks().retryFor()), DELIVERY_CONCURRENCY,
        meters::notificationDelivery)).await();
    if (config.demo()) {
      vertx.deployVerticle(new DemoVerticle(pool, DEMO_PERIOD_MS)).await();
    }
    return port;
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

  /**
   * Stops accepting, finishes in-flight requests, closes sockets and the pool, then the embedded
   * database. Once; later calls return at once.
   */
  @Override
  public void close() throws IOException {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      parts.stopWatching();
      // Verticles first, while the pool is open: closing Vert.x closes the pool before it stops
      // them, and some write on stop (the tokens' last uses).
      Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList())
          .onFailure(e -> LOG.warn("A part of the server did not stop cleanly: {}", e.getMessage()))
          .otherwiseEmpty().await();
      vertx.close().await();
    } finally {
      parts.close();
    }
  }

  private static String displayHost(String host) {
    return host.equals("0.0.0.0") ? "localhost" : host;
  }
}
