// The detail view of one metric: a chart per series with event markers, range buttons,
// a table of points, a CSV download and a CSV import. Live items are added in place.
import { formatDate, formatLabels, formatValue } from './format.js';
import { evaluate, seriesGoal } from './goal.js';
import { goalTranslator, statusText } from './goal-text.js';
import { labelsText, metricDescription, metricName } from './i18n.js';
import { insertBounded, seriesKey } from './store.js';
import { RANGES, metricHref, rangeFrom } from './route.js';
import { TimeChart } from './TimeChart.js';
import { CsvImport } from './CsvImport.js';
import { refs } from './refs.js';

/** Points kept per chart: enough for years of daily data, bounded for long-running screens. */
const MAX_CHART_POINTS = 10000;
const MAX_TABLE_ROWS = 500;
const DAY_MS = 86400000;
/**
 * A live batch with more items of the shown metric than this (an import) reloads the history
 * once instead: inserting each into a chart of 10 000 points kept the page busy for minutes.
 */
const BULK_ITEMS = 500;
const BULK_RELOAD_MS = 1000;

const TEMPLATE = `
  <nav class="metric-detail__nav"><a class="metric-detail__back" href="#/" data-ref="back"></a></nav>
  <header class="metric-detail__head">
    <h2 class="metric-detail__title" data-ref="title" tabindex="-1"></h2>
    <p class="metric-detail__description" data-ref="description"></p>
  </header>
  <div class="metric-detail__controls">
    <div class="metric-detail__ranges" role="group" data-ref="ranges"></div>
    <button type="button" class="metric-detail__csv" data-ref="csv"></button>
  </div>
  <p class="metric-detail__message" role="status" data-ref="message"></p>
  <div class="metric-detail__charts" data-ref="charts"></div>
  <section class="metric-detail__events" aria-labelledby="metric-detail-events">
    <h3 id="metric-detail-events" data-ref="eventsTitle"></h3>
    <ol class="metric-detail__event-list" data-ref="events"></ol>
  </section>
  <section class="metric-detail__points" aria-labelledby="metric-detail-points">
    <h3 id="metric-detail-points" data-ref="pointsTitle"></h3>
    <div class="metric-detail__table-wrap" tabindex="0" data-ref="tableWrap">
      <table class="metric-detail__table">
        <thead><tr data-ref="headRow"></tr></thead>
        <tbody data-ref="rows"></tbody>
      </table>
    </div>
    <p class="metric-detail__note" data-ref="note"></p>
  </section>
  <section class="metric-detail__import" data-ref="import"></section>`;

function cell(tag, text, className) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) {
    node.className = className;
  }
  return node;
}

/**
 * Mounts the view into `el`. show({metric, range}, view) loads and shows a metric;
 * applyItems(items) adds live points of the shown metric; redraw() repaints after a theme change.
 */
