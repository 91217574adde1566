package io.pulseboard.db;

import io.pulseboard.process.ExitCode;
import io.pulseboard.process.StartupFailure;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits at start for the database to answer, retrying with backoff (0.5 s, doubling to 5 s) for a
 * bounded time: orchestrators often start the database after the app. A refusal that waiting
 * cannot cure (wrong password, no such database) fails at once.
 */
public final class DatabaseWait {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseWait.class);
  private static final long FIRST_BACKOFF_MS = 500;
  private static final long MAX_BACKOFF_MS = 5000;

  private DatabaseWait() {}

  /**
   * Returns once {@code SELECT 1} answers; blocks. A {@link StartupFailure} with
   * {@link ExitCode#DATABASE_UNAVAILABLE} when the database refuses, or does not answer within
   * {@code timeout} (zero: one attempt).
   */
  public static void untilAnswered(Pool pool, String url, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long backoff = FIRST_BACKOFF_MS;
    for (int attempt = 1; ; attempt++) {
      Throwable failure = attempt(pool);
      if (failure == null) {
        if (attempt > 1) {
          LOG.info("Database {} answered on attempt {}", Database.describe(url), attempt);
        }
        return;
      }
      if (refusal(failure)) {
        throw new StartupFailure(ExitCode.DATABASE_UNAVAILABLE, "database " + Database.describe(url)
            + " refused the connection: " + message(failure) + "; check DATABASE_URL");
      }
      long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (leftMs <= 0) {
        throw new StartupFailure(ExitCode.DATABASE_UNAVAILABLE, "database " + Database.describe(url)
            + " not reachable within " + timeout.toSeconds() + " s (" + message(failure)
            + "); start it, check DATABASE_URL, or raise PULSEBOARD_DB_CONNECT_TIMEOUT");
      }
      long sleep = Math.min(backoff, leftMs);
      LOG.warn("Database {} not reachable ({}); attempt {} failed, retrying in {} ms ({} s left)",
          Database.describe(url), message(failure), attempt, sleep, leftMs / 1000);
      sleep(sleep);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  private static Throwable attempt(Pool pool) {
    try {
      pool.query("SELECT 1").execute().await();
      return null;
    } catch (Throwable e) {
      return e;
    }
  }

  /** Wrong credentials (28xxx) or a missing database (3D000): waiting will not help. */
  private static boolean refusal(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof PgException pg && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("28") || pg.getSqlState().equals("3D000"))) {
        return true;
      }
    }
    return false;
  }

  private static String message(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c && c.getMessage() == null) {
      c = c.getCause();
    }
    if (c instanceof PgException pg) {
      return pg.getErrorMessage();
    }
    String text = c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    return text.lines().findFirst().orElse(text).strip();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the database", e);
    }
  }
}
