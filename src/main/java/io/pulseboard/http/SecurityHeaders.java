package io.pulseboard.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Headers every response carries: a strict Content-Security-Policy and its usual companions.
 * Who may frame the page follows {@code PULSEBOARD_FRAME_ANCESTORS}: nobody by default
 * ({@code frame-ancestors 'none'} and {@code X-Frame-Options: DENY}); with origins listed, CSP
 * names them and {@code X-Frame-Options} is left out, since it cannot express a list and
 * browsers that know CSP ignore it anyway.
 */
final class SecurityHeaders implements Handler<RoutingContext> {
  private static final String CSP_BEFORE_FRAMES = "default-src 'self'; script-src 'self'; style-src 'self';"
      + " img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors ";
  private static final String CSP_AFTER_FRAMES = "; form-action 'self'";
  /** The policy when nobody may frame the page (the default). */
  static final String CSP = policy(List.of());

  private final String csp;
  private final boolean deny;

  /** @param frameAncestors origins (or {@code 'self'}) that may frame the page; empty means none */
  SecurityHeaders(List<String> frameAncestors) {
    this.csp = policy(frameAncestors);
    this.deny = frameAncestors.isEmpty();
  }

  private static String policy(List<String> frameAncestors) {
    return CSP_BEFORE_FRAMES + (frameAncestors.isEmpty() ? "'none'" : String.join(" ", frameAncestors))
        + CSP_AFTER_FRAMES;
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers.set("Content-Security-Policy", csp);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    if (deny) {
      headers.set("X-Frame-Options", "DENY");
    }
    ctx.next();
  }
}
