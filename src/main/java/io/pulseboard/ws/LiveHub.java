package io.pulseboard.ws;

import io.pulseboard.config.WebSocketLimits;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint {@code /ws} of one HTTP server instance (one event loop): its sockets,
 * their heartbeats, and the fan-out of each change batch to them. Everything here runs on that
 * event loop; the batch frames it writes are shared with the other hubs of the instance.
 */
public final class LiveHub {
  /** The path of the WebSocket endpoint. */
  public static final String PATH = "/ws";
  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
  private static final Buffer NO_DATA = Buffer.buffer();
  /** Sockets written per event-loop task during a fan-out. */
  private static final int SLICE = 128;

  private final LiveService service;
  private final Context context;
  private final WebSocketLimits limits;
  private final Starts starts;
  private final Outbox.Factory outboxes;
  private final Set<Session> sessions = new LinkedHashSet<>();
  private final long heartbeatTimer;
  private long seq;

  LiveHub(LiveService service, Context context, Starts starts, Outbox.Factory outboxes) {
    this.service = service;
    this.context = context;
    this.limits = service.limits();
    this.starts = starts;
    this.outboxes = outboxes;
    this.heartbeatTimer = context.owner().setPeriodic(limits.heartbeatMs(), id -> heartbeat());
  }

  /** Sets the server options the endpoint relies on. */
  public static HttpServerOptions configure(HttpServerOptions options, WebSocketLimits limits) {
    // Compressing per socket would undo the one-encoding-per-batch fan-out.
    return options.setMaxWebSocketFrameSize(limits.hardFrameBytes())
        .setMaxWebSocketMessageSize(limits.hardFrameBytes())
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
  }

  /** Refuses upgrades to any other path before they are accepted. */
  public void handshake(ServerWebSocketHandshake handshake) {
    if (PATH.equals(handshake.path())) {
      handshake.accept();
    } else {
      handshake.reject(404);
    }
  }

  /** Takes an accepted socket: closes it with 1008 or 1013 when refused, else says hello. */
  public void accept(ServerWebSocket ws) {
    String refusal = service.guard().refusal(ws.headers(), ws.uri());
    if (refusal != null) {
      ws.close(Frames.POLICY, refusal);
      return;
    }
    if (!service.admit()) {
      ws.close(Frames.TRY_AGAIN_LATER, "too many connections");
      return;
    }
    Session session = new Session(this, ws, outboxes, limits.maxFrameBytes(), limits.hardFrameBytes());
    sessions.add(session);
    service.meters().socketOpened();
    ws.closeHandler(v -> {
      if (sessions.remove(session)) {
        session.closed();
        service.release();
        service.meters().socketClosed();
      }
    });
    session.open(seq, Math.max(seq, service.head()), limits.heartbeatMs());
  }

  /** Closes every socket with 1001; the future completes when they are closed. */
  public Future<Void> shutdown() {
    context.owner().cancelTimer(heartbeatTimer);
    service.remove(this);
    List<Future<Void>> closing = new ArrayList<>();
    for (Session session : List.copyOf(sessions)) {
      closing.add(session.socket().close(Frames.GOING_AWAY, "server shutting down"));
    }
    return Future.join(closing).mapEmpty();
  }

  Context context() {
    return context;
  }

  WebSocketLimits limits() {
    return limits;
  }

  Starts starts() {
    return starts;
  }

  /** The last seq fanned out here: every change up to it was handed to the sockets. */
  long seq() {
    return seq;
  }

  void start(long head) {
    seq = Math.max(seq, head);
  }

  /**
   * Writes a batch to every socket, {@link #SLICE} sockets per event-loop task so that database
   * replies and requests on this loop are not held up behind a whole fan-out; runs {@code done}
   * after the last. The hub's seq moves first: a socket that opens meanwhile starts after it.
   */
  void deliver(EncodedBatch batch, Runnable done) {
    seq = Math.max(seq, batch.lastSeq());
    deliver(batch, sessions.toArray(new Session[0]), 0, done);
  }

  private void deliver(EncodedBatch batch, Session[] targets, int from, Runnable done) {
    int to = Math.min(targets.length, from + SLICE);
    for (int i = from; i < to; i++) {
      try {
        targets[i].deliver(batch);
      } catch (RuntimeException e) {
        LOG.error("Fan-out to a socket failed; closing it", e);
        targets[i].socket().close(Frames.TRY_AGAIN_LATER, "internal error; reconnect with since");
      }
    }
    if (to < targets.length) {
      context.runOnContext(v -> deliver(batch, targets, to, done));
    } else {
      service.meters().fanOutLatency(System.nanoTime() - batch.createdNanos());
      done.run();
    }
  }

  private void heartbeat() {
    long silentNanos = TimeUnit.MILLISECONDS.toNanos(3L * limits.heartbeatMs());
    long now = System.nanoTime();
    for (Session session : List.copyOf(sessions)) {
      if (now - session.lastHeardNanos() > silentNanos && !session.blocked()) {
        session.socket().close(Frames.GOING_AWAY, "no heartbeat");
      } else if (!session.blocked()) {
        session.socket().writePing(NO_DATA);
      }
    }
  }
}
