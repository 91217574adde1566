package io.pulseboard.db;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A transition an evaluator wants to claim: rule {@code ruleId} on series {@code seriesId} moves
 * to {@code state}, if its stored transition count is still {@code expected}.
 *
 * @param alert the alert's fields that do not change with the transition: {@code rule},
 *     {@code rule_name}, {@code kind}, {@code metric}, {@code labels}
 * @param notification the notification body without {@code transition} (added once claimed) and
 *     without {@code id} (the sender adds the row's id)
 */
public record AlertClaim(long ruleId, long seriesId, String seriesKey, long expected, String state, Double value,
    String summary, Instant at, List<Long> channels, JsonObject alert, JsonObject notification) {
  public AlertClaim {
    channels = List.copyOf(channels);
  }
}
