package io.pulseboard.ws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.pulseboard.db.Change;
import io.pulseboard.db.InstantText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

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
  static final String FORBIDDEN = "forbidden";

  /** Close codes (RFC 6455). */
  static final short GOING_AWAY = 1001;
  /** A text message that is not UTF-8. */
  static final short INVALID_DATA = 1007;
  static final short POLICY = 1008;
  static final short TOO_BIG = 1009;
  static final short TRY_AGAIN_LATER = 1013;

  /** Writes characters beyond the BMP as UTF-8, as Vert.x's own encoding does, not as escaped surrogates. */
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

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

  /**
   * The UTF-8 bytes of an update of items in seq order; its seq is the last item's. This is the
   * fan-out's one encoding of a batch, so it is written straight from the records rather than
   * through a JSON object per item, which made it about a third slower than encoding the feed's
   * JSON items had been; the bytes are those of {@link Change#toJson()} (FramesTest holds them equal).
   */
  static byte[] update(List<Change> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 128 * items.size());
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("op", "update");
      json.writeNumberField("seq", items.get(items.size() - 1).seq());
      json.writeArrayFieldStart("items");
      for (Change item : items) {
        write(json, item);
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator json, Change item) throws IOException {
    json.writeStartObject();
    json.writeNumberField("seq", item.seq());
    json.writeStringField("metric", item.metric());
    json.writeObjectFieldStart("labels");
    for (Map.Entry<String, String> label : item.labels().entrySet()) {
      json.writeStringField(label.getKey(), label.getValue());
    }
    json.writeEndObject();
    json.writeStringField("ts", InstantText.of(item.ts()));
    json.writeNumberField("value", item.value());
    json.writeStringField("source", item.source());
    json.writeEndObject();
  }

  /** Events in seq order (possibly none); {@code seq} is where the socket's event stream now stands. */
  static JsonObject events(long seq, JsonArray items, boolean reset) {
    JsonObject frame = new JsonObject().put("op", "events").put("seq", seq);
    if (reset) {
      frame.put("reset", true);
    }
    return frame.put("items", items);
  }

  static JsonObject snapshot(long seq, JsonArray metrics, boolean reset) {
    JsonObject frame = new JsonObject().put("op", "snapshot").put("seq", seq);
    if (reset) {
      frame.put("reset", true);
    }
    return frame.put("metrics", metrics);
  }
}
