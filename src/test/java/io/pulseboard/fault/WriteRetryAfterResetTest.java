package io.pulseboard.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.RunningApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL drops the server's connections (as on a restart, a failover or an operator's
 * {@code pg_terminate_backend}) while batches are being written: every write answers 200 or 503
 * with {@code Retry-After}, never 500, and a batch retried after a 503 is stored exactly once.
 */
@ExtendWith(VertxExtension.class)
class WriteRetryAfterResetTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp(Map.of("PULSEBOARD_SEED", "false"));

  /** Ends every other session on the app's database, mid-query or idle, as a restart would. */
  private static final String TERMINATE = """
      SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()""";
  private static final int BATCH_SIZE = 100;
  private static final int WRITERS = 4;
  private static final int RESETS = 8;
  private static final int MAX_RESETS = 40;

  @Test
  @Timeout(150)
  void writes_cut_by_a_connection_reset_answer_503_and_their_retries_are_stored_once(Vertx vertx) throws Exception {
    try (Http http = new Http(vertx, running.port())) {
      assertThat(http.send(HttpMethod.PUT, "/api/v1/metrics/" + Batch.METRIC, Batch.DEFINITION).statusCode())
          .isEqualTo(201);
    }
    try (IngestLoad load = new IngestLoad(vertx, running.port(), new AtomicInteger(), BATCH_SIZE, WRITERS).start()) {
      // Each reset comes after a few more acknowledgements, so writes are in flight each time;
      // more resets only if none of the first hit a write.
      for (int reset = 1; reset <= MAX_RESETS && (reset <= RESETS || load.unavailableAnswers() == 0); reset++) {
        load.awaitAcknowledged(reset * 2, 60);
        TestDatabase.queryLong(running.db(), TERMINATE);
      }
      load.stop();
      load.awaitStopped(120);

      assertThat(load.unexpected()).as("answers other than 200 and 503 with Retry-After").isEmpty();
      assertThat(load.unanswered()).isEmpty();
      assertThat(load.unavailableAnswers()).as("writes in flight during a reset, answered 503").isPositive();
      assertThat(load.retriedAfter503()).isNotEmpty();
      StoredPoints stored = StoredPoints.read(running.db());
      stored.assertComplete(load.acknowledged());
      assertThat(stored.total()).as("rows: each acknowledged point once, nothing else")
          .isEqualTo(load.acknowledged().size() * BATCH_SIZE);
      assertThat(stored.revisions()).as("no point written twice").isZero();
    }
  }
}
