package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The change feed: every point written after a given seq, in seq order. */
public final class ChangeRepository {
  private static final String SINCE = """
      SELECT p.seq, s.metric_id, s.labels, p.ts, p.value, p.source, p.token_id
      FROM points p JOIN series s ON s.id = p.series_id
      WHERE p.seq > $1 ORDER BY p.seq LIMIT $2""";
  static final String HEAD = "SELECT coalesce(max(seq), 0) AS head FROM points";

  private final SqlClient client;

  public ChangeRepository(SqlClient client) {
    this.client = client;
  }

  /** Up to {@code limit} changes with a seq above {@code since}; the future holds them in seq order. */
  public Future<List<Change>> since(long since, int limit) {
    return client.preparedQuery(SINCE).execute(Tuple.of(since, limit)).map(rows -> {
      List<Change> changes = new ArrayList<>(rows.size());
      rows.forEach(row -> changes.add(change(row)));
      return changes;
    });
  }

  /** The highest seq stored; the future holds it (0 for an empty database). */
  public Future<Long> head() {
    return client.query(HEAD).execute().map(rows -> rows.iterator().next().getLong("head"));
  }

  /** A row of {@link #SINCE}. */
  private static Change change(Row row) {
    JsonObject stored = row.getJsonObject("labels");
    Map<String, String> labels = new LinkedHashMap<>();
    stored.forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
    return new Change(row.getLong("seq"), row.getString("metric_id"), labels,
        row.getOffsetDateTime("ts").toInstant(), row.getDouble("value"), row.getString("source"),
        row.getLong("token_id"));
  }
}
