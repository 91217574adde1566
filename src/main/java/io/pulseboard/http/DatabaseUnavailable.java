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
   * Failures of the client's pool and connections that are plain exceptions in Vert.x 5.0.7, so
   * they are known by message: no connection in time, the pool closing (the server is stopping),
   * a query sent on a connection that is closing. {@code DatabaseUnavailableTest} provokes the
   * pool's on a real pool, so an upgrade that changes one fails there.
   */
  private static final Set<String> CLIENT_MESSAGES = Set.of("Timeout", "Timeout waiting for connection", "Pool closed");
  private static final String CLOSING_CONNECTION = "Connection is not active now";

  private DatabaseUnavailable() {}

  /**
   * Whether this failure, or one of its causes, says the database is unreachable, going away,
   * starting or out of connections. Any {@link IOException} counts: the only sockets a request's
   * handlers use are database connections (refused, reset mid-query, closed).
   */
  static boolean is(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof ClosedConnectionException
          || t instanceof ConnectionPoolTooBusyException || isClientFailure(t)) {
        return true;
      }
      if (t instanceof PgException pg && unavailableState(pg.getSqlState())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isClientFailure(Throwable t) {
    String message = t.getMessage();
    return message != null && (CLIENT_MESSAGES.contains(message) || message.startsWith(CLOSING_CONNECTION));
  }

  private static boolean unavailableState(String state) {
    return state != null && state.length() == 5 && (STATES.contains(state) || CLASSES.contains(state.substring(0, 2)));
  }
}
