package io.pulseboard.http;

import io.pulseboard.auth.AccessTokens;
import io.pulseboard.auth.Bearer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks the bearer token before anything else reads the request: writes under {@code /api}
 * need an admin token; reads under {@code /api} and {@code /metrics} need the read token when
 * one is configured. No token is 401, a token without the right is 403.
 */
public final class AccessHandler implements Handler<RoutingContext> {
  private final AccessTokens tokens;

  public AccessHandler(AccessTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    boolean api = path.startsWith("/api/");
    boolean write = api && isWrite(ctx.request().method());
    boolean guardedRead = !write && tokens.readGuarded()
        && ((api && !path.equals("/api/v1/openapi.yaml")) || path.equals("/metrics"));
    if (!write && !guardedRead) {
      ctx.next();
      return;
    }
    String token = bearer(ctx);
    if (token == null) {
      ctx.fail(new Problem(401, "unauthorized", "Unauthorized",
          (write ? "writes" : "reads") + " need an Authorization: Bearer token"));
    } else if (write ? tokens.isAdmin(token) : tokens.mayRead(token)) {
      ctx.next();
    } else {
      ctx.fail(new Problem(403, "forbidden", "Forbidden",
          "this token may not " + (write ? "write" : "read")));
    }
  }

  /** The bearer token of a request, or {@code null}. */
  public static String bearer(RoutingContext ctx) {
    return Bearer.token(ctx.request().getHeader("Authorization"));
  }

  private static boolean isWrite(HttpMethod method) {
    return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.DELETE
        || method == HttpMethod.PATCH;
  }
}
