package io.pulseboard.http;

import io.pulseboard.db.DatabaseProbe;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;

/** {@code /health/live} (the process serves) and {@code /health/ready} (and the database answers). */
final class HealthRoutes {
  private static final long FRAMEWORK_TIMEOUT_MS = 3000;

  private final Vertx vertx;
  private final Pool pool;

  HealthRoutes(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  void mount(RouterBuilder builder) {
    HealthChecks live = HealthChecks.create(vertx).register("server", p -> p.complete(Status.OK()));
    // The question times out by itself (2 s), before the health-check framework would (which
    // answers 500, "could not tell"): a database that accepts connections but does not answer is down.
    HealthChecks ready = HealthChecks.create(vertx).register("database", FRAMEWORK_TIMEOUT_MS,
        p -> DatabaseProbe.answers(pool).onComplete(ar -> p.tryComplete(ar.succeeded() ? Status.OK() : Status.KO())));
    builder.getRoute("getHealthLive").addHandler(HealthCheckHandler.createWithHealthChecks(live));
    builder.getRoute("getHealthReady").addHandler(HealthCheckHandler.createWithHealthChecks(ready));
  }
}
