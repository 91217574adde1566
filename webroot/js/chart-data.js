// Pure helpers for the time-series charts: columns for uPlot, the x window, axis labels.
import { formatCompact, formatFull, formatMoney, valueKind } from './format.js';

const DAY_MS = 86400000;

/** Points ({ts, value}) as uPlot's columns: [[seconds...], [values...]]. */
export function toColumns(points) {
  const xs = new Array(points.length);
  const ys = new Array(points.length);
  points.forEach((p, i) => {
    xs[i] = Date.parse(p.ts) / 1000;
    ys[i] = p.value;
  });
  return [xs, ys];
}

/**
 * Several series ([{points}]) as uPlot's columns on one time axis: the union of their times in
 * seconds, then each series' values with null where it has no point at that time.
 */
export function alignColumns(seriesList) {
  const times = new Set();
  for (const { points } of seriesList) {
    for (const p of points) {
      times.add(Date.parse(p.ts) / 1000);
    }
  }
  const xs = [...times].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const columns = seriesList.map(({ points }) => {
    const ys = new Array(xs.length).fill(null);
    for (const p of points) {
      ys[at.get(Date.parse(p.ts) / 1000)] = p.value;
    }
    return ys;
  });
  return [xs, ...columns];
}

/**
 * The x range to show, in seconds: from the window's start (for 'all', the first point or
 * event) to the last point or event, padded so a single point is not squeezed onto an edge.
 */
export function xRange(points, fromMs, eventTimesMs = []) {
  const times = points.map((p) => Date.parse(p.ts));
  const last = Math.max(...times, ...eventTimesMs.filter((t) => fromMs == null || t >= fromMs));
  const end = Number.isFinite(last) ? last : Date.now();
  const first = fromMs ?? Math.min(end, ...times, ...eventTimesMs);
  const pad = Math.max((end - first) * 0.03, 15 * DAY_MS);
  return [(fromMs ?? first - pad) / 1000, (end + pad) / 1000];
}

/**
 * A y-axis tick as people read it: compact numbers, ×N for multiples, N% for percentages,
 * compact money for currencies. `metric` is {unit, display} (a display kind alone also works).
 */
export function formatTick(value, metric, locale) {
  const kind = valueKind(typeof metric === 'string' ? { display: metric } : metric);
  if (kind === 'multiple') {
    return '\u00d7' + formatFull(Math.round(value * 100) / 100, locale);
  }
  if (kind === 'percent') {
    return formatFull(Math.round(value * 10) / 10, locale) + '%';
  }
  if (kind === 'currency') {
    return formatMoney(value, metric.unit, locale);
  }
  return formatCompact(value, locale);
}

/**
 * An x-axis tick (seconds) as a date in `zone` (an IANA name, UTC by default): with the year when
 * the span is long, day and month otherwise.
 */
export function formatTimeTick(seconds, spanSeconds, locale, zone = 'UTC') {
  const long = spanSeconds > 300 * 86400;
  const options = long ? { year: 'numeric', month: 'short', timeZone: zone } : { month: 'short', day: 'numeric', timeZone: zone };
  return new Intl.DateTimeFormat(locale, options).format(new Date(seconds * 1000));
}

/** A cursor time (seconds) in `zone`: date and time, as in the table of points. */
export function formatCursorTime(seconds, locale, zone = 'UTC') {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(seconds * 1000));
}

