// Boots the dashboard: a TV link's key, language, theme, kiosk mode, data, live updates and the views.
import { AlertFeed } from './alert-feed.js';
import { createApi } from './api.js';
import { durationMs, formatLabels, formatValue } from './format.js';
import { labelsText, metricName, pickLanguage, translator } from './i18n.js';
import { KpiTile } from './KpiTile.js';
import { LiveClient } from './live.js';
import { MetricDetail } from './MetricDetail.js';
import { RegionFilter } from './RegionFilter.js';
import { isKiosk, takeKey } from './link.js';
import { periodParams } from './period.js';
import { PeriodChoice } from './PeriodChoice.js';
import { parseRoute } from './route.js';
import { StatusPill } from './StatusPill.js';
import { SPARK_MAX, Store } from './store.js';
import { forgetToken, keepLinkKey, storedToken, storeToken, TokenForm } from './TokenForm.js';
import { TvLink } from './TvLink.js';

const THEME_KEY = 'pulseboard.theme';
const REGION_LABEL = 'region';
const CLOCK_MS = 60000;
const ANNOUNCE_MAX = 3;

/**
 * A TV link carries its key in the fragment (`#/?kiosk=1&key=…`): keep it in this origin's storage
 * and take it out of the address bar (and so out of history and bookmarks) before any request.
 */
