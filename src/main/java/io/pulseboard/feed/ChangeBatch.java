package io.pulseboard.feed;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Changes the feed read in one fetch, in seq order, as published locally on {@link #ADDRESS}.
 *
 * @param items change items as {@code GET /api/v1/changes} gives them
 * @param seq the seq of the last item
 */
public record ChangeBatch(List<JsonObject> items, long seq) {
  /** Local event-bus address of the change feed. */
  public static final String ADDRESS = "pulseboard.changes";
}
