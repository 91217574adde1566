package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics with, per series, the latest point, the previous one and the one a year earlier, and
 * the changes between them: what the dashboard and a WebSocket snapshot show.
 */
public final class SummaryRepository {
  private static final String POINT = "ts, value, source, seq, updated_at";
  private static final String SERIES = """
      SELECT m.id, s.labels, %2$s, %3$s, %4$s
      FROM metrics m
      JOIN series s ON s.metric_id = m.id
      JOIN LATERAL (SELECT %1$s FROM points WHERE series_id = s.id ORDER BY ts DESC LIMIT 1) l ON true
      LEFT JOIN LATERAL (SELECT %1$s FROM points WHERE series_id = s.id AND ts < l.ts
                         ORDER BY ts DESC LIMIT 1) pv ON true
      LEFT JOIN LATERAL (SELECT %1$s FROM points WHERE series_id = s.id
                           AND ts <= l.ts - interval '1 year'
                           AND ts > l.ts - interval '1 year' - greatest(m.cadence::interval, interval '7 days')
                         ORDER BY ts DESC LIMIT 1) y ON true
      WHERE $1::text[] IS NULL OR m.id = ANY($1)
      ORDER BY m.id, s.labels""".formatted(POINT, PointColumns.select("l", "l_"),
      PointColumns.select("pv", "pv_"), PointColumns.select("y", "y_"));
  private static final String METRICS =
      "SELECT " + MetricRepository.COLUMNS + " FROM metrics WHERE $1::text[] IS NULL OR id = ANY($1) ORDER BY id";

  /** Metric summaries and the seq they are current at. */
  public record Summary(long seq, JsonArray metrics) {}

  private final Pool pool;

  public SummaryRepository(Pool pool) {
    this.pool = pool;
  }

  /** All metrics, or only those named; one consistent snapshot with its seq. */
  public Future<Summary> summaries(List<String> onlyIds) {
    String[] ids = onlyIds == null ? null : onlyIds.toArray(String[]::new);
    return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .execute()
        .compose(v -> read(conn, ids)));
  }

  private static Future<Summary> read(SqlConnection conn, String[] ids) {
    Tuple args = Tuple.of((Object) ids);
    return conn.query(ChangeRepository.HEAD).execute().compose(head -> conn.preparedQuery(METRICS).execute(args)
        .compose(metrics -> conn.preparedQuery(SERIES).execute(args).map(series -> {
          Map<String, JsonObject> byId = new LinkedHashMap<>();
          metrics.forEach(row -> byId.put(row.getString("id"),
              MetricRepository.toMetric(row).toJson().put("series", new JsonArray())));
          series.forEach(row -> byId.get(row.getString("id")).getJsonArray("series").add(seriesJson(row)));
          return new Summary(head.iterator().next().getLong("head"), new JsonArray(List.copyOf(byId.values())));
        })));
  }

  /** A row of {@link #SERIES}. */
  private static JsonObject seriesJson(Row row) {
    JsonObject latest = PointColumns.json(row, "l_");
    JsonObject previous = PointColumns.json(row, "pv_");
    JsonObject yearAgo = PointColumns.json(row, "y_");
    return new JsonObject()
        .put("labels", row.getJsonObject("labels"))
        .put("latest", latest)
        .put("previous", previous)
        .put("year_ago", yearAgo)
        .put("change", delta(latest, previous))
        .put("change_yoy", delta(latest, yearAgo));
  }

  /** The change from {@code base} to {@code latest}: absolute, in percent, and as a ratio. */
  static JsonObject delta(JsonObject latest, JsonObject base) {
    if (base == null) {
      return null;
    }
    double now = latest.getDouble("value");
    double then = base.getDouble("value");
    boolean zero = then == 0;
    return new JsonObject()
        .put("abs", now - then)
        .put("pct", zero ? null : (now / then - 1) * 100)
        .put("ratio", zero ? null : now / then);
  }
}
