package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
  private final AtomicBoolean asking = new AtomicBoolean();
  private final long timer;

  private DatabaseProbe(Vertx vertx, Pool pool, DatabaseStatus status) {
    this.vertx = vertx;
    this.timer = vertx.setPeriodic(PERIOD_MS, id -> {
      // One question at a time: a database that hangs must not collect a queue of them.
      if (asking.compareAndSet(false, true)) {
        answers(pool).onComplete(ar -> {
          status.probed(ar.succeeded());
          asking.set(false);
        });
      }
    });
  }

  /**
   * Asks the database {@code SELECT 1}; the future succeeds when it answers within 2 s. A
   * database that accepts connections but does not answer fails it too.
   */
  public static Future<Void> answers(Pool pool) {
    return pool.query("SELECT 1").execute().timeout(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS).mapEmpty();
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
