package io.pulseboard.cli;

import io.pulseboard.config.AppConfig;
import io.pulseboard.db.Database;
import io.pulseboard.db.DatabaseWait;
import io.pulseboard.db.EmbeddedAddress;
import io.pulseboard.db.EmbeddedDatabase;
import io.pulseboard.db.Migrations;
import io.pulseboard.process.ExitCode;
import io.pulseboard.process.StartupFailure;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The database of the server, opened by a command-line tool: {@code DATABASE_URL} when set;
 * otherwise the embedded PostgreSQL of the data directory, reached where the running server's
 * PostgreSQL listens, or started here for the tool's run when no server holds the directory
 * (which keeps a server from starting on it meanwhile). Migrations run first, so a new
 * database gets its tables. Blocks: for the main thread only.
 */
final class ToolDatabase implements AutoCloseable {
  /** How long to wait for the PostgreSQL of a server that holds the directory but is still starting. */
  private static final Duration SERVER_START_WAIT = Duration.ofSeconds(60);
  private static final long POLL_MS = 200;

  private final Vertx vertx;
  private final Pool pool;
  private final EmbeddedDatabase embedded;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread onInterrupt = new Thread(this::close, "pulseboard-tool-shutdown");

  private ToolDatabase(Vertx vertx, Pool pool, EmbeddedDatabase embedded) {
    this.vertx = vertx;
    this.pool = pool;
    this.embedded = embedded;
    // Ctrl-C while the tool runs its own PostgreSQL: stop it rather than leave it running.
    Runtime.getRuntime().addShutdownHook(onInterrupt);
  }

  /** Opens and migrates the database; a {@link StartupFailure} naming what to do when it cannot. */
  static ToolDatabase open(AppConfig config) {
    EmbeddedDatabase embedded = null;
    String url = config.databaseUrl();
    if (config.embeddedDatabase()) {
      Optional<String> running = serversDatabase(config);
      if (running.isPresent()) {
        url = running.get();
      } else {
        embedded = EmbeddedDatabase.start(config.dataDir());
        url = embedded.url();
      }
    }
    Vertx vertx = Vertx.vertx();
    ToolDatabase database = new ToolDatabase(vertx,
        Database.pool(vertx, Database.connectOptions(url, config.dbPreparedStatements())), embedded);
    try {
      DatabaseWait.untilAnswered(database.pool, url, embedded != null ? Duration.ZERO : config.dbConnectTimeout());
      Migrations.fromClasspath(database.pool).migrate().await();
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * The URL of the embedded PostgreSQL a running server holds on the data directory; empty when
   * no server holds it. A server that holds it while its PostgreSQL is still starting is waited for.
   */
  private static Optional<String> serversDatabase(AppConfig config) {
    long deadline = System.nanoTime() + SERVER_START_WAIT.toNanos();
    while (true) {
      // Without a live holder, a PostgreSQL found running there is an orphan: starting our own
      // stops it first (EmbeddedDatabase.start), as a server's start would.
      if (!EmbeddedAddress.held(config.dataDir())) {
        return Optional.empty();
      }
      Optional<String> url = EmbeddedAddress.running(config.dataDir());
      if (url.isPresent()) {
        return url;
      }
      if (System.nanoTime() > deadline) {
        throw new StartupFailure(ExitCode.EMBEDDED_DATABASE_FAILED, "a Pulseboard holds the data directory "
            + config.dataDir() + " but its PostgreSQL did not start within " + SERVER_START_WAIT.toSeconds()
            + " s; look at that server's log");
      }
      sleep();
    }
  }

  Pool pool() {
    return pool;
  }

  /** Closes the pool and stops the embedded PostgreSQL if this tool started it. */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    if (Thread.currentThread() != onInterrupt) {
      Runtime.getRuntime().removeShutdownHook(onInterrupt);
    }
    try {
      vertx.close().await();
    } finally {
      if (embedded != null) {
        try {
          embedded.close();
        } catch (IOException e) {
          throw new StartupFailure(ExitCode.UNEXPECTED, "could not stop the embedded PostgreSQL: " + e.getMessage());
        }
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupFailure(ExitCode.CLEAN, "interrupted");
    }
  }
}
