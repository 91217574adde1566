// Boots the dashboard: a TV link's key, language, theme, kiosk mode, data, live updates, and
// the views (boards, their editor and playlists, a metric's detail), which do the rest.
import { AlertFeed } from './alert-feed.js';
import { createApi } from './api.js';
import { BoardEditor } from './BoardEditor.js';
import { BoardPage } from './BoardPage.js';
import { DataFeed } from './DataFeed.js';
import { pickLanguage, translator } from './i18n.js';
import { MetricDetail } from './MetricDetail.js';
import { isKiosk, takeKey } from './link.js';
import { periodParams } from './period.js';
import { PeriodChoice } from './PeriodChoice.js';
import { parsePlaylist } from './playlist.js';
import { Playlist } from './Playlist.js';
import { boardHref, parseRoute } from './route.js';
import { StatusPill } from './StatusPill.js';
import { Store } from './store.js';
import { ThemeToggle } from './ThemeToggle.js';
import { forgetToken, keepLinkKey, storedToken, storeToken, TokenForm } from './TokenForm.js';
import { TvLink } from './TvLink.js';

const CLOCK_MS = 60000;
/** How long the page waits for its socket's watch before it reads boards and alerts anyway. */
const WATCH_WAIT_MS = 1000;

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
    if (feed.isOpen()) {
      feed.connect();
    }
  }
});
const detail = MetricDetail(detailEl, { api });
const alertFeed = AlertFeed($('[data-alert-list]'), { api, view: () => view(), metrics: () => store.metrics, kiosk });

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

const feed = DataFeed({
  api,
  store,
  boards,
  alerts: alertFeed,
  detail,
  pill,
  period,
  view,
  token: () => token,
  announce: say,
  onRefreshed: () => route()
});

const choice = PeriodChoice({
  controlsEl: $('[data-period-controls]'),
  bannerEl: $('[data-as-of-banner]'),
  root,
  t,
  onChange: ({ wasAsOf }) => {
    if (period().asOf) {
      feed.close();
      pill.update('offline', t);
    } else if (wasAsOf) {
      feed.connect();
    }
    feed.refresh().then(() => {
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
    return Promise.resolve(false);
  }
  if (editor.isOpen()) {
    // The editor holds a draft: a new address waits until it is saved or cancelled.
    return Promise.resolve(false);
  }
  if (playlist) {
    dashboard.hidden = false;
    detailEl.hidden = true;
    return Promise.resolve(true);
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
    return boards.show(next.view === 'board' ? next.id : null);
  }
  return Promise.resolve(false);
}

async function start() {
  setUpPage();
  ThemeToggle($('[data-theme-toggle]'), {
    root,
    onChange: () => {
      detail.redraw();
      boards.redraw();
    }
  });
  choice.render();
  message.textContent = t('loading');
  try {
    const data = await api.metrics(periodParams({}, period()));
    store.setMetrics(data.metrics, data.seq);
    message.textContent = '';
    // The socket watches boards and alerts before the page reads them, so nothing changed in
    // between is missed and nothing is read twice.
    feed.connect();
    await feed.watched(WATCH_WAIT_MS);
    boards.loadList();
    const shown = playlist ? Playlist(playlist, { show: (id) => boards.show(id), announce: say, t }).start() : route();
    window.addEventListener('hashchange', route);
    alertFeed.load();
    // The board first, then the sparklines' histories (its metrics' first): a browser opens six
    // connections to a server, and twenty history requests ahead of the board's held it back.
    await shown;
    const first = boards.metricIds();
    await feed.loadHistories((id) => first.has(id));
    await feed.loadHistories((id) => !first.has(id));
    setInterval(() => boards.render(), CLOCK_MS);
  } catch (error) {
    message.textContent = t('loadFailed', { detail: error.message });
  }
}

start();
