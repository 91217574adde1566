// One KPI tile per series: name, compact value, changes, sparkline, goal, source, staleness.
import { direction, formatAgo, formatDate, formatDelta, formatFull, formatValue, isStale } from './format.js';
import { changeTone, evaluate, progress, seriesGoal } from './goal.js';
import { goalText, goalTranslator, statusText } from './goal-text.js';
import { labelsText, metricName } from './i18n.js';
import { periodToDateText, revisedNote } from './period.js';
import { Sparkline } from './Sparkline.js';
import { refs } from './refs.js';

const TEMPLATE = `
  <header class="kpi-tile__head">
    <h3 class="kpi-tile__name"><a class="kpi-tile__link" data-ref="link"></a></h3>
    <span class="kpi-tile__series" data-ref="series"></span>
    <span class="kpi-tile__stale" data-ref="stale" hidden></span>
  </header>
  <p class="kpi-tile__value" data-ref="value"></p>
  <p class="kpi-tile__revised" data-ref="revised" tabindex="0" hidden></p>
  <p class="kpi-tile__to-date" data-ref="toDate" hidden></p>
  <dl class="kpi-tile__changes">
    <div class="kpi-tile__change" data-ref="change" hidden><dt data-ref="changeLabel"></dt><dd data-ref="changeValue"></dd><dd class="kpi-tile__tone" data-ref="changeTone"></dd></div>
    <div class="kpi-tile__change" data-ref="yoy" hidden><dt data-ref="yoyLabel"></dt><dd data-ref="yoyValue"></dd><dd class="kpi-tile__tone" data-ref="yoyTone"></dd></div>
  </dl>
  <div data-ref="spark"></div>
  <div class="kpi-tile__goal" data-ref="goal" hidden>
    <p class="kpi-tile__goal-head">
      <span class="kpi-tile__status" data-ref="status"></span>
      <span class="kpi-tile__goal-text" data-ref="goalText"></span>
    </p>
    <progress class="kpi-tile__progress" data-ref="progress"></progress>
    <span class="kpi-tile__direction" data-ref="goalDirection" hidden></span>
  </div>
  <p class="kpi-tile__meta" data-ref="meta"></p>
  <p class="kpi-tile__source" role="tooltip" data-ref="source"></p>`;

let tileCount = 0;
let template = null;

/** The tile's markup, parsed once: a board of 200 tiles clones it rather than parsing it 200 times. */
function markup() {
  if (!template) {
    template = document.createElement('template');
    template.innerHTML = TEMPLATE;
  }
  return template.content.cloneNode(true);
}

function setText(node, text) {
  if (node.textContent !== text) {
    node.textContent = text;
  }
}

function setAttr(node, name, value) {
  if (node.getAttribute(name) !== value) {
    node.setAttribute(name, value);
  }
}

/**
 * Mounts a tile into `el` (an element of the tile list). update({metric, series, spark}, view)
 * shows a series; view is {lang, locale, t, now, zone}. flash() highlights it briefly after a live change
 * (flashStop() and flashStart() do it in two halves, for many tiles at once).
 */
