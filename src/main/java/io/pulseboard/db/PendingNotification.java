package io.pulseboard.db;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;

/**
 * A notification claimed for one delivery attempt, with what its channel says about where and how
 * to send it.
 *
 * @param attempt this attempt's number (1 for the first); recording it requires it to be still the latest
 * @param body the body the alert engine wrote, without {@code "id"}
 */
public record PendingNotification(long id, long channelId, int attempt, Instant createdAt, JsonObject body,
    String url, String format, String secret) {

  static PendingNotification of(Row row) {
    return new PendingNotification(row.getLong("id"), row.getLong("channel_id"), row.getInteger("attempts"),
        Rows.instant(row, "created_at"), (JsonObject) row.getValue("body"), row.getString("url"),
        row.getString("format"), row.getString("secret"));
  }
}
