// One uPlot chart for one or several series, created once and fed new data in place (no
// re-creation, so a chart left open on a TV for days does not grow; only a change in the number
// of series builds it anew). Annotations are drawn as markers, a goal as a dashed line across
// with its label.
import { alignColumns, formatCursorTime, formatTick, formatTimeTick, toColumns, xRange } from './chart-data.js';

/** Colours of the series of a chart, in order (custom properties of base.css, per theme). */
const SERIES_COLOURS = ['--chart-line', '--chart-2', '--chart-3', '--chart-4', '--chart-5', '--chart-6'];

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

const TALL = { ratio: 0.4, max: 420 };

/**
 * The y range for values from `min` to `max` that also shows a goal value: uPlot's own padding
 * around both. [null, null] (uPlot's "nothing to show") without data or goal.
 */
export function yRangeWithGoal(min, max, goal) {
  const hasGoal = Number.isFinite(goal);
  if (min == null && !hasGoal) {
    return [null, null];
  }
  const lo = min == null ? goal : hasGoal ? Math.min(min, goal) : min;
  const hi = max == null ? goal : hasGoal ? Math.max(max, goal) : max;
  return globalThis.uPlot.rangeNum(lo, hi, 0.1, true);
}

/**
 * Mounts a chart into `el`, as tall as `ratio` of its width, between 180 and `max` pixels (by
 * default 0.4 and 420). update(points, {fromMs, annotations, display, unit, locale, label, zone, goal})
 * shows the points, with times in `zone` (an IANA name, UTC by default) and `goal` ({value, label})
 * as a line; updateMany([{label, points}], opts) several series; redraw() repaints after a theme
 * change; destroy() frees the chart.
 */
