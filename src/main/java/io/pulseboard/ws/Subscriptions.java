package io.pulseboard.ws;

import io.pulseboard.db.Change;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one socket is subscribed to: per metric id (or {@code "*"} for every metric) a label
 * filter that an item's labels must contain. Immutable, with a cached hash, so that sockets with
 * equal subscriptions share one encoding of a change batch. Equal subscriptions are usually the
 * same instance (they are interned when made), which keeps the per-socket lookup of that
 * encoding an identity check rather than a comparison of maps, thousands of times per batch.
 */
final class Subscriptions {
  static final String ALL = "*";
  private static final int MAX_INTERNED = 10_000;
  private static final ConcurrentHashMap<Map<String, Map<String, String>>, Subscriptions> INTERNED =
      new ConcurrentHashMap<>();
  static final Subscriptions NONE = new Subscriptions(Map.of());

  private final Map<String, Map<String, String>> entries;
  private final int hash;

  private Subscriptions(Map<String, Map<String, String>> entries) {
    this.entries = Map.copyOf(entries);
    this.hash = this.entries.hashCode();
  }

  /** The given metrics ({@code null} for all) with one label filter. */
  static Subscriptions of(List<String> metrics, Map<String, String> labels) {
    return NONE.with(metrics, labels);
  }

  /** These subscriptions plus the given metrics ({@code null} for all), replacing their filters. */
  Subscriptions with(List<String> metrics, Map<String, String> labels) {
    Map<String, Map<String, String>> next = new HashMap<>(entries);
    Map<String, String> filter = Map.copyOf(labels);
    for (String metric : metrics == null ? List.of(ALL) : metrics) {
      next.put(metric, filter);
    }
    return interned(next);
  }

  /** The metric ids subscribed to ({@code "*"} for all). */
  Collection<String> metricIds() {
    return entries.keySet();
  }

  /** These subscriptions without the given metrics; {@code null} removes all. */
  Subscriptions without(Collection<String> metrics) {
    if (metrics == null) {
      return NONE;
    }
    Map<String, Map<String, String>> next = new HashMap<>(entries);
    metrics.forEach(next::remove);
    return interned(next);
  }

  private static Subscriptions interned(Map<String, Map<String, String>> entries) {
    if (INTERNED.size() > MAX_INTERNED) {
      // Only a speed-up: sockets keep their instances, equal ones made later compare by value.
      INTERNED.clear();
    }
    return INTERNED.computeIfAbsent(Map.copyOf(entries), Subscriptions::new);
  }

  int size() {
    return entries.size();
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Whether every change matches, whatever its metric and labels. */
  boolean everything() {
    Map<String, String> all = entries.get(ALL);
    return all != null && all.isEmpty();
  }

  boolean matches(Change change) {
    Map<String, String> labels = change.labels();
    return contains(entries.get(change.metric()), labels) || contains(entries.get(ALL), labels);
  }

  private static boolean contains(Map<String, String> filter, Map<String, String> labels) {
    if (filter == null) {
      return false;
    }
    for (Map.Entry<String, String> e : filter.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof Subscriptions s && s.hash == hash && s.entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
