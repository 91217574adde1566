package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The event feed (migration V012): events are emitted inside the transaction of the change they
 * tell, and read back in seq order by every instance's feed and by resuming clients.
 */
public final class EventRepository {
  /** The NOTIFY channel {@code pulseboard_emit_event} tells, with the new seq. */
  public static final String CHANNEL = "pulseboard_events";
  private static final String EMIT = "SELECT pulseboard_emit_event($1, $2, $3) AS seq";
  private static final String SINCE = """
      SELECT seq, topic, subject, body, at FROM events WHERE seq > $1 ORDER BY seq LIMIT $2""";
  private static final String HEAD = "SELECT coalesce(max(seq), 0) AS head FROM events";

  private final SqlClient client;

  public EventRepository(SqlClient client) {
    this.client = client;
  }

  /**
   * Emits an event in the transaction {@code tx} belongs to, so that it exists exactly when the
   * change it tells committed; the future holds its seq. The event writers' lock it takes is held
   * to the commit: keep such transactions short.
   */
  public static Future<Long> emit(SqlClient tx, String topic, String subject, JsonObject body) {
    if (!Event.TOPICS.contains(topic)) {
      return Future.failedFuture(new IllegalArgumentException("no event topic " + topic));
    }
    return tx.preparedQuery(EMIT).execute(Tuple.of(topic, subject, body))
        .map(rows -> rows.iterator().next().getLong("seq"));
  }

  /** Up to {@code limit} events with a seq above {@code since}; the future holds them in seq order. */
  public Future<List<Event>> since(long since, int limit) {
    return client.preparedQuery(SINCE).execute(Tuple.of(since, limit)).map(rows -> {
      List<Event> events = new ArrayList<>(rows.size());
      rows.forEach(row -> events.add(event(row)));
      return events;
    });
  }

  /** The highest event seq stored; the future holds it (0 when there is none). */
  public Future<Long> head() {
    return client.query(HEAD).execute().map(rows -> rows.iterator().next().getLong("head"));
  }

  /** A row of {@link #SINCE}. */
  private static Event event(Row row) {
    return new Event(row.getLong("seq"), row.getString("topic"), row.getString("subject"),
        row.getJsonObject("body"), row.getOffsetDateTime("at").toInstant());
  }
}
