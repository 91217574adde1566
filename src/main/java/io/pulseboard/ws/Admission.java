package io.pulseboard.ws;

import io.pulseboard.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which sockets may open on this instance: those the {@link HandshakeGuard} lets through, up to
 * {@code PULSEBOARD_WS_MAX_CONNECTIONS} at once. Thread-safe: the hubs of every event loop share it.
 */
final class Admission {
  /** Why a socket is closed at once, as a close code and reason. */
  record Refusal(short code, String reason) {}

  /**
   * The outcome of a handshake: a refusal, or who the admitted socket acts as ({@code null} when
   * reads are open and it brought no token).
   */
  record Outcome(Refusal refusal, Principal principal) {}

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

  /** Completes once the handshake's token, if it is in force anywhere, is known here (never fails). */
  Future<Void> recognize(MultiMap headers, String uri) {
    return guard.recognize(headers, uri);
  }

  /** Counts the socket in ({@link #release()} it once closed), or says why it may not open. */
  Outcome admit(MultiMap headers, String uri, String address) {
    HandshakeGuard.Verdict verdict = guard.check(headers, uri, address);
    if (verdict.refusal() != null) {
      return new Outcome(new Refusal(Frames.POLICY, verdict.refusal()), null);
    }
    if (connections.incrementAndGet() > maxConnections) {
      connections.decrementAndGet();
      return new Outcome(new Refusal(Frames.TRY_AGAIN_LATER, "too many connections"), null);
    }
    return new Outcome(null, verdict.principal());
  }

  void release() {
    connections.decrementAndGet();
  }
}
