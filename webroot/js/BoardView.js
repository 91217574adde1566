// Shows one board: its sections and tiles as layoutBoard lays them out, each tile kind by its
// component. Tiles are kept across renders by key and torn down when they leave (a playlist
// shows board after board for days); DOM work is batched per animation frame and live changes
// are paced (LIVE_PASS_MS), so many live changes a second make few passes, touching only the
// tiles whose series changed.
import { ChartTile } from './ChartTile.js';
import { frameBatch, pacer } from './frame.js';
import { KpiTile } from './KpiTile.js';
import { rangeMs } from './board.js';
import { seriesKey, insertBounded } from './store.js';
import { TableTile } from './TableTile.js';
import { TextTile } from './TextTile.js';

/** Points kept per chart series: years of daily data, bounded for long-running screens. */
const MAX_CHART_POINTS = 10000;
const COMPONENTS = { kpi: KpiTile, chart: ChartTile, table: TableTile, text: TextTile };
/**
 * More tiles changed in one frame than this are not highlighted: when most of a board changes
 * at once nothing stands out, and as many animations would keep the page restyling every frame.
 */
const FLASH_MAX = 12;
/**
 * Live changes redraw their tiles at most this often: the latest value is always the one shown,
 * and a board of 200 series changing ten times a second costs the page a fraction of the work.
 */
export const LIVE_PASS_MS = 250;

/**
 * Mounts the view into `el`. show(layoutFn) lays the board out (layoutFn() gives layoutBoard's
 * answer, called in the next frame); changed(entries) re-renders the tiles of those series;
 * applyItems(items) adds live points to charts; reloadCharts() after a new zone or date;
 * redraw() after a theme change; clear() tears everything down.
 * `view()` gives {lang, locale, t, now, zone, asOf}; `api` loads the charts' points.
 */
