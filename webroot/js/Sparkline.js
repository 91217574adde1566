// A small trend line drawn in SVG. The geometry is a pure function, tested with `node --test`.
const SVG = 'http://www.w3.org/2000/svg';
export const WIDTH = 120;
export const HEIGHT = 32;

/**
 * The polyline points for values over time, scaled into a width × height box with a small margin:
 * '0,30 60,2 120,16'. Empty for fewer than two points; a flat series sits in the middle.
 */
export function sparklinePoints(points, width = WIDTH, height = HEIGHT) {
  if (!points || points.length < 2) {
    return '';
  }
  const times = points.map((p) => Date.parse(p.ts));
  const values = points.map((p) => p.value);
  const t0 = times[0];
  const tSpan = times[times.length - 1] - t0 || 1;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const margin = 2;
  const usable = height - 2 * margin;
  return points.map((p, i) => {
    const x = ((times[i] - t0) / tSpan) * width;
    const y = max === min ? height / 2 : margin + usable - ((values[i] - min) / (max - min)) * usable;
    return `${round(x)},${round(y)}`;
  }).join(' ');
}

function round(n) {
  return Math.round(n * 10) / 10;
}

/** Mounts a sparkline into `el`; update(points) redraws it only when the points changed. */
export function Sparkline(el) {
  el.classList.add('sparkline');
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('class', 'sparkline__line');
  svg.append(line);
  el.append(svg);
  let drawn = null;

  return {
    update(points) {
      const next = sparklinePoints(points);
      if (next !== drawn) {
        line.setAttribute('points', next);
        el.hidden = next === '';
        drawn = next;
      }
    }
  };
}
