// The points of a board's chart tiles: each tile's series loaded over HTTP for its range (in the
// chosen zone and "as of" date), then kept current by live items, bounded for screens that stay
// on for days.
import { rangeMs } from './board.js';
import { seriesKey, insertBounded } from './store.js';

/** Points kept per chart series: years of daily data, bounded for long-running screens. */
const MAX_CHART_POINTS = 10000;

/**
 * The charts of a view. `api` loads points and annotations, `view()` gives {zone, asOf},
 * `onLoaded(tileKey)` is told when a tile's points arrived. data(tile) is what the tile's chart
 * shows (its load starts on first use); applyItems(items, tiles) keeps live points and returns
 * the keys of the tiles they changed; reload(tiles) loads every chart again; forget(key) and
 * clear() drop charts.
 */
export function BoardCharts({ api, view, onLoaded }) {
  const charts = new Map();
  let loadId = 0;

  async function load(tile, state, id) {
    const { metric, series, def } = tile.instance;
    const now = view();
    const latest = Math.max(0, ...series.map((e) => (e.series.latest ? Date.parse(e.series.latest.ts) : 0)));
    const span = rangeMs(def.range);
    state.fromMs = span === null ? null : (latest || Date.now()) - span;
    const params = { limit: String(MAX_CHART_POINTS), tz: now.zone || 'UTC' };
    if (now.asOf) {
      params.as_of = now.asOf;
    }
    const notes = { metric: metric.id };
    if (state.fromMs !== null) {
      params.from = new Date(state.fromMs).toISOString();
      notes.from = params.from;
    }
    try {
      const [history, annotations] = await Promise.all([api.points(metric.id, params), api.annotations(notes)]);
      if (id !== loadId || charts.get(tile.key) !== state) {
        return;
      }
      for (const s of history.series) {
        state.points.set(seriesKey(metric.id, s.labels), s.points.slice(-MAX_CHART_POINTS));
      }
      state.annotations = annotations.annotations.sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
      state.loaded = true;
      onLoaded(tile.key);
    } catch {
      // the tile keeps its empty chart; the next reload tries again
    }
  }

  function stateOf(tile) {
    let state = charts.get(tile.key);
    if (!state) {
      state = { points: new Map(), annotations: [], fromMs: null, loaded: false };
      charts.set(tile.key, state);
      load(tile, state, loadId);
    }
    return state;
  }

  return {
    data(tile) {
      const state = stateOf(tile);
      return {
        metric: tile.instance.metric,
        fromMs: state.fromMs,
        annotations: state.annotations,
        series: tile.instance.series.map((e) => ({ labels: e.series.labels, points: state.points.get(e.key) || [] }))
      };
    },

    applyItems(items, tiles) {
      const changed = new Set();
      if (!charts.size) {
        return changed;
      }
      const keys = items.map((item) => seriesKey(item.metric, item.labels));
      for (const [key, state] of charts) {
        const tile = tiles.get(key);
        if (!tile || !state.loaded) {
          continue;
        }
        for (const [i, item] of items.entries()) {
          const k = keys[i];
          if (tile.seriesKeys.has(k) && (state.fromMs === null || Date.parse(item.ts) >= state.fromMs)) {
            if (!state.points.has(k)) {
              state.points.set(k, []);
            }
            insertBounded(state.points.get(k), { ts: item.ts, value: item.value, source: item.source }, MAX_CHART_POINTS);
            changed.add(key);
          }
        }
      }
      return changed;
    },

    reload(tiles) {
      loadId += 1;
      for (const [key, state] of charts) {
        const tile = tiles.get(key);
        state.loaded = false;
        if (tile) {
          load(tile, state, loadId);
        }
      }
    },

    forget(key) {
      charts.delete(key);
    },

    clear() {
      loadId += 1;
      charts.clear();
    }
  };
}
