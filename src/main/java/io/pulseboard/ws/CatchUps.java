package io.pulseboard.ws;

import io.pulseboard.db.Change;
import io.pulseboard.db.ChangeRepository;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Catch-up reads for one event loop. Sockets that resume from the same {@code since} at about the
 * same time (every client of an instance that restarted, coming back at once) share one read of
 * the head and of the changes after it, and one filtering per subscription, as {@link Snapshots}
 * share snapshots: a read whose top is T may serve a resume that started buffering live changes
 * at seq H as long as T >= H, because then the read holds everything up to H and the buffer
 * everything after it. So the queries of a reconnect storm follow the number of distinct
 * {@code since} values and how long it lasts, not the number of clients. Not thread-safe: one per
 * hub, used on its event loop.
 */
final class CatchUps {
  private static final int MAX_KEYS = 64;

  /**
   * The changes after {@code since} up to {@code top}, or {@code reset} (no items) when
   * {@code since} cannot be resumed: ahead of the head, or more than the resume limit behind it.
   */
  static final class CatchUp {
    private final long top;
    private final boolean reset;
    private final List<Change> items;
    private final Map<Subscriptions, List<Change>> matching = new HashMap<>();

    CatchUp(long top, boolean reset, List<Change> items) {
      this.top = top;
      this.reset = reset;
      this.items = items;
    }

    long top() {
      return top;
    }

    boolean reset() {
      return reset;
    }

    /** The items these subscriptions take, filtered once per subscription (equal ones are one instance). */
    List<Change> matching(Subscriptions wanted) {
      return matching.computeIfAbsent(wanted, w -> items.stream().filter(w::matches).toList());
    }
  }

  private final ChangeRepository changes;
  private final int resumeLimit;
  private final Map<Long, Future<CatchUp>> recent = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Future<CatchUp>> eldest) {
      return size() > MAX_KEYS;
    }
  };

  CatchUps(ChangeRepository changes, int resumeLimit) {
    this.changes = changes;
    this.resumeLimit = resumeLimit;
  }

  /** The catch-up from {@code since}, read at {@code atLeast} or later; the future holds it. */
  Future<CatchUp> atLeast(long since, long atLeast) {
    Future<CatchUp> known = recent.get(since);
    if (known == null || known.failed() || (known.succeeded() && known.result().top() < atLeast)) {
      return fresh(since);
    }
    return known.compose(c -> c.top() >= atLeast ? Future.succeededFuture(c) : fresh(since));
  }

  private Future<CatchUp> fresh(long since) {
    Future<CatchUp> next = changes.head().compose(head -> {
      if (since > head || head - since > resumeLimit) {
        return Future.succeededFuture(new CatchUp(head, true, List.of()));
      }
      // head - since <= limit, so one read reaches at least the head.
      return changes.since(since, Math.max(resumeLimit, 1)).map(items ->
          new CatchUp(items.isEmpty() ? head : Math.max(head, items.get(items.size() - 1).seq()), false, items));
    });
    recent.put(since, next);
    return next;
  }
}
