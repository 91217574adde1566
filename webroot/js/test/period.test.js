import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translator } from '../i18n.js';
import { asOfInstant, isTimeZone, localMidnight, periodParams, periodToDateText, pickZone, revisedNote, zoneChoices } from '../period.js';

test('a stored zone wins, then the browser zone, then UTC', () => {
  assert.equal(pickZone('Asia/Seoul', 'Europe/Berlin'), 'Asia/Seoul');
  assert.equal(pickZone('Mars/Olympus', 'Europe/Berlin'), 'Europe/Berlin');
  assert.equal(pickZone(null, undefined), 'UTC');
  assert.equal(isTimeZone(''), false);
});

test('the zone list starts with the current and browser zones, without duplicates', () => {
  const list = zoneChoices('Asia/Seoul', 'Europe/Berlin', ['Asia/Seoul', 'Africa/Abidjan']);
  assert.deepEqual(list.slice(0, 3), ['Asia/Seoul', 'Europe/Berlin', 'UTC']);
  assert.equal(new Set(list).size, list.length);
  assert.ok(list.includes('Africa/Abidjan'));
});

test('local midnight follows the zone, also on a day that lasts 23 hours', () => {
  assert.equal(new Date(localMidnight(2025, 9, 10, 'Asia/Seoul')).toISOString(), '2025-09-09T15:00:00.000Z');
  assert.equal(new Date(localMidnight(2025, 3, 30, 'Europe/Berlin')).toISOString(), '2025-03-29T23:00:00.000Z');
  assert.equal(new Date(localMidnight(2025, 3, 31, 'Europe/Berlin')).toISOString(), '2025-03-30T22:00:00.000Z');
  assert.equal(new Date(localMidnight(2025, 10, 27, 'Europe/Berlin')).toISOString(), '2025-10-26T23:00:00.000Z');
});

test('as of a date means the end of that day in the zone', () => {
  assert.equal(asOfInstant('2025-09-10', 'Asia/Seoul'), '2025-09-10T14:59:59.999Z');
  assert.equal(asOfInstant('2025-09-10', 'UTC'), '2025-09-10T23:59:59.999Z');
  assert.equal(asOfInstant('2025-12-31', 'America/New_York'), '2026-01-01T04:59:59.999Z');
  assert.equal(asOfInstant('', 'UTC'), null);
  assert.equal(asOfInstant('10/09/2025', 'UTC'), null);
});

test('API parameters carry the zone and, only when on, the as-of instant', () => {
  assert.deepEqual(periodParams({ limit: '5' }, { zone: 'Asia/Seoul', asOf: null }), { limit: '5', tz: 'Asia/Seoul' });
  assert.deepEqual(periodParams({}, { zone: 'UTC', asOf: '2025-09-10T23:59:59.999Z' }),
    { tz: 'UTC', as_of: '2025-09-10T23:59:59.999Z' });
});

test('a revised value says when, and what it was, in English and Korean', () => {
  const metric = { unit: 'users', display: 'number' };
  const latest = { value: 7e8, revised: { value: 6.9e8, replaced_at: '2025-09-08T00:00:00Z' } };
  const now = Date.parse('2025-09-10T00:00:00Z');
  const en = revisedNote(latest, metric, { locale: 'en-US', t: translator('en'), now });
  assert.equal(en.text, 'revised 2 days ago');
  assert.equal(en.title, 'Was 690,000,000 users until Sep 8, 2025, 12:00 AM');
  const ko = revisedNote(latest, metric, { locale: 'ko-KR', t: translator('ko'), zone: 'Asia/Seoul', now });
  assert.equal(ko.text, '그저께 수정됨');
  assert.match(ko.title, /^2025\. 9\. 8\. (오전|AM) 9:00까지 690,000,000명$/);
  assert.equal(revisedNote({ value: 1 }, metric, { locale: 'en-US', t: translator('en') }), null);
});

test('a sum metric shows its month and quarter totals so far, by its unit, in both languages', () => {
  const metric = { id: 'signups', unit: 'users', display: 'number', aggregation: 'sum' };
  const series = { labels: {}, period_to_date: { tz: 'Asia/Seoul', month: { from: '2025-08-31T15:00:00Z', value: 1234, points: 14 }, quarter: { from: '2025-06-30T15:00:00Z', value: 3400, points: 75 } } };
  const view = { locale: 'en-US', t: translator('en'), zone: 'Asia/Seoul' };
  assert.equal(periodToDateText(series, metric, view), 'This month: 1.2K users \u00b7 This quarter: 3.4K users');
  const ko = periodToDateText(series, metric, { locale: 'ko-KR', t: translator('ko'), zone: 'Asia/Seoul' });
  assert.match(ko, /^이번 달: .+ · 이번 분기: .+$/);
  const money = { ...metric, unit: 'USD', display: 'currency' };
  assert.match(periodToDateText(series, money, view), /^This month: \$1\.2K · This quarter: \$3\.4K$/);
});

test('no totals line for a last-value metric, a series without totals, or totals in another zone', () => {
  const series = { labels: {}, period_to_date: { tz: 'UTC', month: { value: 1, points: 1 }, quarter: { value: 2, points: 2 } } };
  const view = { locale: 'en-US', t: translator('en'), zone: 'UTC' };
  assert.equal(periodToDateText(series, { unit: 'users', display: 'number', aggregation: 'last' }, view), null);
  assert.equal(periodToDateText(series, { unit: 'users', display: 'number' }, view), null);
  assert.equal(periodToDateText({ labels: {} }, { unit: 'users', display: 'number', aggregation: 'sum' }, view), null);
  assert.equal(periodToDateText(series, { unit: 'users', display: 'number', aggregation: 'sum' }, { ...view, zone: 'Asia/Seoul' }), null);
});
