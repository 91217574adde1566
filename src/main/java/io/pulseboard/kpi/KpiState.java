package io.pulseboard.kpi;

import io.micrometer.core.instrument.Counter;
import io.prometheus.metrics.model.snapshots.Labels;
import io.pulseboard.db.Change;
import io.pulseboard.db.Metric;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest point of every exported KPI series, at most {@code maxSeries} of them. One thread
 * writes (the exporter's event loop); scrapes read from any thread without locking.
 */
final class KpiState {
  /** Series refused by the cap that are remembered, so that each is counted once. */
  private static final int REMEMBERED_DROPS = 100_000;

  /** One exported series and its latest point. */
  record Series(Labels labels, double value, long tsMillis, long seq, long staleAtMillis) {}

  /** What applying a change did. */
  enum Outcome { APPLIED, IGNORED, DROPPED, UNKNOWN_METRIC }

  private record Generation(KpiDefinitions definitions, Map<SeriesKey, Series> series) {}

  /** A series: its metric and labels (compared as maps, so nothing is encoded per change). */
  private record SeriesKey(String metric, Map<String, Object> labels) {}

  private final int maxSeries;
  private final Counter dropped;
  private final Set<SeriesKey> droppedKeys = new HashSet<>();
  private volatile Generation current = new Generation(KpiDefinitions.of(List.of()), new ConcurrentHashMap<>());

  KpiState(int maxSeries, Counter dropped) {
    this.maxSeries = maxSeries;
    this.dropped = dropped;
  }

  /**
   * Replaces everything: the definitions, then the latest point of each series of a summary
   * (shaped as {@code GET /api/v1/metrics} gives it), then changes that arrived while it was read.
   * Series are taken one metric at a time in turns, so that when the cap is reached every metric
   * keeps some series rather than one producer's metric taking all of them.
   */
  void load(List<Metric> definitions, JsonArray summary, List<Change> later) {
    Generation next = new Generation(KpiDefinitions.of(definitions), new ConcurrentHashMap<>());
    int rounds = 0;
    for (int i = 0; i < summary.size(); i++) {
      rounds = Math.max(rounds, summary.getJsonObject(i).getJsonArray("series").size());
    }
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < summary.size(); i++) {
        JsonObject metric = summary.getJsonObject(i);
        JsonArray series = metric.getJsonArray("series");
        if (round < series.size()) {
          JsonObject one = series.getJsonObject(round);
          JsonObject latest = one.getJsonObject("latest");
          apply(next, metric.getString("id"), one.getJsonObject("labels"), Instant.parse(latest.getString("ts")),
              latest.getLong("seq"), latest.getDouble("value"));
        }
      }
    }
    later.forEach(change -> apply(next, change));
    current = next;
  }

  /** Applies one change of the feed. */
  Outcome apply(Change change) {
    return apply(current, change);
  }

  /**
   * Applies a batch of the feed; whether one of its changes named a metric not defined here. Of a
   * run of changes to one series (a write's changes come so) only the latest is applied, which
   * leaves what applying each in turn would: a point replaces another only when later by
   * millisecond and seq. So a batch of 1 000 points of one series looks the series up once.
   */
  boolean applyAll(List<Change> changes) {
    Generation gen = current;
    boolean unknown = false;
    int i = 0;
    while (i < changes.size()) {
      Change latest = changes.get(i);
      int end = i + 1;
      while (end < changes.size() && sameSeries(changes.get(end), latest)) {
        if (later(changes.get(end), latest)) {
          latest = changes.get(end);
        }
        end++;
      }
      Outcome outcome = apply(gen, latest);
      unknown |= outcome == Outcome.UNKNOWN_METRIC;
      if (outcome == Outcome.DROPPED) {
        // Refusals are counted per change.
        for (int k = i; k < end; k++) {
          apply(gen, changes.get(k));
        }
      }
      i = end;
    }
    return unknown;
  }

  private static boolean sameSeries(Change a, Change b) {
    return a.metric().equals(b.metric()) && (a.labels() == b.labels() || a.labels().equals(b.labels()));
  }

  /** Whether {@code a} would replace {@code b} as a series' latest point. */
  private static boolean later(Change a, Change b) {
    long aMillis = a.ts().toEpochMilli();
    long bMillis = b.ts().toEpochMilli();
    return aMillis > bMillis || aMillis == bMillis && a.seq() > b.seq();
  }

  boolean hasDefinitions(List<Metric> definitions) {
    return current.definitions().sameAs(definitions);
  }

  Collection<Series> series() {
    return current.series().values();
  }

  int size() {
    return current.series().size();
  }

  int maxSeries() {
    return maxSeries;
  }

  /**
   * A point replaces the latest one when it is newer, or when it corrects the same timestamp
   * with a later seq; a correction of an older timestamp leaves the latest value alone.
   */
  private Outcome apply(Generation gen, Change change) {
    return apply(gen, change.metric(), change.labelsJson(), change.ts(), change.seq(), change.value());
  }

  private Outcome apply(Generation gen, String metricId, JsonObject labels, Instant at, long seq, double value) {
    KpiDefinitions.Def def = gen.definitions().metric(metricId);
    if (def == null) {
      return Outcome.UNKNOWN_METRIC;
    }
    SeriesKey key = new SeriesKey(metricId, labels.getMap());
    long ts = at.toEpochMilli();
    Series old = gen.series().get(key);
    if (old == null && gen.series().size() >= maxSeries) {
      countDrop(key);
      return Outcome.DROPPED;
    }
    if (old != null && (ts < old.tsMillis() || (ts == old.tsMillis() && seq <= old.seq()))) {
      return Outcome.IGNORED;
    }
    Labels exported = old != null ? old.labels() : gen.definitions().labels(def, labels);
    long staleAt = KpiDefinitions.staleAtMillis(def, Instant.ofEpochMilli(ts));
    gen.series().put(key, new Series(exported, value, ts, seq, staleAt));
    return Outcome.APPLIED;
  }

  /** Counts each refused series once while few enough are remembered; past that, every refusal. */
  private void countDrop(SeriesKey key) {
    if (droppedKeys.contains(key)) {
      return;
    }
    if (droppedKeys.size() < REMEMBERED_DROPS) {
      droppedKeys.add(key);
    }
    dropped.increment();
  }
}
