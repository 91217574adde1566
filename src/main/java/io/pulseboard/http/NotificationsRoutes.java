package io.pulseboard.http;

import io.pulseboard.db.DeliveryAttempt;
import io.pulseboard.db.NotificationEntry;
import io.pulseboard.db.OutboxRepository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * {@code /api/v1/notifications} (admin only): the delivery log of the notifications outbox, newest
 * first, a page at a time; and one notification with every attempt made to deliver it.
 */
final class NotificationsRoutes {
  /** Entries per page unless {@code limit} says otherwise. */
  static final int DEFAULT_LIMIT = 100;

  private final OutboxRepository repo;

  NotificationsRoutes(Pool pool) {
    this.repo = new OutboxRepository(pool);
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("listNotifications").addHandler(this::list);
    builder.getRoute("getNotification").addHandler(this::get);
  }

  private void list(RoutingContext ctx) {
    int limit = (int) number(ctx, "limit", DEFAULT_LIMIT);
    long channel = number(ctx, "channel", 0);
    long before = number(ctx, "before", 0);
    repo.list(Requests.query(ctx, "status"), channel == 0 ? null : channel, before == 0 ? null : before, limit)
        .map(entries -> page(entries, limit))
        .onSuccess(body -> Requests.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    long id = Requests.validated(ctx).getPathParameters().get("id").getLong();
    repo.get(id)
        .map(found -> found.orElseThrow(() -> Problem.notFound("no notification " + id)))
        .compose(entry -> repo.attempts(id).map(attempts -> entry.toJson()
            .put("history", new JsonArray(attempts.stream().map(DeliveryAttempt::toJson).toList()))))
        .onSuccess(body -> Requests.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  /** A page, with {@code next_before} to ask for the next one while this one is full. */
  private static JsonObject page(List<NotificationEntry> entries, int limit) {
    Long next = entries.size() == limit ? entries.get(entries.size() - 1).id() : null;
    return new JsonObject()
        .put("notifications", new JsonArray(entries.stream().map(NotificationEntry::toJson).toList()))
        .put("next_before", next);
  }

  private static long number(RoutingContext ctx, String name, long fallback) {
    RequestParameter p = Requests.validated(ctx).getQuery().get(name);
    return p == null || p.isNull() ? fallback : p.getLong();
  }
}
