package io.pulseboard.db;

import io.pulseboard.process.ExitCode;
import io.pulseboard.process.RootCause;
import io.pulseboard.process.StartupFailure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * A real PostgreSQL server run from the jar, keeping its files in a data directory so that data
 * survive restarts. The data directory is locked ({@link DataDirLock}) before anything looks at a
 * postmaster, for as long as this object lives: a PostgreSQL found running there while the lock
 * is free was left by a killed Pulseboard and is stopped; one whose directory is locked belongs to
 * a live process and is never touched. {@link #restart} brings a dead server back on the same
 * directory and port while the lock stays held (see {@link EmbeddedSupervisor}).
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
  private static final String LIBRARY_LOCK = "epg-lock";

  private final DataDirLock lock;
  private final Path pgData;
  private final int port;
  private EmbeddedPostgres postgres;

  private EmbeddedDatabase(DataDirLock lock, Path pgData, EmbeddedPostgres postgres) {
    this.lock = lock;
    this.pgData = pgData;
    this.postgres = postgres;
    this.port = postgres.getPort();
  }

  /** Starts the server on a free loopback port, creating the data directory on first use. */
  public static EmbeddedDatabase start(Path dataDir) {
    return start(dataDir, 0);
  }

  /**
   * Starts the server on the given loopback port (0: a free one); a {@link StartupFailure} when the
   * directory is unusable or in use, or the server does not start.
   */
  public static EmbeddedDatabase start(Path dataDir, int port) {
    Path root = dataDir.toAbsolutePath().normalize();
    DataDirLock lock = DataDirLock.acquire(root);
    try {
      Path pgData = root.resolve(EmbeddedAddress.PG_DATA);
      try {
        Files.createDirectories(pgData);
      } catch (IOException e) {
        throw DataDirLock.unusable(root, e);
      }
      PgDataProcesses.stopOrphan(pgData);
      requireComplete(pgData);
      try {
        return new EmbeddedDatabase(lock, pgData, launch(pgData, port, STARTUP_WAIT));
      } catch (IOException | RuntimeException e) {
        throw new StartupFailure(ExitCode.EMBEDDED_DATABASE_FAILED, "the embedded PostgreSQL in " + pgData
            + " did not start (" + RootCause.oneLine(e) + "); check that directory (PG_VERSION present, owner,"
            + " free space), or move it aside to start afresh");
      }
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * A directory that was set up once (it has its configuration) but lost its version file is
   * damaged; the server would refuse it only after the whole start-up wait.
   */
  private static void requireComplete(Path pgData) {
    if (Files.exists(pgData.resolve("postgresql.conf")) && !Files.exists(pgData.resolve("PG_VERSION"))) {
      throw new StartupFailure(ExitCode.EMBEDDED_DATABASE_FAILED, pgData + " is not a complete PostgreSQL data"
          + " directory (PG_VERSION is missing); restore it from a backup, or move it aside to start afresh");
    }
  }

  /** The URL of the {@code postgres} database of this server. */
  public String url() {
    return EmbeddedAddress.url(port);
  }

  public Path dataDir() {
    return pgData;
  }

  /** The postmaster's pid, from {@code postmaster.pid}, while one runs. */
  public Optional<ProcessHandle> postmaster() {
    return PgDataProcesses.postmaster(pgData);
  }

  /**
   * One attempt to bring a dead server back on the same directory and port; blocks up to
   * {@code startupWait}. Call only once {@link #leftoverProcesses} is 0. When a server from an
   * earlier attempt is still starting (crash recovery can take a while), it is left to finish and
   * this answers whether it accepts connections yet.
   *
   * @return whether the server answers
   */
  public synchronized boolean restart(Duration startupWait) throws IOException {
    if (PgDataProcesses.postmaster(pgData).isPresent()) {
      return answers();
    }
    // The library locks the directory too, through a file whose lock the dead server's handle
    // still holds in this JVM; a fresh file lets the new handle lock it (ours stays held).
    Files.deleteIfExists(pgData.resolve(LIBRARY_LOCK));
    // A killed postmaster stays a zombie until its parent reaps it, and PostgreSQL takes a pid
    // that still exists for a live server. Its file is stale: no postmaster runs (checked above)
    // and the caller waited for every process of the dead server to exit.
    Files.deleteIfExists(pgData.resolve("postmaster.pid"));
    postgres = launch(pgData, port, startupWait);
    return true;
  }

  /**
   * Processes of a dead server still running in its directory; a new server cannot start while
   * they hold its shared memory (see {@link PgDataProcesses#leftovers}).
   */
  public long leftoverProcesses() {
    return PgDataProcesses.leftovers(pgData);
  }

  /** Stops a server left starting by a failed attempt, so that nothing is left running. */
  public synchronized void stopStray() {
    PgDataProcesses.stopOrphan(pgData);
  }

  private boolean answers() {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2",
        "postgres", ""); Statement s = c.createStatement()) {
      s.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Stops the server if one runs, then releases the data directory. */
  @Override
  public synchronized void close() throws IOException {
    try {
      if (PgDataProcesses.postmaster(pgData).isPresent()) {
        postgres.close();
      }
    } finally {
      lock.close();
    }
  }

  private static EmbeddedPostgres launch(Path pgData, int port, Duration startupWait) throws IOException {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    if (port != 0) {
      builder.setPort(port);
    }
    return builder
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .setPGStartupWait(startupWait)
        // Acknowledged writes must survive a crash of the machine, not only of the app.
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("fsync", "on")
        .setServerConfig("listen_addresses", "127.0.0.1")
        // TCP only: a Unix socket's lock file in /tmp names the postmaster's pid, and a killed
        // postmaster not yet reaped would keep the next one from starting on that port.
        .setServerConfig("unix_socket_directories", "''")
        .setServerConfig("max_connections", "200")
        .start();
  }
}
