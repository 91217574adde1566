// A board's table tile: one metric's series side by side by a label (offices by region), each
// with its latest value and its changes vs the previous value and vs a year earlier.
import { direction, formatDelta, formatValue } from './format.js';
import { labelValue, metricName } from './i18n.js';
import { refs } from './refs.js';

function cell(tag, text, className) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) {
    node.className = className;
  }
  return node;
}

function keyName(key, t) {
  return key === 'region' ? t('region') : key;
}

/**
 * Mounts the tile into `el`. update({metric, by, rows: [{series}]}, view) shows one row per
 * series, named by its value of `by`; view is {lang, locale, t}.
 */
export function TableTile(el) {
  el.classList.add('table-tile');
  el.innerHTML = `
    <h3 class="table-tile__name"><a class="table-tile__link" data-ref="link"></a></h3>
    <div class="table-tile__wrap" tabindex="0" data-ref="wrap">
      <table class="table-tile__table">
        <thead><tr data-ref="head"></tr></thead>
        <tbody data-ref="body"></tbody>
      </table>
    </div>`;
  const ref = refs(el);
  let shown = '';

  return {
    el,

    update({ metric, by, rows }, { lang, locale, t }) {
      const name = metricName(metric, lang);
      const lines = rows.map(({ series }) => {
        const latest = series.latest;
        return {
          label: labelValue((series.labels || {})[by] ?? '', lang, metric, by),
          value: latest ? formatValue(latest.value, metric, locale) : t('noData'),
          change: formatDelta(series.change, metric, locale) || '',
          changeDirection: direction(series.change),
          yoy: formatDelta(series.change_yoy, metric, locale) || '',
          yoyDirection: direction(series.change_yoy)
        };
      });
      const text = JSON.stringify([name, by, lang, lines]);
      if (text === shown) {
        return;
      }
      shown = text;
      el.dataset.metric = metric.id;
      ref.link.textContent = name;
      ref.link.setAttribute('href', `#/metrics/${encodeURIComponent(metric.id)}`);
      ref.wrap.setAttribute('aria-label', t('tableCaption', { name, key: keyName(by, t) }));
      ref.head.replaceChildren(...[keyName(by, t), t('colValue'), t('vsPrevious'), t('vsYearAgo')].map((label) => {
        const th = cell('th', label);
        th.scope = 'col';
        return th;
      }));
      ref.body.replaceChildren(...lines.map((line) => {
        const tr = document.createElement('tr');
        const head = cell('th', line.label);
        head.scope = 'row';
        const change = cell('td', line.change, 'table-tile__num table-tile__change');
        change.dataset.direction = line.changeDirection;
        const yoy = cell('td', line.yoy, 'table-tile__num table-tile__change');
        yoy.dataset.direction = line.yoyDirection;
        tr.append(head, cell('td', line.value, 'table-tile__num table-tile__value'), change, yoy);
        return tr;
      }));
    }
  };
}
