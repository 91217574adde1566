package io.pulseboard.ws;

import io.pulseboard.auth.BoardGrants;
import io.pulseboard.auth.Principal;
import io.pulseboard.config.WebSocketLimits;
import io.pulseboard.db.Change;
import io.pulseboard.feed.EventBatch;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * One client socket speaking protocol v1. While a subscribe is being prepared (snapshot or
 * catch-up query), live batches are buffered and reading pauses, so subscribes apply in order and
 * the seam between the start and live changes has no gap and no duplicate.
 */
final class Session implements Inbound.Listener, ClientMessage.Handler {
  private final ClientSocket ws;
  private final Outbox outbox;
  private final Inbound inbound;
  private final Start.Source starts;
  private final LongSupplier delivered;
  private final SubscribeRate rate;
  private final int maxSubscriptions;
  private final Principal principal;
  private final Watches watches;
  private final BoardLimit limit;
  private boolean checking;
  private boolean closed;
  private Subscriptions subs = Subscriptions.NONE;
  private long sent;
  private List<EncodedBatch> buffer;
  private long lastHeard = System.nanoTime();

  /**
   * {@code delivered} gives the last seq handed to this session's hub, from where live batches
   * continue while a subscribe is prepared; {@code rate} bounds its subscribes.
   */
  Session(ClientSocket ws, Outbox.Factory outboxes, Start.Source starts, LongSupplier delivered,
      WebSocketLimits limits, SubscribeRate rate, Watches.Factory watching) {
    this(ws, outboxes, starts, delivered, limits, rate, null, watching, null);
  }

  /**
   * A session acting as {@code principal}: what it may subscribe to is what the token may read,
   * with {@code boards} saying which metrics its {@code board:<id>} scopes reach;
   * {@code watching} makes its part that follows the event feed.
   */
  Session(ClientSocket ws, Outbox.Factory outboxes, Start.Source starts, LongSupplier delivered,
      WebSocketLimits limits, SubscribeRate rate, Principal principal, Watches.Factory watching, BoardGrants boards) {
    this.principal = principal;
    this.limit = BoardLimit.of(principal, boards);
    this.ws = ws;
    this.outbox = outboxes.create(ws, this::updateReading);
    this.watches = watching.create(outbox, principal, this::updateReading);
    this.inbound = new Inbound(limits.maxFrameBytes(), limits.hardFrameBytes(), this);
    this.starts = starts;
    this.delivered = delivered;
    this.rate = rate;
    this.maxSubscriptions = limits.maxSubscriptions();
  }

  /** Who the socket acts as; {@code null} when reads are open. */
  Principal principal() {
    return principal;
  }

  long lastHeardNanos() {
    return lastHeard;
  }

  boolean blocked() {
    return outbox.blocked();
  }

  /** Says hello with the instance's {@code head}; live batches continue after {@code delivered}. */
  void open(long delivered, long head, int heartbeatMs) {
    sent = delivered;
    outbox.control(SharedFrame.of(Frames.hello(head, heartbeatMs)));
  }

  /** A frame from the client. */
  void frame(WebSocketFrame frame) {
    heard();
    inbound.frame(frame);
  }

  /** Any sign of life from the client (a frame, a pong). */
  void heard() {
    lastHeard = System.nanoTime();
  }

  void closed() {
    closed = true;
    outbox.close();
    buffer = null;
    watches.closed();
  }

