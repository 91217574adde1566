import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HEIGHT, sparklineGeometry, sparklinePoints } from '../Sparkline.js';

const points = [
  { ts: '2025-01-01T00:00:00Z', value: 1 },
  { ts: '2025-01-02T00:00:00Z', value: 2 }
];

test('without a goal the sparkline is as before', () => {
  assert.deepEqual(sparklineGeometry(points), { line: sparklinePoints(points), goalY: null });
});

test('a goal above the values joins the scale and sits at the top', () => {
  const { line, goalY } = sparklineGeometry(points, { goal: 3 });
  assert.equal(goalY, 2);
  assert.equal(line, '0,30 120,16', 'the values move down to make room');
});

test('a goal below the values sits at the bottom', () => {
  assert.equal(sparklineGeometry(points, { goal: 0 }).goalY, HEIGHT - 2);
});

test('no line, no goal line', () => {
  assert.deepEqual(sparklineGeometry(points.slice(0, 1), { goal: 3 }), { line: '', goalY: null });
});
