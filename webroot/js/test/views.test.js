import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCursorTime, formatTick, formatTimeTick, toColumns, xRange } from '../chart-data.js';
import { metricHref, parseRoute, rangeFrom } from '../route.js';
import { sparklinePoints } from '../Sparkline.js';

const DAY = 86400000;

test('the address picks the view', () => {
  assert.deepEqual(parseRoute(''), { view: 'dashboard' });
  assert.deepEqual(parseRoute('#/'), { view: 'dashboard' });
  assert.deepEqual(parseRoute('#/metrics/weekly_users'), { view: 'metric', id: 'weekly_users', range: '1y' });
  assert.deepEqual(parseRoute('#/metrics/offices?range=all'), { view: 'metric', id: 'offices', range: 'all' });
  assert.deepEqual(parseRoute('#/metrics/offices?range=bogus'), { view: 'metric', id: 'offices', range: '1y' });
  assert.deepEqual(parseRoute('#/metrics/Not-An-Id'), { view: 'dashboard' });
  assert.deepEqual(parseRoute('#/boards/korea-launch'), { view: 'board', id: 'korea-launch' });
  assert.deepEqual(parseRoute('#/boards/korea-launch?kiosk=1'), { view: 'board', id: 'korea-launch' });
  assert.deepEqual(parseRoute('#/boards/Bad_Id'), { view: 'dashboard' });
  assert.deepEqual(parseRoute('#/?kiosk=1&boards=a,b'), { view: 'dashboard' });
});

test('detail addresses round-trip', () => {
  assert.deepEqual(parseRoute(metricHref('offices', '30d')), { view: 'metric', id: 'offices', range: '30d' });
  assert.equal(metricHref('offices', '1y'), '#/metrics/offices');
});

test('ranges end at the newest point', () => {
  const end = Date.parse('2025-09-10T00:00:00Z');
  assert.equal(rangeFrom('30d', end), end - 30 * DAY);
  assert.equal(rangeFrom('1y', end), end - 365 * DAY);
  assert.equal(rangeFrom('all', end), null);
});

test('points become uPlot columns in seconds', () => {
  assert.deepEqual(toColumns([{ ts: '1970-01-01T00:00:10Z', value: 3 }, { ts: '1970-01-01T00:00:20Z', value: 4 }]), [[10, 20], [3, 4]]);
});

test('the x range starts at the window and pads a single point', () => {
  const ts = '2025-09-10T00:00:00Z';
  const at = Date.parse(ts);
  const [min, max] = xRange([{ ts, value: 1 }], at - 30 * DAY);
  assert.equal(min, (at - 30 * DAY) / 1000);
  assert.ok(max > at / 1000);
  const [allMin] = xRange([{ ts, value: 1 }], null, [Date.parse('2025-02-01T00:00:00Z')]);
  assert.ok(allMin < Date.parse('2025-02-01T00:00:00Z') / 1000, 'events before the first point are shown');
});

test('axis ticks read like the tiles', () => {
  assert.equal(formatTick(700000000, 'number', 'en-US'), '700M');
  assert.equal(formatTick(700000000, 'number', 'ko-KR'), '7억');
  assert.equal(formatTick(4, 'multiple', 'en-US'), '×4');
  assert.equal(formatTick(12.5, 'percent', 'en-US'), '12.5%');
  assert.equal(formatTick(1500000, { unit: 'KRW', display: 'number' }, 'en-US'), '₩1.5M');
  assert.equal(formatTick(1500000, { unit: 'KRW', display: 'number' }, 'ko-KR'), '₩150만');
  assert.equal(formatTick(12.5, { unit: '%', display: 'number' }, 'ko-KR'), '12.5%');
  assert.equal(formatTick(700000000, { unit: 'users', display: 'number' }, 'ko-KR'), '7억');
  assert.equal(formatTimeTick(Date.parse('2025-09-10T00:00:00Z') / 1000, 30 * 86400, 'en-US'), 'Sep 10');
  assert.equal(formatTimeTick(Date.parse('2025-09-10T00:00:00Z') / 1000, 400 * 86400, 'en-US'), 'Sep 2025');
});

test('a sparkline spans its box, high values at the top', () => {
  const points = [
    { ts: '2025-01-01T00:00:00Z', value: 0 },
    { ts: '2025-01-02T00:00:00Z', value: 10 },
    { ts: '2025-01-03T00:00:00Z', value: 5 }
  ];
  assert.equal(sparklinePoints(points, 100, 24), '0,22 50,2 100,12');
});

test('a sparkline needs two points; a flat one sits in the middle', () => {
  assert.equal(sparklinePoints([{ ts: '2025-01-01T00:00:00Z', value: 1 }]), '');
  assert.equal(sparklinePoints([{ ts: '2025-01-01T00:00:00Z', value: 1 }, { ts: '2025-01-02T00:00:00Z', value: 1 }], 100, 20), '0,10 100,10');
});

test('time ticks and the cursor time follow the chosen zone', () => {
  const at = Date.parse('2026-01-01T15:00:00Z') / 1000;
  assert.equal(formatTimeTick(at, 30 * 86400, 'en-US'), 'Jan 1');
  assert.equal(formatTimeTick(at, 30 * 86400, 'en-US', 'UTC'), 'Jan 1');
  assert.equal(formatTimeTick(at, 30 * 86400, 'en-US', 'Asia/Seoul'), 'Jan 2');
  assert.equal(formatTimeTick(at, 30 * 86400, 'ko-KR', 'Asia/Seoul'), '1월 2일');
  assert.equal(formatTimeTick(Date.parse('2025-12-31T20:00:00Z') / 1000, 400 * 86400, 'en-US', 'Asia/Seoul'), 'Jan 2026');
  assert.match(formatCursorTime(at, 'en-US', 'Asia/Seoul'), /^Jan 2, 2026,? 12:00\sAM$/);
  assert.match(formatCursorTime(at, 'en-US', 'America/New_York'), /^Jan 1, 2026,? 10:00\sAM$/);
});
