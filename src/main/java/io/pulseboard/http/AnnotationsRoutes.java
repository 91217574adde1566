package io.pulseboard.http;

import io.pulseboard.db.AnnotationRepository;
import io.pulseboard.db.AnnotationRepository.AnnotationInput;
import io.pulseboard.db.MetricRepository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Set;

/** {@code /api/v1/annotations}. */
final class AnnotationsRoutes {
  private final Pool pool;
  private final AnnotationRepository annotations;

  AnnotationsRoutes(Pool pool) {
    this.pool = pool;
    this.annotations = new AnnotationRepository(pool);
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("listAnnotations").addHandler(this::list);
    builder.getRoute("postAnnotation").addHandler(this::add);
  }

  /**
   * The annotations asked for; to a {@code board:<id>} token only those for every metric or for
   * one its boards show ({@link BoardReach}).
   */
  private void list(RoutingContext ctx) {
    QueryText.check(ctx);
    Set<String> reach = BoardReach.metrics(ctx);
    annotations.list(
            Requests.timestamp(Requests.query(ctx, "from"), "from"),
            Requests.timestamp(Requests.query(ctx, "to"), "to"),
            Requests.query(ctx, "metric"))
        .map(list -> reach == null ? list : new JsonArray(list.stream().map(JsonObject.class::cast)
            .filter(a -> a.getJsonArray("metrics").isEmpty()
                || a.getJsonArray("metrics").stream().anyMatch(reach::contains)).toList()))
        .onSuccess(list -> Requests.json(ctx, 200, new JsonObject().put("annotations", list)))
        .onFailure(ctx::fail);
  }

  private void add(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    List<String> metricIds = body.getJsonArray("metrics", new JsonArray()).stream().map(String::valueOf).toList();
    AnnotationInput input = input(body, metricIds);
    MetricRepository.byIds(pool, metricIds)
        .map(known -> {
          Problem problem = Problem.invalid("the annotation names unknown metrics; nothing was written");
          for (int i = 0; i < metricIds.size(); i++) {
            if (!known.containsKey(metricIds.get(i))) {
              problem.error("/metrics/" + i, "unknown metric '" + metricIds.get(i) + "'");
            }
          }
          if (problem.hasErrors()) {
            throw problem;
          }
          return input;
        })
        .compose(annotations::add)
        .onSuccess(stored -> Requests.json(ctx, 201, stored))
        .onFailure(ctx::fail);
  }

  /** The annotation to add, after the checks the contract cannot make (time, text). */
  private static AnnotationInput input(JsonObject body, List<String> metricIds) {
    Problem problem = Problem.invalid("the annotation is invalid; nothing was written");
    String title = body.getString("title");
    String description = body.getString("description", "");
    Requests.checkText(problem, "/title", title);
    Requests.checkText(problem, "/description", description);
    if (problem.hasErrors()) {
      throw problem;
    }
    return new AnnotationInput(Requests.timestamp(body.getString("ts"), "/ts"), title, description, metricIds);
  }
}
