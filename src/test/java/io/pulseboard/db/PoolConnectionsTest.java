package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.TestDatabase;
import io.pulseboard.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pool's connections: each runs without JIT compilation; and with
 * {@code PULSEBOARD_DB_PREPARED_STATEMENTS} on (the default), each keeps the statements it ran
 * prepared in its session, off, it leaves none there, as a pooler or proxy that cannot keep a
 * session's prepared statements needs. Either way the same call answers the same.
 */
class PoolConnectionsTest {
  private static final String CALL = "SELECT $1::int + 1 AS next";

  private Vertx vertx;
  private String db;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    db = TestDatabase.create();
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  @Test
  void on_by_default_and_off_when_set_to_false() {
    assertThat(AppConfig.from(Map.of(), List.of()).dbPreparedStatements()).isTrue();
    assertThat(AppConfig.from(Map.of("PULSEBOARD_DB_PREPARED_STATEMENTS", "false"), List.of()).dbPreparedStatements())
        .isFalse();
    assertThat(AppConfig.from(Map.of(), List.of("--db-prepared-statements", "false")).dbPreparedStatements())
        .isFalse();
  }

  @Test
  void a_connection_keeps_its_statements_prepared_when_on() {
    assertThat(preparedAfterTwoCalls(true)).isEqualTo(1);
  }

  @Test
  void a_connection_prepares_nothing_to_keep_when_off() {
    assertThat(preparedAfterTwoCalls(false)).isZero();
  }

  @Test
  void the_metrics_summary_is_kept_prepared_though_longer_than_the_clients_default_limit() {
    Pool pool = Database.pool(vertx, Database.connectOptions(db));
    try {
      Migrations.fromClasspath(pool).migrate().await();
      SummaryRepository summaries = new SummaryRepository(pool);
      // One call after the other: the pool has no reason to open a second connection.
      summaries.summaries(null).await();
      summaries.summaries(null).await();
      List<Integer> kept = pool.query("SELECT length(statement) FROM pg_prepared_statements"
              + " WHERE statement LIKE 'SELECT m.id, m.goal AS m_goal%'").execute().await().stream()
          .map(r -> r.getInteger(0)).toList();
      assertThat(kept).singleElement().satisfies(length -> assertThat(length).isGreaterThan(2048));
    } finally {
      pool.close().await();
    }
  }

  @Test
  void every_pooled_connection_runs_without_jit_compilation() {
    Pool pool = Database.pool(vertx, Database.connectOptions(db));
    try {
      // Several at once, each holding its connection a while, so that the pool opens several.
      List<String> rows = Future.all(IntStream.range(0, 8)
              .mapToObj(i -> pool.query("SELECT pg_backend_pid() || ' ' || current_setting('jit'), pg_sleep(0.1)")
                  .execute().map(r -> r.iterator().next().getString(0)))
              .toList())
          .await().<String>list();
      assertThat(rows).allMatch(r -> r.endsWith(" off"));
      assertThat(rows.stream().map(r -> r.split(" ")[0]).distinct().count()).isGreaterThan(1);
    } finally {
      pool.close().await();
    }
  }

  /** Runs the call twice on one connection of a pool so set, then counts that session's prepared copies of it. */
  private long preparedAfterTwoCalls(boolean preparedStatements) {
    Pool pool = Database.pool(vertx, Database.connectOptions(db, preparedStatements));
    try {
      return pool.withConnection(conn -> conn.preparedQuery(CALL).execute(Tuple.of(41))
          .compose(first -> conn.preparedQuery(CALL).execute(Tuple.of(1)).map(second -> {
            assertThat(first.iterator().next().getInteger("next")).isEqualTo(42);
            assertThat(second.iterator().next().getInteger("next")).isEqualTo(2);
            return null;
          }))
          .compose(v -> conn.query("SELECT count(*) FROM pg_prepared_statements WHERE statement = '" + CALL + "'")
              .execute())
          .map(rows -> rows.iterator().next().getLong(0))).await();
    } finally {
      pool.close().await();
    }
  }
}
