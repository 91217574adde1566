package io.pulseboard.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * 405 with an {@code Allow} header for a path of the contract asked with a method it does not
 * have. One catch-all route per path, added after the contract's routes with the same path
 * pattern, so it matches exactly the spellings they match and is reached only when none of
 * their methods fit.
 */
final class MethodNotAllowed implements Handler<RoutingContext> {
  private final String allow;

  private MethodNotAllowed(Set<String> methods) {
    this.allow = String.join(", ", methods);
  }

  /** Adds the catch-all route of each path that the router's contract routes serve. */
  static void mount(Router router) {
    Map<String, Set<String>> methodsByPath = new TreeMap<>();
    for (Route route : router.getRoutes()) {
      Operation operation = route.getMetadata(RouterBuilder.KEY_META_DATA_OPERATION);
      if (operation != null) {
        methodsByPath.computeIfAbsent(operation.getOpenAPIPath(), p -> new TreeSet<>())
            .add(operation.getHttpMethod().name());
      }
    }
    methodsByPath.forEach((path, methods) -> router.route(vertxPath(path)).handler(new MethodNotAllowed(methods)));
  }

  /** {@code /api/v1/metrics/{id}} as Vert.x Web writes it, {@code /api/v1/metrics/:id}, as the contract routes do. */
  private static String vertxPath(String openApiPath) {
    return openApiPath.replaceAll("\\{(.*?)}", ":$1");
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    ctx.response().putHeader("Allow", allow);
    ctx.fail(new Problem(405, "method-not-allowed", "Method not allowed",
        method.name() + " is not allowed here; this resource allows " + allow));
  }
}
