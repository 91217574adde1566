package io.pulseboard.auth;

import io.pulseboard.db.Board;
import io.pulseboard.db.BoardRepository;
import io.pulseboard.db.Metric;
import io.pulseboard.db.MetricRepository;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which metrics a {@code board:<id>} scope reaches: those the board's tiles show now. Read from
 * the database per request and kept for {@link #TTL_MS}, so a board saved on any instance narrows
 * or widens its tokens everywhere within that time without a listener to keep alive, while a
 * TV polling every few seconds costs one indexed read a second; the instance that saves a board
 * forgets its entry at once ({@link #forget}). Only completed reads are kept, so every caller's
 * future completes on its own event loop.
 */
public final class BoardGrants {
  /** How long a board's metrics are kept before they are read again. */
  public static final long TTL_MS = 1000;
  private static final int MAX_ENTRIES = 10_000;

  private record Entry(Set<String> metrics, long readAtNanos) {}

  private final BoardRepository boards;
  private final MetricRepository metrics;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  public BoardGrants(BoardRepository boards, MetricRepository metrics) {
    this.boards = boards;
    this.metrics = metrics;
  }

  /** The metrics these boards show, together; the future holds them (empty for boards that do not exist). */
  public Future<Set<String>> metricsOf(Collection<String> boardIds) {
    List<Future<Set<String>>> each = new ArrayList<>();
    boardIds.forEach(id -> each.add(metricsOf(id)));
    return Future.all(each).map(all -> {
      Set<String> union = new LinkedHashSet<>();
      each.forEach(f -> union.addAll(f.result()));
      return union;
    });
  }

  /** The metrics one board shows; the generated board shows every metric. */
  public Future<Set<String>> metricsOf(String boardId) {
    Entry entry = cache.get(boardId);
    long now = System.nanoTime();
    if (entry != null && now - entry.readAtNanos() < TTL_MS * 1_000_000) {
      return Future.succeededFuture(entry.metrics());
    }
    Future<Set<String>> read = Board.GENERATED_ID.equals(boardId)
        ? metrics.all().map(all -> Set.copyOf(all.stream().map(Metric::id).toList()))
        : boards.find(boardId).map(found -> found.map(b -> Set.copyOf(b.metricIds())).orElse(Set.of()));
    return read.onSuccess(ids -> {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      cache.put(boardId, new Entry(ids, now));
    });
  }

  /** Drops what is kept of this board, after it was saved or deleted. */
  public void forget(String boardId) {
    cache.remove(boardId);
  }
}
