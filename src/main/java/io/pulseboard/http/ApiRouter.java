package io.pulseboard.http;

import io.pulseboard.alert.AlertBook;
import io.pulseboard.auth.AuthFailureLimit;
import io.pulseboard.auth.BoardGrants;
import io.pulseboard.auth.TokenRegistry;
import io.pulseboard.auth.WriteRateLimit;
import io.pulseboard.db.GroupCommit;
import io.pulseboard.db.MetricCatalogue;
import io.pulseboard.notify.WebhookTargets;
import io.pulseboard.telemetry.ServerMeters;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.sqlclient.Pool;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole HTTP surface: the routes of the OpenAPI contract, each checking its own access and
 * then validating the request against the contract before any handler runs; 405 for their paths
 * with other methods; then the dashboard's static files, which are public.
 */
public final class ApiRouter {
  /** Largest request body: 10 000 points with long sources fit. */
  public static final long BODY_LIMIT_BYTES = 8L * 1024 * 1024;
  private static final String UPLOT_DIST = "META-INF/resources/webjars/uplot/1.6.30/dist";
  private static final String SORTABLE_DIST = "META-INF/resources/webjars/sortablejs/1.15.6";
  private static final RequestExtractor EXTRACTOR = new DecodeOnceExtractor();
  /** Operations whose body is checked by {@link BodyOnlyValidation}: the write path, where it was measured. */
  private static final Set<String> FAST_BODY_CHECKS = Set.of("postPoints");

  private final Vertx vertx;
  private final Pool pool;
  private final TokenRegistry tokens;
  private final ServerMeters meters;
  private final Handler<RoutingContext> prometheus;
  private final AuthLimits limits;
  private final List<String> frameAncestors;
  private final BoardGrants grants;
  private final WebhookTargets webhookTargets;
  private final AlertBook alertBook;
  private final GroupCommit pointWrites;
  private final MetricCatalogue writtenMetrics;

  /**
   * @param frameAncestors origins that may frame the page ({@code PULSEBOARD_FRAME_ANCESTORS});
   *     empty means none
   * @param grants which metrics the {@code board:<id>} scopes reach
   * @param webhookTargets where channels' webhooks may point
   * @param alertBook the goals and alert rules in use, which summaries show and writes reload
   * @param pointWrites the instance's writer of {@code POST /api/v1/points} batches, shared by
   *     every HTTP server so that their concurrent writes commit together
   * @param writtenMetrics the metric definitions that those batches are checked against
   */
  public ApiRouter(Vertx vertx, Pool pool, TokenRegistry tokens, ServerMeters meters,
      Handler<RoutingContext> prometheus, AuthFailureLimit failures, WriteRateLimit writes,
      List<String> frameAncestors, BoardGrants grants, WebhookTargets webhookTargets, AlertBook alertBook,
      GroupCommit pointWrites, MetricCatalogue writtenMetrics) {
    this.vertx = vertx;
    this.pool = pool;
    this.tokens = tokens;
    this.meters = meters;
    this.prometheus = prometheus;
    this.limits = new AuthLimits(failures, writes);
    this.frameAncestors = List.copyOf(frameAncestors);
    this.grants = grants;
    this.webhookTargets = webhookTargets;
    this.alertBook = alertBook;
    this.pointWrites = pointWrites;
    this.writtenMetrics = writtenMetrics;
  }

  /** The router; the future holds it once the contract is read. */
  public Future<Router> build() {
    return Contract.load(vertx).map(this::build);
  }

