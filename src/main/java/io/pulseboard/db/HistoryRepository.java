package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collector;
import java.util.stream.Collectors;

/** Points of a metric over time, raw or in buckets, current or as known at an earlier instant. */
public final class HistoryRepository {
  private static final String FILTER = """
      FROM series s JOIN %s p ON p.series_id = s.id
      WHERE s.metric_id = $1 AND s.labels @> $2::text::jsonb
        AND p.ts >= coalesce($3, '-infinity'::timestamptz) AND p.ts <= coalesce($4, 'infinity'::timestamptz)""";
  private static final String RAW = raw("s.labels");
  private static final String RAW_JSON = raw("s.labels::text AS labels");
  /**
   * Memory for the raw read's sort: its rows come nearly in order (one series at a time, by
   * time), which a sort in memory sees at once, while the default 4 MB made a month of minutely
   * points (43 200 rows) spill to disk: a fifth of the answer's time (docs/performance.md).
   * Enough for the largest answer, 100 000 points.
   */
  private static final String RAW_SORT_MEMORY = "SET LOCAL work_mem = '32MB'";
  /** One snapshot for the several reads of a raw answer. */
  private static final String RAW_SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
  /** The series of a raw read, in label order (read one by one when few). */
  private static final String RAW_SERIES = """
      SELECT id, labels::text AS labels FROM series
      WHERE metric_id = $1 AND labels @> $2::text::jsonb ORDER BY labels""";
  /** One series' points of a raw read, in the order of the points' primary key: nothing to sort. */
  private static final String RAW_SERIES_POINTS = "SELECT " + PointColumns.select("p", "") + """

      FROM points p WHERE p.series_id = $1
        AND p.ts >= coalesce($2, '-infinity'::timestamptz) AND p.ts <= coalesce($3, 'infinity'::timestamptz)
      ORDER BY p.ts LIMIT $4""";
  /**
   * Up to this many series, a raw read takes each series' points by itself (one query each, no
   * sort); past it, one query for all, sorted (a query per series would cost more than the sort).
   */
  static final int RAW_SERIES_ONE_BY_ONE = 16;
  private static final String BUCKETED = """
      SELECT s.labels, %s AS bucket, %s AS value, count(*)::int AS points, max(p.seq) AS seq
      """ + FILTER + " GROUP BY s.labels, bucket ORDER BY s.labels, bucket LIMIT $5";
  // Long buckets from the totals of point_days (V010) or point_hours (V020): table %3$s, its
  // period column %4$s, periods of %5$s. The bucket starts of the range are computed once (%1$s,
  // LOCAL_STARTS or ELAPSED_STARTS); a period wholly inside one bucket (and inside from..to)
  // counts by its totals; the points of the other periods (cut by a bucket edge, by from or by
  // to) count one by one, read through the points index (OFFSET 0 keeps that lookup per period).
  // width_bucket finds a bucket by binary search, cheaper than converting every period to the
  // zone. %2$s reduces the parts.
  private static final String ROLLED = """
      WITH matched AS (
        SELECT id, labels FROM series WHERE metric_id = $1 AND labels @> $2::text::jsonb
      ), periods AS (
        SELECT r.series_id, r.%4$s AS period_start, r.n, r.total, r.lo, r.hi, r.last_ts, r.last_value, r.max_seq
        FROM matched m JOIN %3$s r ON r.series_id = m.id
        WHERE r.%4$s > coalesce($3, '-infinity'::timestamptz) - interval '%5$s'
          AND r.%4$s <= coalesce($4, 'infinity'::timestamptz)
      ), bounds AS (
        %1$s
      ), placed AS (
        SELECT d.*, width_bucket(d.period_start, b.starts) AS i,
               width_bucket(d.period_start + interval '%5$s' - interval '1 microsecond', b.starts) AS j
        FROM periods d, bounds b
      ), parts AS (
        SELECT series_id, i, n, total, lo, hi, last_ts, last_value, max_seq FROM placed
        WHERE i = j AND period_start >= coalesce($3, '-infinity'::timestamptz)
          AND period_start + interval '%5$s' - interval '1 microsecond' <= coalesce($4, 'infinity'::timestamptz)
        UNION ALL
        SELECT d.series_id, width_bucket(p.ts, b.starts), 1, p.value, p.value, p.value, p.ts, p.value, p.seq
        FROM placed d CROSS JOIN bounds b
        CROSS JOIN LATERAL (SELECT p.ts, p.value, p.seq FROM points p
                            WHERE p.series_id = d.series_id AND p.ts >= d.period_start
                              AND p.ts < d.period_start + interval '%5$s'
                              AND p.ts >= coalesce($3, '-infinity'::timestamptz)
                              AND p.ts <= coalesce($4, 'infinity'::timestamptz)
                            OFFSET 0) p
        WHERE NOT (d.i = d.j AND d.period_start >= coalesce($3, '-infinity'::timestamptz)
          AND d.period_start + interval '%5$s' - interval '1 microsecond' <= coalesce($4, 'infinity'::timestamptz))
      ), totals AS (
        SELECT series_id, i, %2$s AS value, sum(n)::int AS points, max(max_seq) AS seq
        FROM parts GROUP BY series_id, i
      )
      SELECT m.labels, b.starts[t.i] AS bucket, t.value, t.points, t.seq
      FROM totals t JOIN matched m ON m.id = t.series_id CROSS JOIN bounds b
      ORDER BY m.labels, bucket LIMIT $5""";
  // The bucket starts of ROLLED for steps that follow the zone's calendar: local times in zone
  // $7, from %1$s every $8, as instants.
  private static final String LOCAL_STARTS = """
      SELECT array_agg(b AT TIME ZONE $7::text ORDER BY b) AS starts
        FROM (SELECT min(period_start) AT TIME ZONE $7::text AS lo,
                     (max(period_start) + interval '%2$s') AT TIME ZONE $7::text AS hi FROM periods) x,
             generate_series(%1$s, x.hi, $8::text::interval) b""";
  // The bucket starts of ROLLED for steps of elapsed time: from %1$s every $8.
  private static final String ELAPSED_STARTS = """
      SELECT array_agg(b ORDER BY b) AS starts
        FROM (SELECT min(period_start) AS lo, max(period_start) + interval '%2$s' AS hi FROM periods) x,
             generate_series(%1$s, x.hi, $8::text::interval) b""";
  private static final Map<String, String> ROLLED_AGGREGATES = Map.of(
      "last", "(array_agg(last_value ORDER BY last_ts DESC))[1]",
      "avg", "sum(total) / sum(n)",
      "min", "min(lo)",
      "max", "max(hi)",
      "sum", "sum(total)");
  private static final Map<String, String> AGGREGATES = Map.of(
      "last", "(array_agg(p.value ORDER BY p.ts DESC))[1]",
      "avg", "avg(p.value)",
      "min", "min(p.value)",
      "max", "max(p.value)",
      "sum", "sum(p.value)");

