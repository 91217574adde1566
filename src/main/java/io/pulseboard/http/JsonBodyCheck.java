package io.pulseboard.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Before validation, tells a body that is not JSON at all (415) or missing (400) apart from one
 * that breaks the contract (422, from the validator). The validator parses the body, once;
 * {@link ValidationProblems} reports what does not parse as 400.
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
      ctx.fail(Problem.unsupportedMediaType(
          "send the body as application/json, not " + (type == null ? "no Content-Type" : type)));
      return;
    }
    if (ctx.body().buffer() == null || ctx.body().length() <= 0) {
      ctx.fail(Problem.malformed("a JSON body is required"));
      return;
    }
    ctx.next();
  }
}