  private Router build(Contract contract) {
    RouterBuilder builder = RouterBuilder.create(vertx, contract.validating(), EXTRACTOR);
    builder.rootHandler(new SecurityHeaders(frameAncestors));
    PointsRoutes points = new PointsRoutes(vertx, pool, pointWrites, writtenMetrics, meters);
    Map<String, Handler<RoutingContext>> csvBodies = Map.of("postPoints", points::importCsv);
    Map<OpenAPIRoute, Integer> guards = guardEveryRoute(builder, contract.validating(), csvBodies);
    new MetricsRoutes(pool, alertBook).mount(builder);
    new GoalsRoutes(pool, alertBook).mount(builder);
    new AlertRulesRoutes(pool, alertBook).mount(builder);
    new AlertsRoutes(pool).mount(builder);
    points.mount(builder);
    new RevisionsRoutes(pool).mount(builder);
    new ChangesRoutes(pool).mount(builder);
    new AnnotationsRoutes(pool).mount(builder);
    new TokensRoutes(pool, tokens).mount(builder);
    new BoardsRoutes(pool, grants).mount(builder);
    new ChannelsRoutes(pool, webhookTargets).mount(builder);
    new NotificationsRoutes(pool).mount(builder);
    new HealthRoutes(vertx, pool).mount(builder);
    builder.getRoute("getOpenApi").addHandler(ctx ->
        ctx.response().putHeader("Content-Type", "application/yaml").end(contract.text()));
    builder.getRoute("getPrometheusMetrics").addHandler(prometheus);
    guards.forEach(ApiRouter::answerUnimplemented);

    // Each route checks its own access (AccessHandler): the router's security handlers follow
    // the contract's security declarations, which cannot say "open unless a read token is set".
    builder.getRoutes().forEach(route -> route.setDoSecurity(false));
    Router router = builder.createRouter();
    MethodNotAllowed.mount(router);
    router.route("/vendor/uplot/*").handler(StaticHandler.create(UPLOT_DIST));
    router.route("/vendor/sortablejs/*").handler(StaticHandler.create(SORTABLE_DIST));
    router.route("/*").handler(StaticHandler.create("webroot"));
    FailureHandler failures = new FailureHandler(meters);
    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);
    return router;
  }

  /**
   * Gives every route of the contract, before its own handlers, the check of the access it needs,
   * then the body (where the contract takes one) and the validation. A CSV body of an operation
   * in {@code csvBodies} skips all three: its handler reads the stream itself, never the whole
   * body at once. The map holds how many handlers each route had then.
   */
  private Map<OpenAPIRoute, Integer> guardEveryRoute(RouterBuilder builder, OpenAPIContract contract,
      Map<String, Handler<RoutingContext>> csvBodies) {
    RequestValidator validator = RequestValidator.create(vertx, contract);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES);
    BodyHandler boardBody = BodyHandler.create(false).setBodyLimit(BoardsRoutes.MAX_BODY_BYTES);
    JsonBodyCheck json = new JsonBodyCheck();
    Map<OpenAPIRoute, Integer> guards = new IdentityHashMap<>();
    for (OpenAPIRoute route : builder.getRoutes()) {
      Operation operation = route.getOperation();
      // The router's own validation would run before any handler of the route, so before access.
      route.setDoValidation(false);
      route.addHandler(new AccessHandler(tokens, Access.of(operation), limits,
          BoardReach.of(operation.getOperationId(), grants)));
      Handler<RoutingContext> csv = csvBodies.get(operation.getOperationId());
      if (csv != null) {
        route.addHandler(new CsvBodyGate(csv));
      }
      if (operation.getRequestBody() != null) {
        route.addHandler(BoardsRoutes.PUT.equals(operation.getOperationId()) ? boardBody : body).addHandler(json);
      }
      Handler<RoutingContext> validation = validation(validator, operation);
      route.addHandler(FAST_BODY_CHECKS.contains(operation.getOperationId())
          ? BodyOnlyValidation.of(contract, operation, validation) : validation);
      guards.put(route, route.getHandlers().size());
    }
    return guards;
  }

  private static Handler<RoutingContext> validation(RequestValidator validator, Operation operation) {
    return ctx -> EXTRACTOR.extractValidatableRequest(ctx, operation)
        .compose(request -> validator.validate(request, operation.getOperationId()))
        .onSuccess(validated -> {
          ctx.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  /** An operation of the contract that no class serves answers 501 rather than falling through. */
  private static void answerUnimplemented(OpenAPIRoute route, int guards) {
    if (route.getHandlers().size() == guards) {
      String id = route.getOperation().getOperationId();
      route.addHandler(ctx -> ctx.fail(new Problem(501, "not-implemented", "Not implemented",
          "the operation " + id + " is not implemented by this server")));
    }
  }
}
