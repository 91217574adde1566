package io.pulseboard.http;

import io.pulseboard.auth.Bearer;
import io.pulseboard.auth.Principal;
import io.pulseboard.auth.TokenRegistry;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/**
 * The first handler of each route of the contract: checks the bearer token against the access
 * that route needs, before the body is read or the request validated, and leaves the
 * {@link Principal} in the routing context for the handlers ({@link #principal}). No token is
 * 401; an unknown, revoked or expired token, or one without the scope, is 403 naming the missing
 * scope. A token whose {@code board:<id>} scopes reach the route ({@link BoardReach}) passes a read
 * route too, and its handler narrows the answer. A token unknown to this instance is looked up in
 * the database before it is refused ({@link TokenRegistry#authenticateOrLoad}). A security-policy
 * handler in Vert.x Web's terms, which is what lets it come before the body handler on a route.
 */
final class AccessHandler implements SecurityPolicyHandler {
  private static final String PRINCIPAL = "pulseboard.principal";

  private final TokenRegistry tokens;
  private final Access access;
  private final AuthLimits limits;
  private final BoardReach boards;

  /** @param boards what {@code board:<id>} scopes reach of this route, or null for nothing */
  AccessHandler(TokenRegistry tokens, Access access, AuthLimits limits, BoardReach boards) {
    this.tokens = tokens;
    this.access = access;
    this.limits = limits;
    this.boards = boards;
  }

  /** Who the request acts as; {@code null} on open routes. */
  static Principal principal(RoutingContext ctx) {
    return ctx.get(PRINCIPAL);
  }

  @Override
  public void handle(RoutingContext ctx) {
    boolean open = access == Access.PUBLIC || (access == Access.READ && !tokens.readsGuarded());
    if (open) {
      ctx.next();
      return;
    }
    String token = Bearer.token(ctx.request().getHeader("Authorization"));
    if (token == null) {
      ctx.fail(new Problem(401, "unauthorized", "Unauthorized",
          (access == Access.READ ? "reads" : "writes") + " need an Authorization: Bearer token"));
      return;
    }
    if (limits.refused(ctx)) {
      return;
    }
    Principal known = tokens.authenticate(token);
    if (known != null) {
      decide(ctx, known);
      return;
    }
    // Unknown here: perhaps made on another instance a moment ago. The body handler comes later
    // and must not miss what arrives meanwhile, so the request waits paused (resuming delivers
    // on a later turn of the event loop, after the body handler has taken the request).
    HttpServerRequest request = ctx.request();
    request.pause();
    tokens.authenticateOrLoad(token).onComplete(found -> {
      request.resume();
      if (found.failed()) {
        ctx.fail(found.cause());
      } else {
        decide(ctx, found.result());
      }
    });
  }

  private void decide(RoutingContext ctx, Principal principal) {
    if (principal == null) {
      // Only a wrong, revoked or expired secret counts as a guess; a known token lacking a scope does not.
      limits.failed(ctx);
      ctx.fail(Problem.forbidden(access.scope(), "this token is unknown, revoked or expired"));
    } else if (!allows(principal) && access == Access.READ && boards != null) {
      boards.allows(ctx, principal).onSuccess(allowed -> {
        if (allowed) {
          ctx.put(PRINCIPAL, principal);
          ctx.next();
        } else {
          ctx.fail(Problem.forbidden(access.scope(), "this token lacks the scope read, and its board scopes do "
              + "not reach this (a board token reads its board and the metrics its tiles show)"));
        }
      }).onFailure(ctx::fail);
    } else if (!allows(principal)) {
      ctx.fail(Problem.forbidden(access.scope(), "this token lacks the scope " + access.scope()));
    } else if (access == Access.READ || limits.mayWrite(ctx, principal.id())) {
      ctx.put(PRINCIPAL, principal);
      ctx.next();
    }
  }

  private boolean allows(Principal principal) {
    switch (access) {
      case READ:
        return principal.mayRead();
      case WRITE:
        return principal.mayWriteAny();
      default:
        return principal.isAdmin();
    }
  }
}
