package io.pulseboard.http;

import io.pulseboard.auth.Principal;
import io.pulseboard.auth.Scope;
import io.pulseboard.auth.TokenRegistry;
import io.pulseboard.auth.TokenSecret;
import io.pulseboard.db.StoredToken;
import io.pulseboard.db.TokenRepository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code /api/v1/tokens} (admin only): create a token (its secret is answered once and never
 * stored), list them (never a secret or a hash), revoke one. Each answers once this instance's
 * registry has the change; the other instances learn it from the notification within a second.
 */
final class TokensRoutes {
  /** Longest name, as the table's check has it. */
  static final int MAX_NAME = 100;
  /** Most scopes a token may carry. */
  static final int MAX_SCOPES = 50;

  private final TokenRepository repo;
  private final TokenRegistry registry;

  TokensRoutes(Pool pool, TokenRegistry registry) {
    this.repo = new TokenRepository(pool);
    this.registry = registry;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("createToken").addHandler(this::create);
    builder.getRoute("listTokens").addHandler(this::list);
    builder.getRoute("revokeToken").addHandler(this::revoke);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    Request request = Request.of(body);
    String secret = TokenSecret.generate();
    Principal creator = AccessHandler.principal(ctx);
    repo.create(request.name(), request.scopes(), request.expires(), creator.label(), TokenSecret.hash(secret))
        .compose(stored -> registry.reload().map(stored))
        .onSuccess(stored -> Requests.json(ctx, 201, stored.toJson().put("token", secret)))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    repo.list()
        .map(tokens -> new JsonObject().put("tokens", new JsonArray(tokens.stream().map(StoredToken::toJson).toList())))
        .onSuccess(body -> Requests.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx) {
    long id = Requests.validated(ctx).getPathParameters().get("id").getLong();
    repo.revoke(id)
        .map(found -> found.orElseThrow(() -> Problem.notFound("no token " + id)))
        .compose(stored -> registry.reload())
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** A creation request after the checks the contract cannot make; 422 naming each fault otherwise. */
  record Request(String name, List<String> scopes, Instant expires) {
    static Request of(JsonObject body) {
      Problem problem = Problem.invalid("the token is invalid; nothing was written");
      String name = body.getString("name");
      if (Requests.checkText(problem, "/name", name) && (name.isBlank() || name.length() > MAX_NAME)) {
        problem.error("/name", "a name has 1 to " + MAX_NAME + " characters, not only spaces");
      }
      JsonArray given = body.getJsonArray("scopes");
      if (given.size() > MAX_SCOPES) {
        problem.error("/scopes", "a token has at most " + MAX_SCOPES + " scopes");
      }
      List<String> scopes = new ArrayList<>();
      for (int i = 0; i < given.size(); i++) {
        try {
          scopes.add(Scope.parse(given.getString(i)).toString());
        } catch (IllegalArgumentException e) {
          problem.error("/scopes/" + i, e.getMessage());
        }
      }
      Instant expires = expires(body.getString("expires"), problem);
      if (problem.hasErrors()) {
        throw problem;
      }
      return new Request(name, List.copyOf(new LinkedHashSet<>(scopes)), expires);
    }

    private static Instant expires(String text, Problem problem) {
      if (text == null) {
        return null;
      }
      OffsetDateTime at;
      try {
        at = Requests.timestamp(text, "/expires");
      } catch (Problem invalid) {
        problem.error("/expires", "an expiry is an RFC 3339 time, e.g. 2027-01-01T00:00:00Z");
        return null;
      }
      if (!at.toInstant().isAfter(Instant.now())) {
        problem.error("/expires", "the expiry " + text + " is not in the future");
      }
      return at.toInstant();
    }
  }
}
