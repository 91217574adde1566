package io.pulseboard.ws;

import io.pulseboard.metrics.ServerMeters;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The outgoing side of one socket. Frames go straight to the socket while its write queue (bounded
 * by {@code PULSEBOARD_WS_SEND_QUEUE_BYTES}) has room; once it is full, changes wait here merged
 * by series, the latest value winning, so memory stays bounded by the number of series. A socket
 * blocked for longer than the slow-client limit is closed with 1013.
 */
final class Outbox {
  /** Makes the outbox of a socket; {@code onBlockedChange} runs when it blocks or drains. */
  interface Factory {
    Outbox create(ServerWebSocket ws, Runnable onBlockedChange);
  }

  /** Most items in one update frame this outbox encodes itself. */
  static final int MAX_ITEMS_PER_FRAME = 1000;

  /** More distinct series than this waiting for one socket closes it rather than growing. */
  static final int MAX_PENDING_SERIES = 10_000;

  private final ServerWebSocket ws;
  private final Vertx vertx;
  private final ServerMeters meters;
  private final long slowClientMs;
  private final Runnable onBlockedChange;
  private final Map<String, JsonObject> pending = new LinkedHashMap<>();
  private boolean blocked;
  private long slowTimer = -1;

  Outbox(ServerWebSocket ws, Vertx vertx, ServerMeters meters, long slowClientMs, Runnable onBlockedChange) {
    this.ws = ws;
    this.vertx = vertx;
    this.meters = meters;
    this.slowClientMs = slowClientMs;
    this.onBlockedChange = onBlockedChange;
  }

  boolean blocked() {
    return blocked;
  }

  /** Sends a frame that is not a change (hello, pong, error, snapshot): never merged. */
  void control(SharedFrame frame) {
    write(frame);
  }

  /** Sends changes: the shared frame when there is room, else the items merge into what waits. */
  void changes(SharedFrame frame, Supplier<List<JsonObject>> items) {
    if (blocked) {
      merge(items.get());
    } else {
      write(frame);
    }
  }

  /** Sends changes encoded for this socket only (catch-up, or a filter nobody else has). */
  void changes(List<JsonObject> items) {
    if (items.isEmpty()) {
      return;
    }
    for (int from = 0; from < items.size(); from += MAX_ITEMS_PER_FRAME) {
      List<JsonObject> chunk = items.subList(from, Math.min(items.size(), from + MAX_ITEMS_PER_FRAME));
      if (blocked) {
        merge(chunk);
      } else {
        write(SharedFrame.of(Frames.update(chunk)));
      }
    }
  }

  void close() {
    cancelTimer();
    pending.clear();
  }

  private void write(SharedFrame frame) {
    if (ws.isClosed()) {
      return;
    }
    frame.writeTo(ws);
    meters.frameSent(frame.size());
    if (!blocked && ws.writeQueueFull()) {
      block();
    }
  }

  private void block() {
    blocked = true;
    slowTimer = vertx.setTimer(slowClientMs, id -> {
      slowTimer = -1;
      meters.slowClientClosed();
      pending.clear();
      ws.close(Frames.TRY_AGAIN_LATER, "client too slow");
    });
    ws.drainHandler(v -> drained());
    onBlockedChange.run();
  }

  private void drained() {
    ws.drainHandler(null);
    cancelTimer();
    blocked = false;
    if (!pending.isEmpty()) {
      List<JsonObject> items = new ArrayList<>(pending.values());
      pending.clear();
      items.sort(Comparator.comparingLong(item -> item.getLong("seq")));
      changes(items);
    }
    if (!blocked) {
      onBlockedChange.run();
    }
  }

  private void merge(List<JsonObject> items) {
    int merged = 0;
    for (JsonObject item : items) {
      JsonObject previous = pending.putIfAbsent(seriesKey(item), item);
      if (previous != null) {
        merged++;
        if (newer(item, previous)) {
          pending.put(seriesKey(item), item);
        }
      }
    }
    if (merged > 0) {
      meters.updatesMerged(merged);
    }
    if (pending.size() > MAX_PENDING_SERIES) {
      cancelTimer();
      pending.clear();
      meters.slowClientClosed();
      ws.close(Frames.TRY_AGAIN_LATER, "client too slow");
    }
  }

  /** The later observation wins; for the same observation time, the later change. */
  private static boolean newer(JsonObject item, JsonObject than) {
    int byTs = Instant.parse(item.getString("ts")).compareTo(Instant.parse(than.getString("ts")));
    return byTs > 0 || (byTs == 0 && item.getLong("seq") > than.getLong("seq"));
  }

  private static String seriesKey(JsonObject item) {
    JsonObject labels = item.getJsonObject("labels");
    return item.getString("metric") + (labels == null ? "{}" : labels.encode());
  }

  private void cancelTimer() {
    if (slowTimer >= 0) {
      vertx.cancelTimer(slowTimer);
      slowTimer = -1;
    }
  }
}
