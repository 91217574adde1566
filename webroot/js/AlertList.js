// The firing alerts in the header: a button with their count that opens a list (rule, series,
// value, since when, a link to the metric). Hidden when nothing fires. On a wall screen (kiosk)
// the count and the first alerts show as plain text: nothing there to press.
import { formatValue } from './format.js';
import { firingText, goalTranslator, sinceText } from './goal-text.js';
import { labelsText, metricName } from './i18n.js';
import { metricHref } from './route.js';
import { refs } from './refs.js';

/** Alerts listed on a wall screen, which cannot scroll. */
const KIOSK_SHOWN = 3;

const TEMPLATE = `
  <button type="button" class="alert-list__toggle" aria-expanded="false" aria-controls="alert-list-panel" data-ref="toggle">
    <svg class="alert-list__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 3 2 21h20L12 3zm0 6v6m0 3v.5"></path></svg>
    <span class="alert-list__label" data-ref="label"></span>
    <span class="alert-list__count" data-ref="count"></span>
  </button>
  <div class="alert-list__panel" id="alert-list-panel" data-ref="panel" hidden>
    <h2 class="alert-list__title" data-ref="title"></h2>
    <ul class="alert-list__items" data-ref="items"></ul>
    <p class="alert-list__more" data-ref="more" hidden></p>
  </div>`;

function part(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

/**
 * Mounts the list into `el`. update(alerts, {metrics, view}) shows the firing alerts (view is
 * {lang, locale, now, zone}); announce(alerts, …) says politely that these started firing.
 */
export function AlertList(el, { kiosk = false } = {}) {
  el.classList.add('alert-list');
  el.classList.toggle('alert-list--kiosk', kiosk);
  el.innerHTML = TEMPLATE;
  const ref = refs(el);
  // Outside the list, which is hidden while nothing fires: a live region must be shown before
  // its text changes for screen readers to say it.
  const announcer = part('p', 'visually-hidden', '');
  announcer.setAttribute('role', 'status');
  announcer.dataset.alertAnnouncer = '';
  el.after(announcer);
  if (kiosk) {
    // A wall screen has no one to press the button: it becomes a label and the list stays open.
    ref.toggle.tabIndex = -1;
    ref.toggle.setAttribute('aria-hidden', 'true');
    ref.panel.hidden = false;
  }

  function setOpen(open) {
    if (kiosk) {
      return;
    }
    ref.panel.hidden = !open;
    ref.toggle.setAttribute('aria-expanded', String(open));
    el.classList.toggle('alert-list--open', open);
    if (open) {
      // The list opens under the button, towards the side with room: the header wraps differently
      // on each screen, so the button may sit anywhere along it.
      el.classList.remove('alert-list--end');
      el.classList.toggle('alert-list--end', ref.panel.getBoundingClientRect().right > document.documentElement.clientWidth);
    }
  }

  ref.toggle.addEventListener('click', () => setOpen(ref.panel.hidden));
  el.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !ref.panel.hidden && !kiosk) {
      setOpen(false);
      ref.toggle.focus();
    }
  });
  document.addEventListener('click', (event) => {
    if (!el.contains(event.target)) {
      setOpen(false);
    }
  });
  // Following a link to a metric closes the list.
  ref.items.addEventListener('click', (event) => {
    if (event.target.closest('a')) {
      setOpen(false);
    }
  });

  function seriesText(alert, metric, lang) {
    const name = metric ? metricName(metric, lang) : alert.metric;
    const labels = metric ? labelsText(metric, alert.labels, lang) : Object.values(alert.labels || {}).join(' · ');
    return labels ? `${name} (${labels})` : name;
  }

  function entry(alert, metrics, { lang, locale, now, zone }, t) {
    const metric = metrics.find((m) => m.id === alert.metric);
    const item = document.createElement('li');
    item.className = 'alert-list__item';
    item.dataset.alertId = String(alert.id);
    item.dataset.kind = alert.kind || '';
    const body = document.createElement(kiosk ? 'div' : 'a');
    body.className = 'alert-list__entry';
    if (!kiosk) {
      body.href = metricHref(alert.metric);
    }
    const value = Number.isFinite(alert.value) ? formatValue(alert.value, metric || {}, locale) : t('alertNoValue');
    const since = sinceText(alert.since, { locale, t, now, zone });
    const when = part('time', 'alert-list__since', since.text);
    when.dateTime = alert.since;
    when.title = since.title;
    body.append(part('strong', 'alert-list__rule', alert.rule_name || ''),
      part('span', 'alert-list__series', seriesText(alert, metric, lang)),
      part('span', 'alert-list__value', value), when);
    item.append(body);
    return item;
  }

  return {
    el,

    update(alerts, { metrics = [], view }) {
      const t = goalTranslator(view.lang);
      el.hidden = alerts.length === 0;
      if (!alerts.length) {
        setOpen(false);
      }
      const label = firingText(alerts.length, { lang: view.lang, t });
      ref.toggle.setAttribute('aria-label', label);
      ref.label.textContent = t('alertsShort');
      ref.count.textContent = new Intl.NumberFormat(view.locale).format(alerts.length);
      el.dataset.count = String(alerts.length);
      ref.title.textContent = t('alertsTitle');
      const shown = kiosk ? alerts.slice(0, KIOSK_SHOWN) : alerts;
      ref.items.replaceChildren(...shown.map((alert) => entry(alert, metrics, view, t)));
      ref.more.hidden = shown.length === alerts.length;
      ref.more.textContent = t('alertsMore', { count: alerts.length - shown.length });
    },

    announce(started, { metrics = [], view }) {
      if (!started.length) {
        return;
      }
      const t = goalTranslator(view.lang);
      announcer.textContent = started.slice(0, KIOSK_SHOWN).map((alert) => {
        const metric = metrics.find((m) => m.id === alert.metric);
        const value = Number.isFinite(alert.value) ? formatValue(alert.value, metric || {}, view.locale) : t('alertNoValue');
        return t('alertNew', { rule: alert.rule_name || '', series: seriesText(alert, metric, view.lang), value });
      }).join('; ');
    }
  };
}
