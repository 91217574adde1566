import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firingText, formatDue, formatGap, goalText, goalTranslator, messageKeys, pacingText, sinceText, statusText } from '../goal-text.js';

const en = goalTranslator('en');
const ko = goalTranslator('ko');
const multiple = { unit: 'x', display: 'multiple' };
const users = { unit: 'users', display: 'number' };
const percent = { unit: '%', display: 'percent' };
const now = Date.parse('2026-11-30T12:00:00Z');

test('English and Korean have the same words for goals and alerts', () => {
  assert.deepEqual(messageKeys('ko').sort(), messageKeys('en').sort());
});

test('statuses are said in words in both languages', () => {
  assert.deepEqual(['ok', 'warn', 'critical', 'met'].map((s) => statusText(s, en)), ['On track', 'Warn', 'Critical', 'Met']);
  assert.deepEqual(['ok', 'warn', 'critical', 'met'].map((s) => statusText(s, ko)), ['순조', '경고', '위험', '달성']);
  assert.equal(statusText(null, en), '');
});

test('other words fall back to the dashboard’s', () => {
  assert.equal(en('stale'), 'Stale');
  assert.equal(ko('goal', { goal: '×3' }), '목표 ×3');
});

test('a gap reads as the metric does, without sign', () => {
  assert.equal(formatGap(-0.2, multiple, 'en-US'), '0.2');
  assert.equal(formatGap(1.5, percent, 'en-US'), '1.5 pp');
  assert.equal(formatGap(1.5, percent, 'ko-KR'), '1.5%p');
  assert.equal(formatGap(-42000000, users, 'en-US'), '42M users');
});

test('a due date this year has no year; one later has it', () => {
  assert.equal(formatDue('2026-12-31', 'en-US', { now }), 'Dec 31');
  assert.equal(formatDue('2027-03-31', 'en-US', { now }), 'Mar 31, 2027');
  assert.equal(formatDue('2026-12-31', 'ko-KR', { now }), '12월 31일');
  // The day is the day written, whatever the zone: not Dec 30 in Los Angeles.
  assert.equal(formatDue('2026-12-31', 'en-US', { now, zone: 'America/Los_Angeles' }), 'Dec 31');
});

test('the tile’s goal line says target, due date and pacing', () => {
  const goal = { target: 3, direction: 'higher', due: '2026-12-31' };
  const pace = { expected: 2.7, delta: -0.2, ahead: false };
  assert.equal(goalText(goal, pace, multiple, { locale: 'en-US', t: en, now }), 'Goal ×3 by Dec 31 · behind by 0.2');
  assert.equal(goalText(goal, pace, multiple, { locale: 'ko-KR', t: ko, now }), '12월 31일까지 목표 ×3 · 0.2 뒤처짐');
  assert.equal(goalText(goal, { ...pace, delta: 0.1, ahead: true }, multiple, { locale: 'en-US', t: en, now }),
    'Goal ×3 by Dec 31 · ahead by 0.1');
  assert.equal(goalText(goal, null, multiple, { locale: 'en-US', t: en, now }), 'Goal ×3 by Dec 31');
  assert.equal(goalText({ target: 1e9, direction: 'higher' }, null, users, { locale: 'en-US', t: en, now, share: 0.7 }),
    '70% of goal · Goal 1B users');
});

test('on the line is on pace', () => {
  assert.equal(pacingText({ expected: 2, delta: 0, ahead: true }, multiple, { locale: 'en-US', t: en }), 'on pace');
  assert.equal(pacingText(null, multiple, { locale: 'en-US', t: en }), '');
});

test('the count of firing alerts is said with its plural', () => {
  assert.equal(firingText(1, { lang: 'en', t: en }), '1 alert firing');
  assert.equal(firingText(3, { lang: 'en', t: en }), '3 alerts firing');
  assert.equal(firingText(3, { lang: 'ko', t: ko }), '알림 3건 발생 중');
});

test('since when an alert fires, and the exact time in the chosen zone', () => {
  const since = sinceText('2026-11-30T11:55:00Z', { locale: 'en-US', t: en, now, zone: 'Asia/Seoul' });
  assert.equal(since.text, 'since 5 minutes ago');
  assert.equal(since.title, 'Firing since Nov 30, 2026, 8:55 PM');
  assert.equal(sinceText('2026-11-30T11:55:00Z', { locale: 'ko-KR', t: ko, now }).text, '5분 전부터');
});
