// Boots the dashboard: a TV link's key, language, theme, kiosk mode, data, live updates, and
// the views (boards, their editor and playlists, a metric's detail), which do the rest.
import { createApi } from './api.js';
import { BoardEditor } from './BoardEditor.js';
import { BoardPage } from './BoardPage.js';
import { durationMs, formatLabels, formatValue } from './format.js';
import { labelsText, metricName, pickLanguage, translator } from './i18n.js';
import { LiveClient } from './live.js';
import { MetricDetail } from './MetricDetail.js';
import { isKiosk, takeKey } from './link.js';
import { periodParams } from './period.js';
import { PeriodChoice } from './PeriodChoice.js';
import { parsePlaylist } from './playlist.js';
import { Playlist } from './Playlist.js';
import { boardHref, parseRoute } from './route.js';
import { StatusPill } from './StatusPill.js';
import { SPARK_MAX, Store } from './store.js';
import { forgetToken, keepLinkKey, storedToken, storeToken, TokenForm } from './TokenForm.js';
import { TvLink } from './TvLink.js';

const THEME_KEY = 'pulseboard.theme';
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
const playlist = parsePlaylist(location.search, location.hash);
const root = document.documentElement;

const $ = (selector) => document.querySelector(selector);
const store = new Store();
const dashboard = $('[data-dashboard]');
const detailEl = $('[data-detail]');
const message = $('[data-message]');
const announcer = $('[data-announcer]');
const pill = StatusPill($('[data-status-pill]'));
const tokenForm = TokenForm($('[data-token-form]'));
const tvLink = TvLink($('[data-tv-link]'));
const forgetButton = $('[data-forget-key]');
let token = storedToken();
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

function view() {
  const { zone, asOf } = period();
  return { lang, locale, t, now: Date.now(), zone, asOf };
}

function say(text) {
  announcer.textContent = text;
}

const boards = BoardPage({
  els: {
    board: $('[data-board]'),
    title: $('[data-board-title]'),
    picker: $('[data-board-picker]'),
    filters: $('[data-label-filters]'),
    message
  },
  api,
  store,
  view,
  announce: say
});

const editor = BoardEditor($('[data-editor]'), {
  api,
  view,
  announce: say,
  metrics: () => store.metrics,
  boards: () => boards.state.list,
  useToken: (admin) => {
    token = admin;
    storeToken(admin);
    forgetButton.hidden = false;
    $('[data-new-board]').hidden = false;
  },
  onClose: (saved) => {
    if (saved) {
      boards.saved(saved);
    }
    if (saved && boardHref(saved.id) !== location.hash) {
      location.hash = boardHref(saved.id);
    } else {
      route();
    }
  }
});
boards.onBoardChanged((id, board) => editor.changedElsewhere(id, board));

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
    refreshMetrics().then(() => {
      boards.reloadCharts();
      route();
    });
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
  $('[data-tv-link-open]').addEventListener('click', () => tvLink.open(t, { boards: boards.state.list, lang }));
  $('[data-edit-board]').addEventListener('click', () => startEditing(false));
  $('[data-new-board]').addEventListener('click', () => startEditing(true));
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
    boards.redraw();
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
  boards.render();
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
  if (parts.length) {
    say(parts.join('; '));
  }
}

function onUpdate({ items, seq }) {
  const before = store.entries.size;
  const { changed, unknown } = store.applyItems(items, seq);
  if (store.entries.size !== before) {
    // A new series of a known metric: it may give a tile of its own.
    boards.render();
  }
  boards.changed(changed);
  boards.applyItems(items);
  if (changed.length) {
    announce(boards.shown(changed));
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
    boards.render();
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
  live = new LiveClient({ url: url.href, token: token || undefined, watch: ['boards'] });
  live.addEventListener('status', (event) => pill.update(event.detail.status, t));
  live.addEventListener('snapshot', (event) => {
    if (period().asOf) {
      return;
    }
    store.setMetrics(event.detail.metrics, event.detail.seq, period().zone);
    boards.render();
    if (event.detail.reset) {
      loadHistories();
    }
  });
  live.addEventListener('update', (event) => {
    if (!period().asOf) {
      onUpdate(event.detail);
    }
  });
  live.addEventListener('events', (event) => {
    const { items = [], reset = false } = event.detail;
    boards.applyEvents(items.filter((item) => item.topic === 'boards'), reset);
  });
  live.connect();
}

async function startEditing(fresh) {
  const shown = boards.current();
  dashboard.hidden = true;
  detailEl.hidden = true;
  message.textContent = '';
  const opened = await editor.open(fresh || !shown ? null : shown);
  if (!opened) {
    dashboard.hidden = false;
  }
}

function route() {
  if (takeLinkKey()) {
    // A link opened over this page: start again with its key.
    location.reload();
    return;
  }
  if (editor.isOpen()) {
    // The editor holds a draft: a new address waits until it is saved or cancelled.
    return;
  }
  if (playlist) {
    dashboard.hidden = false;
    detailEl.hidden = true;
    return;
  }
  const next = parseRoute(location.hash);
  const metric = next.view === 'metric' && store.metrics.find((m) => m.id === next.id);
  dashboard.hidden = next.view === 'metric';
  detailEl.hidden = next.view !== 'metric';
  if (next.view === 'metric') {
    boards.hide();
    if (metric) {
      message.textContent = '';
      detail.show({ metric, range: next.range }, view());
    } else {
      detail.hide();
      message.textContent = t('unknownMetric', { id: next.id });
    }
  } else {
    detail.hide();
    message.textContent = '';
    boards.show(next.view === 'board' ? next.id : null);
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
    boards.loadList();
    api.isAdmin().then((admin) => {
      $('[data-new-board]').hidden = !admin;
    });
    route();
    window.addEventListener('hashchange', route);
    if (playlist) {
      Playlist(playlist, { show: (id) => boards.show(id), announce: say, t }).start();
    }
    connectLive();
    await loadHistories();
    setInterval(() => boards.render(), CLOCK_MS);
  } catch (error) {
    message.textContent = t('loadFailed', { detail: error.message });
  }
}

start();
