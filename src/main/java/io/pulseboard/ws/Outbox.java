package io.pulseboard.ws;

import io.pulseboard.db.Change;
import io.pulseboard.telemetry.ServerMeters;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The outgoing side of one socket. Frames go straight to the socket while the bytes written but
 * not yet taken by the network stay under {@code PULSEBOARD_WS_SEND_QUEUE_BYTES}; past that the
 * socket is blocked and changes wait here merged by series, the most recent change winning, so memory
 * stays bounded by the number of series. It unblocks when the queue is down to half. A socket
 * blocked for longer than the slow-client limit is closed with 1013.
 *
 * <p>Bytes are counted here, from the completion of each write, because Vert.x 5's
 * {@code writeQueueFull()} counts messages in its own queue, not bytes, and so lets a few large
 * frames through unnoticed.
 */
final class Outbox {
  /** Makes the outbox of a socket; {@code onBlockedChange} runs when it blocks or drains. */
  interface Factory {
    Outbox create(ClientSocket ws, Runnable onBlockedChange);
  }

  /** Most items in one update frame this outbox encodes itself. */
  static final int MAX_ITEMS_PER_FRAME = 1000;

  /** More distinct series than this waiting for one socket closes it rather than growing. */
  static final int MAX_PENDING_SERIES = 10_000;

  private final ClientSocket ws;
  private final Vertx vertx;
  private final ServerMeters meters;
  private final long slowClientMs;
  private final int maxQueuedBytes;
  private final Runnable onBlockedChange;
  private final Map<String, Change> pending = new LinkedHashMap<>();
  private boolean blocked;
  private long queuedBytes;
  private long slowTimer = -1;

  Outbox(ClientSocket ws, Vertx vertx, ServerMeters meters, long slowClientMs, int maxQueuedBytes,
      Runnable onBlockedChange) {
    this.ws = ws;
    this.vertx = vertx;
    this.meters = meters;
    this.slowClientMs = slowClientMs;
    this.maxQueuedBytes = maxQueuedBytes;
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
  void changes(SharedFrame frame, Supplier<List<Change>> items) {
    if (blocked) {
      merge(items.get());
    } else {
      write(frame);
    }
  }

  /** Sends changes encoded for this socket only (catch-up, or a filter nobody else has). */
  void changes(List<Change> items) {
    if (items.isEmpty()) {
      return;
    }
    for (int from = 0; from < items.size(); from += MAX_ITEMS_PER_FRAME) {
      List<Change> chunk = items.subList(from, Math.min(items.size(), from + MAX_ITEMS_PER_FRAME));
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
    int size = frame.size();
    queuedBytes += size;
    ws.write(frame).onComplete(ar -> written(size));
    meters.frameSent(size);
    if (!blocked && queuedBytes > maxQueuedBytes) {
      block();
    }
  }

  private void written(int size) {
    queuedBytes -= size;
    if (blocked && queuedBytes <= maxQueuedBytes / 2 && !ws.isClosed()) {
      drained();
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
    onBlockedChange.run();
  }

  private void drained() {
    cancelTimer();
    blocked = false;
    if (!pending.isEmpty()) {
      List<Change> items = new ArrayList<>(pending.values());
      pending.clear();
      items.sort(Comparator.comparingLong(Change::seq));
      changes(items);
    }
    if (!blocked) {
      onBlockedChange.run();
    }
  }

  private void merge(List<Change> items) {
    int merged = 0;
    for (Change item : items) {
      // Items come in seq order, so the one put last is the most recent change of its series.
      if (pending.put(item.seriesKey(), item) != null) {
        merged++;
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

  private void cancelTimer() {
    if (slowTimer >= 0) {
      vertx.cancelTimer(slowTimer);
      slowTimer = -1;
    }
  }
}
