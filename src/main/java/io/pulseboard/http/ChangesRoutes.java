package io.pulseboard.http;

import io.pulseboard.db.Change;
import io.pulseboard.db.ChangeRepository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** {@code GET /api/v1/changes}: the change feed for pollers. */
final class ChangesRoutes {
  private static final int DEFAULT_LIMIT = 1000;

  private final ChangeRepository changes;

  ChangesRoutes(Pool pool) {
    this.changes = new ChangeRepository(pool);
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("getChanges").addHandler(this::since);
  }

  private void since(RoutingContext ctx) {
    long since = Long.parseLong(Requests.query(ctx, "since"));
    String limitParam = Requests.query(ctx, "limit");
    int limit = limitParam == null ? DEFAULT_LIMIT : Integer.parseInt(limitParam);
    // Head first: items are then never newer than the head reported with them.
    changes.head().compose(head -> changes.since(since, limit + 1).map(items -> {
      boolean more = items.size() > limit;
      List<Change> page = more ? items.subList(0, limit) : items;
      long last = page.isEmpty() ? since : page.get(page.size() - 1).seq();
      return new JsonObject().put("since", since).put("seq", last).put("head", Math.max(head, last))
          .put("more", more).put("items", new JsonArray(page.stream().map(Change::toJson).toList()));
    })).onSuccess(body -> Requests.json(ctx, 200, body)).onFailure(ctx::fail);
  }
}
