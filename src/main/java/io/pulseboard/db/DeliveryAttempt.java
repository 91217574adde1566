package io.pulseboard.db;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;

/**
 * One attempt to deliver a notification ({@code notification_attempts}, migration {@code V016}).
 *
 * @param outcome {@code delivered}, {@code retried}, {@code refused} (the target's address is not
 *     allowed; nothing was sent) or {@code failed} (given up)
 * @param statusCode the receiver's HTTP status, {@code null} when none came
 * @param error what went wrong, {@code null} when delivered
 */
public record DeliveryAttempt(int attempt, Instant startedAt, String outcome, Integer statusCode, String error,
    long durationMs) {

  static final String COLUMNS = "attempt, started_at, outcome, status_code, error, duration_ms";

  static DeliveryAttempt of(Row row) {
    return new DeliveryAttempt(row.getInteger("attempt"), Rows.instant(row, "started_at"), row.getString("outcome"),
        row.getInteger("status_code"), row.getString("error"), row.getInteger("duration_ms"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("attempt", attempt).put("at", Rows.text(startedAt)).put("outcome", outcome)
        .put("status", statusCode).put("error", error).put("duration_ms", durationMs);
  }
}
