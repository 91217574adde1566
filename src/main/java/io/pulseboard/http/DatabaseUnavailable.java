package io.pulseboard.http;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.Set;

/**
 * Which failures mean that the database cannot serve a request right now, so that it is answered
 * 503 with {@code Retry-After} rather than 500: a request cut by one of these may or may not
 * have been stored, and retrying it is safe because every write is idempotent.
 */
final class DatabaseUnavailable {
  /**
   * SQLSTATEs of a server that is going away, starting, full or read-only: 57P01 admin shutdown
   * (a restart, or {@code pg_terminate_backend}), 57P02 crash shutdown, 57P03 cannot connect now
   * (starting up, shutting down, in recovery), 57P05 idle session timeout, 25006 read-only
   * transaction (a standby after a failover). Whole classes below: 08 connection exception and 53
   * insufficient resources (53300 too many connections, 53100 disk full, ...).
   */
  private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "57P05", "25006");
  private static final Set<String> CLASSES = Set.of("08", "53");
  /**
   * The messages of a pool that gave no connection in time or had too many waiting: plain
   * throwables in Vert.x 5.0.7, so they are known by message; {@code DatabaseUnavailableTest}
   * and the pool test fail if an upgrade changes them.
   */
  private static final Set<String> POOL_TIMEOUTS = Set.of("Timeout", "Timeout waiting for connection");

  private DatabaseUnavailable() {}

  /**
   * Whether this failure, or one of its causes, says the database is unreachable, going away,
   * starting or out of connections. Any {@link IOException} counts: the only sockets a request's
   * handlers use are database connections (refused, reset mid-query, closed).
   */
  static boolean is(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof ClosedConnectionException
          || t instanceof ConnectionPoolTooBusyException || isPoolTimeout(t)) {
        return true;
      }
      if (t instanceof PgException pg && unavailableState(pg.getSqlState())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPoolTimeout(Throwable t) {
    return t.getMessage() != null && POOL_TIMEOUTS.contains(t.getMessage());
  }

  private static boolean unavailableState(String state) {
    return state != null && state.length() == 5 && (STATES.contains(state) || CLASSES.contains(state.substring(0, 2)));
  }
}
