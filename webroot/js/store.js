// The dashboard's state: metrics, their series and a short recent history per series.
// Pure (no DOM): it takes the API's objects and live items and says what changed.
import { delta } from './format.js';

/** Points kept per series for its sparkline; the oldest go first, so memory stays flat. */
export const SPARK_MAX = 60;

/** A stable key for a series: the metric id and its labels in key order. */
export function seriesKey(metricId, labels) {
  const sorted = Object.keys(labels || {}).sort().map((key) => [key, labels[key]]);
  return metricId + JSON.stringify(sorted);
}

function pointOf(item) {
  return { ts: item.ts, value: item.value, source: item.source, seq: item.seq, updated_at: item.updated_at };
}

/** Each point's time in ms, parsed once: a live board redraws its sparklines many times a second. */
const TIMES = new WeakMap();

/** The time of a point ({ts}) in ms since the epoch. */
export function timeOf(point) {
  let t = TIMES.get(point);
  if (t === undefined) {
    t = Date.parse(point.ts);
    TIMES.set(point, t);
  }
  return t;
}

function time(point) {
  return point ? timeOf(point) : Number.NEGATIVE_INFINITY;
}

/** Inserts a point into a time-ordered array (replacing one at the same time) and keeps the newest `max`. */
export function insertBounded(points, point, max = SPARK_MAX) {
  const t = timeOf(point);
  let i = points.length;
  while (i > 0 && timeOf(points[i - 1]) > t) {
    i -= 1;
  }
  if (i > 0 && timeOf(points[i - 1]) === t) {
    points[i - 1] = point;
  } else {
    points.splice(i, 0, point);
  }
  if (points.length > max) {
    points.splice(0, points.length - max);
  }
  return points;
}

export class Store {
  constructor() {
    this.seq = 0;
    this.metrics = [];
    this.entries = new Map();
  }

  /**
   * Takes a complete list of metrics (GET /api/v1/metrics or a snapshot); keeps known sparklines.
   * With `zone`, a series' month and quarter totals counted in another zone (the snapshot's are in
   * UTC) do not replace known ones counted in `zone`.
   */
  setMetrics(metrics, seq, zone) {
    const previous = this.entries;
    this.entries = new Map();
    this.metrics = metrics.map((metric) => ({ ...metric, series: metric.series.map((s) => ({ ...s })) }));
    for (const metric of this.metrics) {
      for (const series of metric.series) {
        const key = seriesKey(metric.id, series.labels);
        const spark = previous.has(key) ? previous.get(key).spark : [];
        const known = previous.has(key) ? previous.get(key).series.period_to_date : null;
        if (zone && known && known.tz === zone && (!series.period_to_date || series.period_to_date.tz !== zone)) {
          series.period_to_date = known;
        }
        if (series.latest) {
          insertBounded(spark, pointOf(series.latest));
        }
        this.entries.set(key, { key, metric, series, spark });
      }
    }
    if (Number.isFinite(seq)) {
      this.seq = seq;
    }
  }

  /** Fills sparklines from a history answer ({series:[{labels, points}]}) of one metric. */
  setHistory(metricId, history) {
    for (const { labels, points } of history.series || []) {
      const entry = this.entries.get(seriesKey(metricId, labels));
      if (entry) {
        for (const point of points.slice(-SPARK_MAX)) {
          insertBounded(entry.spark, pointOf(point));
        }
      }
    }
  }

  /**
   * Applies live items ({seq, metric, labels, ts, value, source}) in order. Returns the entries
   * that changed and the ids of metrics this store does not know (the caller reloads those).
   */
  applyItems(items, seq) {
    const changed = new Map();
    const unknown = new Set();
    for (const item of items) {
      const entry = this.entry(item);
      if (!entry) {
        unknown.add(item.metric);
        continue;
      }
      this.applyToSeries(entry.series, pointOf(item));
      insertBounded(entry.spark, pointOf(item));
      changed.set(entry.key, entry);
    }
    const last = items.length ? items[items.length - 1].seq : undefined;
    this.seq = Math.max(this.seq, Number.isFinite(seq) ? seq : 0, Number.isFinite(last) ? last : 0);
    return { changed: [...changed.values()], unknown: [...unknown] };
  }

  entry(item) {
    const key = seriesKey(item.metric, item.labels);
    if (this.entries.has(key)) {
      return this.entries.get(key);
    }
    const metric = this.metrics.find((m) => m.id === item.metric);
    if (!metric) {
      return null;
    }
    const series = { labels: { ...(item.labels || {}) }, latest: null, previous: null, year_ago: null, change: null, change_yoy: null };
    metric.series.push(series);
    const entry = { key, metric, series, spark: [] };
    this.entries.set(key, entry);
    return entry;
  }

  applyToSeries(series, point) {
    const t = time(point);
    if (t > time(series.latest)) {
      series.previous = series.latest;
      series.latest = point;
    } else if (t === time(series.latest)) {
      // A correction of the latest value: marked as revised, as the API marks it.
      const old = series.latest;
      const revised = old.value === point.value ? old.revised
        : { value: old.value, replaced_at: point.updated_at || new Date().toISOString() };
      series.latest = revised ? { ...point, revised } : point;
    } else if (t >= time(series.previous)) {
      series.previous = point;
    } else {
      return;
    }
    series.change = series.previous ? delta(series.latest.value, series.previous.value) : null;
    series.change_yoy = series.year_ago ? delta(series.latest.value, series.year_ago.value) : null;
  }

  /** Every series with its metric and sparkline, in the server's metric order. */
  list() {
    return [...this.entries.values()];
  }

  /** The distinct values of one label across all series, sorted: the region filter's options. */
  labelValues(key) {
    const values = new Set();
    for (const { series } of this.entries.values()) {
      if (series.labels && series.labels[key] !== undefined) {
        values.add(series.labels[key]);
      }
    }
    return [...values].sort();
  }
}
