package io.pulseboard.db;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;

/** A notification as the delivery log shows it: where it goes, how far its delivery got. */
public record NotificationEntry(long id, long channel, long rule, String series, long transition, String state,
    String status, int attempts, Integer lastStatus, String lastError, Instant createdAt, Instant lastAttemptAt,
    Instant deliveredAt, Instant nextAttemptAt) {

  static final String COLUMNS = "id, channel_id, rule_id, series_key, transition_seq, state, status, attempts,"
      + " last_status, last_error, created_at, last_attempt_at, delivered_at, next_attempt_at";

  static NotificationEntry of(Row row) {
    String status = row.getString("status");
    return new NotificationEntry(row.getLong("id"), row.getLong("channel_id"), row.getLong("rule_id"),
        row.getString("series_key"), row.getLong("transition_seq"), row.getString("state"), status,
        row.getInteger("attempts"), row.getInteger("last_status"), row.getString("last_error"),
        Rows.instant(row, "created_at"), Rows.instant(row, "last_attempt_at"), Rows.instant(row, "delivered_at"),
        status.equals("pending") ? Rows.instant(row, "next_attempt_at") : null);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("channel", channel)
        .put("rule", rule)
        .put("series", series)
        .put("transition", transition)
        .put("state", state)
        .put("status", status)
        .put("attempts", attempts)
        .put("last_status", lastStatus)
        .put("last_error", lastError)
        .put("created_at", Rows.text(createdAt))
        .put("last_attempt_at", Rows.text(lastAttemptAt))
        .put("delivered_at", Rows.text(deliveredAt))
        .put("next_attempt_at", Rows.text(nextAttemptAt));
  }
}
