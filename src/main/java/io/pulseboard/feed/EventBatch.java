package io.pulseboard.feed;

import io.pulseboard.db.Event;
import java.util.List;

/**
 * Events the event feed read in one fetch, in seq order, as published locally on {@link #ADDRESS}.
 * Immutable: one instance reaches every consumer by reference.
 *
 * @param items the events, in seq order
 * @param seq the seq of the last item
 */
public record EventBatch(List<Event> items, long seq) {
  /** Local event-bus address of the event feed. */
  public static final String ADDRESS = "pulseboard.events";

  public EventBatch {
    items = List.copyOf(items);
  }
}
