package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Points of a metric over time, raw or in buckets. */
public final class HistoryRepository {
  private static final String FILTER = """
      FROM series s JOIN points p ON p.series_id = s.id
      WHERE s.metric_id = $1 AND s.labels @> $2::text::jsonb
        AND p.ts >= coalesce($3, '-infinity'::timestamptz) AND p.ts <= coalesce($4, 'infinity'::timestamptz)""";
  private static final String RAW = """
      SELECT s.labels, %s
      """.formatted(PointColumns.select("p", "")) + FILTER + " ORDER BY s.labels, p.ts LIMIT $5";
  // Buckets start on Mondays 00:00 UTC, so weekly buckets are calendar weeks.
  private static final String BUCKETED = """
      SELECT s.labels, date_bin($6::text::interval, p.ts, '2000-01-03T00:00:00Z'::timestamptz) AS bucket,
             %s AS value, count(*)::int AS points, max(p.seq) AS seq
      """ + FILTER + " GROUP BY s.labels, bucket ORDER BY s.labels, bucket LIMIT $5";
  private static final Map<String, String> AGGREGATES = Map.of(
      "last", "(array_agg(p.value ORDER BY p.ts DESC))[1]",
      "avg", "avg(p.value)",
      "min", "min(p.value)",
      "max", "max(p.value)",
      "sum", "sum(p.value)");

  private final Pool pool;

  public HistoryRepository(Pool pool) {
    this.pool = pool;
  }

  /** The series matching the query, each with its points in time order. */
  public Future<JsonArray> history(HistoryQuery q) {
    String labels = new JsonObject(new LinkedHashMap<>(q.labels())).encode();
    if (q.step() == null) {
      return pool.preparedQuery(RAW).execute(Tuple.of(q.metric(), labels, q.from(), q.to(), q.limit()))
          .map(rows -> group(rows, row -> PointColumns.json(row, "")));
    }
    String sql = BUCKETED.formatted(AGGREGATES.get(q.agg()));
    String step = q.step().getSeconds() + " seconds";
    return pool.preparedQuery(sql).execute(Tuple.of(q.metric(), labels, q.from(), q.to(), q.limit(), step))
        .map(rows -> group(rows, row -> new JsonObject()
            .put("ts", row.getOffsetDateTime("bucket").toInstant().toString())
            .put("value", row.getDouble("value"))
            .put("points", row.getInteger("points"))
            .put("seq", row.getLong("seq"))));
  }

  private static JsonArray group(Iterable<Row> rows, Function<Row, JsonObject> point) {
    Map<String, JsonObject> series = new LinkedHashMap<>();
    for (Row row : rows) {
      JsonObject labels = row.getJsonObject("labels");
      series.computeIfAbsent(labels.encode(), k -> new JsonObject().put("labels", labels).put("points", new JsonArray()))
          .getJsonArray("points").add(point.apply(row));
    }
    return new JsonArray(new ArrayList<>(series.values()));
  }
}
