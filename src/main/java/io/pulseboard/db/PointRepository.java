package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes points. Every write transaction first takes one advisory lock, so seq values become
 * visible in the order they were taken: a reader of {@code seq > S} never sees a higher seq
 * before a lower one commits, on any instance. All points of a batch go in one statement.
 */
public final class PointRepository {
  /** The channel that writers notify after each write that changed something. */
  public static final String CHANNEL = "pulseboard_changes";
  private static final long WRITE_LOCK = 0x70756c73_65000002L;
  private static final String LOCK = "SELECT pg_advisory_xact_lock($1)";
  private static final String WRITE = """
      WITH input AS (
        SELECT metric_id, labels::jsonb AS labels, ts, value, source
        FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[], $5::text[])
          AS t(metric_id, labels, ts, value, source)
      ), new_series AS (
        INSERT INTO series (metric_id, labels)
        SELECT DISTINCT metric_id, labels FROM input
        ON CONFLICT (metric_id, labels) DO NOTHING
        RETURNING id, metric_id, labels
      ), all_series AS (
        SELECT id, metric_id, labels FROM new_series
        UNION ALL
        SELECT s.id, s.metric_id, s.labels FROM series s
        WHERE (s.metric_id, s.labels) IN (SELECT metric_id, labels FROM input)
      ), incoming AS (
        SELECT s.id AS series_id, i.ts, i.value, coalesce(i.source, p.source, '') AS source,
               p.value AS old_value, p.source AS old_source, p.seq AS old_seq, p.seq IS NOT NULL AS existed
        FROM input i
        JOIN all_series s ON s.metric_id = i.metric_id AND s.labels = i.labels
        LEFT JOIN points p ON p.series_id = s.id AND p.ts = i.ts
      ), changed AS (
        SELECT * FROM incoming
        WHERE NOT existed OR old_value IS DISTINCT FROM value OR old_source IS DISTINCT FROM source
      ), revised AS (
        INSERT INTO point_revisions (series_id, ts, value, source, seq)
        SELECT series_id, ts, old_value, old_source, old_seq FROM changed WHERE existed
      ), written AS (
        INSERT INTO points (series_id, ts, value, source, seq, updated_at)
        SELECT series_id, ts, value, source, nextval('change_seq'), now() FROM changed
        ON CONFLICT (series_id, ts) DO UPDATE SET value = excluded.value, source = excluded.source,
          seq = excluded.seq, updated_at = excluded.updated_at
        RETURNING seq
      ), summary AS (
        SELECT count(*)::int AS written, max(seq) AS max_seq FROM written
      )
      SELECT written, coalesce(max_seq, (SELECT max(seq) FROM points), 0) AS seq,
             CASE WHEN written > 0 THEN pg_notify('%s', max_seq::text) END AS notified
      FROM summary""".formatted(CHANNEL);

  private final Pool pool;

  public PointRepository(Pool pool) {
    this.pool = pool;
  }

  /** Writes a batch in one transaction; the future holds what was written. */
  public Future<WriteResult> write(Collection<PointInput> points) {
    return pool.withTransaction(conn -> write(conn, points));
  }

  /**
   * Writes a batch inside the caller's transaction. A point repeated in the batch counts once,
   * its last value winning. The future holds what was written.
   */
  public static Future<WriteResult> write(SqlConnection conn, Collection<PointInput> points) {
    Map<String, PointInput> unique = new LinkedHashMap<>();
    points.forEach(p -> unique.put(p.key(), p));
    return conn.preparedQuery(LOCK).execute(Tuple.of(WRITE_LOCK))
        .compose(v -> conn.preparedQuery(WRITE).execute(columns(unique.values())))
        .map(rows -> {
          Row row = rows.iterator().next();
          int written = row.getInteger("written");
          return new WriteResult(points.size(), written, unique.size() - written, row.getLong("seq"));
        });
  }

  private static Tuple columns(Collection<PointInput> points) {
    int n = points.size();
    String[] metrics = new String[n];
    String[] labels = new String[n];
    OffsetDateTime[] ts = new OffsetDateTime[n];
    Double[] values = new Double[n];
    String[] sources = new String[n];
    int i = 0;
    for (PointInput p : points) {
      metrics[i] = p.metric();
      labels[i] = new JsonObject(new LinkedHashMap<>(p.labels())).encode();
      ts[i] = p.ts();
      values[i] = p.value();
      sources[i] = p.source();
      i++;
    }
    return Tuple.of(metrics, labels, ts, values, sources);
  }

  static JsonObject pointJson(Row row, int first) {
    OffsetDateTime ts = row.getOffsetDateTime(first);
    if (ts == null) {
      return null;
    }
    OffsetDateTime updated = row.getOffsetDateTime(first + 4);
    return new JsonObject()
        .put("ts", ts.toInstant().toString())
        .put("value", row.getDouble(first + 1))
        .put("source", row.getString(first + 2))
        .put("seq", row.getLong(first + 3))
        .put("updated_at", updated == null ? null : updated.toInstant().toString());
  }
}
