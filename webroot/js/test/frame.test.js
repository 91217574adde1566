import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pacer } from '../frame.js';

function clock() {
  const timers = [];
  let now = 0;
  return {
    now: () => now,
    setTimer: (fn, ms) => timers.push({ fn, at: now + ms }),
    clearTimer: () => timers.splice(0),
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers.splice(0, timers.length, ...timers.filter((t) => t.at > now));
      due.forEach((timer) => timer.fn());
    },
    waiting: () => timers.length
  };
}

test('a pacer runs at once, then at most once per interval however many requests come', () => {
  const c = clock();
  let runs = 0;
  const paced = pacer(250, () => { runs += 1; }, c);
  paced.request();
  assert.equal(runs, 1, 'the first request runs at once');
  for (let i = 0; i < 10; i++) {
    c.advance(10);
    paced.request();
  }
  assert.equal(runs, 1);
  assert.equal(c.waiting(), 1, 'one wait for all of them');
  c.advance(150);
  assert.equal(runs, 2, 'the waiting requests run once, when the interval is up');
  c.advance(1000);
  paced.request();
  assert.equal(runs, 3, 'after a quiet spell a request runs at once again');
});

test('a cleared pacer forgets its waiting request', () => {
  const c = clock();
  let runs = 0;
  const paced = pacer(250, () => { runs += 1; }, c);
  paced.request();
  paced.request();
  paced.clear();
  c.advance(500);
  assert.equal(runs, 1);
});
