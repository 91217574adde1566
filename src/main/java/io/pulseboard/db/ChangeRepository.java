package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** The change feed: every point written after a given seq, in seq order. */
public final class ChangeRepository {
  private static final String SINCE = """
      SELECT p.seq, s.metric_id, s.labels, p.ts, p.value, p.source
      FROM points p JOIN series s ON s.id = p.series_id
      WHERE p.seq > $1 ORDER BY p.seq LIMIT $2""";
  static final String HEAD = "SELECT coalesce(max(seq), 0) AS head FROM points";

  private final SqlClient client;

  public ChangeRepository(SqlClient client) {
    this.client = client;
  }

  /** Up to {@code limit} changes with a seq above {@code since}, as change items. */
  public Future<List<JsonObject>> since(long since, int limit) {
    return client.preparedQuery(SINCE).execute(Tuple.of(since, limit)).map(rows -> {
      List<JsonObject> items = new ArrayList<>(rows.size());
      rows.forEach(row -> items.add(item(row)));
      return items;
    });
  }

  /** The highest seq stored. */
  public Future<Long> head() {
    return client.query(HEAD).execute().map(rows -> rows.iterator().next().getLong("head"));
  }

  /** A change item as the API and the WebSocket protocol give it. */
  public static JsonObject item(Row row) {
    return new JsonObject()
        .put("seq", row.getLong("seq"))
        .put("metric", row.getString("metric_id"))
        .put("labels", row.getJsonObject("labels"))
        .put("ts", row.getOffsetDateTime("ts").toInstant().toString())
        .put("value", row.getDouble("value"))
        .put("source", row.getString("source"));
  }
}
