package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metric definitions that writes are checked against, kept in memory: a one-point write
 * looked its metric up in a query of its own before it could join a group commit, one round
 * trip per request (docs/performance.md, "Small writes"). Metrics change rarely. Every statement
 * that changes them notifies {@link #CHANNEL} (migration V021), on which {@code MetricWatchVerticle}
 * {@link #forget forgets} them all on every instance; an id not known here is read from the
 * database, so a metric created on another instance is known at once. A definition kept here may
 * be older than the database's for the moment a notification takes: callers {@link #fresh read
 * again} before they refuse anything, and the database checks again what it must (a deleted
 * metric, a dropped label key). Thread-safe: every event loop asks it.
 */
public final class MetricCatalogue {
  /** The channel every change of the metrics table notifies (migration V021). */
  public static final String CHANNEL = "pulseboard_metrics";

  private final Pool pool;
  private final Map<String, Metric> known = new ConcurrentHashMap<>();
  /** Counts {@link #forget}s, so that a read that started before one does not refill the map after it. */
  private volatile long generation;

  public MetricCatalogue(Pool pool) {
    this.pool = pool;
  }

  /** The metrics among these ids that exist, by id: from memory when all are known here. */
  public Future<Map<String, Metric>> byIds(List<String> ids) {
    Map<String, Metric> found = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      Metric m = known.get(id);
      if (m == null) {
        missing.add(id);
      } else {
        found.put(id, m);
      }
    }
    if (missing.isEmpty()) {
      return Future.succeededFuture(found);
    }
    return fresh(ids);
  }

  /** The metrics among these ids that exist, by id, read from the database now. */
  public Future<Map<String, Metric>> fresh(List<String> ids) {
    long before = generation;
    return MetricRepository.byIds(pool, ids).map(found -> {
      synchronized (this) {
        if (generation == before) {
          known.putAll(found);
        }
      }
      return found;
    });
  }

  /** Forgets every definition: a metric changed somewhere, or notifications may have been missed. */
  public void forget() {
    synchronized (this) {
      generation++;
      known.clear();
    }
  }
}
