// The page's data: the metrics and their series in the store, loaded over HTTP, kept current by
// the one live socket (points, `boards` events for the board view and `alerts` events for the
// alert list), with sparkline histories
// and polite announcements of changes on the board shown.
import { durationMs, formatLabels, formatValue } from './format.js';
import { labelsText, metricName } from './i18n.js';
import { LiveClient } from './live.js';
import { periodParams } from './period.js';
import { SPARK_MAX } from './store.js';

const ANNOUNCE_MAX = 3;
/**
 * Live changes are announced at most this often (the last one waits for its turn): a board of
 * 200 series changing ten times a second must not keep a screen reader talking.
 */
const ANNOUNCE_EVERY_MS = 2000;

/**
 * The feed over `store`. Options: api, boards (BoardPage), alerts (AlertFeed), detail (MetricDetail), pill,
 * period() ({zone, asOf}), view(), token(), announce(text), onRefreshed() (after a refresh that
 * was asked for while another ran). connect() (re)opens the socket, close() shuts it,
 * refresh() reloads the metrics, loadHistories(wanted) the sparklines, watched(waitMs) waits
 * for the socket's watch before the page reads what it watches.
 */
export function DataFeed({ api, store, boards, alerts, detail, pill, period, view, token, announce, onRefreshed }) {
  let live = null;
  let refreshing = null;
  let refreshAgain = false;
  let lastAnnounced = 0;
  let pendingAnnouncement = null;
  let announceTimer = null;
  // Whether the page began reading its boards and alerts before its socket watched them: then
  // the watch's first answer reads them again, as a change in between would otherwise be missed.
  let readBeforeWatch = false;
  let watchAnswered = () => {};
  const firstWatchAnswer = new Promise((resolve) => {
    watchAnswered = resolve;
  });

  function announceSoon(text) {
    const wait = lastAnnounced + ANNOUNCE_EVERY_MS - Date.now();
    if (wait <= 0) {
      lastAnnounced = Date.now();
      announce(text);
      return;
    }
    pendingAnnouncement = text;
    if (!announceTimer) {
      announceTimer = setTimeout(() => {
        announceTimer = null;
        lastAnnounced = Date.now();
        announce(pendingAnnouncement);
      }, wait);
    }
  }

  /** Loads the sparklines' recent histories of the metrics `wanted(id)` says (all by default). */
  async function loadHistories(wanted = () => true) {
    await Promise.all(store.metrics.filter((metric) => wanted(metric.id)).map(async (metric) => {
      const latest = Math.max(0, ...metric.series.map((s) => (s.latest ? Date.parse(s.latest.ts) : 0)));
      if (!latest) {
        return;
      }
      const cadence = durationMs(metric.cadence) || 86400000;
      const from = new Date(latest - cadence * SPARK_MAX).toISOString();
      try {
        store.setHistory(metric.id, await api.points(metric.id, periodParams({ from, limit: '10000' }, period())));
      } catch {
        // a tile without its trend still shows its value
      }
    }));
    boards.render();
  }

  function announceChanges(entries) {
    const { t, lang, locale } = view();
    const parts = entries.slice(0, ANNOUNCE_MAX).map(({ metric, series }) => t('announceUpdate', {
      name: metricName(metric, lang),
      series: formatLabels(series.labels) ? ` (${labelsText(metric, series.labels, lang)})` : '',
      value: formatValue(series.latest.value, metric, locale)
    }));
    if (parts.length) {
      announceSoon(parts.join('; '));
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
      announceChanges(boards.shown(changed));
    }
    detail.applyItems(items);
    if (unknown.length) {
      refresh();
    }
  }

  function refresh() {
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
        refresh().then(onRefreshed);
      }
    });
    return refreshing;
  }

  function close() {
    if (live) {
      live.close();
      live = null;
    }
  }

  function connect() {
    close();
    const url = new URL('ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = '';
    url.hash = '';
    live = new LiveClient({ url: url.href, token: token() || undefined, watch: ['boards', 'alerts'] });
    live.addEventListener('status', (event) => pill.update(event.detail.status, view().t));
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
      // A resume that could not be replayed (reset), or a first answer (start) that came after
      // the page read its boards and alerts: those are read again, so no change between the
      // page's reads and the watch is missed. Reads begun after the first answer miss nothing.
      const { items = [], reset = false, start = false } = event.detail;
      const again = start && readBeforeWatch;
      watchAnswered();
      boards.applyEvents(items.filter((item) => item.topic === 'boards'), reset || again);
      alerts.applyEvents({ items: items.filter((item) => item.topic === 'alerts'), reset, start: again });
    });
    live.connect();
  }

  /**
   * Resolves when the page may read its boards and alerts: once the socket watches them (its first
   * `events` answer), or after `waitMs` without one (the watch's answer then reads them again).
   */
  function watched(waitMs) {
    return Promise.race([firstWatchAnswer, new Promise((resolve) => setTimeout(resolve, waitMs))]).then(() => {
      readBeforeWatch = true;
    });
  }

  return { connect, close, refresh, loadHistories, watched, isOpen: () => live !== null };
}
