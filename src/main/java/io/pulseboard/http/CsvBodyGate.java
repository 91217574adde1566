package io.pulseboard.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/**
 * Sends a CSV body ({@code Content-Type: text/csv}) to the handler that streams it, past the body
 * handler (which would read the whole body into memory) and the contract's validator; any other
 * body goes on as usual. It runs after the access check and before the body is read, which is
 * why it is a security-policy handler in Vert.x Web's terms: only those may precede the body
 * handler on a route.
 */
final class CsvBodyGate implements SecurityPolicyHandler {
  private final Handler<RoutingContext> streamed;

  CsvBodyGate(Handler<RoutingContext> streamed) {
    this.streamed = streamed;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (CsvImport.isCsv(ctx.request().getHeader("Content-Type"))) {
      streamed.handle(ctx);
    } else {
      ctx.next();
    }
  }
}
