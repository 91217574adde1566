package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** Annotations: events marked on charts. */
public final class AnnotationRepository {
  private static final String COLUMNS = "id, ts, title, description, metrics";
  private static final String LIST = "SELECT " + COLUMNS + """
       FROM annotations
      WHERE ts >= coalesce($1, '-infinity'::timestamptz) AND ts <= coalesce($2, 'infinity'::timestamptz)
        AND ($3::text IS NULL OR metrics = '{}' OR $3 = ANY(metrics))
      ORDER BY ts, id""";
  private static final String INSERT = "INSERT INTO annotations (ts, title, description, metrics) "
      + "VALUES ($1, $2, $3, $4) RETURNING " + COLUMNS;

  /** An annotation to add. */
  public record AnnotationInput(OffsetDateTime ts, String title, String description, List<String> metrics) {}

  private final SqlClient client;

  public AnnotationRepository(SqlClient client) {
    this.client = client;
  }

  /** Annotations in a time range, optionally those for one metric (or for all metrics). */
  public Future<JsonArray> list(OffsetDateTime from, OffsetDateTime to, String metric) {
    return client.preparedQuery(LIST).execute(Tuple.of(from, to, metric)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(row -> out.add(toJson(row)));
      return out;
    });
  }

  /** Adds an annotation; the future holds it as stored, with its id. */
  public Future<JsonObject> add(AnnotationInput a) {
    return add(client, a);
  }

  /** As {@link #add(AnnotationInput)}, on a given connection or transaction. */
  public static Future<JsonObject> add(SqlClient client, AnnotationInput a) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(a.ts(), a.title(), a.description(), a.metrics().toArray(String[]::new)))
        .map(rows -> toJson(rows.iterator().next()));
  }

  private static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("ts", row.getOffsetDateTime("ts").toInstant().toString())
        .put("title", row.getString("title"))
        .put("description", row.getString("description"))
        .put("metrics", new JsonArray(Arrays.asList(row.getArrayOfStrings("metrics"))));
  }
}
