package io.pulseboard.notify;

import io.pulseboard.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Notifications written straight into the outbox, as the alert engine writes them in the
 * transaction that claims a transition: the sender needs nothing else to deliver them.
 */
public final class OutboxRows {
  private OutboxRows() {}

  /** The body the engine writes for a transition of a series (see docs/alerts.md). */
  public static JsonObject body(String series, long transition) {
    String state = transition % 2 == 1 ? "firing" : "resolved";
    return new JsonObject().put("state", state)
        .put("rule", new JsonObject().put("id", 1).put("name", "Korea subscribers fell").put("kind", "threshold"))
        .put("metric", "paid_subscribers").put("labels", new JsonObject().put("region", series))
        .put("series", series).put("value", 2.1).put("at", "2026-11-30T08:00:00Z").put("transition", transition)
        .put("goal", null).put("pacing", null).put("summary", "paid subscribers (" + series + ") 2.1 below 2.5")
        .put("link", "https://pulseboard.example.com/#/metrics/paid_subscribers?region=" + series);
  }

  /**
   * Inserts {@code transitions} notifications (transitions 1..n) for each of {@code series} series
   * named {@code s0}, {@code s1}, …, to one channel, interleaved as transitions happen.
   */
  public static void insert(String db, long channel, int series, int transitions) {
    String sql = "INSERT INTO notifications (channel_id, rule_id, series_key, transition_seq, state, body)"
        + " VALUES (?, 1, ?, ?, ?, ?::jsonb)";
    try (Connection c = TestDatabase.connect(db); PreparedStatement s = c.prepareStatement(sql)) {
      for (int t = 1; t <= transitions; t++) {
        for (int i = 0; i < series; i++) {
          JsonObject body = body("s" + i, t);
          s.setLong(1, channel);
          s.setString(2, "s" + i);
          s.setLong(3, t);
          s.setString(4, body.getString("state"));
          s.setString(5, body.encode());
          s.addBatch();
        }
      }
      s.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Notifications of this status. */
  public static long count(String db, String status) {
    return TestDatabase.queryLong(db, "SELECT count(*) FROM notifications WHERE status = '" + status + "'");
  }
}
