package io.pulseboard.ws;

import io.pulseboard.auth.AuthFailureLimit;
import io.pulseboard.auth.TokenRegistry;
import io.pulseboard.config.WebSocketLimits;
import io.pulseboard.db.ChangeRepository;
import io.pulseboard.db.EventRepository;
import io.pulseboard.db.SeriesGoals;
import io.pulseboard.db.SummaryRepository;
import io.pulseboard.feed.ChangeBatch;
import io.pulseboard.feed.EventBatch;
import io.pulseboard.feed.FeedBacklog;
import io.pulseboard.telemetry.ServerMeters;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Live push for one Pulseboard instance, and the one place that wires its parts: it takes each
 * {@link EventBatch} of the local event feed to every hub, and each
 * {@link ChangeBatch} of the local change feed and, through the {@link FanOutQueue}, hands its
 * update frame, encoded once, to the {@link LiveHub} of every HTTP server instance on its own
 * event loop. Each hub gets the narrow things it uses (the shared {@link Admission}, the head,
 * a maker of sessions) and none of them refers back here.
 */
public final class LiveService {
  private final Vertx vertx;
  private final Pool pool;
  private final SeriesGoals goals;
  private final ServerMeters meters;
  private final WebSocketLimits limits;
  private final Admission admission;
  private final List<LiveHub> hubs = new CopyOnWriteArrayList<>();
  private final FanOutQueue fanOut;
  private final EventRepository events;
  private volatile long head;
  private volatile long eventHead;

  public LiveService(Vertx vertx, Pool pool, TokenRegistry tokens, ServerMeters meters, List<String> allowedOrigins,
      WebSocketLimits limits, FeedBacklog backlog, AuthFailureLimit failures, SeriesGoals goals) {
    this.vertx = vertx;
    this.pool = pool;
    this.goals = goals;
    this.events = new EventRepository(pool);
    this.meters = meters;
    this.limits = limits;
    this.admission = new Admission(new HandshakeGuard(allowedOrigins, tokens, failures),
        new HandshakeLimit(failures, tokens::readsGuarded), limits.maxConnections());
    this.fanOut = new FanOutQueue(vertx, () -> List.copyOf(hubs), this::advanceHead, backlog, limits.coalesceMs());
    tokens.onWithdrawn(ids -> hubs.forEach(hub -> hub.context().runOnContext(v -> hub.withdrawn(ids))));
  }

  /**
   * Listens to the change feed and the event feed; the future completes once it does and knows
   * the current heads of both.
   */
  public Future<Void> start() {
    return vertx.eventBus().<ChangeBatch>localConsumer(ChangeBatch.ADDRESS, msg -> offer(msg.body()))
        .completion()
        .compose(v -> vertx.eventBus().<EventBatch>localConsumer(EventBatch.ADDRESS, msg -> events(msg.body()))
            .completion())
        .compose(v -> new ChangeRepository(pool).head())
        .onSuccess(seq -> head = Math.max(head, seq))
        .compose(v -> events.head())
        .onSuccess(seq -> eventHead = Math.max(eventHead, seq))
        .mapEmpty();
  }

  /** A hub for the HTTP server instance running on this context. */
  public LiveHub hub(Context context) {
    // Per hub: Snapshots shares queries between the sockets of one event loop and is not thread-safe.
    Starts starts = new Starts(pool, new Snapshots(new SummaryRepository(pool, goals)), limits.resumeLimit());
    Outbox.Factory outboxes = (ws, onBlockedChange) ->
        new Outbox(ws, vertx, meters, limits.slowClientMs(), limits.sendQueueBytes(), onBlockedChange);
    LiveHub.Sessions sessions = (socket, delivered, eventsDelivered, principal) -> new Session(socket, outboxes,
        starts, delivered, limits, new SubscribeRate(SubscribeRate.PER_SECOND, System::nanoTime), principal,
        (outbox, who, onReplayChange) -> new Watches(outbox, who, events, eventsDelivered, onReplayChange));
    LiveHub hub = new LiveHub(context, admission, meters, sessions, () -> head, limits.heartbeatMs(), hubs::remove);
    hubs.add(hub);
    // Registered before reading the head: a batch after it reaches the hub, one before is in it.
    hub.start(head, eventHead);
    return hub;
  }

  /** Sets the server options {@code /ws} relies on. */
  public HttpServerOptions configure(HttpServerOptions options) {
    return LiveHub.configure(options, limits);
  }

  private void advanceHead(long seq) {
    head = Math.max(head, seq);
  }

  private void events(EventBatch batch) {
    eventHead = Math.max(eventHead, batch.seq());
    hubs.forEach(hub -> hub.context().runOnContext(v -> hub.deliver(batch)));
  }

  private void offer(ChangeBatch batch) {
    if (!batch.items().isEmpty()) {
      fanOut.offer(batch);
    }
  }
}
