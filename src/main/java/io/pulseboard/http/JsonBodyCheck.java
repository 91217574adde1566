package io.pulseboard.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;

/**
 * Before validation, tells a body that is not JSON at all (415), missing (400) or unparseable
 * (400) apart from one that parses but breaks the contract (422, from the validator).
 */
final class JsonBodyCheck implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.POST && method != HttpMethod.PUT) {
      ctx.next();
      return;
    }
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase().split(";")[0].trim().equals("application/json")) {
      ctx.fail(new Problem(415, "unsupported-media-type", "Unsupported media type",
          "send the body as application/json, not " + (type == null ? "no Content-Type" : type)));
      return;
    }
    if (ctx.body().buffer() == null || ctx.body().length() <= 0) {
      ctx.fail(Problem.malformed("a JSON body is required"));
      return;
    }
    try {
      ctx.body().asJsonObject();
    } catch (DecodeException e) {
      ctx.fail(Problem.malformed("the body is not valid JSON"));
      return;
    } catch (ClassCastException e) {
      ctx.fail(Problem.malformed("the body must be a JSON object"));
      return;
    }
    ctx.next();
  }
}
