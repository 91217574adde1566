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

/**
 * The WebSocket endpoint {@code /ws} of one HTTP server instance (one event loop): its sockets,
 * their heartbeats, and the fan-out of each change batch to them. Everything here runs on that
 * event loop; the batch frames it writes are shared with the other hubs of the instance.
 */
public final class LiveHub {
  /** The path of the WebSocket endpoint. */
  public static final String PATH = "/ws";
  private static final Buffer NO_DATA = Buffer.buffer();

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

  void deliver(EncodedBatch batch) {
    for (Session session : sessions) {
      session.deliver(batch);
    }
    seq = Math.max(seq, batch.lastSeq());
    service.meters().fanOutLatency(System.nanoTime() - batch.createdNanos());
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
