package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every value a point has had: its revisions and its current value, oldest first. */
public final class RevisionRepository {
  private static final String SERIES = "SELECT id FROM series WHERE metric_id = $1 AND labels = $2::text::jsonb";
  // The time a value was written is the time its predecessor was replaced (both are now() of the
  // correcting transaction), or for the first value the point's created_at (V010); the current
  // value's is updated_at.
  private static final String VALUES = """
      WITH pt AS (SELECT * FROM points WHERE series_id = $1 AND ts = $2),
      chain AS (
        SELECT r.value, r.source, r.seq, r.token_id, NULL::timestamptz AS written, r.replaced_at
        FROM point_revisions r JOIN pt ON r.series_id = pt.series_id AND r.ts = pt.ts
        UNION ALL
        SELECT value, source, seq, token_id, updated_at, NULL FROM pt)
      SELECT c.value, c.source, c.seq, c.token_id, c.replaced_at,
             coalesce(c.written, lag(c.replaced_at) OVER w, (SELECT created_at FROM pt)) AS written_at,
             lead(c.seq) OVER w AS replaced_by
      FROM chain c WINDOW w AS (ORDER BY c.seq) ORDER BY c.seq""";

  private final Pool pool;

  public RevisionRepository(Pool pool) {
    this.pool = pool;
  }

  /** The id of the series with exactly these labels, if it exists. */
  public Future<Optional<Long>> series(String metric, Map<String, String> labels) {
    String canonical = new JsonObject(new LinkedHashMap<>(labels)).encode();
    return pool.preparedQuery(SERIES).execute(Tuple.of(metric, canonical))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id")));
  }

  /** The values of the point at {@code ts} of a series, oldest first; empty when there is no such point. */
  public Future<JsonArray> values(long series, OffsetDateTime ts) {
    return pool.preparedQuery(VALUES).execute(Tuple.of(series, ts)).map(rows -> {
      JsonArray values = new JsonArray();
      rows.forEach(row -> values.add(json(row)));
      return values;
    });
  }

  private static JsonObject json(Row row) {
    return new JsonObject()
        .put("value", row.getDouble("value"))
        .put("source", row.getString("source"))
        .put("seq", row.getLong("seq"))
        .put("written_at", instant(row.getOffsetDateTime("written_at")))
        .put("replaced_at", instant(row.getOffsetDateTime("replaced_at")))
        .put("replaced_by", row.getLong("replaced_by"))
        .put("token_id", row.getLong("token_id"));
  }

  private static String instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
