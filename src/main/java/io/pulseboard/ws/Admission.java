package io.pulseboard.ws;

import io.vertx.core.MultiMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which sockets may open on this instance: those the {@link HandshakeGuard} lets through, up to
 * {@code PULSEBOARD_WS_MAX_CONNECTIONS} at once. Thread-safe: the hubs of every event loop share it.
 */
final class Admission {
  /** Why a socket is closed at once, as a close code and reason. */
  record Refusal(short code, String reason) {}

  private final HandshakeGuard guard;
  private final int maxConnections;
  private final AtomicInteger connections = new AtomicInteger();

  Admission(HandshakeGuard guard, int maxConnections) {
    this.guard = guard;
    this.maxConnections = maxConnections;
  }

  /**
   * Counts the socket in, or says why it may not open ({@code null}: admitted; {@link #release()}
   * it once closed).
   */
  Refusal admit(MultiMap headers, String uri) {
    String refusal = guard.refusal(headers, uri);
    if (refusal != null) {
      return new Refusal(Frames.POLICY, refusal);
    }
    if (connections.incrementAndGet() > maxConnections) {
      connections.decrementAndGet();
      return new Refusal(Frames.TRY_AGAIN_LATER, "too many connections");
    }
    return null;
  }

  void release() {
    connections.decrementAndGet();
  }
}
