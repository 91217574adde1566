package io.pulseboard.http;

import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;

/** {@code /health/live} (the process serves) and {@code /health/ready} (and the database answers). */
final class HealthRoutes {
  private static final long DATABASE_CHECK_TIMEOUT_MS = 2000;

  private final Vertx vertx;
  private final Pool pool;

  HealthRoutes(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  void mount(RouterBuilder builder) {
    HealthChecks live = HealthChecks.create(vertx).register("server", p -> p.complete(Status.OK()));
    HealthChecks ready = HealthChecks.create(vertx).register("database", DATABASE_CHECK_TIMEOUT_MS,
        p -> pool.query("SELECT 1").execute()
            .onSuccess(rows -> p.complete(Status.OK()))
            .onFailure(e -> p.complete(Status.KO())));
    builder.getRoute("getHealthLive").addHandler(HealthCheckHandler.createWithHealthChecks(live));
    builder.getRoute("getHealthReady").addHandler(HealthCheckHandler.createWithHealthChecks(ready));
  }
}
