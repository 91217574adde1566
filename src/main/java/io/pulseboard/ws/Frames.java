package io.pulseboard.ws;

import io.pulseboard.db.Change;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The server frames of protocol v1, as JSON. */
final class Frames {
  static final int PROTOCOL = 1;
  static final String BAD_FRAME = "bad_frame";
  static final String UNKNOWN_OP = "unknown_op";
  static final String UNKNOWN_METRIC = "unknown_metric";
  static final String TOO_MANY_SUBSCRIPTIONS = "too_many_subscriptions";
  static final String FRAME_TOO_LARGE = "frame_too_large";
  static final String UNAVAILABLE = "unavailable";
  static final String RATE_LIMITED = "rate_limited";

  /** Close codes (RFC 6455). */
  static final short GOING_AWAY = 1001;
  /** A text message that is not UTF-8. */
  static final short INVALID_DATA = 1007;
  static final short POLICY = 1008;
  static final short TOO_BIG = 1009;
  static final short TRY_AGAIN_LATER = 1013;

  private Frames() {}

  static JsonObject hello(long seq, int heartbeatMs) {
    return new JsonObject().put("op", "hello").put("protocol", PROTOCOL).put("seq", seq)
        .put("heartbeat_ms", heartbeatMs);
  }

  static JsonObject pong(ClientMessage.Ping ping) {
    JsonObject pong = new JsonObject().put("op", "pong");
    if (ping.hasId()) {
      pong.put("id", ping.id());
    }
    return pong;
  }

  static JsonObject error(String code, String detail) {
    return new JsonObject().put("op", "error").put("code", code).put("detail", detail);
  }

  /** An update of items in seq order; its seq is the last item's. */
  static JsonObject update(List<Change> items) {
    JsonArray json = new JsonArray(new ArrayList<>(items.size()));
    items.forEach(item -> json.add(item.toJson()));
    return new JsonObject().put("op", "update").put("seq", items.get(items.size() - 1).seq()).put("items", json);
  }

  static JsonObject snapshot(long seq, JsonArray metrics, boolean reset) {
    JsonObject frame = new JsonObject().put("op", "snapshot").put("seq", seq);
    if (reset) {
      frame.put("reset", true);
    }
    return frame.put("metrics", metrics);
  }
}