export function MetricDetail(el, { api }) {
  el.classList.add('metric-detail');
  el.innerHTML = TEMPLATE;
  const ref = refs(el);
  const charts = new Map();
  let state = null;
  let loadId = 0;
  let bulkTimer = null;

  ref.csv.addEventListener('click', () => download());
  const importer = CsvImport(ref.import, {
    api,
    onImported: () => load().catch((error) => {
      ref.message.textContent = view().t('loadFailed', { detail: error.message });
    })
  });

  function view() {
    return state.view;
  }

  function seriesName(labels) {
    const text = labelsText(state.metric, labels, view().lang);
    return text || metricName(state.metric, view().lang);
  }

  function renderStatic() {
    const { t, lang } = view();
    const { metric, range } = state;
    ref.back.textContent = `← ${t('back')}`;
    ref.title.textContent = metricName(metric, lang);
    ref.description.textContent = metricDescription(metric, lang);
    ref.ranges.setAttribute('aria-label', t('range'));
    ref.ranges.replaceChildren(...RANGES.map((r) => {
      const button = cell('button', t(r.key), 'metric-detail__range');
      button.type = 'button';
      button.dataset.range = r.id;
      button.setAttribute('aria-pressed', String(r.id === range));
      button.addEventListener('click', () => {
        location.hash = metricHref(metric.id, r.id);
      });
      return button;
    }));
    ref.csv.textContent = t('downloadCsv');
    ref.eventsTitle.textContent = t('annotations');
    ref.pointsTitle.textContent = t('points');
    ref.tableWrap.setAttribute('aria-label', t('points'));
    importer.update(view());
  }

  function query() {
    const latest = Math.max(...state.metric.series.map((s) => (s.latest ? Date.parse(s.latest.ts) : 0)), 0);
    const end = latest || Date.now();
    const { zone = 'UTC', asOf } = view();
    const params = { limit: String(MAX_CHART_POINTS), tz: zone };
    if (asOf) {
      params.as_of = asOf;
    }
    state.fromMs = rangeFrom(state.range, end);
    if (state.fromMs !== null) {
      params.from = new Date(state.fromMs).toISOString();
    }
    return params;
  }

  async function load() {
    const id = ++loadId;
    const params = query();
    ref.message.textContent = view().t('loading');
    const annotationParams = { metric: state.metric.id };
    if (params.from) {
      annotationParams.from = params.from;
    }
    const [history, notes] = await Promise.all([
      api.points(state.metric.id, params),
      api.annotations(annotationParams)
    ]);
    if (id !== loadId) {
      return;
    }
    ref.message.textContent = '';
    state.series = new Map();
    for (const s of history.series) {
      state.series.set(seriesKey(state.metric.id, s.labels), { labels: s.labels, points: s.points.slice(-MAX_CHART_POINTS) });
    }
    for (const s of state.metric.series) {
      const key = seriesKey(state.metric.id, s.labels);
      if (!state.series.has(key)) {
        state.series.set(key, { labels: s.labels, points: [] });
      }
    }
    state.annotations = notes.annotations.sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
    renderAll();
  }

  function renderAll() {
    for (const [key, chart] of charts) {
      if (!state.series.has(key)) {
        chart.destroy();
        chart.figure.remove();
        charts.delete(key);
      }
    }
    for (const key of state.series.keys()) {
      renderChart(key);
    }
    renderEvents();
    renderTable();
  }

  /** The goal of a shown series (its own, else the metric's), with its status for the value shown. */
  function goalOf(series, latest) {
    const summary = state.metric.series.find((s) => seriesKey(state.metric.id, s.labels) === seriesKey(state.metric.id, series.labels));
    const goal = seriesGoal(state.metric, summary || {});
    if (!goal) {
      return null;
    }
    const gt = goalTranslator(view().lang);
    const value = latest ? latest.value : summary && summary.latest ? summary.latest.value : null;
    const result = evaluate(goal, value, Date.now());
    return {
      value: goal.target,
      label: gt('goalLine', { goal: formatValue(goal.target, state.metric, view().locale) }),
      status: result ? statusText(result.status, gt) : ''
    };
  }

  function renderChart(key) {
    const series = state.series.get(key);
    let chart = charts.get(key);
    if (!chart) {
      const figure = document.createElement('figure');
      figure.className = 'metric-detail__chart';
      figure.dataset.series = formatLabels(series.labels);
      figure.append(cell('figcaption', ''));
      const box = document.createElement('div');
      figure.append(box);
      ref.charts.append(figure);
      chart = TimeChart(box);
      chart.figure = figure;
      charts.set(key, chart);
    }
    const { t, locale, lang, zone = 'UTC' } = view();
    const latest = series.points[series.points.length - 1];
    const goal = goalOf(series, latest);
    chart.figure.firstChild.textContent = `${seriesName(series.labels)}${latest ? ` · ${formatValue(latest.value, state.metric, locale)}` : ''}`
      + `${goal ? ` · ${goal.label}${goal.status ? ` (${goal.status})` : ''}` : ''}`;
    chart.figure.setAttribute('aria-label', t('chartLabel', { name: metricName(state.metric, lang), series: seriesName(series.labels) }));
    chart.figure.setAttribute('role', 'img');
    chart.update(series.points, {
      fromMs: state.fromMs,
      annotations: state.annotations,
      display: state.metric.display,
      unit: state.metric.unit,
      locale,
      zone,
      label: seriesName(series.labels),
      goal
    });
  }

  function renderEvents() {
    const { t, locale, zone = 'UTC' } = view();
    if (!state.annotations.length) {
      ref.events.replaceChildren(cell('li', t('noAnnotations'), 'metric-detail__event--none'));
      return;
    }
    ref.events.replaceChildren(...state.annotations.map((a) => {
      const item = cell('li', '', 'metric-detail__event');
      const when = cell('time', formatDate(a.ts, locale, { zone }));
      when.dateTime = a.ts;
      item.append(when, cell('strong', a.title));
      if (a.description) {
        item.append(cell('span', a.description, 'metric-detail__event-text'));
      }
      return item;
    }));
  }

  function renderTable() {
    const { t, locale, zone = 'UTC' } = view();
    const several = state.series.size > 1 || [...state.series.values()].some((s) => Object.keys(s.labels || {}).length);
    ref.headRow.replaceChildren(...[several ? t('region') : null, t('colTime', { zone }), t('colValue'), t('colSource')]
      .filter((x) => x !== null).map((text) => {
        const th = cell('th', text);
        th.scope = 'col';
        return th;
      }));
    const rows = [];
    for (const s of state.series.values()) {
      for (const p of s.points) {
        rows.push({ labels: s.labels, point: p });
      }
    }
    rows.sort((a, b) => Date.parse(b.point.ts) - Date.parse(a.point.ts));
    const shown = rows.slice(0, MAX_TABLE_ROWS);
    ref.rows.replaceChildren(...shown.map(({ labels, point }) => {
      const tr = document.createElement('tr');
      if (several) {
        tr.append(cell('td', seriesName(labels)));
      }
      const time = cell('time', formatDate(point.ts, locale, { time: true, zone }));
      time.dateTime = point.ts;
      const when = document.createElement('td');
      when.append(time);
      tr.append(when, cell('td', formatValue(point.value, state.metric, locale, { compact: false }), 'metric-detail__num'),
        cell('td', point.source || ''));
      return tr;
    }));
    ref.note.textContent = rows.length === 0 ? t('noPoints')
      : rows.length > MAX_TABLE_ROWS ? t('tableLimited', { count: MAX_TABLE_ROWS }) : '';
  }

  async function download() {
    const params = query();
    const csv = await api.pointsCsv(state.metric.id, params);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${state.metric.id}-${state.range}.csv`;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  function clear() {
    for (const chart of charts.values()) {
      chart.destroy();
      chart.figure.remove();
    }
    charts.clear();
  }

  return {
    async show({ metric, range }, nextView) {
      if (!state || state.metric.id !== metric.id) {
        clear();
        importer.reset();
      }
      const focus = !state || state.metric.id !== metric.id;
      state = { ...(state || {}), metric, range, view: nextView, series: new Map(), annotations: [] };
      renderStatic();
      if (focus) {
        ref.title.focus();
      }
      try {
        await load();
      } catch (error) {
        ref.message.textContent = nextView.t('loadFailed', { detail: error.message });
      }
    },

    /** Live items for any metric; those of the shown metric and range go into its charts and table. */
    applyItems(items) {
      if (!state || !state.series) {
        return;
      }
      const mine = items.filter((item) => item.metric === state.metric.id);
      if (mine.length > BULK_ITEMS || bulkTimer) {
        clearTimeout(bulkTimer);
        bulkTimer = setTimeout(() => {
          bulkTimer = null;
          if (state) {
            load().catch((error) => {
              ref.message.textContent = view().t('loadFailed', { detail: error.message });
            });
          }
        }, BULK_RELOAD_MS);
        return;
      }
      const touched = new Set();
      for (const item of mine) {
        if (item.metric !== state.metric.id || (state.fromMs && Date.parse(item.ts) < state.fromMs - DAY_MS)) {
          continue;
        }
        const key = seriesKey(item.metric, item.labels);
        if (!state.series.has(key)) {
          state.series.set(key, { labels: item.labels || {}, points: [] });
        }
        insertBounded(state.series.get(key).points,
          { ts: item.ts, value: item.value, source: item.source, seq: item.seq }, MAX_CHART_POINTS);
        touched.add(key);
      }
      if (touched.size) {
        touched.forEach(renderChart);
        renderTable();
      }
    },

    redraw() {
      charts.forEach((chart) => chart.redraw());
    },

    hide() {
      loadId += 1;
      clearTimeout(bulkTimer);
      bulkTimer = null;
      clear();
      importer.reset();
      state = null;
    }
  };
}
