package io.pulseboard.feed;

import io.pulseboard.db.Change;
import java.util.List;

/**
 * Changes the feed read in one fetch, in seq order, as published locally on {@link #ADDRESS}.
 * Immutable: one instance reaches every consumer by reference.
 *
 * @param items the changes, in seq order
 * @param seq the seq of the last item
 */
public record ChangeBatch(List<Change> items, long seq) {
  /** Local event-bus address of the change feed. */
  public static final String ADDRESS = "pulseboard.changes";

  public ChangeBatch {
    items = List.copyOf(items);
  }
}
