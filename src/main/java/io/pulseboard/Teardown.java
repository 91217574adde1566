package io.pulseboard;

import io.pulseboard.db.DatabaseProbe;
import io.pulseboard.db.EmbeddedDatabase;
import io.pulseboard.db.EmbeddedSupervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link Pulseboard} stops besides Vert.x, in order: first the watchers (so a server
 * being stopped is not mistaken for one that died), and after Vert.x the runtime meters and the
 * embedded database, which releases the data directory last.
 */
final class Teardown {
  private static final Logger LOG = LoggerFactory.getLogger(Teardown.class);

  private final EmbeddedDatabase embedded;
  private final Runnable releaseRuntimeMeters;
  private DatabaseProbe probe;
  private EmbeddedSupervisor supervisor;

  Teardown(EmbeddedDatabase embedded, Runnable releaseRuntimeMeters) {
    this.embedded = embedded;
    this.releaseRuntimeMeters = releaseRuntimeMeters;
  }

  /** The embedded database, or null on an external one. */
  EmbeddedDatabase embedded() {
    return embedded;
  }

  /** The watchers started once everything runs; {@code supervisor} is null on an external database. */
  void watch(DatabaseProbe probe, EmbeddedSupervisor supervisor) {
    this.probe = probe;
    this.supervisor = supervisor;
  }

  void stopWatching() {
    if (probe != null) {
      probe.close();
    }
    if (supervisor != null) {
      try {
        supervisor.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Releases the meters and stops the embedded database; call after Vert.x is closed. */
  void close() {
    stopWatching();
    releaseRuntimeMeters.run();
    if (embedded != null) {
      try {
        embedded.close();
      } catch (Exception e) {
        LOG.warn("The embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
      }
    }
  }
}
