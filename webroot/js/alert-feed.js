// Keeps the header's alert list current: loads the firing alerts over HTTP, then applies the
// WebSocket's `alerts` events (LiveClient `watch`), reloading after a reset. The list reads its
// metrics' names and units from the dashboard's store.
import { AlertList } from './AlertList.js';
import { AlertState } from './alerts.js';

const CLOCK_MS = 60000;

/**
 * Mounts the list into `el`. `api.alerts(params)` reads GET /api/v1/alerts; `view()` gives
 * {lang, locale, now, zone}; `metrics()` the dashboard's metrics. Returns {load, applyEvents, render}.
 */
export function AlertFeed(el, { api, view, metrics, kiosk = false }) {
  const state = new AlertState();
  const list = AlertList(el, { kiosk });
  let loading = null;
  let again = false;

  function render() {
    list.update(state.firing(), { metrics: metrics(), view: view() });
  }

  /**
   * Loads the firing alerts; a token without access to alerts (a board's) leaves the list hidden.
   * Asked again while a load runs, it loads once more after it: that answer may predate the ask.
   */
  function load() {
    if (loading) {
      again = true;
      return loading;
    }
    loading = api.alerts({ state: 'firing' })
      .then((answer) => {
        state.load(answer.alerts);
        render();
      })
      .catch(() => {})
      .finally(() => {
        loading = null;
        if (again) {
          again = false;
          load();
        }
      });
    return loading;
  }

  setInterval(render, CLOCK_MS);

  return {
    load,
    render,

    /**
     * An `events` event's detail ({seq, items, reset, start}): applies the alerts among the items.
     * The first answer of a watch (`start`) and a resume that could not be replayed (`reset`) carry
     * no history: the list is loaded again after them, so nothing between is missed.
     */
    applyEvents({ items, reset, start }) {
      const started = state.apply(items);
      if (reset || start) {
        load();
      }
      render();
      list.announce(started, { metrics: metrics(), view: view() });
    }
  };
}
