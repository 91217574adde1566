import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  delta, direction, durationMs, formatAgo, formatCompact, formatDate, formatDelta, formatFull,
  formatLabels, formatMoney, formatValue, isStale, unitKind, unitWord, valueKind
} from '../format.js';

const users = { unit: 'users', display: 'number' };
const offices = { unit: 'offices', display: 'number' };
const multiple = { unit: 'x', display: 'multiple' };
const percent = { unit: '%', display: 'percent' };

test('numbers are compact with their unit in English', () => {
  assert.equal(formatValue(700000000, users, 'en-US'), '700M users');
  assert.equal(formatValue(12, offices, 'en-US'), '12 offices');
  assert.equal(formatValue(1234, users, 'en-US'), '1.2K users');
  assert.equal(formatValue(1500000000, users, 'en-US'), '1.5B users');
});

test('numbers are compact in Korean units with Korean counters', () => {
  assert.equal(formatValue(700000000, users, 'ko-KR'), '7억 명');
  assert.equal(formatValue(12, offices, 'ko-KR'), '12곳');
  assert.equal(formatValue(3, offices, 'ko-KR'), '3곳');
  assert.equal(formatCompact(1500000000, 'ko-KR'), '15억');
});

test('numbers can be written out in full', () => {
  assert.equal(formatValue(700000000, users, 'en-US', { compact: false }), '700,000,000 users');
  assert.equal(formatFull(1234.5, 'ko-KR'), '1,234.5');
});

test('small numbers keep two decimals and negatives use a real minus sign', () => {
  assert.equal(formatCompact(2.345, 'en-US'), '2.35');
  assert.equal(formatCompact(-2500, 'en-US'), '\u22122.5K');
});

test('multiples are shown as ×N', () => {
  assert.equal(formatValue(4, multiple, 'en-US'), '×4');
  assert.equal(formatValue(3, multiple, 'ko-KR'), '×3');
  assert.equal(formatValue(3.456, multiple, 'en-US'), '×3.46');
});

test('percentages keep one decimal', () => {
  assert.equal(formatValue(12.34, percent, 'en-US'), '12.3%');
});

test('missing values show a dash', () => {
  assert.equal(formatValue(null, users, 'en-US'), '–');
  assert.equal(formatValue(Number.NaN, users, 'en-US'), '–');
});

test('unknown units are shown as written', () => {
  assert.equal(unitWord('requests', 'ko-KR'), 'requests');
  assert.equal(formatValue(5, { unit: 'requests', display: 'number' }, 'ko-KR'), '5 requests');
});

test('changes of numbers are signed percentages', () => {
  assert.equal(formatDelta({ abs: 50, pct: 12.345, ratio: 1.12 }, 'number', 'en-US'), '+12.3%');
  assert.equal(formatDelta({ abs: -5, pct: -4.25, ratio: 0.96 }, 'number', 'en-US'), '\u22124.3%');
  assert.equal(formatDelta({ abs: 0, pct: 0, ratio: 1 }, 'number', 'en-US'), '0%');
});

test('a change from zero falls back to the absolute change', () => {
  assert.equal(formatDelta({ abs: 1200, pct: null, ratio: null }, 'number', 'en-US'), '+1.2K');
});

test('changes of multiples are ratios', () => {
  assert.equal(formatDelta({ abs: 1, pct: 33.3, ratio: 4 / 3 }, 'multiple', 'en-US'), '×1.33');
  assert.equal(formatDelta({ abs: 1, pct: null, ratio: null }, 'multiple', 'en-US'), null);
});

test('changes of percentages are percentage points', () => {
  assert.equal(formatDelta({ abs: 2.14, pct: 20, ratio: 1.2 }, 'percent', 'en-US'), '+2.1 pp');
  assert.equal(formatDelta({ abs: -1, pct: -10, ratio: 0.9 }, 'percent', 'ko-KR'), '\u22121%p');
});

test('no change to compare with gives nothing', () => {
  assert.equal(formatDelta(null, 'number', 'en-US'), null);
  assert.equal(direction(null), 'flat');
});

test('direction follows the sign of the change', () => {
  assert.equal(direction({ abs: 3 }), 'up');
  assert.equal(direction({ abs: -3 }), 'down');
  assert.equal(direction({ abs: 0 }), 'flat');
});

test('delta matches the API shape', () => {
  assert.deepEqual(delta(12, 10), { abs: 2, pct: 19.999999999999996, ratio: 1.2 });
  assert.deepEqual(delta(5, 0), { abs: 5, pct: null, ratio: null });
  assert.equal(delta(5, null), null);
});

test('ISO-8601 durations become milliseconds', () => {
  const day = 86400000;
  assert.equal(durationMs('P7D'), 7 * day);
  assert.equal(durationMs('P1W'), 7 * day);
  assert.equal(durationMs('PT1H30M'), 5400000);
  assert.equal(durationMs('PT0.5S'), 500);
  assert.equal(durationMs('P1Y'), 365.2425 * day);
  assert.equal(durationMs('P1M'), 30.436875 * day);
  assert.equal(durationMs('P1DT12H'), 1.5 * day);
});

test('things that are not durations are rejected', () => {
  for (const bad of ['', 'P', 'PT', '7D', 'P1DT', 'soon', null, undefined, 7]) {
    assert.equal(durationMs(bad), null, String(bad));
  }
});

