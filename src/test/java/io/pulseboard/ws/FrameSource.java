package io.pulseboard.ws;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** A test client's received frames, taken in order. */
interface FrameSource {
  /** The next frame, which must have this op. */
  JsonObject next(String op);

  /** Items of the update frames received until one reaches this seq. */
  default List<JsonObject> itemsUntil(long seq) {
    List<JsonObject> items = new ArrayList<>();
    long last = Long.MIN_VALUE;
    while (last < seq) {
      JsonObject frame = next("update");
      frame.getJsonArray("items").forEach(item -> items.add((JsonObject) item));
      last = frame.getLong("seq");
    }
    return items;
  }
}
