package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics with, per series, the latest point, the previous one and the one a year earlier, and
 * the changes between them: what the dashboard and a WebSocket snapshot show.
 */
public final class SummaryRepository {
  private static final String POINT = "ts, value, source, seq, updated_at";
  // $2: as of (null: now), $3: the time zone of the periods. The source of points is the points
  // table, or the points as known at $2 (AsOf).
  private static final String SERIES = """
      SELECT m.id, m.goal AS m_goal, s.labels, %2$s, %3$s, %4$s, rv.value AS rv_value, rv.replaced_at AS rv_replaced_at,
             f.ts AS f_ts, f.value AS f_value,
             mtd.value AS mtd_value, mtd.points AS mtd_points, mtd.start AS mtd_start,
             qtd.value AS qtd_value, qtd.points AS qtd_points, qtd.start AS qtd_start
      FROM metrics m
      JOIN series s ON s.metric_id = m.id
      JOIN LATERAL (SELECT %1$s FROM %5$s pts WHERE series_id = s.id ORDER BY ts DESC LIMIT 1) l ON true
      LEFT JOIN LATERAL (SELECT %1$s FROM %5$s pts WHERE series_id = s.id AND ts < l.ts
                         ORDER BY ts DESC LIMIT 1) pv ON true
      LEFT JOIN LATERAL (SELECT %1$s FROM %5$s pts WHERE series_id = s.id
                           AND ts <= l.ts - interval '1 year'
                           AND ts > l.ts - interval '1 year' - greatest(m.cadence::interval, interval '7 days')
                         ORDER BY ts DESC LIMIT 1) y ON true
      LEFT JOIN LATERAL (SELECT ts, value FROM %5$s pts WHERE series_id = s.id ORDER BY ts LIMIT 1) f ON true
      LEFT JOIN LATERAL (SELECT value, replaced_at FROM point_revisions
                         WHERE series_id = s.id AND ts = l.ts
                           AND replaced_at <= coalesce($2::timestamptz, 'infinity'::timestamptz)
                         ORDER BY seq DESC LIMIT 1) rv ON true
      %6$s
      %7$s
      WHERE $1::text[] IS NULL OR m.id = ANY($1)
      ORDER BY m.id, s.labels""";
  // The total so far of a period (the month or quarter containing "now" in zone $3) of a metric
  // whose points are amounts (aggregation 'sum'); points dated after "now" are not counted.
  private static final String PERIOD_TO_DATE = """
      LEFT JOIN LATERAL (SELECT d.start, sum(pts.value) AS value, count(pts.ts)::int AS points
                         FROM (SELECT date_trunc('%1$s', coalesce($2::timestamptz, now()), $3::text) AS start) d
                         LEFT JOIN %2$s pts ON pts.series_id = s.id AND pts.ts >= d.start
                           AND pts.ts <= coalesce($2::timestamptz, now())
                         WHERE m.aggregation = 'sum'
                         GROUP BY d.start) %3$s ON true""";
  private static final String METRICS =
      "SELECT " + MetricRepository.COLUMNS + " FROM metrics WHERE $1::text[] IS NULL OR id = ANY($1) ORDER BY id";

  /** Metric summaries and the seq they are current at. */
  public record Summary(long seq, JsonArray metrics) {}

  /**
   * What a summary is relative to.
   *
   * @param zone the IANA time zone periods (month, quarter) start in
   * @param asOf the values as known at this instant, or {@code null} for the current ones
   */
  public record View(String zone, OffsetDateTime asOf) {
    /** The current values, with periods in UTC: what the WebSocket snapshot and Prometheus use. */
    public static final View NOW = new View("UTC", null);
  }

  private final Pool pool;
  private final SeriesGoals goals;

  /** Summaries whose series carry no goal. */
  public SummaryRepository(Pool pool) {
    this(pool, SeriesGoals.NONE);
  }

  /** Summaries whose series carry their goal, status and pacing as {@code goals} has them. */
  public SummaryRepository(Pool pool, SeriesGoals goals) {
    this.pool = pool;
    this.goals = goals;
  }