export function BoardView(el, { api, view, requestFrame, cancelFrame }) {
  el.classList.add('board');
  const batch = frameBatch(requestFrame, cancelFrame);
  const live = pacer(LIVE_PASS_MS, () => batch.schedule('frame', frame));
  const sections = new Map();
  const tiles = new Map();
  const charts = new Map();
  const dirty = new Set();
  const flashes = new Set();
  /** Series key → keys of the tiles that show it. */
  const bySeries = new Map();
  let layoutFn = null;
  let layout = { sections: [], count: 0 };
  let loadId = 0;

  function sectionEl(section) {
    let found = sections.get(section.key);
    if (!found) {
      const node = document.createElement('section');
      node.className = 'board-section';
      const title = document.createElement('h2');
      title.className = 'board-section__title';
      const list = document.createElement('ul');
      list.className = 'dashboard__tiles board-section__tiles';
      node.append(title, list);
      found = { node, title, list };
      sections.set(section.key, found);
    }
    if (found.title.textContent !== section.title) {
      found.title.textContent = section.title;
    }
    found.title.hidden = !section.title;
    return found;
  }

  function tileFor(instance) {
    let tile = tiles.get(instance.key);
    if (!tile) {
      const item = document.createElement('li');
      item.classList.add('board-tile');
      tile = { key: instance.key, kind: instance.kind, component: COMPONENTS[instance.kind](item), el: item, size: null };
      tiles.set(instance.key, tile);
    }
    if (tile.size !== instance.size) {
      tile.el.classList.remove(`board-tile--${tile.size}`);
      tile.el.classList.add(`board-tile--${instance.size}`);
      tile.size = instance.size;
    }
    tile.instance = instance;
    unindex(tile);
    tile.seriesKeys = new Set(instance.series.map((e) => e.key));
    for (const key of tile.seriesKeys) {
      if (!bySeries.has(key)) {
        bySeries.set(key, new Set());
      }
      bySeries.get(key).add(tile.key);
    }
    return tile;
  }

  function unindex(tile) {
    for (const key of tile.seriesKeys || []) {
      const shown = bySeries.get(key);
      shown.delete(tile.key);
      if (!shown.size) {
        bySeries.delete(key);
      }
    }
  }

  function removeTile(key) {
    const tile = tiles.get(key);
    unindex(tile);
    if (tile.component.destroy) {
      tile.component.destroy();
    }
    tile.el.remove();
    tiles.delete(key);
    charts.delete(key);
  }

  function reconcile() {
    const now = view();
    const keep = new Set();
    const keepSections = new Set();
    layout.sections.forEach((section, s) => {
      const { node, list } = sectionEl(section);
      keepSections.add(section.key);
      if (el.children[s] !== node) {
        el.insertBefore(node, el.children[s] || null);
      }
      section.tiles.forEach((instance, index) => {
        const tile = tileFor(instance);
        keep.add(instance.key);
        if (list.children[index] !== tile.el) {
          list.insertBefore(tile.el, list.children[index] || null);
        }
        render(tile, now);
      });
    });
    for (const key of [...tiles.keys()]) {
      if (!keep.has(key)) {
        removeTile(key);
      }
    }
    for (const [key, section] of sections) {
      if (!keepSections.has(key)) {
        section.node.remove();
        sections.delete(key);
      }
    }
  }

  function chartState(tile) {
    let state = charts.get(tile.key);
    if (!state) {
      state = { points: new Map(), annotations: [], fromMs: null, loaded: false };
      charts.set(tile.key, state);
      load(tile, state, loadId);
    }
    return state;
  }

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
      dirty.add(tile.key);
      batch.schedule('frame', frame);
    } catch {
      // the tile keeps its empty chart; the next reload tries again
    }
  }

  function render(tile, now) {
    const instance = tile.instance;
    if (instance.kind === 'kpi') {
      tile.component.update(instance.series[0], now);
    } else if (instance.kind === 'table') {
      tile.component.update({ metric: instance.metric, by: instance.def.by, rows: instance.series }, now);
    } else if (instance.kind === 'text') {
      tile.component.update({ text: instance.def.text }, now);
    } else if (instance.kind === 'chart') {
      const state = chartState(tile);
      tile.component.update({
        metric: instance.metric,
        fromMs: state.fromMs,
        annotations: state.annotations,
        series: instance.series.map((e) => ({ labels: e.series.labels, points: state.points.get(e.key) || [] }))
      }, now);
    }
  }

  function frame() {
    const now = view();
    if (layoutFn) {
      layout = layoutFn();
      layoutFn = null;
      reconcile();
    } else {
      for (const key of dirty) {
        const tile = tiles.get(key);
        if (tile) {
          render(tile, now);
        }
      }
    }
    dirty.clear();
    flash();
  }

  // The highlight of changed tiles restarts with one read of layout for all of them.
  function flash() {
    const flashing = flashes.size > FLASH_MAX ? [] : [...flashes].map((key) => tiles.get(key))
      .filter((tile) => tile && tile.component.flashStart);
    flashes.clear();
    if (!flashing.length) {
      return;
    }
    flashing.forEach((tile) => tile.component.flashStop());
    void el.offsetWidth;
    flashing.forEach((tile) => tile.component.flashStart());
  }

  function tilesOf(seriesKeys) {
    const found = new Set();
    for (const key of seriesKeys) {
      for (const tileKey of bySeries.get(key) || []) {
        found.add(tiles.get(tileKey));
      }
    }
    return found;
  }

  return {
    el,

    /** Lays the board out again in the next frame (a new board, filter, series or language). */
    show(nextLayoutFn) {
      layoutFn = nextLayoutFn;
      batch.schedule('frame', frame);
    },

    /** The last layout drawn. */
    layout: () => layout,

    /** Re-renders, in the next frame, the tiles that show these store entries; kpi tiles flash. */
    changed(entries) {
      const keys = new Set(entries.map((e) => e.key));
      for (const tile of tilesOf(keys)) {
        dirty.add(tile.key);
        if (tile.kind === 'kpi') {
          flashes.add(tile.key);
        }
      }
      if (dirty.size) {
        live.request();
      }
    },

    /** Live points: those of a chart's series go into it. */
    applyItems(items) {
      for (const [key, state] of charts) {
        const tile = tiles.get(key);
        if (!tile || !state.loaded) {
          continue;
        }
        for (const item of items) {
          const k = seriesKey(item.metric, item.labels);
          if (tile.seriesKeys.has(k) && (state.fromMs === null || Date.parse(item.ts) >= state.fromMs)) {
            if (!state.points.has(k)) {
              state.points.set(k, []);
            }
            insertBounded(state.points.get(k), { ts: item.ts, value: item.value, source: item.source }, MAX_CHART_POINTS);
            dirty.add(key);
          }
        }
      }
      if (dirty.size) {
        live.request();
      }
    },

    /** Loads every chart's points again (a new time zone or "as of" date). */
    reloadCharts() {
      loadId += 1;
      for (const [key, state] of charts) {
        const tile = tiles.get(key);
        state.loaded = false;
        if (tile) {
          load(tile, state, loadId);
        }
      }
    },

    redraw() {
      for (const tile of tiles.values()) {
        if (tile.component.redraw) {
          tile.component.redraw();
        }
      }
    },

    /** How many tiles are on the page. */
    size: () => tiles.size,

    /** Removes every tile and chart (another board comes, or the view closes). */
    clear() {
      batch.clear();
      live.clear();
      loadId += 1;
      for (const key of [...tiles.keys()]) {
        removeTile(key);
      }
      for (const section of sections.values()) {
        section.node.remove();
      }
      sections.clear();
      bySeries.clear();
      dirty.clear();
      flashes.clear();
      layout = { sections: [], count: 0 };
    }
  };
}