test('a point is stale once it is older than the cadence', () => {
  const ts = '2025-09-10T00:00:00Z';
  const at = Date.parse(ts);
  assert.equal(isStale(ts, 'P7D', at + 6 * 86400000), false);
  assert.equal(isStale(ts, 'P7D', at + 7 * 86400000), false);
  assert.equal(isStale(ts, 'P7D', at + 7 * 86400000 + 1), true);
  assert.equal(isStale(ts, 'PT1H', at + 2 * 3600000), true);
});

test('an unreadable cadence or time never marks a point stale', () => {
  assert.equal(isStale('2025-09-10T00:00:00Z', 'weekly', Date.parse('2030-01-01T00:00:00Z')), false);
  assert.equal(isStale('not a time', 'P7D'), false);
});

test('dates are written in the reader language, in UTC', () => {
  assert.equal(formatDate('2025-09-10T00:00:00Z', 'en-US'), 'Sep 10, 2025');
  assert.equal(formatDate('2025-09-10T00:00:00Z', 'ko-KR'), '2025. 9. 10.');
  assert.match(formatDate('2025-09-10T13:05:00Z', 'en-US', { time: true }), /Sep 10, 2025.*1:05\sPM/);
});

test('how long ago reads naturally in both languages', () => {
  const now = Date.parse('2025-09-24T00:00:00Z');
  assert.equal(formatAgo('2025-09-10T00:00:00Z', 'en-US', now), '2 weeks ago');
  assert.equal(formatAgo('2025-09-10T00:00:00Z', 'ko-KR', now), '2주 전');
  assert.equal(formatAgo('2025-09-24T00:00:00Z', 'en-US', now), 'now');
});

test('labels read as their values in key order', () => {
  assert.equal(formatLabels({ region: 'kr' }), 'kr');
  assert.equal(formatLabels({ region: 'global', channel: 'web' }), 'web · global');
  assert.equal(formatLabels({}), '');
});

const won = { unit: 'KRW', display: 'number' };
const dollars = { unit: 'USD', display: 'number' };

test('a unit says how its numbers read', () => {
  assert.equal(unitKind('KRW'), 'currency');
  assert.equal(unitKind('USD'), 'currency');
  assert.equal(unitKind('%'), 'percent');
  assert.equal(unitKind('x'), 'multiple');
  assert.equal(unitKind('users'), 'count');
  assert.equal(unitKind('명'), 'count');
  assert.equal(unitKind('usd'), 'count');
  assert.equal(unitKind(undefined), 'count');
  assert.equal(valueKind({ unit: 'KRW', display: 'number' }), 'currency');
  assert.equal(valueKind({ unit: 'KRW', display: 'percent' }), 'percent', 'the display kind wins');
});

test('money is written in the locale currency format, compact on tiles', () => {
  assert.equal(formatValue(700000000, won, 'en-US'), '₩700M');
  assert.equal(formatValue(700000000, won, 'ko-KR'), '₩7억');
  assert.equal(formatValue(1234.5, dollars, 'en-US'), '$1.2K');
  assert.equal(formatValue(1234.5, dollars, 'ko-KR'), 'US$1.2천');
  assert.equal(formatValue(3.456, dollars, 'en-US'), '$3.46');
  assert.equal(formatValue(700000000, dollars, 'en-US'), '$700M');
});

test('money is written out in full in tables', () => {
  assert.equal(formatValue(1234.5, dollars, 'en-US', { compact: false }), '$1,234.50');
  assert.equal(formatValue(1234.5, dollars, 'ko-KR', { compact: false }), 'US$1,234.50');
  assert.equal(formatValue(700000000, won, 'ko-KR', { compact: false }), '₩700,000,000');
  assert.equal(formatValue(1234, { unit: 'EUR', display: 'number' }, 'en-US', { compact: false }), '€1,234.00');
  assert.equal(formatMoney(-1234.5, 'USD', 'en-US', { compact: false }), '\u2212$1,234.50');
});

test('the units % and x read as percentages and multiples even with the number display', () => {
  assert.equal(formatValue(12.34, { unit: '%', display: 'number' }, 'en-US'), '12.3%');
  assert.equal(formatValue(12.34, { unit: '%', display: 'number' }, 'ko-KR'), '12.3%');
  assert.equal(formatValue(4, { unit: 'x', display: 'number' }, 'ko-KR'), '×4');
  assert.equal(formatDelta({ abs: 2.14, pct: 20, ratio: 1.2 }, { unit: '%', display: 'number' }, 'ko-KR'), '+2.1%p');
  assert.equal(formatDelta({ abs: 1, pct: 33.3, ratio: 4 / 3 }, { unit: 'x', display: 'number' }, 'en-US'), '×1.33');
});

test('counts keep their word in both languages', () => {
  assert.equal(formatValue(1500, { unit: 'orders', display: 'number' }, 'en-US'), '1.5K orders');
  assert.equal(formatValue(1500, { unit: 'orders', display: 'number' }, 'ko-KR'), '1.5천 orders');
  assert.equal(formatValue(1500, { unit: 'users', display: 'number' }, 'ko-KR'), '1.5천 명');
});

test('changes of money are percentages, or amounts of money from a zero base', () => {
  assert.equal(formatDelta({ abs: 50, pct: 12.345, ratio: 1.12 }, won, 'ko-KR'), '+12.3%');
  assert.equal(formatDelta({ abs: 50, pct: 12.345, ratio: 1.12 }, 'number', 'ko-KR'), '+12.3%');
  assert.equal(formatDelta({ abs: 1500000, pct: null, ratio: null }, won, 'ko-KR'), '+₩150만');
  assert.equal(formatDelta({ abs: -1500, pct: null, ratio: null }, dollars, 'en-US'), '\u2212$1.5K');
});
