import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { changeTone, evaluate, goalStatus, pacing, seriesGoal, utcDay } from '../goal.js';

// The cases the server's goal status is tested with too: the page must say what the server says.
const cases = JSON.parse(readFileSync(new URL('../../../src/test/resources/goal-cases.json', import.meta.url), 'utf8'));

function close(actual, expected, what) {
  assert.ok(Math.abs(actual - expected) <= 1e-9, `${what}: ${actual} is not ${expected}`);
}

test('the shared goal cases exist', () => {
  assert.ok(cases.length >= 5);
});

for (const [i, c] of cases.entries()) {
  test(`goal case ${i}: ${c.name || `${c.goal.direction} ${c.goal.target}, value ${c.value} is ${c.status}`}`, () => {
    assert.equal(goalStatus(c.goal, c.value), c.status);
    const actual = pacing(c.goal, c.value, c.today, c.first);
    if (c.pacing === null) {
      assert.equal(actual, null);
    } else {
      close(actual.expected, c.pacing.expected, 'expected');
      close(actual.delta, c.pacing.delta, 'delta');
      assert.equal(actual.ahead, c.pacing.ahead);
    }
  });
}

test('no goal or no value has no status', () => {
  assert.equal(goalStatus(null, 3), null);
  assert.equal(goalStatus({ target: 3, direction: 'higher' }, null), null);
  assert.equal(goalStatus({ target: 3, direction: 'higher' }, Number.NaN), null);
});

test('days are UTC days, whatever form they come in', () => {
  assert.equal(utcDay('2026-01-02'), utcDay('2026-01-02T23:59:59Z'));
  assert.equal(utcDay(Date.parse('2026-01-02T00:00:00Z')), utcDay('2026-01-02'));
  assert.equal(utcDay('2026-01-03') - utcDay('2026-01-02'), 1);
  assert.ok(Number.isNaN(utcDay('soon')));
});

test('a change is good news when it goes the goal’s way', () => {
  const rise = { abs: 2, pct: 10, ratio: 1.1 };
  const fall = { abs: -2, pct: -10, ratio: 0.9 };
  assert.equal(changeTone(rise), 'good');
  assert.equal(changeTone(fall), 'bad');
  assert.equal(changeTone(rise, 'higher'), 'good');
  assert.equal(changeTone(fall, 'lower'), 'good');
  assert.equal(changeTone(rise, 'lower'), 'bad');
  assert.equal(changeTone({ abs: 0, pct: 0, ratio: 1 }, 'lower'), 'flat');
  assert.equal(changeTone(null, 'lower'), 'flat');
});

test('a series has its own goal, else its metric’s old goal number as a default', () => {
  const own = { id: 7, target: 3, direction: 'lower', status: 'ok', pacing: null };
  assert.equal(seriesGoal({ goal: 10 }, { goal: own }), own);
  assert.deepEqual(seriesGoal({ goal: 10 }, { goal: null }),
    { id: null, target: 10, direction: 'higher', status: null, pacing: null });
  assert.equal(seriesGoal({ goal: null }, {}), null);
});

test('a live value gets its status again, and keeps the server’s expected value without a baseline', () => {
  const goal = {
    target: 3, direction: 'higher', due: '2026-12-31', bands: { warn: 0.9, critical: 0.75, unit: 'fraction' },
    status: 'ok', pacing: { expected: 2.7, delta: 0.1, ahead: true }
  };
  const now = evaluate(goal, 2.1, '2026-11-30');
  assert.equal(now.status, 'critical');
  close(now.pacing.expected, 2.7, 'expected');
  close(now.pacing.delta, -0.6, 'delta');
  assert.equal(now.pacing.ahead, false);
  assert.equal(evaluate(null, 2), null);
  assert.equal(evaluate({ target: 3, direction: 'higher' }, 2).pacing, null);
});