function takeLinkKey() {
  const link = takeKey(location.hash);
  if (link.key) {
    keepLinkKey(link.key);
  }
  if (link.hash !== location.hash) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}${link.hash}`);
    return true;
  }
  return false;
}

takeLinkKey();

const lang = pickLanguage(location.search, navigator.languages || [navigator.language]);
const locale = lang === 'ko' ? 'ko-KR' : 'en-US';
const t = translator(lang);
const kiosk = isKiosk(location.search, location.hash);
const root = document.documentElement;

const $ = (selector) => document.querySelector(selector);
const store = new Store();
const tiles = new Map();
const tileList = $('[data-tiles]');
const dashboard = $('[data-dashboard]');
const detailEl = $('[data-detail]');
const message = $('[data-message]');
const announcer = $('[data-announcer]');
const pill = StatusPill($('[data-status-pill]'));
const tokenForm = TokenForm($('[data-token-form]'));
const tvLink = TvLink($('[data-tv-link]'));
const forgetButton = $('[data-forget-key]');
let token = storedToken();
let region = '';
let live = null;
let refreshing = null;
let refreshAgain = false;
/** The time zone and "as of" instant every request and displayed time uses. */
function period() {
  return choice.current();
}

const api = createApi({
  getToken: () => token,
  askToken: async (rejected) => {
    dashboard.hidden = true;
    token = await tokenForm.ask({ t, rejected });
    storeToken(token);
    forgetButton.hidden = false;
    dashboard.hidden = false;
    if (live) {
      connectLive();
    }
  }
});
const detail = MetricDetail(detailEl, { api });
const alertFeed = AlertFeed($('[data-alert-list]'), { api, view: () => view(), metrics: () => store.metrics, kiosk });
const filter = RegionFilter($('[data-region-filter]'), (value) => {
  region = value;
  renderTiles();
});

function view() {
  const { zone, asOf } = period();
  return { lang, locale, t, now: Date.now(), zone, asOf };
}

const choice = PeriodChoice({
  controlsEl: $('[data-period-controls]'),
  bannerEl: $('[data-as-of-banner]'),
  root,
  t,
  onChange: ({ wasAsOf }) => {
    if (period().asOf) {
      if (live) {
        live.close();
        live = null;
      }
      pill.update('offline', t);
    } else if (wasAsOf) {
      connectLive();
    }
    refreshMetrics().then(route);
  }
});

function setUpPage() {
  root.lang = lang;
  root.classList.toggle('kiosk', kiosk);
  document.title = `${t('title')} · ${t('tagline')}`;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
  const switcher = $('[data-lang-switch]');
  switcher.setAttribute('aria-label', t('language'));
  switcher.replaceChildren(...[['en', 'English'], ['ko', '한국어']].map(([code, name]) => {
    const link = document.createElement('a');
    const next = new URLSearchParams(location.search);
    next.set('lang', code);
    link.href = `?${next}${location.hash}`;
    link.lang = code;
    link.textContent = name;
    link.setAttribute('aria-current', String(code === lang));
    return link;
  }));
  pill.update('connecting', t);
  $('[data-tv-link-open]').addEventListener('click', () => tvLink.open(t));
  forgetButton.hidden = !token;
  forgetButton.addEventListener('click', () => {
    forgetToken();
    location.reload();
  });
}

function isDark() {
  const chosen = root.dataset.theme;
  return chosen ? chosen === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
}

function setUpTheme() {
  let chosen = null;
  try {
    chosen = localStorage.getItem(THEME_KEY);
  } catch {
    // no storage: follow the system
  }
  if (chosen === 'dark' || chosen === 'light') {
    root.dataset.theme = chosen;
  }
  const button = $('[data-theme-toggle]');
  const sync = () => {
    button.setAttribute('aria-pressed', String(isDark()));
    detail.redraw();
  };
  button.addEventListener('click', () => {
    const next = isDark() ? 'light' : 'dark';
    root.dataset.theme = next;
    try {
      localStorage.setItem(THEME_KEY, next);
    } catch {
      // the choice then lasts for this page only
    }
    sync();
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', sync);
  sync();
}

function visible(entry) {
  return !region || (entry.series.labels || {})[REGION_LABEL] === region;
}

function renderTiles() {
  const now = view();
  filter.update(store.labelValues(REGION_LABEL), region, { ...now, metrics: store.metrics });
  const shown = store.list().filter(visible);
  const keep = new Set(shown.map((entry) => entry.key));
  for (const [key, tile] of tiles) {
    if (!keep.has(key)) {
      tile.el.remove();
      tiles.delete(key);
    }
  }
  shown.forEach((entry, index) => {
    let tile = tiles.get(entry.key);
    if (!tile) {
      tile = KpiTile(document.createElement('li'));
      tiles.set(entry.key, tile);
    }
    if (tileList.children[index] !== tile.el) {
      tileList.insertBefore(tile.el, tileList.children[index] || null);
    }
    tile.update(entry, now);
  });
  if (!dashboard.hidden) {
    message.textContent = store.list().length && !shown.length ? t('empty') : '';
  }
}

async function loadHistories() {
  await Promise.all(store.metrics.map(async (metric) => {
    const latest = Math.max(0, ...metric.series.map((s) => (s.latest ? Date.parse(s.latest.ts) : 0)));
    if (!latest) {
      return;
    }
    const period = durationMs(metric.cadence) || 86400000;
    const from = new Date(latest - period * SPARK_MAX).toISOString();
    try {
      store.setHistory(metric.id, await api.points(metric.id, periodParams({ from, limit: '10000' }, period())));
    } catch {
      // a tile without its trend still shows its value
    }
  }));
  renderTiles();
}

function announce(entries) {
  const parts = entries.slice(0, ANNOUNCE_MAX).map(({ metric, series }) => {
    const labels = formatLabels(series.labels);
    return t('announceUpdate', {
      name: metricName(metric, lang),
      series: labels ? ` (${labelsText(metric, series.labels, lang)})` : '',
      value: formatValue(series.latest.value, metric, locale)
    });
  });
  announcer.textContent = parts.join('; ');
}

function onUpdate({ items, seq }) {
  const { changed, unknown } = store.applyItems(items, seq);
  renderTiles();
  for (const entry of changed) {
    const tile = tiles.get(entry.key);
    if (tile) {
      tile.flash();
    }
  }
  if (changed.length) {
    announce(changed.filter(visible));
  }
  detail.applyItems(items);
  if (unknown.length) {
    refreshMetrics();
  }
}

function refreshMetrics() {
  if (refreshing) {
    // A refresh asked for while one runs (e.g. a new zone, then a date) runs after it, with the
    // state as it is then, so the last choice wins.
    refreshAgain = true;
    return refreshing;
  }
  refreshing = api.metrics(periodParams({}, period())).then((data) => {
    store.setMetrics(data.metrics, data.seq);
    renderTiles();
    return loadHistories();
  }).catch(() => {}).finally(() => {
    refreshing = null;
    if (refreshAgain) {
      refreshAgain = false;
      refreshMetrics().then(route);
    }
  });
  return refreshing;
}

function connectLive() {
  if (live) {
    live.close();
  }
  const url = new URL('ws', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.hash = '';
  live = new LiveClient({ url: url.href, token: token || undefined, watch: ['alerts'] });
  live.addEventListener('status', (event) => pill.update(event.detail.status, t));
  live.addEventListener('events', (event) => alertFeed.applyEvents(event.detail));
  live.addEventListener('snapshot', (event) => {
    if (period().asOf) {
      return;
    }
    store.setMetrics(event.detail.metrics, event.detail.seq, period().zone);
    renderTiles();
    if (event.detail.reset) {
      loadHistories();
    }
  });
  live.addEventListener('update', (event) => {
    if (!period().asOf) {
      onUpdate(event.detail);
    }
  });
  live.connect();
}

function route() {
  if (takeLinkKey()) {
    // A link opened over this page: start again with its key.
    location.reload();
    return;
  }
  const next = parseRoute(location.hash);
  const metric = next.view === 'metric' && store.metrics.find((m) => m.id === next.id);
  dashboard.hidden = next.view !== 'dashboard';
  detailEl.hidden = next.view !== 'metric';
  if (next.view === 'metric') {
    if (metric) {
      message.textContent = '';
      detail.show({ metric, range: next.range }, view());
    } else {
      detail.hide();
      message.textContent = t('unknownMetric', { id: next.id });
    }
  } else {
    detail.hide();
    renderTiles();
  }
}

async function start() {
  setUpPage();
  setUpTheme();
  choice.render();
  message.textContent = t('loading');
  try {
    const data = await api.metrics(periodParams({}, period()));
    store.setMetrics(data.metrics, data.seq);
    message.textContent = '';
    route();
    window.addEventListener('hashchange', route);
    connectLive();
    alertFeed.load();
    await loadHistories();
    setInterval(renderTiles, CLOCK_MS);
  } catch (error) {
    message.textContent = t('loadFailed', { detail: error.message });
  }
}

start();
