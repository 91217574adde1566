// The editor's form for one tile: its kind, metric, label filter, range, "side by side" key,
// text and size, every choice from a list fed by the API's metrics (no typed ids).
import { ANY, KINDS, RANGES, SIZES } from './board.js';
import { makeTile } from './board-edit.js';
import { labelValue, metricName } from './i18n.js';
import { refs } from './refs.js';

const KIND_KEYS = { kpi: 'kindKpi', chart: 'kindChart', table: 'kindTable', text: 'kindText' };
const SIZE_KEYS = { s: 'sizeS', m: 'sizeM', l: 'sizeL', xl: 'sizeXl' };
const RANGE_KEYS = { '30d': 'range30d', '1y': 'range1y', all: 'rangeAll', P7D: 'rangeP7D', P90D: 'rangeP90D', P2Y: 'rangeP2Y' };

function option(value, text) {
  const node = document.createElement('option');
  node.value = value;
  node.textContent = text;
  return node;
}

/** The values a metric's label key takes: those it names and those its series have, sorted. */
export function labelValues(metric, key) {
  const values = new Set(Object.keys((metric.label_values || {})[key] || {}));
  for (const series of metric.series || []) {
    if (series.labels && series.labels[key] !== undefined) {
      values.add(series.labels[key]);
    }
  }
  return [...values].sort();
}

/** The label keys of a metric: those it declares and those its series have. */
export function labelKeys(metric) {
  const keys = new Set(metric.labels || []);
  for (const series of metric.series || []) {
    Object.keys(series.labels || {}).forEach((key) => keys.add(key));
  }
  return [...keys].sort();
}

/**
 * Mounts the form into `el`. open(tile, {metrics, t, lang, title}) shows it for a tile (or a new
 * one) and resolves with the tile made, or null when cancelled.
 */
