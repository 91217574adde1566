package io.pulseboard.db;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * One event of the event feed: a change of something other than points (a board saved or deleted,
 * an alert's state), with the seq the feed gave it. One instance travels by reference to every
 * event loop, so its {@code body} is never modified once read.
 *
 * @param topic what kind of thing changed, one of {@link #TOPICS}
 * @param subject which one: a board's id, an alert's id
 * @param body the thing as it is now, as the API gives it ({@code {"id":…,"deleted":true}} when gone)
 */
public record Event(long seq, String topic, String subject, JsonObject body, Instant at) {
  /** Boards saved or deleted; subject: the board id. */
  public static final String BOARDS = "boards";
  /** Alert states; subject: the alert id. */
  public static final String ALERTS = "alerts";
  /** Every topic (the CHECK of {@code events.topic} in V012 lists the same). */
  public static final Set<String> TOPICS = Set.of(BOARDS, ALERTS);

  /** The item as the WebSocket {@code events} frame gives it. */
  public JsonObject toJson() {
    return new JsonObject().put("seq", seq).put("topic", topic).put("subject", subject).put("body", body)
        .put("at", at.toString());
  }
}
