package io.pulseboard.bench;

import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import io.pulseboard.db.PointInput;
import io.pulseboard.db.PointRepository;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the hourly totals (point_hours, V020) cost writes: batches written through the repository
 * (no HTTP) with point_hours' triggers on and off, alternating every 10 batches of new points (a
 * point a second, batches of 1 000, as live data arrives) and 20 of corrections (batches of 100
 * changed values of stored points), 20 times each, the times summed per case. Uses PULSEBOARD_TEST_DATABASE_URL's server when set, else
 * the embedded PostgreSQL. Run: {@code ./mvnw -q test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.pulseboard.bench.TotalsWriteBench}.
 */
public final class TotalsWriteBench {
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final int CYCLES = 20;
  private static final int INSERT_BATCHES = 10;
  private static final int INSERT_SIZE = 1000;
  private static final int CORRECTION_BATCHES = 20;
  private static final int CORRECTION_SIZE = 100;
  private static long nextSecond;

  private TotalsWriteBench() {}

  public static void main(String[] args) throws Exception {
    String db = TestDatabase.create();
    try (Pulseboard app = TestApp.start(db, Map.of())) {
      PointRepository repo = new PointRepository(app.pool());
      insert(repo, 100);
      long[] inserts = new long[2];
      long[] corrections = new long[2];
      for (int cycle = 0; cycle < 2 * CYCLES; cycle++) {
        int on = cycle % 2 == 0 ? 1 : 0;
        for (String trigger : List.of("point_hours_on_insert", "point_hours_on_update")) {
          TestDatabase.execute(db, "ALTER TABLE points " + (on == 1 ? "ENABLE" : "DISABLE") + " TRIGGER " + trigger);
        }
        inserts[on] += insert(repo, INSERT_BATCHES);
        corrections[on] += correct(repo, cycle);
      }
      for (int on = 1; on >= 0; on--) {
        String label = on == 1 ? "with point_hours" : "without point_hours";
        report("new points, batches of " + INSERT_SIZE + ", " + label, CYCLES * INSERT_BATCHES * INSERT_SIZE, inserts[on]);
        report("corrections, batches of " + CORRECTION_SIZE + ", " + label,
            CYCLES * CORRECTION_BATCHES * CORRECTION_SIZE, corrections[on]);
      }
      System.out.printf("load average (1 min) %.1f on %d cores%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
    } finally {
      System.exit(0);
    }
  }

  private static long insert(PointRepository repo, int batches) {
    long start = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      List<PointInput> batch = new ArrayList<>();
      for (int i = 0; i < INSERT_SIZE; i++) {
        batch.add(point(nextSecond++, i));
      }
      repo.write(batch).await();
    }
    return System.nanoTime() - start;
  }

  /** Changes the value of stored points spread over the first day, a different one each round. */
  private static long correct(PointRepository repo, int round) {
    long start = System.nanoTime();
    for (int b = 0; b < CORRECTION_BATCHES; b++) {
      List<PointInput> batch = new ArrayList<>();
      for (int i = 0; i < CORRECTION_SIZE; i++) {
        batch.add(point((b * 431L + i * 7L) % 86_400, 1000 * round + i + 0.5));
      }
      repo.write(batch).await();
    }
    return System.nanoTime() - start;
  }

  private static PointInput point(long second, double value) {
    return new PointInput("weekly_users", Map.of("region", "bench"),
        OffsetDateTime.ofInstant(START.plusSeconds(second), ZoneOffset.UTC), value, "bench");
  }

  private static void report(String what, int points, long nanos) {
    System.out.printf("%-52s %7d points %6.2f s %8.0f points/s%n", what, points, nanos / 1e9, points / (nanos / 1e9));
  }
}