export function KpiTile(el) {
  tileCount += 1;
  const id = `kpi-tile-${tileCount}`;
  el.classList.add('kpi-tile');
  el.replaceChildren(markup());
  const ref = refs(el);
  ref.source.id = `${id}-source`;
  ref.link.setAttribute('aria-describedby', `${id}-source`);
  const sparkline = Sparkline(ref.spark);
  el.addEventListener('animationend', () => el.classList.remove('kpi-tile--flash'));

  // The arrow follows the change; its colour and the word beside it follow the goal's direction
  // (a fall in churn is good news). The word shows where colour alone would surprise: lower is better.
  function showChange(box, [label, valueNode, toneNode], text, change, { labelText, way, gt }) {
    box.hidden = text === null;
    if (text !== null) {
      const tone = changeTone(change, way);
      setText(label, labelText);
      setText(valueNode, text);
      setAttr(valueNode, 'data-direction', direction(change));
      setAttr(valueNode, 'data-tone', tone);
      setText(toneNode, tone === 'flat' ? '' : gt(tone === 'good' ? 'changeGood' : 'changeBad'));
      toneNode.classList.toggle('visually-hidden', way !== 'lower');
    }
  }

  function showGoal(metric, series, { locale, lang, now, zone }) {
    const latest = series.latest;
    const goal = latest ? seriesGoal(metric, series) : null;
    ref.goal.hidden = !goal;
    if (!goal) {
      el.removeAttribute('data-goal-status');
      return null;
    }
    const gt = goalTranslator(lang);
    const { status, pacing } = evaluate(goal, latest.value, now);
    const share = Math.max(0, Math.min(1, progress(goal, latest.value)));
    setAttr(el, 'data-goal-status', status);
    setAttr(ref.status, 'data-status', status);
    setText(ref.status, statusText(status, gt));
    setAttr(ref.status, 'aria-label', gt('goalStatusLabel', { status: statusText(status, gt) }));
    setText(ref.goalText, goalText(goal, pacing, metric, { locale, t: gt, now, zone, share }));
    setAttr(ref.progress, 'max', '1');
    setAttr(ref.progress, 'value', String(share));
    setAttr(ref.progress, 'aria-label', ref.goalText.textContent);
    ref.goalDirection.hidden = goal.direction !== 'lower';
    setText(ref.goalDirection, gt('goalLower'));
    return goal;
  }

  return {
    el,

    update({ metric, series, spark }, { lang, locale, t, now = Date.now(), zone = 'UTC' }) {
      const name = metricName(metric, lang);
      const regions = labelsText(metric, series.labels, lang);
      setAttr(el, 'data-metric', metric.id);
      setAttr(el, 'data-labels', JSON.stringify(series.labels || {}));
      setText(ref.link, name);
      setAttr(ref.link, 'href', `#/metrics/${encodeURIComponent(metric.id)}`);
      setText(ref.series, regions);
      const latest = series.latest;
      const value = latest ? formatValue(latest.value, metric, locale) : t('noData');
      setText(ref.value, value);
      setAttr(ref.value, 'title', latest ? formatValue(latest.value, metric, locale, { compact: false }) : '');
      // A corrected value says so, with the value it replaced as text on hover and focus.
      const revised = revisedNote(latest, metric, { locale, t, zone, now });
      ref.revised.hidden = !revised;
      setText(ref.revised, revised ? revised.text : '');
      setAttr(ref.revised, 'title', revised ? revised.title : '');
      setAttr(ref.revised, 'aria-label', revised ? `${revised.text}. ${revised.title}` : '');
      // A sum metric's totals for the month and quarter so far, in the chosen zone.
      const toDate = periodToDateText(series, metric, { locale, t, zone });
      ref.toDate.hidden = !toDate;
      setText(ref.toDate, toDate || '');
      // The goal's status is computed here from the latest value, so a live point recolours the tile.
      const goal = showGoal(metric, series, { locale, lang, now, zone });
      const way = goal ? goal.direction : 'higher';
      const gt = goalTranslator(lang);
      showChange(ref.change, [ref.changeLabel, ref.changeValue, ref.changeTone], formatDelta(series.change, metric, locale),
        series.change, { labelText: t('vsPrevious'), way, gt });
      showChange(ref.yoy, [ref.yoyLabel, ref.yoyValue, ref.yoyTone], formatDelta(series.change_yoy, metric, locale),
        series.change_yoy, { labelText: t('vsYearAgo'), way, gt });
      sparkline.update(spark, { goal: goal ? goal.target : null });

      const stale = Boolean(latest) && isStale(latest.ts, metric.cadence, now);
      ref.stale.hidden = !stale;
      setText(ref.stale, t('stale'));
      setAttr(ref.stale, 'title', t('staleHint', { cadence: metric.cadence }));
      el.classList.toggle('kpi-tile--stale', stale);
      setText(ref.meta, latest ? `${t('updated', { date: formatDate(latest.ts, locale, { zone }) })} · ${formatAgo(latest.ts, locale, now)}` : '');
      setText(ref.source, latest && latest.source ? t('source', { source: latest.source }) : '');
      const status = goal ? el.getAttribute('data-goal-status') : null;
      setAttr(el, 'aria-label', `${name}${regions ? ` (${regions})` : ''}: ${value}${status ? `, ${statusText(status, gt)}` : ''}`);
      if (latest) {
        setAttr(el, 'data-value', String(latest.value));
        setAttr(el, 'data-full-value', formatFull(latest.value, locale));
      }
    },

    flash() {
      el.classList.remove('kpi-tile--flash');
      // Reading layout restarts the animation when a second change arrives during the first.
      void el.offsetWidth;
      el.classList.add('kpi-tile--flash');
    },

    /**
     * flash() in two halves, for many tiles at once: stop every tile's highlight, read layout
     * once, start them all again (one layout for all, not one per tile).
     */
    flashStop() {
      el.classList.remove('kpi-tile--flash');
    },

    flashStart() {
      el.classList.add('kpi-tile--flash');
    }
  };
}
