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
  private final HandshakeLimit limit;
  private final int maxConnections;
  private final AtomicInteger connections = new AtomicInteger();

  Admission(HandshakeGuard guard, HandshakeLimit limit, int maxConnections) {
    this.guard = guard;
    this.limit = limit;
    this.maxConnections = maxConnections;
  }

  /** Whether a handshake comes from an address over its limit of failed authentications (answer 429). */
  boolean overFailureLimit(MultiMap headers, String uri, String address) {
    return limit.refused(headers, uri, address);
  }

  /**
   * Counts the socket in, or says why it may not open ({@code null}: admitted; {@link #release()}
   * it once closed).
   */
  Refusal admit(MultiMap headers, String uri, String address) {
    String refusal = guard.refusal(headers, uri, address);
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
