package io.pulseboard.db;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the database is up, as {@code pulseboard_database_up} reports it: the last probe got an
 * answer, and no restart of the embedded server is under way. Written by {@link DatabaseProbe} and
 * {@link EmbeddedSupervisor}; read from any thread.
 */
public final class DatabaseStatus {
  private final AtomicBoolean answered = new AtomicBoolean(true);
  private final AtomicBoolean restarting = new AtomicBoolean();
  private final AtomicLong restarts = new AtomicLong();

  public boolean up() {
    return answered.get() && !restarting.get();
  }

  /** Times the embedded server was brought back after it died. */
  public long restarts() {
    return restarts.get();
  }

  void probed(boolean ok) {
    answered.set(ok);
  }

  void restarting() {
    restarting.set(true);
    answered.set(false);
  }

  void restarted() {
    restarts.incrementAndGet();
    restarting.set(false);
  }
}
