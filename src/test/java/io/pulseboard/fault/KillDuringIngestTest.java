package io.pulseboard.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.AppProcess;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the server, on its embedded PostgreSQL, while producers write batches, three
 * times over: after each restart every acknowledged point is there with its value, and every
 * batch cut by the kill is there entirely or not at all.
 */
@ExtendWith(VertxExtension.class)
class KillDuringIngestTest {
  private static final int BATCH_SIZE = 500;
  private static final int WRITERS = 4;
  /** Acknowledged batches before each kill; different each round, so the kill lands at other points. */
  private static final int[] ACKNOWLEDGED_BEFORE_KILL = {4, 9, 15};

  @TempDir
  Path dataDir;

  @AfterEach
  void stopTheOrphanedDatabase() throws Exception {
    FaultApps.stopOrphan(dataDir);
  }

  @Test
  @Timeout(300)
  void acknowledged_batches_survive_kill_9_and_no_batch_is_stored_in_part(Vertx vertx) throws Exception {
    AtomicInteger ids = new AtomicInteger();
    List<Batch> acknowledged = new ArrayList<>();
    List<Batch> cut = new ArrayList<>();
    for (int round = 0; round < ACKNOWLEDGED_BEFORE_KILL.length; round++) {
      killDuringIngest(vertx, round, ids, acknowledged, cut);
    }
    try (AppProcess app = FaultApps.embedded(dataDir)) {
      app.awaitPort();
      StoredPoints stored = StoredPoints.read(FaultApps.embeddedUrl(dataDir));
      stored.assertComplete(acknowledged);
      stored.assertAllOrNothing(cut);
      long cutStored = cut.stream().filter(stored::contains).count();
      assertThat(stored.total()).as("rows: whole batches only")
          .isEqualTo((acknowledged.size() + cutStored) * BATCH_SIZE);
      app.terminate();
    }
  }

  /**
   * Starts the server, writes until enough batches are acknowledged and kills it; records the
   * batches acknowledged and those cut by the kill.
   */
  private void killDuringIngest(Vertx vertx, int round, AtomicInteger ids, List<Batch> acknowledged, List<Batch> cut)
      throws Exception {
    try (AppProcess app = FaultApps.embedded(dataDir)) {
      int port = app.awaitPort();
      if (round == 0) {
        FaultApps.createMetric(vertx, port);
      }
      try (IngestLoad load = new IngestLoad(vertx, port, ids, BATCH_SIZE, WRITERS).start()) {
        load.awaitAcknowledged(ACKNOWLEDGED_BEFORE_KILL[round], 120);
        app.kill();
        load.awaitStopped(60);
        assertThat(load.unexpected()).isEmpty();
        assertThat(load.unanswered()).as("batches in flight at the kill").isNotEmpty();
        acknowledged.addAll(load.acknowledged());
        cut.addAll(load.unanswered());
      }
    }
  }
}
