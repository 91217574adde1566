// Shows one board: its sections and tiles as layoutBoard lays them out, each tile kind by its
// component. Tiles are kept across renders by key and torn down when they leave (a playlist
// shows board after board for days); DOM work is batched per animation frame and live changes
// are paced (LIVE_PASS_MS), so many live changes a second make few passes, touching only the
// tiles whose series changed.
import { BoardCharts } from './BoardCharts.js';
import { ChartTile } from './ChartTile.js';
import { frameBatch, pacer } from './frame.js';
import { KpiTile } from './KpiTile.js';
import { TableTile } from './TableTile.js';
import { TextTile } from './TextTile.js';

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
  const charts = BoardCharts({ api, view, onLoaded: (key) => {
    dirty.add(key);
    batch.schedule('frame', frame);
  } });
  const dirty = new Set();
  const flashes = new Set();
  /** Series key → keys of the tiles that show it. */
  const bySeries = new Map();
  let layoutFn = null;
  let layout = { sections: [], count: 0 };

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
    charts.forget(key);
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

  function render(tile, now) {
    const instance = tile.instance;
    if (instance.kind === 'kpi') {
      tile.component.update(instance.series[0], now);
    } else if (instance.kind === 'table') {
      tile.component.update({ metric: instance.metric, by: instance.def.by, rows: instance.series }, now);
    } else if (instance.kind === 'text') {
      tile.component.update({ text: instance.def.text }, now);
    } else if (instance.kind === 'chart') {
      tile.component.update(charts.data(tile), now);
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

    /** Whether a tile on the board shows the series of this store key. */
    shows: (key) => bySeries.has(key),

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
      for (const key of charts.applyItems(items, tiles)) {
        dirty.add(key);
      }
      if (dirty.size) {
        live.request();
      }
    },

    /** Loads every chart's points again (a new time zone or "as of" date). */
    reloadCharts() {
      charts.reload(tiles);
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
      charts.clear();
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