  /** All metrics, or only those named, with their current values; one consistent snapshot with its seq. */
  public Future<Summary> summaries(List<String> onlyIds) {
    return summaries(onlyIds, View.NOW);
  }

  /** All metrics, or only those named, as the view says; one consistent snapshot with its seq. */
  public Future<Summary> summaries(List<String> onlyIds, View view) {
    String[] ids = onlyIds == null ? null : onlyIds.toArray(String[]::new);
    return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .execute()
        .compose(v -> read(conn, ids, view)));
  }

  private static String seriesSql(View view) {
    String source = view.asOf() == null ? "points" : AsOf.points("$2");
    return SERIES.formatted(POINT, PointColumns.select("l", "l_"), PointColumns.select("pv", "pv_"),
        PointColumns.select("y", "y_"), source, PERIOD_TO_DATE.formatted("month", source, "mtd"),
        PERIOD_TO_DATE.formatted("quarter", source, "qtd"));
  }

  private Future<Summary> read(SqlConnection conn, String[] ids, View view) {
    Tuple args = Tuple.of((Object) ids);
    Tuple seriesArgs = Tuple.of(ids, view.asOf(), view.zone());
    return conn.query(ChangeRepository.HEAD).execute().compose(head -> conn.preparedQuery(METRICS).execute(args)
        .compose(metrics -> conn.preparedQuery(seriesSql(view)).execute(seriesArgs).map(series -> {
          Map<String, JsonObject> byId = new LinkedHashMap<>();
          metrics.forEach(row -> byId.put(row.getString("id"),
              MetricRepository.toMetric(row).toJson().put("series", new JsonArray())));
          series.forEach(row -> byId.get(row.getString("id")).getJsonArray("series").add(seriesJson(row, view, goals)));
          return new Summary(head.iterator().next().getLong("head"), new JsonArray(List.copyOf(byId.values())));
        })));
  }

  /** A row of {@link #SERIES}. */
  private static JsonObject seriesJson(Row row, View view, SeriesGoals goals) {
    JsonObject latest = PointColumns.json(row, "l_");
    JsonObject previous = PointColumns.json(row, "pv_");
    JsonObject yearAgo = PointColumns.json(row, "y_");
    if (row.getOffsetDateTime("rv_replaced_at") != null) {
      latest.put("revised", new JsonObject()
          .put("value", row.getDouble("rv_value"))
          .put("replaced_at", row.getOffsetDateTime("rv_replaced_at").toInstant().toString()));
    }
    JsonObject json = new JsonObject()
        .put("labels", row.getJsonObject("labels"))
        .put("latest", latest)
        .put("previous", previous)
        .put("year_ago", yearAgo)
        .put("change", delta(latest, previous))
        .put("change_yoy", delta(latest, yearAgo))
        .put("goal", goal(row, view, goals, latest));
    if (row.getOffsetDateTime("mtd_start") != null) {
      json.put("period_to_date", new JsonObject()
          .put("tz", view.zone())
          .put("month", period(row, "mtd_"))
          .put("quarter", period(row, "qtd_")));
    }
    return json;
  }

  /** The series' goal with its status and pacing on the view's day (UTC), or null. */
  private static JsonObject goal(Row row, View view, SeriesGoals goals, JsonObject latest) {
    OffsetDateTime first = row.getOffsetDateTime("f_ts");
    LocalDate today = (view.asOf() == null ? OffsetDateTime.now(ZoneOffset.UTC) : view.asOf())
        .atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
    return goals.goal(row.getString("id"), row.getDouble("m_goal"), row.getJsonObject("labels"),
        latest.getDouble("value"), today, first == null ? null : first.toInstant(), row.getDouble("f_value"));
  }

  private static JsonObject period(Row row, String prefix) {
    return new JsonObject()
        .put("from", row.getOffsetDateTime(prefix + "start").toInstant().toString())
        .put("value", row.getInteger(prefix + "points") == 0 ? 0.0 : row.getDouble(prefix + "value"))
        .put("points", row.getInteger(prefix + "points"));
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
