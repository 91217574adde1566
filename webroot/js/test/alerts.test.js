import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertState } from '../alerts.js';

function alert(id, state, transition, since = '2026-11-30T08:00:00Z') {
  return { id, rule: 1, rule_name: `rule ${id}`, metric: 'churn', labels: { region: 'kr' }, state, since, value: 3.5, transition };
}

function event(body) {
  return { seq: 1, topic: 'alerts', subject: String(body.id), body, at: body.since };
}

test('the firing alerts come from the list, the latest first', () => {
  const state = new AlertState();
  state.load([alert(1, 'firing', 1, '2026-11-30T08:00:00Z'), alert(2, 'resolved', 2), alert(3, 'firing', 1, '2026-11-30T09:00:00Z')]);
  assert.deepEqual(state.firing().map((a) => a.id), [3, 1]);
});

test('an event that starts firing is reported once', () => {
  const state = new AlertState();
  state.load([alert(1, 'resolved', 2)]);
  const started = state.apply([event(alert(1, 'firing', 3))]);
  assert.deepEqual(started.map((a) => a.id), [1]);
  assert.deepEqual(state.apply([event(alert(1, 'firing', 3))]), [], 'a replay is not news');
  assert.equal(state.firing().length, 1);
});

test('a resolution takes the alert out of the firing list', () => {
  const state = new AlertState();
  state.load([alert(1, 'firing', 1)]);
  assert.deepEqual(state.apply([event(alert(1, 'resolved', 2))]), []);
  assert.deepEqual(state.firing(), []);
});

test('an older transition does not undo a newer one', () => {
  const state = new AlertState();
  state.apply([event(alert(1, 'resolved', 4))]);
  state.apply([event(alert(1, 'firing', 3))]);
  assert.deepEqual(state.firing(), []);
  state.load([alert(1, 'firing', 3)]);
  assert.deepEqual(state.firing(), [], 'a late HTTP answer is older than the event');
});

test('an alert that fired while the list was loading stays', () => {
  const state = new AlertState();
  state.apply([event(alert(5, 'firing', 1))]);
  state.load([]);
  assert.deepEqual(state.firing().map((a) => a.id), [5]);
});

test('events of other topics are skipped', () => {
  const state = new AlertState();
  assert.deepEqual(state.apply([{ seq: 2, topic: 'boards', subject: 'korea-launch', body: { id: 'korea-launch' } }]), []);
  assert.deepEqual(state.firing(), []);
});

test('a later answer without that alert drops it', () => {
  const state = new AlertState();
  state.apply([event(alert(5, 'firing', 1))]);
  state.load([]);
  state.load([]);
  assert.deepEqual(state.firing(), []);
});
