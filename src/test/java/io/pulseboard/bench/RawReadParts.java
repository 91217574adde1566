package io.pulseboard.bench;

import io.pulseboard.db.HistoryQuery;
import io.pulseboard.db.HistoryRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Where the time of HistoryLengthBench's raw read (30 days, 43 200 points) goes, without HTTP:
 * the query in the server (EXPLAIN ANALYZE), the query with its rows decoded by the client and
 * dropped, the series built as one JsonObject per point and encoded (as before), and the series
 * written straight from the rows (as now), the last two alternating in one run.
 */
final class RawReadParts {
  private static final String FROM = "2025-12-02T00:00:00Z";
  private static final String TO = "2025-12-31T23:59:59Z";
  private static final String SQL = """
      SELECT s.labels::text AS labels, p.ts, p.value, p.source, p.seq, p.updated_at
      FROM series s JOIN points p ON p.series_id = s.id
      WHERE s.metric_id = $1 AND s.labels @> $2::text::jsonb
        AND p.ts >= coalesce($3, '-infinity'::timestamptz) AND p.ts <= coalesce($4, 'infinity'::timestamptz)
      ORDER BY s.labels, p.ts LIMIT $5""";

  private RawReadParts() {}

  static void measure(Pool pool, HistoryRepository history, int runs) {
    Tuple args = Tuple.of("minutely", "{}", OffsetDateTime.parse(FROM), OffsetDateTime.parse(TO), 100_000);
    String plan = pool.preparedQuery("EXPLAIN (ANALYZE, BUFFERS) " + SQL).execute(args).await().stream()
        .map(r -> r.getString(0)).collect(Collectors.joining("\n"));
    System.out.println(plan);
    HistoryQuery q = new HistoryQuery("minutely", OffsetDateTime.parse(FROM), OffsetDateTime.parse(TO), Map.of(),
        null, "last", 100_000, "UTC", null);
    long[] decoded = new long[runs];
    long[] objects = new long[runs];
    long[] streamed = new long[runs];
    for (int i = -5; i < runs; i++) {
      long a = time(() -> pool.preparedQuery(SQL).collecting(Collectors.<Row>counting()).execute(args));
      long b = time(() -> history.history(q).map(series -> series.toBuffer()));
      long c = time(() -> history.rawJson(q));
      if (i >= 0) {
        decoded[i] = a;
        objects[i] = b;
        streamed[i] = c;
      }
    }
    print("query, rows decoded and dropped", decoded);
    print("rows to one JsonObject a point, encoded", objects);
    print("rows written straight to JSON (now)", streamed);
  }

  private static long time(Supplier<Future<?>> read) {
    long start = System.nanoTime();
    read.get().await();
    return System.nanoTime() - start;
  }

  private static void print(String what, long[] times) {
    Arrays.sort(times);
    System.out.printf("%-42s min %6.1f, median %6.1f, p90 %6.1f ms%n", what, times[0] / 1e6,
        times[times.length / 2] / 1e6, times[times.length * 9 / 10] / 1e6);
  }
}
