package io.pulseboard.http;

import io.pulseboard.alert.AlertBook;
import io.pulseboard.db.AlertRule;
import io.pulseboard.db.AlertRuleRepository;
import io.pulseboard.db.MetricRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;

/**
 * {@code /api/v1/alert-rules} (reads need read access, writes admin). A write is answered once
 * this instance's {@link AlertBook} has it; every instance then re-evaluates the rules' series,
 * so a new rule whose condition already holds fires without waiting for the next point.
 */
final class AlertRulesRoutes {
  private final AlertRuleRepository rules;
  private final MetricRepository metrics;
  private final AlertBook book;

  AlertRulesRoutes(Pool pool, AlertBook book) {
    this.rules = new AlertRuleRepository(pool);
    this.metrics = new MetricRepository(pool);
    this.book = book;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("listAlertRules").addHandler(this::list);
    builder.getRoute("createAlertRule").addHandler(this::create);
    builder.getRoute("getAlertRule").addHandler(this::get);
    builder.getRoute("putAlertRule").addHandler(this::put);
    builder.getRoute("deleteAlertRule").addHandler(this::delete);
  }

  private void list(RoutingContext ctx) {
    rules.all().map(all -> new JsonObject().put("rules", new JsonArray(all.stream().map(AlertRule::toJson).toList())))
        .onSuccess(body -> Requests.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    long id = id(ctx);
    rules.find(id).onSuccess(found -> found.ifPresentOrElse(r -> Requests.json(ctx, 200, r.toJson()),
        () -> ctx.fail(Problem.notFound("no alert rule " + id)))).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    parse(ctx).compose(rules::create).compose(r -> book.reload().map(r))
        .onSuccess(r -> Requests.json(ctx, 201, r.toJson()))
        .onFailure(e -> fail(ctx, e));
  }

  private void put(RoutingContext ctx) {
    long id = id(ctx);
    parse(ctx).compose(r -> rules.replace(id, r).map(found -> {
      if (!found) {
        throw Problem.notFound("no alert rule " + id);
      }
      return r.withId(id);
    })).compose(r -> book.reload().map(r))
        .onSuccess(r -> Requests.json(ctx, 200, r.toJson()))
        .onFailure(e -> fail(ctx, e));
  }

  private void delete(RoutingContext ctx) {
    long id = id(ctx);
    rules.delete(id).compose(found -> book.reload().map(found))
        .onSuccess(found -> {
          if (found) {
            ctx.response().setStatusCode(204).end();
          } else {
            ctx.fail(Problem.notFound("no alert rule " + id));
          }
        })
        .onFailure(ctx::fail);
  }

  /** The rule of the body, checked against its metric; a 422 naming every fault otherwise. */
  private Future<AlertRule> parse(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    return metrics.find(body.getString("metric")).map(metric -> {
      Problem problem = Problem.invalid("the alert rule is invalid; nothing was written");
      AlertRule rule = RuleBody.parse(body, metric.orElse(null), problem);
      if (problem.hasErrors()) {
        throw problem;
      }
      return rule;
    });
  }

  /** Unknown channels become a 422 pointing at each, as given in the body. */
  private static void fail(RoutingContext ctx, Throwable e) {
    if (e instanceof AlertRuleRepository.UnknownChannels unknown) {
      Problem problem = Problem.invalid("the alert rule names channels that do not exist; nothing was written");
      JsonArray given = Requests.body(ctx).getJsonArray("channels");
      for (int i = 0; i < given.size(); i++) {
        if (unknown.ids().contains(((Number) given.getValue(i)).longValue())) {
          problem.error("/channels/" + i, "no channel " + given.getValue(i) + " (GET /api/v1/channels lists them)");
        }
      }
      ctx.fail(problem);
    } else if (e instanceof AlertRuleRepository.MetricGone gone) {
      ctx.fail(Problem.conflict(gone.getMessage()));
    } else {
      ctx.fail(e);
    }
  }

  private static long id(RoutingContext ctx) {
    return Requests.validated(ctx).getPathParameters().get("id").getLong();
  }
}
