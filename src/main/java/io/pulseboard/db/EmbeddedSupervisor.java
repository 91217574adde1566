package io.pulseboard.db;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the embedded PostgreSQL and brings it back when it dies: every second it checks that the
 * postmaster named in {@code postmaster.pid} runs; when it does not, it restarts the server on the
 * same directory and port with backoff (0.5 s, doubling to 5 s), logging each attempt, and gives
 * up when the server is not back within the restart timeout, stopping whatever an attempt left
 * starting. The pool reconnects by itself once
 * the server answers. Blocking work runs on its own thread, never on an event loop.
 */
public final class EmbeddedSupervisor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSupervisor.class);
  private static final long CHECK_MS = 1000;
  private static final long FIRST_BACKOFF_MS = 500;
  private static final long MAX_BACKOFF_MS = 5000;
  private static final long LEFTOVER_POLL_MS = 100;
  private static final Duration MIN_STARTUP_WAIT = Duration.ofSeconds(1);
  /** How long one attempt waits for the server to answer; a server still recovering is left to finish. */
  private static final Duration ATTEMPT_WAIT = Duration.ofSeconds(10);

  private final EmbeddedDatabase database;
  private final Duration restartTimeout;
  private final DatabaseStatus status;
  private final Runnable giveUp;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "pulseboard-db-supervisor");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean closed;

  /**
   * @param giveUp run once, on the supervisor's thread, when the server did not come back in time
   */
  public EmbeddedSupervisor(EmbeddedDatabase database, Duration restartTimeout, DatabaseStatus status,
      Runnable giveUp) {
    this.database = database;
    this.restartTimeout = restartTimeout;
    this.status = status;
    this.giveUp = giveUp;
  }

  /** Starts watching. */
  public EmbeddedSupervisor start() {
    thread.scheduleWithFixedDelay(this::check, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Stops watching, waiting for a restart under way to finish, so the server can then be stopped. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.shutdownNow();
    thread.awaitTermination(30, TimeUnit.SECONDS);
  }

  private void check() {
    if (closed || database.postmaster().isPresent()) {
      return;
    }
    status.restarting();
    LOG.error("The embedded PostgreSQL in {} has died; restarting it (giving up after {} s)", database.dataDir(),
        restartTimeout.toSeconds());
    if (bringBack()) {
      status.restarted();
    } else if (!closed) {
      LOG.error("The embedded PostgreSQL did not come back within {} s (PULSEBOARD_DB_RESTART_TIMEOUT); giving up",
          restartTimeout.toSeconds());
      closed = true;
      giveUp.run();
    }
  }

  /** Restart attempts with backoff until one works or the time is up; whether the server is back. */
  private boolean bringBack() {
    long started = System.nanoTime();
    long deadline = started + restartTimeout.toNanos();
    long backoff = FIRST_BACKOFF_MS;
    for (int attempt = 1; !closed && awaitLeftovers(deadline); attempt++) {
      long left = deadline - System.nanoTime();
      LOG.warn("Restarting the embedded PostgreSQL: attempt {}, {} s left", attempt, TimeUnit.NANOSECONDS.toSeconds(left));
      if (attempt(attempt, Duration.ofNanos(Math.min(left, ATTEMPT_WAIT.toNanos())))) {
        LOG.info("The embedded PostgreSQL is back (pid {}) after {} ms and {} attempt(s)",
            database.postmaster().map(ProcessHandle::pid).orElse(-1L),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), attempt);
        return true;
      }
      long sleep = Math.min(backoff, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      if (sleep > 0 && !sleep(sleep)) {
        break;
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
    database.stopStray();
    return false;
  }

  /**
   * Waits for the processes of the dead server to exit; whether they did before the deadline.
   * Not while a postmaster runs: that is one an earlier attempt started, and its own processes.
   */
  private boolean awaitLeftovers(long deadline) {
    boolean logged = false;
    while (deadline - System.nanoTime() > 0) {
      long leftover = database.postmaster().isPresent() ? 0 : database.leftoverProcesses();
      if (leftover == 0) {
        return true;
      }
      if (!logged) {
        LOG.warn("Waiting for {} process(es) of the dead PostgreSQL to exit", leftover);
        logged = true;
      }
      if (!sleep(LEFTOVER_POLL_MS)) {
        return false;
      }
    }
    return false;
  }

  private boolean attempt(int attempt, Duration wait) {
    try {
      if (database.restart(max(wait, MIN_STARTUP_WAIT))) {
        return true;
      }
      LOG.warn("Restart attempt {}: the server is still starting", attempt);
    } catch (Exception e) {
      LOG.warn("Restart attempt {} failed: {}", attempt, oneLine(e));
    }
    return false;
  }

  private static boolean sleep(long ms) {
    try {
      Thread.sleep(ms);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String oneLine(Throwable e) {
    StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      out.append(": ").append(c.getMessage());
    }
    return out.toString().lines().findFirst().orElse("").strip();
  }
}
