package io.pulseboard.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;

/** Connection settings and the shared pool for one PostgreSQL database. */
public final class Database {
  /** Most connections the pool opens. */
  public static final int POOL_SIZE = 16;

  /**
   * Longest statement kept prepared, in characters. The client's default (2 048) left out the
   * metrics' summary (REST list and detail, WebSocket snapshots; about 2 600 characters), which
   * PostgreSQL then parsed and planned on every call (docs/performance.md, "The summary kept
   * prepared").
   */
  static final int PREPARED_SQL_LIMIT = 16_384;

  private Database() {}

  /** Connect options for a {@code postgresql://} URL, statements kept prepared. */
  public static PgConnectOptions connectOptions(String url) {
    return connectOptions(url, true);
  }

  /**
   * Connect options for a {@code postgresql://} URL. With {@code preparedStatements}, each
   * connection prepares a statement the first time it runs it and then only binds and executes
   * it: one round trip a call instead of two (parse and describe, then bind and execute), and no
   * parse in PostgreSQL (docs/performance.md, "Prepared statements, and a quiet machine").
   * Without, every call sends an unnamed statement, as a pooler or proxy that cannot keep a
   * session's prepared statements needs.
   */
  public static PgConnectOptions connectOptions(String url, boolean preparedStatements) {
    PgConnectOptions options = PgConnectOptions.fromUri(url)
        .setPipeliningLimit(256)
        .setCachePreparedStatements(preparedStatements)
        .setPreparedStatementCacheSqlLimit(PREPARED_SQL_LIMIT)
        .setReconnectAttempts(0);
    // Tells the pool's client metrics apart from those of other connections (label namespace).
    options.setMetricsName("pulseboard");
    return options;
  }

  /** The pool all verticles share; its connections run without JIT compilation ({@link #withoutJit}). */
  public static Pool pool(Vertx vertx, PgConnectOptions options) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(POOL_SIZE).setShared(false).setName("pulseboard")
            .setMaxWaitQueueSize(1000).setConnectionTimeout(5))
        .withConnectHandler(Database::withoutJit)
        .connectingTo(options)
        .using(vertx)
        .build();
  }

  /**
   * Turns PostgreSQL's JIT compilation off for a new pooled connection's session, then hands it to
   * the pool. PostgreSQL compiles a query with LLVM once its estimated cost passes
   * {@code jit_above_cost}; Pulseboard's queries are index lookups whose estimates grow with the
   * points table while their work does not. The metrics' summary (each series' latest points) on 1.5
   * million points in 12 series was estimated at 225 000 and took 38 ms, 20 of them compiling,
   * against 0.7 ms without (docs/performance.md, "JIT compilation off"); the history's daily
   * roll-ups took 1.2 s of a 1.4 s answer compiling. The write functions also turn it off in their
   * definitions, for callers outside this pool. A connection whose {@code SET} fails (the database
   * going away) goes to the pool all the same: JIT is only slower.
   */
  private static void withoutJit(SqlConnection conn) {
    conn.query("SET jit = off").execute().onComplete(done -> conn.close());
  }

  /**
   * A LISTEN connection of its own (not from the pool, which would hand it back), reconnecting
   * after 100 ms and backing off to 5 s; subscribe handlers run again on each reconnect, which is
   * where listeners catch up on what they missed meanwhile.
   */
  public static PgSubscriber subscriber(Vertx vertx, PgConnectOptions options) {
    return PgSubscriber.subscriber(vertx, new PgConnectOptions(options))
        .reconnectPolicy(attempt -> Math.min(5000L, 100L << Math.min(attempt, 6)));
  }

  /** The URL without its password, for logs. */
  public static String describe(String url) {
    return url.replaceAll("://([^:@/]+):[^@/]*@", "://$1:***@");
  }
}
