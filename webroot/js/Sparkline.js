// A small trend line drawn in SVG. The geometry is a pure function, tested with `node --test`.
import { timeOf } from './store.js';

const SVG = 'http://www.w3.org/2000/svg';
export const WIDTH = 120;
export const HEIGHT = 32;

/**
 * The polyline points for values over time, scaled into a width × height box with a small margin:
 * '0,30 60,2 120,16'. Empty for fewer than two points; a flat series sits in the middle.
 */
export function sparklinePoints(points, width = WIDTH, height = HEIGHT) {
  return sparklineGeometry(points, { width, height }).line;
}

/**
 * The polyline and, with a goal value, the height of the goal's line: {line, goalY}. The goal
 * joins the values' scale, so the line shows how far the trend has to go. goalY is null without
 * a goal or a drawn line.
 */
export function sparklineGeometry(points, { goal = null, width = WIDTH, height = HEIGHT } = {}) {
  if (!points || points.length < 2) {
    return { line: '', goalY: null };
  }
  const times = points.map(timeOf);
  const values = points.map((p) => p.value);
  const hasGoal = Number.isFinite(goal);
  const scaled = hasGoal ? [...values, goal] : values;
  const t0 = times[0];
  const tSpan = times[times.length - 1] - t0 || 1;
  const min = Math.min(...scaled);
  const max = Math.max(...scaled);
  const margin = 2;
  const usable = height - 2 * margin;
  const yOf = (value) => (max === min ? height / 2 : margin + usable - ((value - min) / (max - min)) * usable);
  const line = points.map((p, i) => `${round(((times[i] - t0) / tSpan) * width)},${round(yOf(values[i]))}`).join(' ');
  return { line, goalY: hasGoal ? round(yOf(goal)) : null };
}

function round(n) {
  return Math.round(n * 10) / 10;
}

/**
 * Mounts a sparkline into `el`; update(points, {goal}) redraws it only when the points or the
 * goal changed. The goal is a dashed line across.
 */
export function Sparkline(el) {
  el.classList.add('sparkline');
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const goalLine = document.createElementNS(SVG, 'line');
  goalLine.setAttribute('class', 'sparkline__goal');
  goalLine.setAttribute('x1', '0');
  goalLine.setAttribute('x2', String(WIDTH));
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('class', 'sparkline__line');
  svg.append(goalLine, line);
  el.append(svg);
  let drawn = null;

  return {
    update(points, { goal = null } = {}) {
      const next = sparklineGeometry(points, { goal });
      const key = `${next.line}|${next.goalY}`;
      if (key !== drawn) {
        line.setAttribute('points', next.line);
        goalLine.toggleAttribute('hidden', next.goalY === null);
        goalLine.setAttribute('y1', String(next.goalY ?? 0));
        goalLine.setAttribute('y2', String(next.goalY ?? 0));
        el.hidden = next.line === '';
        drawn = key;
      }
    }
  };
}
