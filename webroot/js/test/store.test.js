import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insertBounded, seriesKey, SPARK_MAX, Store, timeOf } from '../store.js';

function point(ts, value, seq = 1) {
  return { ts, value, source: 'test', seq, updated_at: ts };
}

function metrics() {
  return [
    {
      id: 'offices', unit: 'offices', display: 'number', cadence: 'P90D', labels: ['region'],
      series: [
        { labels: { region: 'asia' }, latest: point('2025-09-10T00:00:00Z', 3, 3), previous: null, year_ago: null, change: null, change_yoy: null },
        { labels: { region: 'global' }, latest: point('2025-09-10T00:00:00Z', 12, 1), previous: null, year_ago: point('2024-09-10T00:00:00Z', 10), change: null, change_yoy: null }
      ]
    },
    { id: 'weekly_users', unit: 'users', display: 'number', cadence: 'P7D', labels: ['region'], series: [] }
  ];
}

test('series keys do not depend on label order', () => {
  assert.equal(seriesKey('m', { a: '1', b: '2' }), seriesKey('m', { b: '2', a: '1' }));
  assert.notEqual(seriesKey('m', { a: '1' }), seriesKey('n', { a: '1' }));
});

test('a newer point becomes the latest and the old latest the previous', () => {
  const store = new Store();
  store.setMetrics(metrics(), 5);
  const { changed } = store.applyItems([{ seq: 6, metric: 'offices', labels: { region: 'global' }, ts: '2025-12-01T00:00:00Z', value: 15, source: 'x' }], 6);
  assert.equal(changed.length, 1);
  const { series } = changed[0];
  assert.equal(series.latest.value, 15);
  assert.equal(series.previous.value, 12);
  assert.deepEqual(series.change, { abs: 3, pct: 25, ratio: 1.25 });
  assert.equal(series.change_yoy.ratio, 1.5);
  assert.equal(store.seq, 6);
});

test('a correction at the same time replaces the latest value', () => {
  const store = new Store();
  store.setMetrics(metrics(), 5);
  store.applyItems([{ seq: 7, metric: 'offices', labels: { region: 'asia' }, ts: '2025-09-10T00:00:00Z', value: 4 }]);
  const entry = store.list().find((e) => e.series.labels.region === 'asia');
  assert.equal(entry.series.latest.value, 4);
  assert.equal(entry.series.previous, null);
  assert.equal(entry.spark.length, 1);
  assert.equal(store.seq, 7);
});

test('an older point only becomes the previous when it is newer than it', () => {
  const store = new Store();
  store.setMetrics(metrics(), 5);
  const apply = (ts, value) => store.applyItems([{ seq: 8, metric: 'offices', labels: { region: 'asia' }, ts, value }]);
  apply('2025-06-01T00:00:00Z', 2);
  apply('2025-01-01T00:00:00Z', 1);
  const entry = store.list().find((e) => e.series.labels.region === 'asia');
  assert.equal(entry.series.latest.value, 3);
  assert.equal(entry.series.previous.value, 2);
  assert.deepEqual(entry.spark.map((p) => p.value), [1, 2, 3]);
});

test('a new series of a known metric is added; an unknown metric is reported', () => {
  const store = new Store();
  store.setMetrics(metrics(), 5);
  const { changed, unknown } = store.applyItems([
    { seq: 9, metric: 'weekly_users', labels: { region: 'kr' }, ts: '2025-09-10T00:00:00Z', value: 1 },
    { seq: 10, metric: 'brand_new', labels: {}, ts: '2025-09-10T00:00:00Z', value: 1 }
  ]);
  assert.equal(changed.length, 1);
  assert.equal(changed[0].metric.id, 'weekly_users');
  assert.deepEqual(unknown, ['brand_new']);
  assert.equal(store.list().length, 3);
  assert.equal(store.seq, 10);
});

