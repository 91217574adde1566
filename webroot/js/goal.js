// Goals of series: status, pacing and what a change means. Pure (no DOM), tested with `node --test`
// against src/test/resources/goal-cases.json, the cases the server's GoalStatus is tested with, so
// the page and the server say the same status for the same value (docs/alerts.md, "Goals").

const DAY_MS = 86400000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** The statuses from best to worst kept apart from 'met', which is better than all of them. */
export const STATUSES = ['met', 'ok', 'warn', 'critical'];

/** A day ('2026-12-31', an RFC 3339 time, a Date or ms) as its UTC day number; NaN when it is none. */
export function utcDay(day) {
  if (typeof day === 'string') {
    const match = DATE.exec(day);
    return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS : Number.NaN;
  }
  const ms = day instanceof Date ? day.getTime() : day;
  return Number.isFinite(ms) ? Math.floor(ms / DAY_MS) : Number.NaN;
}

function lower(goal) {
  return goal.direction === 'lower';
}

/** Whether the value reaches the goal: at or above the target (higher is better), at or below it (lower). */
export function isMet(goal, value) {
  return lower(goal) ? value <= goal.target : value >= goal.target;
}

/** How far along the value is, 1 at the target: v / target (higher), target / v (lower). */
export function progress(goal, value) {
  if (lower(goal)) {
    return value <= 0 ? Number.POSITIVE_INFINITY : goal.target / value;
  }
  return value / goal.target;
}

function bandOf(goal, value) {
  const bands = goal.bands;
  if (!bands) {
    return 'ok';
  }
  const has = (name) => Number.isFinite(bands[name]);
  if (bands.unit === 'value') {
    const worse = (limit) => (lower(goal) ? value > limit : value < limit);
    if (has('critical') && worse(bands.critical)) {
      return 'critical';
    }
    return has('warn') && worse(bands.warn) ? 'warn' : 'ok';
  }
  const share = progress(goal, value);
  if (has('critical') && share < bands.critical) {
    return 'critical';
  }
  return has('warn') && share < bands.warn ? 'warn' : 'ok';
}

/** The status of a value against a goal: 'met', 'ok', 'warn' or 'critical'; null without both. */
export function goalStatus(goal, value) {
  if (!goal || !Number.isFinite(goal.target) || !Number.isFinite(value)) {
    return null;
  }
  if (isMet(goal, value) || (lower(goal) && value <= 0)) {
    return 'met';
  }
  return bandOf(goal, value);
}

/**
 * Where the value should be today on a straight line from the baseline (the goal's, else the
 * series' `first` point {value, date}) to the target on the due date, and whether the value is
 * ahead of it: {expected, delta, ahead}. Null without a due date or a baseline. Days are UTC days.
 */
export function pacing(goal, value, today, first) {
  const baseline = (goal && goal.baseline) || first;
  if (!goal || !goal.due || !baseline || !Number.isFinite(value) || !Number.isFinite(baseline.value)) {
    return null;
  }
  const start = utcDay(baseline.date);
  const due = utcDay(goal.due);
  const now = utcDay(today);
  if (![start, due, now].every(Number.isFinite)) {
    return null;
  }
  const span = due - start;
  // A due date on or before the baseline: the target is due at once.
  const f = span <= 0 ? 1 : Math.min(1, Math.max(0, (now - start) / span));
  const expected = baseline.value + (goal.target - baseline.value) * f;
  const delta = value - expected;
  return { expected, delta, ahead: lower(goal) ? delta <= 0 : delta >= 0 };
}

/**
 * A series' goal: its own (`series.goal`, as the API gives it), else the metric's old single
 * `goal` number as the default goal of every series (higher is better, no due date, no bands).
 */
export function seriesGoal(metric, series) {
  if (series && series.goal && Number.isFinite(series.goal.target)) {
    return series.goal;
  }
  if (metric && Number.isFinite(metric.goal) && metric.goal > 0) {
    return { id: null, target: metric.goal, direction: 'higher', status: null, pacing: null };
  }
  return null;
}

/**
 * The goal's status and pacing for the series' latest value today: what a tile shows after a live
 * point without asking the server. Without its own baseline, pacing starts from the series' first
 * point, which the page does not hold: the server's expected value for today is kept then (it only
 * moves from one UTC day to the next) and the gap is measured from it.
 */
export function evaluate(goal, value, today, first) {
  if (!goal) {
    return null;
  }
  const status = goalStatus(goal, value);
  let pace = pacing(goal, value, today, first);
  if (!pace && goal.due && goal.pacing && Number.isFinite(goal.pacing.expected) && Number.isFinite(value)) {
    const delta = value - goal.pacing.expected;
    pace = { expected: goal.pacing.expected, delta, ahead: lower(goal) ? delta <= 0 : delta >= 0 };
  }
  return { status, pacing: pace };
}

/**
 * What a change means for a goal's direction: 'good', 'bad' or 'flat'. A rise is good news when
 * higher is better (the default); when lower is better (churn, latency), a fall is.
 */
export function changeTone(change, direction = 'higher') {
  if (!change || !Number.isFinite(change.abs) || change.abs === 0) {
    return 'flat';
  }
  const rise = change.abs > 0;
  return rise === (direction !== 'lower') ? 'good' : 'bad';
}
