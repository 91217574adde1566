package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.RunningApp;
import io.pulseboard.TestDatabase;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Points have no foreign key to their series (migration V021): deleting a metric or its series
 * while writers write must still leave no point without its series.
 */
class SeriesDeleteRaceTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();
  private static final int ROUNDS = 12;
  private static final int WRITES = 16;

  private static List<PointInput> batch(String metric, int write) {
    List<PointInput> points = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      points.add(new PointInput(metric, Map.of("region", "r" + (i % 5)),
          OffsetDateTime.ofInstant(Instant.parse("2032-01-01T00:00:00Z").plusSeconds(write * 100L + i), ZoneOffset.UTC),
          i, null));
    }
    return points;
  }

  private static <T> void settle(Future<T> f) throws Exception {
    f.toCompletionStage().toCompletableFuture().handle((r, e) -> null).get(60, TimeUnit.SECONDS);
  }

  @Test
  void deletes_racing_writes_leave_no_orphan_points() throws Exception {
    Pool pool = running.app().pool();
    for (int round = 0; round < ROUNDS; round++) {
      String id = "race_" + round;
      settle(MetricRepository.upsert(pool, new Metric(id, "Race", "x", "", List.of("region"), "PT1S", "number", null)));
      List<Future<WriteResult>> writes = new ArrayList<>();
      for (int w = 0; w < WRITES; w++) {
        writes.add(PointRepository.write(pool, batch(id, w), null));
      }
      settle(writes.get(round % 4));
      Future<?> delete = round % 2 == 0
          ? new MetricRepository(pool).delete(id)
          : pool.preparedQuery("DELETE FROM series WHERE metric_id = $1").execute(Tuple.of(id));
      settle(delete);
      assertThat(delete.succeeded()).as("round %d: the delete", round).isTrue();
      for (Future<WriteResult> write : writes) {
        settle(write);
        if (write.failed()) {
          assertThat(write.cause()).as("a write after its metric was deleted").isInstanceOf(PgException.class);
          assertThat(((PgException) write.cause()).getSqlState()).isEqualTo("23503");
        }
      }
    }
    assertThat(TestDatabase.queryLong(running.db(),
        "SELECT count(*) FROM points p WHERE NOT EXISTS (SELECT 1 FROM series s WHERE s.id = p.series_id)"))
        .as("points without their series").isZero();
    assertThat(TestDatabase.queryLong(running.db(), "SELECT count(*) FROM series WHERE metric_id LIKE 'race_%'"
        + " AND metric_id NOT IN (SELECT id FROM metrics)")).isZero();
  }
}