test('a snapshot replaces the metrics but keeps the sparklines', () => {
  const store = new Store();
  store.setMetrics(metrics(), 5);
  store.setHistory('offices', { series: [{ labels: { region: 'asia' }, points: [point('2025-01-01T00:00:00Z', 1), point('2025-06-01T00:00:00Z', 2)] }] });
  store.setMetrics(metrics(), 6);
  const entry = store.list().find((e) => e.series.labels.region === 'asia');
  assert.deepEqual(entry.spark.map((p) => p.value), [1, 2, 3]);
  assert.equal(store.seq, 6);
});

test('region options come from the data', () => {
  const store = new Store();
  store.setMetrics(metrics(), 5);
  assert.deepEqual(store.labelValues('region'), ['asia', 'global']);
});

test('sparklines keep only the newest points, so memory stays flat', () => {
  const points = [];
  for (let i = 0; i < 500; i += 1) {
    insertBounded(points, point(new Date(Date.UTC(2025, 0, 1) + i * 3600000).toISOString(), i));
  }
  assert.equal(points.length, SPARK_MAX);
  assert.equal(points[points.length - 1].value, 499);
  assert.equal(points[0].value, 500 - SPARK_MAX);
});

test('a point at a known time replaces it instead of adding one', () => {
  const points = [point('2025-01-01T00:00:00Z', 1), point('2025-01-02T00:00:00Z', 2)];
  insertBounded(points, point('2025-01-01T00:00:00Z', 5));
  assert.deepEqual(points.map((p) => p.value), [5, 2]);
});

test('a live correction of the latest value marks it as revised, with the value it replaced', () => {
  const store = new Store();
  store.setMetrics([{ id: 'm', series: [{ labels: {}, latest: { ts: '2025-09-10T00:00:00Z', value: 1, seq: 1 } }] }], 1);
  store.applyItems([{ metric: 'm', labels: {}, ts: '2025-09-10T00:00:00Z', value: 2, seq: 2, updated_at: '2025-09-11T00:00:00Z' }], 2);
  const latest = store.list()[0].series.latest;
  assert.equal(latest.value, 2);
  assert.deepEqual(latest.revised, { value: 1, replaced_at: '2025-09-11T00:00:00Z' });
});

test('a snapshot counted in UTC does not replace month and quarter totals counted in the chosen zone', () => {
  const totals = (tz, month) => ({ tz, month: { from: '2025-08-31T15:00:00Z', value: month, points: 1 }, quarter: { from: '2025-06-30T15:00:00Z', value: 9, points: 3 } });
  const withTotals = (tz, month) => [{ id: 'signups', aggregation: 'sum', series: [{ labels: {}, latest: point('2025-09-10T00:00:00Z', 1), period_to_date: totals(tz, month) }] }];
  const store = new Store();
  store.setMetrics(withTotals('Asia/Seoul', 5), 1);
  store.setMetrics(withTotals('UTC', 4), 2, 'Asia/Seoul');
  assert.equal(store.list()[0].series.period_to_date.tz, 'Asia/Seoul');
  assert.equal(store.list()[0].series.period_to_date.month.value, 5);
  // A new choice of zone brings totals in that zone, which replace the old ones.
  store.setMetrics(withTotals('UTC', 4), 3, 'UTC');
  assert.equal(store.list()[0].series.period_to_date.month.value, 4);
  store.setMetrics(withTotals('Europe/Berlin', 6), 4, 'Europe/Berlin');
  assert.equal(store.list()[0].series.period_to_date.tz, 'Europe/Berlin');
});

test('a point\'s time is parsed once and is the same as Date.parse', () => {
  const point = { ts: '2026-01-02T03:04:05Z', value: 1 };
  assert.equal(timeOf(point), Date.parse(point.ts));
  assert.equal(timeOf(point), timeOf(point));
  assert.equal(timeOf({ ts: '2026-01-02T03:04:06Z' }) - timeOf(point), 1000);
});
