package io.pulseboard.ws;

import io.pulseboard.auth.AccessTokens;
import io.pulseboard.config.WebSocketLimits;
import io.pulseboard.db.ChangeRepository;
import io.pulseboard.db.SummaryRepository;
import io.pulseboard.feed.ChangeBatch;
import io.pulseboard.feed.FeedBacklog;
import io.pulseboard.telemetry.ServerMeters;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live push for one Pulseboard instance. It takes each {@link ChangeBatch} of the local change
 * feed and, through the {@link FanOutQueue}, hands its update frame, encoded once, to the
 * {@link LiveHub} of every HTTP server instance on its own event loop. It also counts the
 * instance's sockets against the limit.
 */
public final class LiveService {
  private final Vertx vertx;
  private final Pool pool;
  private final ServerMeters meters;
  private final WebSocketLimits limits;
  private final HandshakeGuard guard;
  private final List<LiveHub> hubs = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final FanOutQueue fanOut;
  private volatile long head;

  public LiveService(Vertx vertx, Pool pool, AccessTokens tokens, ServerMeters meters, List<String> allowedOrigins,
      WebSocketLimits limits, FeedBacklog backlog) {
    this.vertx = vertx;
    this.pool = pool;
    this.meters = meters;
    this.limits = limits;
    this.guard = new HandshakeGuard(allowedOrigins, tokens);
    this.fanOut = new FanOutQueue(vertx, () -> List.copyOf(hubs), this::advanceHead, backlog,
        limits.coalesceMs());
  }

  /** Listens to the change feed; the future completes once it does and knows the current head. */
  public Future<Void> start() {
    return vertx.eventBus().<ChangeBatch>localConsumer(ChangeBatch.ADDRESS, msg -> offer(msg.body()))
        .completion()
        .compose(v -> new ChangeRepository(pool).head())
        .onSuccess(seq -> head = Math.max(head, seq))
        .mapEmpty();
  }

  /** A hub for the HTTP server instance running on this context. */
  public LiveHub hub(Context context) {
    Snapshots snapshots = new Snapshots(new SummaryRepository(pool));
    LiveHub hub = new LiveHub(this, context, new Starts(pool, snapshots, limits.resumeLimit()),
        (ws, onBlockedChange) -> new Outbox(ws, vertx, meters, limits.slowClientMs(), limits.sendQueueBytes(),
            onBlockedChange));
    hubs.add(hub);
    // Registered before reading the head: a batch after it reaches the hub, one before is in it.
    hub.start(head);
    return hub;
  }

  /** Sets the server options {@code /ws} relies on. */
  public HttpServerOptions configure(HttpServerOptions options) {
    return LiveHub.configure(options, limits);
  }

  /** The last seq the change feed of this instance published. */
  long head() {
    return head;
  }

  WebSocketLimits limits() {
    return limits;
  }

  ServerMeters meters() {
    return meters;
  }

  HandshakeGuard guard() {
    return guard;
  }

  /** Counts a new socket, or refuses it when the instance is at its limit. */
  boolean admit() {
    if (connections.incrementAndGet() > limits.maxConnections()) {
      connections.decrementAndGet();
      return false;
    }
    return true;
  }

  void release() {
    connections.decrementAndGet();
  }

  void remove(LiveHub hub) {
    hubs.remove(hub);
  }

  private void advanceHead(long seq) {
    head = Math.max(head, seq);
  }

  private void offer(ChangeBatch batch) {
    if (!batch.items().isEmpty()) {
      fanOut.offer(batch);
    }
  }
}
