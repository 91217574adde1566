package io.pulseboard.http;

import io.pulseboard.db.Metric;
import io.pulseboard.db.MetricRepository;
import io.pulseboard.db.SeriesGoals;
import io.pulseboard.db.SummaryRepository;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** {@code /api/v1/metrics} and {@code /api/v1/metrics/{id}}. */
final class MetricsRoutes {
  private final MetricRepository metrics;
  private final SummaryRepository summaries;

  MetricsRoutes(Pool pool, SeriesGoals goals) {
    this.metrics = new MetricRepository(pool);
    this.summaries = new SummaryRepository(pool, goals);
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("listMetrics").addHandler(this::list);
    builder.getRoute("getMetric").addHandler(this::get);
    builder.getRoute("putMetric").addHandler(this::put);
    builder.getRoute("deleteMetric").addHandler(this::delete);
  }

  /** The view a summary request asks for: {@code tz} and {@code as_of}. */
  private static SummaryRepository.View view(RoutingContext ctx) {
    return new SummaryRepository.View(Requests.zone(Requests.query(ctx, "tz"), "tz"),
        Requests.timestamp(Requests.query(ctx, "as_of"), "as_of"));
  }

  private void list(RoutingContext ctx) {
    summaries.summaries(null, view(ctx))
        .onSuccess(s -> Requests.json(ctx, 200, new JsonObject().put("seq", s.seq()).put("metrics", s.metrics())))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    String id = Requests.pathParam(ctx, "id");
    summaries.summaries(List.of(id), view(ctx))
        .onSuccess(s -> {
          if (s.metrics().isEmpty()) {
            ctx.fail(Problem.notFound("no metric '" + id + "'"));
          } else {
            Requests.json(ctx, 200, s.metrics().getJsonObject(0));
          }
        })
        .onFailure(ctx::fail);
  }

  private void put(RoutingContext ctx) {
    String id = Requests.pathParam(ctx, "id");
    JsonObject body = Requests.body(ctx);
    Problem problem = Problem.invalid("the metric is invalid; nothing was written");
    if (body.containsKey("id") && !id.equals(body.getString("id"))) {
      problem.error("/id", "the id in the body must match the id in the path, '" + id + "'");
    }
    Metric metric = MetricBody.parse(id, body, problem);
    if (!Requests.isIsoDuration(metric.cadence())) {
      problem.error("/cadence", "'" + metric.cadence() + "' is not an ISO-8601 duration such as P7D");
    }
    if (metric.goal() != null && !Double.isFinite(metric.goal())) {
      problem.error("/goal", "goal must be a finite number");
    }
    if (problem.hasErrors()) {
      ctx.fail(problem);
      return;
    }
    metrics.replace(metric).onSuccess(change -> {
      switch (change.outcome()) {
        case CREATED -> Requests.json(ctx, 201, metric.toJson());
        case UPDATED -> Requests.json(ctx, 200, metric.toJson());
        case KEYS_IN_USE -> ctx.fail(Problem.conflict("stored series of " + metric.id()
            + " use label keys " + change.keysInUse() + "; keep them in labels, or delete the metric first"));
      }
    }).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    String id = Requests.pathParam(ctx, "id");
    metrics.delete(id)
        .onSuccess(existed -> {
          if (existed) {
            ctx.response().setStatusCode(204).end();
          } else {
            ctx.fail(Problem.notFound("no metric '" + id + "'"));
          }
        })
        .onFailure(ctx::fail);
  }
}
