package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.TestDatabase;
import io.pulseboard.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.json.DecodeException;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which failures answer 503 (the database cannot serve now; retry) and which do not. */
@ExtendWith(VertxExtension.class)
class DatabaseUnavailableTest {
  private static PgException pg(String state) {
    return new PgException("message", "FATAL", state, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"08000", "08001", "08003", "08006", "08P01", "57P01", "57P02", "57P03", "57P05",
      "53000", "53100", "53200", "53300", "53400", "25006"})
  void server_states_of_a_database_going_away_starting_or_full_are_unavailable(String state) {
    assertThat(DatabaseUnavailable.is(pg(state))).isTrue();
    assertThat(DatabaseUnavailable.is(new VertxException("wrapped", pg(state)))).as("as a cause").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"23505", "23503", "22P02", "42P01", "40001", "57014", "57P04", "XX000", "0800", ""})
  void other_server_states_are_not(String state) {
    assertThat(DatabaseUnavailable.is(pg(state))).isFalse();
  }

  @Test
  void a_reset_or_closed_connection_is_unavailable() {
    assertThat(DatabaseUnavailable.is(new SocketException("Connection reset"))).isTrue();
    assertThat(DatabaseUnavailable.is(new ClosedChannelException())).isTrue();
    assertThat(DatabaseUnavailable.is(ClosedConnectionException.INSTANCE)).isTrue();
    Throwable closing = VertxException.noStackTrace("Connection is not active now, current status: CLOSING");
    assertThat(DatabaseUnavailable.is(closing)).isTrue();
  }

  @Test
  void failures_of_the_request_itself_are_not() {
    assertThat(DatabaseUnavailable.is(new IllegalStateException("bug"))).isFalse();
    assertThat(DatabaseUnavailable.is(new IllegalStateException((String) null))).isFalse();
    assertThat(DatabaseUnavailable.is(new DecodeException("not json"))).isFalse();
    assertThat(DatabaseUnavailable.is(Problem.invalid("bad"))).isFalse();
  }

  @Test
  void a_refused_connection_from_the_real_pool_is_unavailable(Vertx vertx) throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Pool pool = Database.pool(vertx, Database.connectOptions("postgresql://postgres@127.0.0.1:" + closedPort + "/x"));
    assertThat(failureOf(pool.query("SELECT 1").execute())).satisfies(e -> assertThat(DatabaseUnavailable.is(e))
        .as("%s", e).isTrue());
    pool.close().await();
  }

  @Test
  void the_real_pool_giving_no_connection_in_time_having_too_many_waiting_or_closed_is_unavailable(Vertx vertx) {
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(1).setMaxWaitQueueSize(1).setConnectionTimeout(1))
        .connectingTo(Database.connectOptions(TestDatabase.create()))
        .using(vertx)
        .build();
    SqlConnection held = pool.getConnection().await();
    Future<SqlConnection> waiting = pool.getConnection();
    Throwable tooBusy = failureOf(pool.getConnection());
    Throwable timedOut = failureOf(waiting);
    assertThat(DatabaseUnavailable.is(tooBusy)).as("too many waiting: %s", tooBusy).isTrue();
    assertThat(DatabaseUnavailable.is(timedOut)).as("no connection in time: %s", timedOut).isTrue();
    held.close().await();
    pool.close().await();
    Throwable closed = failureOf(pool.query("SELECT 1").execute());
    assertThat(DatabaseUnavailable.is(closed)).as("the pool closed, as the server stops: %s", closed).isTrue();
  }

  /** The failure the future completes with, as handlers see it (not rethrown). */
  private static Throwable failureOf(Future<?> future) {
    Throwable failure = future.<Throwable>transform(ar -> Future.succeededFuture(ar.cause())).await();
    assertThat(failure).as("a failure").isNotNull();
    return failure;
  }
}
