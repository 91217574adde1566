package io.pulseboard.http;

import io.pulseboard.auth.Principal;
import io.vertx.ext.web.RoutingContext;

/**
 * Whether the caller may write every metric of a batch of points: a batch with any item outside
 * the token's {@code write:} scopes is refused whole with 403, before anything is read or written.
 * Every way of writing points (JSON, CSV) asks it with the metric ids of its items.
 */
final class WriteScopes {
  private WriteScopes() {}

  /** Throws the 403 naming the first metric the caller may not write. */
  static void check(RoutingContext ctx, Iterable<String> metricIds) {
    Principal principal = AccessHandler.principal(ctx);
    for (String metric : metricIds) {
      if (principal == null || !principal.mayWrite(metric)) {
        String scope = "write:" + metric;
        throw Problem.forbidden(scope, "this token may not write points of '" + metric
            + "' (it lacks the scope " + scope + "); nothing was written");
      }
    }
  }
}
