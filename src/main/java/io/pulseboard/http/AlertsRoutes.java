package io.pulseboard.http;

import io.pulseboard.db.AlertRepository;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;

/** {@code GET /api/v1/alerts}: each rule on each series it has fired on, with its latest transitions. */
final class AlertsRoutes {
  /** Transitions each alert lists, latest first. */
  static final int HISTORY = 20;

  private final AlertRepository alerts;

  AlertsRoutes(Pool pool) {
    this.alerts = new AlertRepository(pool);
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("listAlerts").addHandler(this::list);
  }

  private void list(RoutingContext ctx) {
    alerts.list(Requests.query(ctx, "state"), HISTORY)
        .onSuccess(list -> Requests.json(ctx, 200, new JsonObject().put("alerts", list)))
        .onFailure(ctx::fail);
  }
}
