package io.pulseboard.ws;

import io.pulseboard.auth.AuthFailureLimit;
import io.vertx.core.MultiMap;
import java.util.function.BooleanSupplier;

/**
 * The limit of failed authentications at the {@code /ws} handshake: while the client's address is
 * over it, a handshake that carries a token is answered 429 before the upgrade, as HTTP routes are,
 * and its token is not looked at. Handshakes without a token, or while reads need none, pass on
 * to the {@link HandshakeGuard}. (The handshake API sets no headers, so no {@code Retry-After}
 * here; browsers do not show a refused handshake's headers to the page anyway.)
 */
final class HandshakeLimit {
  private final AuthFailureLimit failures;
  private final BooleanSupplier readGuarded;

  HandshakeLimit(AuthFailureLimit failures, BooleanSupplier readGuarded) {
    this.failures = failures;
    this.readGuarded = readGuarded;
  }

  boolean refused(MultiMap headers, String uri, String address) {
    return readGuarded.getAsBoolean() && HandshakeGuard.token(headers, uri) != null
        && failures.retryAfterSeconds(address) > 0;
  }
}