export function TimeChart(el, { ratio, max } = TALL) {
  el.classList.add('time-chart');
  const chartHeight = (width) => Math.round(Math.max(180, Math.min(max, width * ratio)));
  const canvasBox = document.createElement('div');
  canvasBox.className = 'time-chart__plot';
  el.append(canvasBox);
  let plot = null;
  let view = { annotations: [], display: 'number', locale: 'en', zone: 'UTC', labels: [], goal: null };
  let frame = 0;
  let xTicks = [];
  // Resizing in the next frame, not inside the observer, avoids a resize-loop error.
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      if (plot && canvasBox.clientWidth > 0 && canvasBox.clientWidth !== plot.width) {
        plot.setSize({ width: canvasBox.clientWidth, height: chartHeight(canvasBox.clientWidth) });
      }
    });
  });
  observer.observe(canvasBox);

  function drawMarkers(u) {
    const { ctx } = u;
    const [min, max] = [u.scales.x.min, u.scales.x.max];
    const top = u.bbox.top;
    const bottom = u.bbox.top + u.bbox.height;
    ctx.save();
    ctx.strokeStyle = cssVar('--chart-marker');
    ctx.fillStyle = cssVar('--chart-marker');
    ctx.lineWidth = Math.max(1, devicePixelRatio);
    ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.font = `${Math.round(11 * devicePixelRatio)}px ${cssVar('--font') || 'sans-serif'}`;
    ctx.textBaseline = 'top';
    let lastX = Number.NEGATIVE_INFINITY;
    let row = 0;
    view.annotations.forEach((a, i) => {
      const t = Date.parse(a.ts) / 1000;
      if (t < min || t > max) {
        return;
      }
      const x = Math.round(u.valToPos(t, 'x', true));
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      // Numbers of events close together go on separate rows, matching the list below the chart.
      row = x - lastX < 16 * devicePixelRatio ? row + 1 : 0;
      lastX = x;
      ctx.fillText(String(i + 1), x + 3 * devicePixelRatio, top + (2 + row * 13) * devicePixelRatio);
    });
    ctx.restore();
  }

  function drawGoal(u) {
    const goal = view.goal;
    if (!goal || !Number.isFinite(goal.value)) {
      return;
    }
    const y = Math.round(u.valToPos(goal.value, 'y', true));
    const { ctx } = u;
    const left = u.bbox.left;
    const right = u.bbox.left + u.bbox.width;
    ctx.save();
    ctx.strokeStyle = cssVar('--goal-line') || cssVar('--text-muted');
    ctx.fillStyle = ctx.strokeStyle;
    ctx.lineWidth = Math.max(1.5, 1.5 * devicePixelRatio);
    ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(right, y);
    ctx.stroke();
    ctx.font = `${Math.round(11 * devicePixelRatio)}px ${cssVar('--font') || 'sans-serif'}`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText(goal.label || '', right - 4 * devicePixelRatio, y - 3 * devicePixelRatio);
    ctx.restore();
  }

  // The time axis is drawn on a canvas; its ticks ([seconds, label] pairs) are also kept as
  // data-x-ticks on the chart's element, so tools and tests can read what it shows.
  function showTicks() {
    const text = JSON.stringify(xTicks);
    if (el.dataset.xTicks !== text) {
      el.dataset.xTicks = text;
    }
  }

  function options(width) {
    return {
      width,
      height: chartHeight(width),
      legend: { show: false },
      // Ticks fall on midnights and month starts in the chosen zone; read at each redraw, so a
      // new zone applies to the chart in place.
      tzDate: (seconds) => globalThis.uPlot.tzDate(new Date(seconds * 1000), view.zone),
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true, range: () => view.range },
        y: { range: (u, min, max) => yRangeWithGoal(min, max, view.goal ? view.goal.value : null) }
      },
      series: [
        { value: (u, seconds) => (seconds == null ? '' : formatCursorTime(seconds, view.locale, view.zone)) },
        ...view.labels.map((label, i) => ({
          label,
          stroke: () => cssVar(SERIES_COLOURS[i % SERIES_COLOURS.length]),
          fill: view.labels.length === 1 ? () => cssVar('--chart-fill') : undefined,
          width: 2,
          spanGaps: true,
          points: { show: true, size: view.labels.length === 1 ? 7 : 5, fill: () => cssVar('--surface') }
        }))
      ],
      axes: [
        {
          stroke: () => cssVar('--text-muted'),
          grid: { stroke: () => cssVar('--chart-grid') },
          ticks: { stroke: () => cssVar('--chart-grid') },
          space: 80,
          values: (u, splits) => {
            const labels = splits.map((s) => formatTimeTick(s, u.scales.x.max - u.scales.x.min, view.locale, view.zone));
            xTicks = splits.map((s, i) => [s, labels[i]]);
            return labels;
          }
        },
        {
          stroke: () => cssVar('--text-muted'),
          grid: { stroke: () => cssVar('--chart-grid') },
          ticks: { stroke: () => cssVar('--chart-grid') },
          size: 64,
          values: (u, splits) => splits.map((v) => formatTick(v, { unit: view.unit, display: view.display }, view.locale))
        }
      ],
      hooks: { draw: [drawMarkers, drawGoal, showTicks] }
    };
  }

  // The goal is kept on the element too (the canvas shows it only as pixels), for tools and tests.
  function showGoal(goal) {
    const goalText = goal && Number.isFinite(goal.value) ? String(goal.value) : '';
    if ((el.dataset.goal || '') !== goalText) {
      if (goalText) {
        el.dataset.goal = goalText;
      } else {
        delete el.dataset.goal;
      }
    }
  }

  function draw(data, labels, opts, times) {
    const { fromMs, annotations = [], display, unit, locale, label, zone = 'UTC', goal = null } = opts;
    const relabel = view.zone !== zone || view.locale !== locale;
    const rebuild = plot && labels.length !== view.labels.length;
    view = { annotations, display, unit, locale, label, zone, labels, goal,
      range: xRange(times, fromMs, annotations.map((a) => Date.parse(a.ts))) };
    showGoal(goal);
    if (rebuild) {
      plot.destroy();
      plot = null;
    }
    if (!plot) {
      const width = canvasBox.clientWidth || 600;
      plot = new globalThis.uPlot(options(width), data, canvasBox);
    } else {
      plot.setData(data, false);
      plot.setScale('x', { min: view.range[0], max: view.range[1] });
      if (relabel) {
        // The same window in another zone: lay out and label the time axis again.
        plot.redraw(false, true);
      }
    }
  }

  return {
    update(points, opts) {
      draw(toColumns(points), [opts.label], opts, points);
    },

    /** Several series ([{label, points}]) on one time axis, one colour each. */
    updateMany(seriesList, opts) {
      const all = seriesList.flatMap((s) => s.points);
      draw(alignColumns(seriesList), seriesList.map((s) => s.label), opts, all);
    },

    redraw() {
      if (plot) {
        plot.redraw(false, true);
      }
    },

    destroy() {
      cancelAnimationFrame(frame);
      observer.disconnect();
      if (plot) {
        plot.destroy();
        plot = null;
      }
      el.remove();
    }
  };
}