  /**
   * A live batch from the event feed. When one of the boards a {@code board:<id>} token reaches
   * changed, its subscriptions to metrics the boards no longer show end at once.
   */
  void deliver(EventBatch batch) {
    watches.deliver(batch);
    if (limit != null && !limit.refusesAll() && limit.concerns(batch)) {
      limit.reach().onSuccess(reach -> subs = BoardLimit.narrowed(subs, reach));
    }
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
      ClientMessage.parse(text).dispatch(this);
    } catch (ProtocolError e) {
      refused(e);
    }
  }

  @Override
  public void ping(ClientMessage.Ping ping) {
    outbox.control(SharedFrame.of(Frames.pong(ping)));
  }

  @Override
  public void unsubscribe(ClientMessage.Unsubscribe unsubscribe) {
    subs = subs.without(unsubscribe.metrics());
  }

  @Override
  public void watch(ClientMessage.Watch watch) {
    if (!rate.tryAcquire()) {
      throw new ProtocolError(Frames.RATE_LIMITED,
          "at most " + SubscribeRate.PER_SECOND + " subscribes and watches per second per socket; nothing was watched");
    }
    watches.watch(watch);
  }

  @Override
  public void unwatch(ClientMessage.Unwatch unwatch) {
    watches.unwatch(unwatch);
  }

  @Override
  public void refused(ProtocolError error) {
    JsonObject frame = Frames.error(error.code(), error.getMessage());
    if (error.missingScope() != null) {
      frame.put("missing_scope", error.missingScope());
    }
    outbox.control(SharedFrame.of(frame));
  }

  @Override
  public void tooBig() {
    ws.close(Frames.TOO_BIG, "message too large");
  }

  @Override
  public void notUtf8() {
    ws.close(Frames.INVALID_DATA, "text message is not UTF-8");
  }

  /**
   * Prepares the start of a subscription; throws the {@link ProtocolError} that refuses it. A
   * token with only {@code board:<id>} scopes subscribes within what its boards show
   * ({@link BoardLimit#admit}); reading pauses while that is looked up, so frames keep their order.
   */
  @Override
  public void subscribe(ClientMessage.Subscribe subscribe) {
    if (limit == null) {
      start(subscribe);
      return;
    }
    checking = true;
    updateReading();
    limit.admit(subscribe).onComplete(ar -> {
      checking = false;
      if (closed) {
        return;
      }
      try {
        if (ar.failed()) {
          throw ar.cause() instanceof ProtocolError e ? e
              : new ProtocolError(Frames.UNAVAILABLE, "the database is unavailable; subscribe again later");
        }
        start(ar.result());
      } catch (ProtocolError e) {
        refused(e);
      }
      updateReading();
    });
  }

  private void start(ClientMessage.Subscribe subscribe) {
    Subscriptions next = subs.with(subscribe.metrics(), subscribe.labels());
    if (next.size() > maxSubscriptions) {
      throw new ProtocolError(Frames.TOO_MANY_SUBSCRIPTIONS, "at most " + maxSubscriptions + " subscriptions per socket");
    }
    if (!rate.tryAcquire()) {
      throw new ProtocolError(Frames.RATE_LIMITED,
          "at most " + SubscribeRate.PER_SECOND + " subscribes per second per socket; nothing was subscribed");
    }
    buffer = new ArrayList<>();
    updateReading();
    starts.of(subscribe, delivered.getAsLong()).onComplete(ar -> started(ar, next));
  }

  private void started(AsyncResult<Start> ar, Subscriptions next) {
    List<EncodedBatch> buffered = buffer;
    buffer = null;
    if (buffered == null) {
      return; // closed meanwhile
    }
    if (ar.failed()) {
      refused(ar.cause() instanceof ProtocolError e ? e
          : new ProtocolError(Frames.UNAVAILABLE, "the database is unavailable; subscribe again later"));
    } else {
      Start start = ar.result();
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
  private List<Change> earlier(List<EncodedBatch> buffered, long upTo) {
    List<Change> items = new ArrayList<>();
    for (EncodedBatch batch : buffered) {
      batch.matching(subs, sent).stream().filter(item -> item.seq() <= upTo).forEach(items::add);
    }
    return items;
  }

  private static List<Change> merged(List<Change> a, List<Change> b) {
    if (b.isEmpty()) {
      return a;
    }
    TreeMap<Long, Change> bySeq = new TreeMap<>();
    a.forEach(item -> bySeq.put(item.seq(), item));
    b.forEach(item -> bySeq.put(item.seq(), item));
    return new ArrayList<>(bySeq.values());
  }

  private void updateReading() {
    if (buffer != null || checking || watches.replaying() || outbox.blocked()) {
      ws.pause();
    } else {
      ws.resume();
    }
  }
}
