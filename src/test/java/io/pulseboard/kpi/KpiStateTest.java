package io.pulseboard.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pulseboard.db.Change;
import io.pulseboard.db.Metric;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A batch of the feed applied at once leaves the exported series as applying its changes one by
 * one does: runs of one series (as a write's changes come), times equal to the millisecond with
 * other seqs, corrections of older points, series interleaved, metrics not defined here, and
 * series refused by the cap, counted per change.
 */
class KpiStateTest {
  private static final List<Metric> METRICS = List.of(
      new Metric("weekly_users", "Weekly users", "users", "", List.of("region"), "P1W", "number", null),
      new Metric("offices", "Offices", "offices", "", List.of("region"), "P1M", "number", null));
  private static final List<String> IDS = List.of("weekly_users", "offices", "not_defined");
  private static final List<String> REGIONS = List.of("kr", "us", "jp", "global");

  @Test
  void a_batch_applied_at_once_leaves_what_its_changes_one_by_one_leave() {
    int unknownBatches = 0;
    for (int seed = 0; seed < 300; seed++) {
      Random random = new Random(seed);
      int cap = 1 + random.nextInt(12);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      Counter batchDrops = registry.counter("batch");
      Counter oneDrops = registry.counter("one");
      KpiState batched = state(cap, batchDrops);
      KpiState oneByOne = state(cap, oneDrops);
      long seq = 0;
      for (int b = 0; b < 5; b++) {
        List<Change> batch = batch(random, seq);
        seq += batch.size();
        boolean unknown = batch.stream().anyMatch(c -> c.metric().equals("not_defined"));
        unknownBatches += unknown ? 1 : 0;
        assertThat(batched.applyAll(batch)).as("seed %d", seed).isEqualTo(unknown);
        batch.forEach(oneByOne::apply);
      }
      assertThat(sorted(batched)).as("seed %d", seed).isEqualTo(sorted(oneByOne));
      assertThat(batchDrops.count()).as("seed %d", seed).isEqualTo(oneDrops.count());
    }
    assertThat(unknownBatches).as("batches naming a metric not defined here").isPositive();
  }

  private static KpiState state(int cap, Counter dropped) {
    KpiState state = new KpiState(cap, dropped);
    state.load(METRICS, new JsonArray(), List.of());
    return state;
  }

  /** Runs of changes to one series, each change with its own labels map, times often equal to the millisecond. */
  private static List<Change> batch(Random random, long seq) {
    List<Change> batch = new ArrayList<>();
    int runs = 1 + random.nextInt(6);
    for (int r = 0; r < runs; r++) {
      String metric = IDS.get(random.nextInt(IDS.size()));
      String region = REGIONS.get(random.nextInt(REGIONS.size()));
      int length = 1 + random.nextInt(8);
      for (int i = 0; i < length; i++) {
        Instant ts = Instant.parse("2025-09-10T00:00:00Z").plusMillis(random.nextInt(4)).plusNanos(1000L * random.nextInt(3));
        batch.add(new Change(++seq, metric, Map.of("region", region), ts, random.nextInt(100), "test", null));
      }
    }
    return batch;
  }

  private static List<KpiState.Series> sorted(KpiState state) {
    List<KpiState.Series> series = new ArrayList<>(state.series());
    series.sort(Comparator.comparing(s -> s.labels().toString()));
    return series;
  }
}