  private final Pool pool;
  private final int seriesOneByOne;

  public HistoryRepository(Pool pool) {
    this(pool, RAW_SERIES_ONE_BY_ONE);
  }

  /** With another limit for reading series one by one (tests take both ways). */
  HistoryRepository(Pool pool, int seriesOneByOne) {
    this.pool = pool;
    this.seriesOneByOne = seriesOneByOne;
  }

  /** The series matching the query, each with its points (or buckets) in time order. */
  public Future<JsonArray> history(HistoryQuery q) {
    String labels = new JsonObject(new LinkedHashMap<>(q.labels())).encode();
    Tuple args = Tuple.of(q.metric(), labels, q.from(), q.to(), q.limit());
    if (q.step() == null) {
      return read(RAW, q, args, row -> PointColumns.json(row, ""));
    }
    BucketStep step = q.step();
    args.addString(step.parameter()).addString(q.zone());
    Totals totals = q.asOf() == null ? step.totals(q.zone()) : null;
    if (totals != null) {
      String starts = step.followsCalendar() ? LOCAL_STARTS.formatted(step.localStart("x.lo", "$6"), totals.length)
          : ELAPSED_STARTS.formatted(step.sql("x.lo", "$6", "$7"), totals.length);
      String sql = ROLLED.formatted(starts, ROLLED_AGGREGATES.get(q.agg()), totals.table, totals.column, totals.length);
      return rolled(sql, args.addString(step.localInterval()));
    }
    String sql = BUCKETED.formatted(step.sql("p.ts", "$6", "$7"), AGGREGATES.get(q.agg()), "%s");
    return read(sql, q, args, HistoryRepository::bucket);
  }

