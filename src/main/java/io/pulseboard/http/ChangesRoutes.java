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
    // The contract requires since, so the validator has refused a request without it.
    long since = QueryNumbers.wholeNumber(ctx, "since", 0);
    int limit = QueryNumbers.wholeInt(ctx, "limit", DEFAULT_LIMIT);
    // Head first, then items: an item written in between is newer than that head, so the head
    // reported is the newer of the two, and never since itself (which may be past the head).
    changes.head().compose(head -> changes.since(since, limit + 1).map(items -> {
      boolean more = items.size() > limit;
      List<Change> page = more ? items.subList(0, limit) : items;
      long last = page.isEmpty() ? since : page.get(page.size() - 1).seq();
      long newest = items.isEmpty() ? head : Math.max(head, items.get(items.size() - 1).seq());
      return new JsonObject().put("since", since).put("seq", last).put("head", newest)
          .put("more", more).put("items", new JsonArray(page.stream().map(Change::toFeedJson).toList()));
    })).onSuccess(body -> Requests.json(ctx, 200, body)).onFailure(ctx::fail);
  }
}
