package io.pulseboard.ws;

import io.pulseboard.auth.Principal;
import io.pulseboard.config.WebSocketLimits;
import io.pulseboard.feed.EventBatch;
import io.pulseboard.telemetry.ServerMeters;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint {@code /ws} of one HTTP server instance (one event loop): its sockets,
 * their heartbeats, and the fan-out of each change batch to them. Everything here runs on that
 * event loop; the batch frames it writes are shared with the other hubs of the instance.
 */
public final class LiveHub implements FanOutQueue.Target {
  /** The path of the WebSocket endpoint. */
  public static final String PATH = "/ws";
  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
  private static final Buffer NO_DATA = Buffer.buffer();
  /** Sockets written per event-loop task during a fan-out. */
  private static final int SLICE = 128;

  /**
   * Makes the session of an accepted socket; {@code delivered} gives the hub's last fanned-out seq,
   * {@code eventsDelivered} its last event seq.
   */
  interface Sessions {
    Session create(ClientSocket socket, LongSupplier delivered, LongSupplier eventsDelivered, Principal principal);
  }

  private final Context context;
  private final Admission admission;
  private final ServerMeters meters;
  private final Sessions sessions;
  private final LongSupplier head;
  private final int heartbeatMs;
  private final Consumer<LiveHub> onShutdown;
  private final Map<Session, ServerWebSocket> sockets = new LinkedHashMap<>();
  private final long heartbeatTimer;
  private long seq;
  private long eventSeq;

  /**
   * {@code head} gives the last seq the instance published, which a new socket is told;
   * {@code onShutdown} is told when the hub stops taking batches.
   */
  LiveHub(Context context, Admission admission, ServerMeters meters, Sessions sessions, LongSupplier head,
      int heartbeatMs, Consumer<LiveHub> onShutdown) {
    this.context = context;
    this.admission = admission;
    this.meters = meters;
    this.sessions = sessions;
    this.head = head;
    this.heartbeatMs = heartbeatMs;
    this.onShutdown = onShutdown;
    this.heartbeatTimer = context.owner().setPeriodic(heartbeatMs, id -> heartbeat());
  }

  /** Sets the server options the endpoint relies on. */
  public static HttpServerOptions configure(HttpServerOptions options, WebSocketLimits limits) {
    // Compressing per socket would undo the one-encoding-per-batch fan-out.
    return options.setMaxWebSocketFrameSize(limits.hardFrameBytes())
        .setMaxWebSocketMessageSize(limits.hardFrameBytes())
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
  }

  /**
   * Refuses upgrades to any other path before they are accepted; accepts the others once their
   * token is known here if it is in force anywhere ({@link #accept} then judges it).
   */
  public void handshake(ServerWebSocketHandshake handshake) {
    if (PATH.equals(handshake.path())) {
      if (admission.overFailureLimit(handshake.headers(), handshake.uri(), handshake.remoteAddress().hostAddress())) {
        handshake.reject(429);
        return;
      }
      admission.recognize(handshake.headers(), handshake.uri()).onComplete(v -> handshake.accept());
    } else {
      handshake.reject(404);
    }
  }

  /** Takes an accepted socket: closes it with 1008 or 1013 when refused, else says hello. */
  public void accept(ServerWebSocket ws) {
    Admission.Outcome outcome = admission.admit(ws.headers(), ws.uri(), ws.remoteAddress().hostAddress());
    if (outcome.refusal() != null) {
      ws.close(outcome.refusal().code(), outcome.refusal().reason());
      return;
    }
    Session session = sessions.create(ClientSocket.of(ws), this::seq, () -> eventSeq, outcome.principal());
    sockets.put(session, ws);
    meters.socketOpened();
    ws.closeHandler(v -> {
      if (sockets.remove(session) != null) {
        session.closed();
        admission.release();
        meters.socketClosed();
      }
    });
    ws.frameHandler(session::frame);
    ws.pongHandler(data -> session.heard());
    session.open(seq, Math.max(seq, head.getAsLong()), heartbeatMs);
  }

  /** Closes every socket with 1001; the future completes when they are closed. */
  public Future<Void> shutdown() {
    context.owner().cancelTimer(heartbeatTimer);
    onShutdown.accept(this);
    List<Future<Void>> closing = new ArrayList<>();
    for (ServerWebSocket ws : List.copyOf(sockets.values())) {
      closing.add(ws.close(Frames.GOING_AWAY, "server shutting down"));
    }
    return Future.join(closing).mapEmpty();
  }

  /**
   * Closes with 1008 every socket opened with one of these tokens, which stopped working
   * (revoked or expired); call it on this hub's context.
   */
  void withdrawn(Set<Long> tokenIds) {
    for (Map.Entry<Session, ServerWebSocket> e : List.copyOf(sockets.entrySet())) {
      Principal principal = e.getKey().principal();
      if (principal != null && tokenIds.contains(principal.id())) {
        e.getValue().close(Frames.POLICY, "token revoked or expired");
      }
    }
  }

  @Override
  public Context context() {
    return context;
  }

  /** The last seq fanned out here: every change up to it was handed to the sockets. */
  long seq() {
    return seq;
  }

  /**
   * Starts after {@code head} and {@code eventHead}; called once the hub is registered for
   * fan-outs, so no batch falls between.
   */
  void start(long head, long eventHead) {
    seq = Math.max(seq, head);
    eventSeq = Math.max(eventSeq, eventHead);
  }

  /** Hands a batch of the event feed to every socket; call it on this hub's context. */
  void deliver(EventBatch batch) {
    eventSeq = Math.max(eventSeq, batch.seq());
    for (Session session : List.copyOf(sockets.keySet())) {
      session.deliver(batch);
    }
  }

  /**
   * Writes a batch to every socket, {@link #SLICE} sockets per event-loop task so that database
   * replies and requests on this loop are not held up behind a whole fan-out; runs {@code done}
   * after the last. The hub's seq moves first: a socket that opens meanwhile starts after it.
   */
  @Override
  public void deliver(EncodedBatch batch, Runnable done) {
    seq = Math.max(seq, batch.lastSeq());
    deliver(batch, sockets.keySet().toArray(new Session[0]), 0, done);
  }

  private void deliver(EncodedBatch batch, Session[] targets, int from, Runnable done) {
    int to = Math.min(targets.length, from + SLICE);
    for (int i = from; i < to; i++) {
      try {
        targets[i].deliver(batch);
      } catch (RuntimeException e) {
        LOG.error("Fan-out to a socket failed; closing it", e);
        close(targets[i], Frames.TRY_AGAIN_LATER, "internal error; reconnect with since");
      }
    }
    if (to < targets.length) {
      context.runOnContext(v -> deliver(batch, targets, to, done));
    } else {
      meters.fanOutLatency(System.nanoTime() - batch.createdNanos());
      done.run();
    }
  }

  private void heartbeat() {
    long silentNanos = TimeUnit.MILLISECONDS.toNanos(3L * heartbeatMs);
    long now = System.nanoTime();
    for (Map.Entry<Session, ServerWebSocket> e : List.copyOf(sockets.entrySet())) {
      Session session = e.getKey();
      if (session.blocked()) {
        continue;
      }
      if (now - session.lastHeardNanos() > silentNanos) {
        e.getValue().close(Frames.GOING_AWAY, "no heartbeat");
      } else {
        e.getValue().writePing(NO_DATA);
      }
    }
  }

  private void close(Session session, short code, String reason) {
    ServerWebSocket ws = sockets.get(session);
    if (ws != null) {
      ws.close(code, reason);
    }
  }
}
