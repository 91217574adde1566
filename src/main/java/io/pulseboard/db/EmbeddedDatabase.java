package io.pulseboard.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the jar, keeping its files in a data directory so that
 * data survive restarts. A server orphaned by a killed Pulseboard is stopped before a new start.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

  private final EmbeddedPostgres postgres;
  private final Path dataDir;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  /** Starts the server on a free loopback port, creating the data directory on first use. */
  public static EmbeddedDatabase start(Path dataDir) throws IOException {
    return start(dataDir, 0);
  }

  /** Starts the server on the given loopback port (0: a free one). */
  public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
    Path pgData = dataDir.toAbsolutePath().normalize().resolve("postgres");
    Files.createDirectories(pgData);
    stopOrphan(pgData);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    if (port != 0) {
      builder.setPort(port);
    }
    EmbeddedPostgres postgres = builder
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        // Acknowledged writes must survive a crash of the machine, not only of the app.
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("fsync", "on")
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "200")
        .start();
    return new EmbeddedDatabase(postgres, pgData);
  }

  /** The URL of the {@code postgres} database of this server. */
  public String url() {
    return "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  /**
   * A Pulseboard killed with SIGKILL leaves its PostgreSQL running on the data directory; a new
   * server cannot start there until it stops. Ask it for a fast shutdown (SIGINT), then force it.
   */
  private static void stopOrphan(Path pgData) {
    Optional<ProcessHandle> orphan = postmasterOf(pgData);
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle process = orphan.get();
    LOG.warn("Stopping an orphaned PostgreSQL (pid {}) left running on {}", process.pid(), pgData);
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      process.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("The orphaned PostgreSQL did not stop in {}s; killing it", ORPHAN_STOP_WAIT.toSeconds());
      process.destroyForcibly();
      process.onExit().join();
    }
  }

  private static Optional<ProcessHandle> postmasterOf(Path pgData) {
    Path pidFile = pgData.resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile);
      long pid = Long.parseLong(lines.get(0).trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    } catch (IOException | RuntimeException e) {
      LOG.debug("No readable postmaster.pid in {}", pgData, e);
      return Optional.empty();
    }
  }
}
