// A board's chart tile: the metric's name, one line per selected series over the tile's range,
// a key of the series' colours, and the events of the range as markers.
import { formatDate } from './format.js';
import { labelsText, metricName } from './i18n.js';
import { refs } from './refs.js';
import { TimeChart } from './TimeChart.js';

/** As many colours as TimeChart has; further series reuse them in order. */
const COLOURS = 6;
/** Flatter than the detail view's charts: a board shows other tiles beside and below. */
const SHAPE = { ratio: 0.25, max: 300 };

/**
 * Mounts the tile into `el` (an element of a board's tile list). update({metric, series:
 * [{labels, points}], fromMs, annotations}, view) draws it; view is {lang, locale, t, zone};
 * redraw() repaints after a theme change; destroy() frees the chart.
 */
export function ChartTile(el) {
  el.classList.add('chart-tile');
  el.innerHTML = `
    <h3 class="chart-tile__name"><a class="chart-tile__link" data-ref="link"></a></h3>
    <ul class="chart-tile__key" data-ref="key"></ul>
    <div class="chart-tile__chart" role="img" data-ref="chart"></div>
    <ol class="chart-tile__events" data-ref="events"></ol>`;
  const ref = refs(el);
  const chart = TimeChart(ref.chart, SHAPE);
  let shownKey = '';
  let shownEvents = '';

  // The events drawn on the chart, numbered as its markers are.
  function showEvents(annotations, locale, zone) {
    const lines = annotations.map((a) => `${formatDate(a.ts, locale, { zone })} · ${a.title}`);
    const text = JSON.stringify(lines);
    if (text === shownEvents) {
      return;
    }
    shownEvents = text;
    ref.events.replaceChildren(...lines.map((line) => {
      const item = document.createElement('li');
      item.className = 'chart-tile__event';
      item.textContent = line;
      return item;
    }));
    ref.events.hidden = lines.length === 0;
  }

  function seriesName(metric, labels, lang) {
    return labelsText(metric, labels, lang) || metricName(metric, lang);
  }

  return {
    el,

    update({ metric, series, fromMs, annotations }, { lang, locale, t, zone = 'UTC' }) {
      const name = metricName(metric, lang);
      const names = series.map((s) => seriesName(metric, s.labels, lang));
      if (ref.link.textContent !== name) {
        ref.link.textContent = name;
      }
      ref.link.setAttribute('href', `#/metrics/${encodeURIComponent(metric.id)}`);
      el.dataset.metric = metric.id;
      const keyText = JSON.stringify(names);
      if (keyText !== shownKey) {
        ref.key.replaceChildren(...names.map((text, i) => {
          const item = document.createElement('li');
          item.className = `chart-tile__series chart-tile__series--${i % COLOURS}`;
          item.textContent = text;
          return item;
        }));
        ref.key.hidden = names.length < 2;
        shownKey = keyText;
      }
      ref.chart.setAttribute('aria-label', t('chartLabel', { name, series: names.join(', ') }));
      // The chart numbers the events in its range from 1, as this list does.
      const inRange = annotations.filter((a) => fromMs === null || Date.parse(a.ts) >= fromMs);
      chart.updateMany(series.map((s, i) => ({ label: names[i], points: s.points })), {
        fromMs, annotations: inRange, display: metric.display, unit: metric.unit, locale, zone, label: name
      });
      showEvents(inRange, locale, zone);
    },

    redraw() {
      chart.redraw();
    },

    destroy() {
      chart.destroy();
    }
  };
}
