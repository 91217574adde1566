package io.pulseboard.db;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;

/**
 * Asks the database {@code SELECT 1} every couple of seconds and records the answer in a
 * {@link DatabaseStatus}, so that {@code /metrics} can say whether the database is up without a
 * scrape ever waiting on it.
 */
public final class DatabaseProbe implements AutoCloseable {
  /** How often the database is asked. */
  public static final long PERIOD_MS = 2000;
  private static final long ANSWER_WITHIN_MS = 2000;

  private final Vertx vertx;
  private final long timer;

  private DatabaseProbe(Vertx vertx, Pool pool, DatabaseStatus status) {
    this.vertx = vertx;
    this.timer = vertx.setPeriodic(PERIOD_MS, id -> pool.query("SELECT 1").execute()
        .timeout(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS)
        .onComplete(ar -> status.probed(ar.succeeded())));
  }

  /** Starts probing; close to stop. */
  public static DatabaseProbe start(Vertx vertx, Pool pool, DatabaseStatus status) {
    return new DatabaseProbe(vertx, pool, status);
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
  }
}