export function TileForm(el) {
  el.classList.add('tile-form');
  el.innerHTML = `
    <form class="tile-form__form" autocomplete="off">
      <h3 class="tile-form__title" data-ref="title" tabindex="-1"></h3>
      <div class="tile-form__fields">
        <label class="tile-form__field"><span data-ref="kindLabel"></span><select name="kind" data-ref="kind"></select></label>
        <label class="tile-form__field" data-ref="metricField"><span data-ref="metricLabel"></span><select name="metric" data-ref="metric"></select></label>
        <fieldset class="tile-form__labels" data-ref="labelsField"><legend data-ref="labelsLegend"></legend><div data-ref="labels"></div></fieldset>
        <label class="tile-form__field" data-ref="byField"><span data-ref="byLabel"></span><select name="by" data-ref="by"></select></label>
        <label class="tile-form__field" data-ref="rangeField"><span data-ref="rangeLabel"></span><select name="range" data-ref="range"></select></label>
        <label class="tile-form__field tile-form__field--wide" data-ref="textEnField"><span data-ref="textEnLabel"></span><textarea name="textEn" rows="3" maxlength="1000" data-ref="textEn"></textarea></label>
        <label class="tile-form__field tile-form__field--wide" data-ref="textKoField"><span data-ref="textKoLabel"></span><textarea name="textKo" rows="3" maxlength="1000" lang="ko" data-ref="textKo"></textarea></label>
        <label class="tile-form__field"><span data-ref="sizeLabel"></span><select name="size" data-ref="size"></select></label>
      </div>
      <div class="tile-form__actions">
        <button type="submit" class="tile-form__apply" data-ref="apply"></button>
        <button type="button" class="tile-form__cancel" data-ref="cancel"></button>
      </div>
    </form>`;
  const ref = refs(el);
  const form = el.querySelector('form');
  let context = null;
  let finish = () => {};

  function metric() {
    return context.metrics.find((m) => m.id === ref.metric.value) || null;
  }

  function renderLabels(chosen) {
    const { t, lang } = context;
    const shown = metric();
    const keys = shown ? labelKeys(shown) : [];
    ref.labels.replaceChildren(...keys.map((key) => {
      const label = document.createElement('label');
      label.className = 'tile-form__field';
      const name = document.createElement('span');
      name.textContent = key === 'region' ? t('region') : key;
      const select = document.createElement('select');
      select.name = `label-${key}`;
      select.dataset.labelKey = key;
      select.append(option('', t('editLabelAny')), option(ANY, t('editLabelEach')),
        ...labelValues(shown, key).map((value) => option(value, labelValue(value, lang, shown, key))));
      select.value = chosen[key] ?? '';
      label.append(name, select);
      return label;
    }));
    ref.by.replaceChildren(...keys.map((key) => option(key, key === 'region' ? t('region') : key)));
    ref.labelsField.hidden = keys.length === 0;
  }

  function showFields() {
    const kind = ref.kind.value;
    const data = kind !== 'text';
    ref.metricField.hidden = !data;
    ref.labelsField.hidden = !data || ref.labels.children.length === 0;
    ref.byField.hidden = kind !== 'table' || ref.by.children.length === 0;
    ref.rangeField.hidden = kind !== 'chart';
    ref.textEnField.hidden = data;
    ref.textKoField.hidden = data;
    ref.textEn.required = !data;
  }

  function read() {
    const labels = {};
    for (const select of ref.labels.querySelectorAll('select')) {
      labels[select.dataset.labelKey] = select.value;
    }
    return makeTile({
      kind: ref.kind.value,
      metric: ref.metric.value,
      labels,
      range: ref.range.value,
      by: ref.by.value,
      text: { en: ref.textEn.value.trim(), ko: ref.textKo.value.trim() },
      size: ref.size.value
    });
  }

  ref.kind.addEventListener('change', showFields);
  ref.metric.addEventListener('change', () => {
    renderLabels({});
    showFields();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    finish(read());
  });
  ref.cancel.addEventListener('click', () => finish(null));
  el.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      finish(null);
    }
  });

  return {
    open(tile, ctx) {
      context = ctx;
      const { t, lang, metrics } = ctx;
      ref.title.textContent = ctx.title;
      ref.kindLabel.textContent = t('editKind');
      ref.metricLabel.textContent = t('editMetric');
      ref.labelsLegend.textContent = t('editLabels');
      ref.byLabel.textContent = t('editBy');
      ref.rangeLabel.textContent = t('editRange');
      ref.textEnLabel.textContent = t('editTextEn');
      ref.textKoLabel.textContent = t('editTextKo');
      ref.sizeLabel.textContent = t('editSize');
      ref.apply.textContent = t('editApply');
      ref.cancel.textContent = t('editCancel');
      ref.kind.replaceChildren(...KINDS.map((kind) => option(kind, t(KIND_KEYS[kind]))));
      ref.metric.replaceChildren(...metrics.map((m) => option(m.id, `${metricName(m, lang)} (${m.id})`)));
      ref.range.replaceChildren(...RANGES.map((r) => option(r, t(RANGE_KEYS[r]))));
      ref.size.replaceChildren(...Object.keys(SIZES).map((s) => option(s, t(SIZE_KEYS[s]))));
      ref.kind.value = tile.kind;
      ref.metric.value = tile.metric && metrics.some((m) => m.id === tile.metric) ? tile.metric : (metrics[0] || {}).id || '';
      renderLabels(tile.labels || {});
      if (tile.by) {
        ref.by.value = tile.by;
      }
      if (tile.range && !RANGES.includes(tile.range)) {
        // A duration written in the board's JSON stays choosable as it is.
        ref.range.append(option(tile.range, tile.range));
      }
      ref.range.value = tile.range || '1y';
      const text = typeof tile.text === 'string' ? { en: tile.text } : tile.text || {};
      ref.textEn.value = text.en || '';
      ref.textKo.value = text.ko || '';
      ref.size.value = Object.hasOwn(SIZES, tile.size) ? tile.size : 'm';
      showFields();
      el.hidden = false;
      ref.kind.focus();
      return new Promise((resolve) => {
        finish = (result) => {
          finish = () => {};
          el.hidden = true;
          resolve(result);
        };
      });
    },

    close() {
      finish(null);
    }
  };
}
