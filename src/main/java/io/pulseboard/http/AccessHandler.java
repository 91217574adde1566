package io.pulseboard.http;

import io.pulseboard.auth.AccessTokens;
import io.pulseboard.auth.Bearer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/**
 * The first handler of each route of the contract: checks the bearer token against the access
 * that route needs, before the body is read or the request validated. No token is 401, a token
 * without the right is 403. A security-policy handler in Vert.x Web's terms, which is what lets it
 * come before the body handler on a route.
 */
final class AccessHandler implements SecurityPolicyHandler {
  private final AccessTokens tokens;
  private final Access access;
  private final AuthLimits limits;

  AccessHandler(AccessTokens tokens, Access access, AuthLimits limits) {
    this.tokens = tokens;
    this.access = access;
    this.limits = limits;
  }

  @Override
  public void handle(RoutingContext ctx) {
    boolean open = access == Access.PUBLIC || (access == Access.READ && !tokens.readGuarded());
    if (open) {
      ctx.next();
      return;
    }
    boolean write = access == Access.ADMIN;
    String token = Bearer.token(ctx.request().getHeader("Authorization"));
    if (token == null) {
      ctx.fail(new Problem(401, "unauthorized", "Unauthorized",
          (write ? "writes" : "reads") + " need an Authorization: Bearer token"));
    } else if (limits.refused(ctx)) {
      return;
    } else if (write ? tokens.isAdmin(token) : tokens.mayRead(token)) {
      if (!write || limits.mayWrite(ctx, token)) {
        ctx.next();
      }
    } else {
      if (!write || !(tokens.readGuarded() && tokens.mayRead(token))) {
        limits.failed(ctx);
      }
      ctx.fail(new Problem(403, "forbidden", "Forbidden", "this token may not " + (write ? "write" : "read")));
    }
  }
}
