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

/** Points of a metric over time, raw or in buckets, current or as known at an earlier instant. */
public final class HistoryRepository {
  private static final String FILTER = """
      FROM series s JOIN %s p ON p.series_id = s.id
      WHERE s.metric_id = $1 AND s.labels @> $2::text::jsonb
        AND p.ts >= coalesce($3, '-infinity'::timestamptz) AND p.ts <= coalesce($4, 'infinity'::timestamptz)""";
  private static final String RAW = """
      SELECT s.labels, %s
      """.formatted(PointColumns.select("p", "")) + FILTER + " ORDER BY s.labels, p.ts LIMIT $5";
  private static final String BUCKETED = """
      SELECT s.labels, %s AS bucket, %s AS value, count(*)::int AS points, max(p.seq) AS seq
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

  /** The series matching the query, each with its points (or buckets) in time order. */
  public Future<JsonArray> history(HistoryQuery q) {
    String labels = new JsonObject(new LinkedHashMap<>(q.labels())).encode();
    Tuple args = Tuple.of(q.metric(), labels, q.from(), q.to(), q.limit());
    String sql;
    if (q.step() == null) {
      sql = RAW;
    } else {
      sql = BUCKETED.formatted(q.step().sql("$6", "$7"), AGGREGATES.get(q.agg()), "%s");
      args.addString(q.step().parameter()).addString(q.zone());
    }
    String source = "points";
    if (q.asOf() != null) {
      args.addOffsetDateTime(q.asOf());
      source = AsOf.points("$" + args.size());
    }
    return pool.preparedQuery(sql.formatted(source)).execute(args)
        .map(rows -> group(rows, q.step() == null ? row -> PointColumns.json(row, "") : HistoryRepository::bucket));
  }

  private static JsonObject bucket(Row row) {
    return new JsonObject()
        .put("ts", row.getOffsetDateTime("bucket").toInstant().toString())
        .put("value", row.getDouble("value"))
        .put("points", row.getInteger("points"))
        .put("seq", row.getLong("seq"));
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