  /**
   * The raw points of a query without a step: the JSON array of series that {@link #history}
   * holds for it, encoded straight from the rows (the future holds the encoded array).
   */
  public Future<Buffer> rawJson(HistoryQuery q) {
    String labels = new JsonObject(new LinkedHashMap<>(q.labels())).encode();
    Tuple args = Tuple.of(q.metric(), labels, q.from(), q.to(), q.limit());
    if (q.asOf() != null) {
      return pool.withTransaction(conn -> sorted(conn, q, args));
    }
    return pool.withTransaction(conn -> conn.query(RAW_SNAPSHOT).execute()
        .compose(v -> conn.preparedQuery(RAW_SERIES).execute(Tuple.of(q.metric(), labels)))
        .compose(series -> series.size() <= seriesOneByOne ? seriesOneByOne(conn, series, q) : sorted(conn, q, args)));
  }

  /** The raw answer in one query, sorted in memory ({@link #RAW_SORT_MEMORY}) within the caller's transaction. */
  private static Future<Buffer> sorted(SqlConnection conn, HistoryQuery q, Tuple args) {
    String query = RAW_JSON.formatted(source(q, args));
    return conn.query(RAW_SORT_MEMORY).execute()
        .compose(v -> conn.preparedQuery(query).collecting(SeriesJson.collector()).execute(args))
        .map(SqlResult::value);
  }

  /**
   * The raw answer read series by series, in label order, each up to what the limit leaves: the
   * same rows as {@link #RAW_JSON}'s one sorted query, without the sort (a month of minutely
   * points: 43 200 rows sorted, a sixth of the answer's time).
   */
  private static Future<Buffer> seriesOneByOne(SqlConnection conn, RowSet<Row> series, HistoryQuery q) {
    SeriesJson json = SeriesJson.open();
    Future<Integer> left = Future.succeededFuture(q.limit());
    for (Row s : series) {
      Collector<Row, int[], Integer> points = points(json, s.getString("labels"));
      long id = s.getLong("id");
      left = left.compose(n -> n <= 0 ? Future.succeededFuture(0)
          : conn.preparedQuery(RAW_SERIES_POINTS).collecting(points).execute(Tuple.of(id, q.from(), q.to(), n))
              .map(rows -> n - rows.value()));
    }
    return left.map(n -> json.finish());
  }

  /** Writes a series' rows into {@code json} (the series begun by its first row); the number of rows. */
  private static Collector<Row, int[], Integer> points(SeriesJson json, String labels) {
    return Collector.of(() -> new int[1], (count, row) -> {
      if (count[0]++ == 0) {
        json.series(labels);
      }
      json.point(row);
    }, (a, b) -> a, count -> count[0]);
  }

  private static String raw(String labels) {
    return "SELECT " + labels + ", " + PointColumns.select("p", "") + "\n" + FILTER + " ORDER BY s.labels, p.ts LIMIT $5";
  }

  private Future<JsonArray> read(String sql, HistoryQuery q, Tuple args, Function<Row, JsonObject> decode) {
    return read(sql, q, args, Collectors.collectingAndThen(Collectors.toList(), rows -> group(rows, decode)));
  }

  /** Runs a query over the points table, or over the points as known at {@code as_of}. */
  private <R> Future<R> read(String sql, HistoryQuery q, Tuple args, Collector<Row, ?, R> collector) {
    return pool.preparedQuery(sql.formatted(source(q, args))).collecting(collector).execute(args).map(SqlResult::value);
  }

  /** The points table, or the points as known at {@code as_of} (whose instant joins {@code args}). */
  private static String source(HistoryQuery q, Tuple args) {
    if (q.asOf() == null) {
      return "points";
    }
    args.addOffsetDateTime(q.asOf());
    return AsOf.points("$" + args.size());
  }

  /**
   * Runs {@link #ROLLED}. The planner cannot know how few points the per-day lookups return,
   * estimates millions, and with JIT compilation would compile the query, which took 1.2 s of a
   * 1.4 s answer (docs/performance.md): the pool's connections run with JIT off
   * ({@link Database#pool}).
   */
  private Future<JsonArray> rolled(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> group(rows, HistoryRepository::bucket));
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
