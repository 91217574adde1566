package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** The event feed of changes other than points (migration V012). */
public final class EventRepository {
  private static final String EMIT = "SELECT pulseboard_emit_event($1, $2, $3)";

  private EventRepository() {}

  /**
   * Records an event inside the transaction {@code tx} that makes the change, so the event exists
   * exactly when the change committed; the future holds the event's seq.
   */
  public static Future<Long> emit(SqlClient tx, String topic, String subject, JsonObject body) {
    return tx.preparedQuery(EMIT).execute(Tuple.of(topic, subject, body))
        .map(rows -> rows.iterator().next().getLong(0));
  }
}
