package io.pulseboard.ws;

import io.vertx.core.AsyncResult;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One client socket speaking protocol v1. While a subscribe is being prepared (snapshot or
 * catch-up query), live batches are buffered and reading pauses, so subscribes apply in order and
 * the seam between the start and live changes has no gap and no duplicate.
 */
final class Session implements Inbound.Listener {
  private final LiveHub hub;
  private final ServerWebSocket ws;
  private final Outbox outbox;
  private final Inbound inbound;
  private Subscriptions subs = Subscriptions.NONE;
  private long sent;
  private List<EncodedBatch> buffer;
  private long lastHeard = System.nanoTime();

  Session(LiveHub hub, ServerWebSocket ws, Outbox.Factory outboxes, int maxFrameBytes, int hardFrameBytes) {
    this.hub = hub;
    this.ws = ws;
    this.outbox = outboxes.create(ws, this::updateReading);
    this.inbound = new Inbound(maxFrameBytes, hardFrameBytes, this);
  }

  ServerWebSocket socket() {
    return ws;
  }

  long lastHeardNanos() {
    return lastHeard;
  }

  boolean blocked() {
    return outbox.blocked();
  }

  /**
   * Says hello. {@code delivered} is the hub's last seq, from where live batches continue;
   * {@code head} the instance's, which the client is told.
   */
  void open(long delivered, long head, int heartbeatMs) {
    sent = delivered;
    ws.frameHandler(frame -> {
      lastHeard = System.nanoTime();
      inbound.frame(frame);
    });
    ws.pongHandler(data -> lastHeard = System.nanoTime());
    outbox.control(SharedFrame.of(Frames.hello(head, heartbeatMs)));
  }

  void closed() {
    outbox.close();
    buffer = null;
  }

  /** A live batch from the change feed. */
  void deliver(EncodedBatch batch) {
    if (buffer != null) {
      buffer.add(batch);
      return;
    }
    if (!subs.isEmpty()) {
      if (batch.firstSeq() > sent) {
        Subscriptions current = subs;
        long after = sent;
        batch.frameFor(current).ifPresent(frame -> outbox.changes(frame, () -> batch.matching(current, after)));
      } else {
        outbox.changes(batch.matching(subs, sent));
      }
    }
    sent = Math.max(sent, batch.lastSeq());
  }

  @Override
  public void message(String text) {
    try {
      Request request = Request.parse(text);
      switch (request.op()) {
        case "ping" -> outbox.control(SharedFrame.of(Frames.pong(request.json())));
        case "subscribe" -> subscribe(request);
        default -> subs = subs.without(request.metrics());
      }
    } catch (ProtocolError e) {
      refused(e);
    }
  }

  @Override
  public void refused(ProtocolError error) {
    outbox.control(SharedFrame.of(Frames.error(error.code(), error.getMessage())));
  }

  @Override
  public void tooBig() {
    ws.close(Frames.TOO_BIG, "message too large");
  }

  private void subscribe(Request request) {
    Subscriptions next = subs.with(request.metrics(), request.labels());
    if (next.size() > hub.limits().maxSubscriptions()) {
      throw new ProtocolError(Frames.TOO_MANY_SUBSCRIPTIONS,
          "at most " + hub.limits().maxSubscriptions() + " subscriptions per socket");
    }
    buffer = new ArrayList<>();
    updateReading();
    hub.starts().of(request, hub.seq()).onComplete(ar -> started(ar, next));
  }

  private void started(AsyncResult<Starts.Start> ar, Subscriptions next) {
    List<EncodedBatch> buffered = buffer;
    buffer = null;
    if (buffered == null) {
      return; // closed meanwhile
    }
    if (ar.failed()) {
      refused(ar.cause() instanceof ProtocolError e ? e
          : new ProtocolError(Frames.UNAVAILABLE, "the database is unavailable; subscribe again later"));
    } else {
      Starts.Start start = ar.result();
      // Changes up to the start's seq go first, so the stream stays in seq order.
      outbox.changes(merged(start.items(), earlier(buffered, start.seq())));
      if (start.snapshot() != null) {
        outbox.control(start.snapshot());
      }
      subs = next;
      sent = Math.max(sent, start.seq());
    }
    buffered.forEach(this::deliver);
    updateReading();
  }

  /** Buffered items for the subscriptions held before, up to the start's seq. */
  private List<JsonObject> earlier(List<EncodedBatch> buffered, long upTo) {
    List<JsonObject> items = new ArrayList<>();
    for (EncodedBatch batch : buffered) {
      batch.matching(subs, sent).stream().filter(item -> item.getLong("seq") <= upTo).forEach(items::add);
    }
    return items;
  }

  private static List<JsonObject> merged(List<JsonObject> a, List<JsonObject> b) {
    if (b.isEmpty()) {
      return a;
    }
    TreeMap<Long, JsonObject> bySeq = new TreeMap<>();
    a.forEach(item -> bySeq.put(item.getLong("seq"), item));
    b.forEach(item -> bySeq.put(item.getLong("seq"), item));
    return new ArrayList<>(bySeq.values());
  }

  private void updateReading() {
    if (buffer != null || outbox.blocked()) {
      ws.pause();
    } else {
      ws.resume();
    }
  }
}
