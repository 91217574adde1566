package io.pulseboard.http;

import io.pulseboard.auth.AccessTokens;
import io.pulseboard.telemetry.ServerMeters;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;

/**
 * The whole HTTP surface: the routes of the OpenAPI contract (requests are validated against
 * it before any handler runs), then the dashboard's static files.
 */
public final class ApiRouter {
  /** Largest request body: 10 000 points with long sources fit. */
  public static final long BODY_LIMIT_BYTES = 8L * 1024 * 1024;
  private static final String UPLOT_DIST = "META-INF/resources/webjars/uplot/1.6.30/dist";

  private final Vertx vertx;
  private final Pool pool;
  private final AccessTokens tokens;
  private final ServerMeters meters;
  private final Handler<RoutingContext> prometheus;

  public ApiRouter(Vertx vertx, Pool pool, AccessTokens tokens, ServerMeters meters,
      Handler<RoutingContext> prometheus) {
    this.vertx = vertx;
    this.pool = pool;
    this.tokens = tokens;
    this.meters = meters;
    this.prometheus = prometheus;
  }

  /** The router; the future holds it once the contract is read. */
  public Future<Router> build() {
    return Contract.load(vertx).map(this::build);
  }

  private Router build(Contract contract) {
    RouterBuilder builder = RouterBuilder.create(vertx, contract.validating(), RequestExtractor.withBodyHandler());
    BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES);
    builder.rootHandler(SecurityHeaders::apply);
    builder.rootHandler(new AccessHandler(tokens));
    JsonBodyCheck json = new JsonBodyCheck();
    builder.rootHandler(underApi(body));
    builder.rootHandler(underApi(json));
    new MetricsRoutes(pool).mount(builder);
    new PointsRoutes(pool, meters).mount(builder);
    new ChangesRoutes(pool).mount(builder);
    new AnnotationsRoutes(pool).mount(builder);
    new HealthRoutes(vertx, pool).mount(builder);
    builder.getRoute("getOpenApi").addHandler(ctx ->
        ctx.response().putHeader("Content-Type", "application/yaml").end(contract.text()));
    builder.getRoute("getPrometheusMetrics").addHandler(prometheus);

    // AccessHandler checks the bearer tokens the contract declares, before the body is read.
    builder.getRoutes().forEach(route -> route.setDoSecurity(false));
    Router router = builder.createRouter();
    router.route("/vendor/uplot/*").handler(StaticHandler.create(UPLOT_DIST));
    router.route("/*").handler(StaticHandler.create("webroot"));
    FailureHandler failures = new FailureHandler(meters);
    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);
    return router;
  }

  /** The handler for requests under {@code /api/}; other requests pass by. */
  private static Handler<RoutingContext> underApi(Handler<RoutingContext> handler) {
    return ctx -> {
      if (ctx.normalizedPath().startsWith("/api/")) {
        handler.handle(ctx);
      } else {
        ctx.next();
      }
    };
  }
}
