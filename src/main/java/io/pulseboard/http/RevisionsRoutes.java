package io.pulseboard.http;

import io.pulseboard.db.Metric;
import io.pulseboard.db.MetricRepository;
import io.pulseboard.db.RevisionRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@code GET /api/v1/metrics/{id}/points/revisions}: every value one point has had. */
final class RevisionsRoutes {
  private final MetricRepository metrics;
  private final RevisionRepository revisions;

  RevisionsRoutes(Pool pool) {
    this.metrics = new MetricRepository(pool);
    this.revisions = new RevisionRepository(pool);
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("getPointRevisions").addHandler(this::list);
  }

  private void list(RoutingContext ctx) {
    QueryText.check(ctx);
    String id = Requests.pathParam(ctx, "id");
    String tsText = Requests.query(ctx, "ts");
    if (tsText == null) {
      ctx.fail(Problem.invalid("ts is required").error("ts", "name the point's time, e.g. ts=2025-09-10T00:00:00Z"));
      return;
    }
    OffsetDateTime ts = Requests.timestamp(tsText, "ts");
    metrics.find(id)
        .map(found -> found.orElseThrow(() -> Problem.notFound("no metric '" + id + "'")))
        .compose(metric -> {
          Map<String, String> labels = Requests.labelFilters(ctx, metric, Set.of("ts"), "unknown label");
          return revisions.series(id, labels)
              .map(series -> series.orElseThrow(() -> Problem.notFound("metric '" + id + "' has no series " + labels)))
              .compose(series -> revisions.values(series, ts))
              .compose(values -> values.isEmpty()
                  ? Future.failedFuture(Problem.notFound("the series " + labels + " has no point at " + tsText))
                  : Future.succeededFuture(new JsonObject().put("metric", id).put("labels", new JsonObject(
                      new TreeMap<>(labels))).put("ts", ts.toInstant().toString()).put("revisions", values)));
        })
        .onSuccess(body -> Requests.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }
}
