package io.pulseboard.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.AppProcess;
import io.pulseboard.Http;
import io.pulseboard.TestDatabase;
import io.pulseboard.db.EmbeddedDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database is stopped for several seconds and started again while producers write and
 * WebSocket clients follow: every acknowledged change reaches each client exactly once, whether
 * its socket stayed open throughout or dropped during the outage and resumed with {@code since}.
 * The server runs as its own process on a PostgreSQL of this test's own, which it can stop
 * without disturbing other tests.
 */
@ExtendWith(VertxExtension.class)
class DatabaseRestartDuringPushTest {
  private static final int BATCH_SIZE = 20;
  private static final int WRITERS = 2;
  private static final int ACKNOWLEDGED_EACH_SIDE = 20;
  private static final long MIN_OUTAGE_MS = 4000;
  private static final String CHANGES = """
      SELECT p.seq, extract(epoch FROM p.ts)::bigint, p.value FROM points p JOIN series s ON s.id = p.series_id
      WHERE s.metric_id = '%s' ORDER BY p.seq""".formatted(Batch.METRIC);

  @TempDir
  Path pgDir;

  /** One stored change as a client should have received it. */
  private record Change(long seq, long epochSecond, double value) {
    static Change of(JsonObject item) {
      return new Change(item.getLong("seq"), Instant.parse(item.getString("ts")).getEpochSecond(),
          item.getDouble("value"));
    }
  }

  @Test
  @Timeout(240)
  void every_acknowledged_change_reaches_each_client_exactly_once_across_a_database_restart(Vertx vertx)
      throws Exception {
    int pgPort = freePort();
    EmbeddedDatabase db = EmbeddedDatabase.start(pgDir, pgPort);
    try (AppProcess app = FaultApps.external(db.url())) {
      int port = app.awaitPort();
      FaultApps.createMetric(vertx, port);
      try (LiveFollower staying = new LiveFollower(vertx, port); LiveFollower dropping = new LiveFollower(vertx, port);
          IngestLoad load = new IngestLoad(vertx, port, new AtomicInteger(), BATCH_SIZE, WRITERS);
          Http http = new Http(vertx, port)) {
        staying.awaitSubscribed(60);
        dropping.awaitSubscribed(60);
        load.start().awaitAcknowledged(ACKNOWLEDGED_EACH_SIDE, 60);
        db = restartDuringLoad(db, pgPort, load, dropping, http);
        load.awaitAcknowledged(load.acknowledged().size() + ACKNOWLEDGED_EACH_SIDE, 120);
        load.stop();
        load.awaitStopped(120);
        assertThat(load.unexpected()).as("answers other than 200 and 503 with Retry-After").isEmpty();
        assertThat(load.unanswered()).isEmpty();

        List<Change> stored = changes(db.url());
        StoredPoints.read(db.url()).assertComplete(load.acknowledged());
        assertThat(stored).hasSize(load.acknowledged().size() * BATCH_SIZE);
        for (LiveFollower client : List.of(staying, dropping)) {
          client.awaitSeq(stored.get(stored.size() - 1).seq(), 120);
          assertReceivedExactlyOnce(client, stored);
        }
        assertThat(staying.connections()).as("the server kept its socket open through the outage").isEqualTo(1);
        assertThat(dropping.connections()).as("the dropped client reconnected").isGreaterThanOrEqualTo(2);
        assertOperatorSeesRecovery(app, http);
      }
    } finally {
      db.close();
    }
  }

  /**
   * Stops the database while the load runs and the dropping client loses its socket, keeps it down
   * until producers and that client were refused and a few seconds passed, then starts it again.
   */
  private EmbeddedDatabase restartDuringLoad(EmbeddedDatabase db, int pgPort, IngestLoad load,
      LiveFollower dropping, Http http) throws Exception {
    long stopped = System.nanoTime();
    db.close();
    dropping.drop();
    assertThat(load.awaitUnavailable(1, 60)).as("writes answered 503 while the database is down").isTrue();
    dropping.awaitUnavailableError(60);
    assertThat(http.get("/health/ready").statusCode()).isEqualTo(503);
    assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
    // The outage lasts a while on purpose: producers and clients retry through it.
    Thread.sleep(Math.max(0, MIN_OUTAGE_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped)));
    return EmbeddedDatabase.start(pgDir, pgPort);
  }

  /** Ready again, and the feed's reconnect in the meter and the log (the safety poll may deliver first). */
  private static void assertOperatorSeesRecovery(AppProcess app, Http http) throws InterruptedException {
    assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
    Eventually.await("the feed reconnect counted", 60,
        () -> http.get("/metrics").bodyAsString().matches("(?s).*\\npulseboard_feed_reconnects_total [1-9].*"));
    Eventually.await("the feed reconnect logged", 60, () -> app.output().contains("Change feed listening again"));
  }

  /** Gap-free and duplicate-free by seq and by point: exactly the stored changes, in seq order. */
  private static void assertReceivedExactlyOnce(LiveFollower client, List<Change> stored) {
    List<Change> received = client.items().stream().map(Change::of).toList();
    Set<Long> points = new HashSet<>();
    received.forEach(c -> assertThat(points.add(c.epochSecond())).as("point %s received once", c).isTrue());
    assertThat(received).isEqualTo(stored);
    assertThat(client.resets()).as("resumes served as resets").isZero();
    assertThat(client.otherErrors()).isEmpty();
  }

  private static List<Change> changes(String url) throws Exception {
    List<Change> changes = new ArrayList<>();
    try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(CHANGES)) {
      while (rows.next()) {
        changes.add(new Change(rows.getLong(1), rows.getLong(2), rows.getDouble(3)));
      }
    }
    return changes;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
