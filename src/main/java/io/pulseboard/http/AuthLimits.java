package io.pulseboard.http;

import io.pulseboard.auth.AuthFailureLimit;
import io.pulseboard.auth.WriteRateLimit;
import io.vertx.ext.web.RoutingContext;

/**
 * The limits {@link AccessHandler} applies, in the terms of a request: failed authentications per
 * client address ({@link AuthFailureLimit}) and, when configured, writes per token
 * ({@link WriteRateLimit}). Each refusal is a 429 problem with {@code Retry-After}.
 */
final class AuthLimits {
  private final AuthFailureLimit failures;
  private final WriteRateLimit writes;

  AuthLimits(AuthFailureLimit failures, WriteRateLimit writes) {
    this.failures = failures;
    this.writes = writes;
  }

  /** Whether this request's address is over its failure limit; if so, the request is failed with 429. */
  boolean refused(RoutingContext ctx) {
    long retryAfter = failures.retryAfterSeconds(address(ctx));
    if (retryAfter > 0) {
      ctx.fail(Problem.tooManyRequests("too many failed authentications from this address; try again in "
          + retryAfter + " s", retryAfter));
      return true;
    }
    return false;
  }

  /** Counts a wrong or unknown token presented by this request. */
  void failed(RoutingContext ctx) {
    failures.failed(address(ctx));
  }

  /** Whether this token may write now; if not, the request is failed with 429. */
  boolean mayWrite(RoutingContext ctx, long tokenId) {
    long retryAfter = writes.retryAfterSeconds(tokenId);
    if (retryAfter > 0) {
      ctx.fail(Problem.tooManyRequests("this token sends more than " + writes.perSecond()
          + " writes a second (PULSEBOARD_WRITE_RATE_LIMIT); try again in " + retryAfter + " s", retryAfter));
      return false;
    }
    return true;
  }

  /** The client's address: the connection's peer (no proxy header is trusted). */
  private static String address(RoutingContext ctx) {
    return ctx.request().remoteAddress().hostAddress();
  }
}
