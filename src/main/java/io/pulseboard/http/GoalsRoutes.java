package io.pulseboard.http;

import io.pulseboard.alert.AlertBook;
import io.pulseboard.db.Goal;
import io.pulseboard.db.GoalRepository;
import io.pulseboard.db.MetricRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;

/**
 * {@code /api/v1/goals}: goals per series (reads need read access, writes admin). A write is
 * answered once this instance's {@link AlertBook} has it, so the next summary shows it; other
 * instances pick it up within a second.
 */
final class GoalsRoutes {
  private final GoalRepository goals;
  private final MetricRepository metrics;
  private final AlertBook book;

  GoalsRoutes(Pool pool, AlertBook book) {
    this.goals = new GoalRepository(pool);
    this.metrics = new MetricRepository(pool);
    this.book = book;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("listGoals").addHandler(this::list);
    builder.getRoute("createGoal").addHandler(this::create);
    builder.getRoute("getGoal").addHandler(this::get);
    builder.getRoute("putGoal").addHandler(this::put);
    builder.getRoute("deleteGoal").addHandler(this::delete);
  }

  private void list(RoutingContext ctx) {
    goals.all().map(all -> new JsonObject().put("goals", new JsonArray(all.stream().map(Goal::toJson).toList())))
        .onSuccess(body -> Requests.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    long id = id(ctx);
    goals.find(id).onSuccess(found -> found.ifPresentOrElse(g -> Requests.json(ctx, 200, g.toJson()),
        () -> ctx.fail(Problem.notFound("no goal " + id)))).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    parse(ctx).compose(goals::create).compose(g -> book.reload().map(g))
        .onSuccess(g -> Requests.json(ctx, 201, g.toJson()))
        .onFailure(e -> fail(ctx, e));
  }

  private void put(RoutingContext ctx) {
    long id = id(ctx);
    parse(ctx).compose(g -> goals.replace(id, g).map(found -> {
      if (!found) {
        throw Problem.notFound("no goal " + id);
      }
      return new Goal(id, g.metric(), g.labels(), g.target(), g.direction(), g.due(), g.baseline(), g.bands());
    })).compose(g -> book.reload().map(g))
        .onSuccess(g -> Requests.json(ctx, 200, g.toJson()))
        .onFailure(e -> fail(ctx, e));
  }

  private void delete(RoutingContext ctx) {
    long id = id(ctx);
    goals.delete(id).compose(found -> book.reload().map(found))
        .onSuccess(found -> {
          if (found) {
            ctx.response().setStatusCode(204).end();
          } else {
            ctx.fail(Problem.notFound("no goal " + id));
          }
        })
        .onFailure(ctx::fail);
  }

  /** The goal of the body, checked against its metric; a 422 naming every fault otherwise. */
  private Future<Goal> parse(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    return metrics.find(body.getString("metric")).map(metric -> {
      Problem problem = Problem.invalid("the goal is invalid; nothing was written");
      Goal goal = GoalBody.parse(body, metric.orElse(null), problem);
      if (problem.hasErrors()) {
        throw problem;
      }
      return goal;
    });
  }

  private static void fail(RoutingContext ctx, Throwable e) {
    ctx.fail(e instanceof GoalRepository.Clash clash ? Problem.conflict(clash.getMessage()) : e);
  }

  private static long id(RoutingContext ctx) {
    return Requests.validated(ctx).getPathParameters().get("id").getLong();
  }
}
