package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The change feed: every point written after a given seq, in seq order; what a notification on
 * {@link PointRepository#CHANNEL} says (migration V023): the top seq of a commit, with its changes
 * when they were few; and the changes a write answers with (V024). Each form gives equal changes.
 */
public final class ChangeRepository {
  /**
   * A notification of committed changes: {@code head}, the top seq of the commit (-1 when the
   * payload is not understood), and the commit's changes in seq order when the payload carries
   * them (else empty: read them).
   */
  public record Notification(long head, List<Change> changes) {}

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

  /** What a payload of {@link PointRepository#CHANNEL} says: a seq alone, or a seq with its changes. */
  public static Notification notification(String payload) {
    try {
      if (!payload.startsWith("{")) {
        return new Notification(Long.parseLong(payload.trim()), List.of());
      }
      JsonObject json = new JsonObject(payload);
      List<Change> changes = new ArrayList<>();
      for (Object item : json.getJsonArray("changes")) {
        JsonObject c = (JsonObject) item;
        changes.add(new Change(c.getLong("seq"), c.getString("metric"), labels(c.getJsonObject("labels")),
            Instant.parse(c.getString("ts")), Double.parseDouble(c.getString("value")), c.getString("source"),
            c.getLong("token_id")));
      }
      return new Notification(json.getLong("head"), List.copyOf(changes));
    } catch (RuntimeException e) {
      return new Notification(-1, List.of());
    }
  }

  /** A row of {@link #SINCE}. */
  private static Change change(Row row) {
    return new Change(row.getLong("seq"), row.getString("metric_id"), labels(row.getJsonObject("labels")),
        row.getOffsetDateTime("ts").toInstant(), row.getDouble("value"), row.getString("source"),
        row.getLong("token_id"));
  }

  /** Stored labels in their stored order. */
  static Map<String, String> labels(JsonObject stored) {
    Map<String, String> labels = new LinkedHashMap<>();
    stored.forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
    return labels;
  }
}
