// Boards as the page reads them (docs/boards.md): texts per language, which series a tile
// selects, the layout of sections and tiles, the labels a filter bar offers. Pure: no DOM.
import { durationMs } from './format.js';

/** The generated board of every series of every metric; "/" shows it. */
export const GENERATED_ID = 'all';
export const KINDS = ['kpi', 'chart', 'table', 'text'];
/** Tile sizes as grid columns spanned (the grid has as many columns as the width allows). */
export const SIZES = { s: 1, m: 2, l: 3, xl: 4 };
export const DEFAULT_SIZE = 'm';
/** Chart ranges offered by the editor; a board may also carry any other ISO-8601 duration. */
export const RANGES = ['30d', '1y', 'all', 'P7D', 'P90D', 'P2Y'];
export const DEFAULT_RANGE = '1y';
export const ANY = '*';
/** The server's limits (docs/boards.md), checked in the editor before a save. */
export const MAX_TILES = 200;
export const MAX_SECTIONS = 20;
export const MAX_TEXT = 1000;
/** A board id (the server's Board.ID_SYNTAX, kept equal by BoardIdCopiesTest). */
export const ID_SYNTAX = '[a-z0-9][a-z0-9-]{0,62}';
export const ID_PATTERN = new RegExp(`^${ID_SYNTAX}$`);

const DAY_MS = 86400000;

/**
 * A text as shown in `lang`: a plain string, or {en, ko, …} falling back to English, then to any
 * language it has; '' for nothing.
 */
export function localized(text, lang) {
  if (typeof text === 'string') {
    return text;
  }
  if (!text || typeof text !== 'object') {
    return '';
  }
  return text[lang] || text.en || Object.values(text).find((v) => typeof v === 'string' && v) || '';
}

/** A board's title in `lang`, or its id when it has none. */
export function boardTitle(board, lang) {
  return (board && (localized(board.title, lang) || board.id)) || '';
}

/** A tile's size, one of SIZES, 'm' when absent or unknown. */
export function tileSize(tile) {
  return tile && Object.hasOwn(SIZES, tile.size) ? tile.size : DEFAULT_SIZE;
}

/**
 * How far back a chart's range reaches in ms: '30d', '1y', an ISO-8601 duration ('P90D');
 * null for 'all'. Unknown ranges read as the default (1 year).
 */
export function rangeMs(range) {
  if (range === 'all') {
    return null;
  }
  if (range === '30d') {
    return 30 * DAY_MS;
  }
  if (range === '1y' || range === undefined) {
    return 365 * DAY_MS;
  }
  const ms = durationMs(range);
  return ms && ms > 0 ? ms : 365 * DAY_MS;
}

/** Whether a series' labels pass a tile's filter: each key equal, or present for '*'. */
export function matchesLabels(labels, filter) {
  const own = labels || {};
  return Object.entries(filter || {}).every(([key, value]) =>
    (value === ANY ? own[key] !== undefined : own[key] === value));
}

/** Whether a series passes the page's filter bar ({key: value}; '' or absent = any). */
export function passesFilters(labels, filters) {
  const own = labels || {};
  return Object.entries(filters || {}).every(([key, value]) => !value || own[key] === value);
}

/**
 * The generated board: one kpi tile per metric, no filter, so one tile per series in the
 * server's order, each one column wide (today's wall).
 */
export function generatedBoard(metrics, title = { en: 'All metrics', ko: '모든 지표' }) {
  return {
    id: GENERATED_ID,
    title,
    version: 0,
    generated: true,
    sections: [{ tiles: metrics.map((m) => ({ kind: 'kpi', metric: m.id, labels: {}, size: 's' })) }]
  };
}

function groupByMetric(entries) {
  const byMetric = new Map();
  for (const entry of entries) {
    const id = entry.metric.id;
    if (!byMetric.has(id)) {
      byMetric.set(id, []);
    }
    byMetric.get(id).push(entry);
  }
  return byMetric;
}

function defKey(tile) {
  return JSON.stringify([tile.kind, tile.metric, tile.labels || {}, tile.range || '', tile.by || '', tile.text || '']);
}

/**
 * The tiles a definition gives (its `*` expansion): a kpi one per selected series, a chart and a
 * table one holding all of them, a text one. A tile whose metric shows nothing gives none.
 */
export function expandTile(tile, entries, { filters, prefix }) {
  const size = tileSize(tile);
  const base = { kind: tile.kind, size, columns: SIZES[size], def: tile };
  if (tile.kind === 'text') {
    return [{ ...base, key: `${prefix}text:${defKey(tile)}`, series: [] }];
  }
  const selected = (entries || []).filter((e) => matchesLabels(e.series.labels, tile.labels)
    && passesFilters(e.series.labels, filters));
  if (!selected.length) {
    return [];
  }
  if (tile.kind === 'kpi') {
    return selected.map((e) => ({ ...base, key: `${prefix}kpi:${e.key}`, metric: e.metric, series: [e] }));
  }
  if (tile.kind === 'table') {
    const by = tile.by;
    const sorted = [...selected].sort((a, b) => String(a.series.labels[by] ?? '').localeCompare(String(b.series.labels[by] ?? '')));
    return [{ ...base, key: `${prefix}table:${defKey(tile)}`, metric: selected[0].metric, series: sorted }];
  }
  if (tile.kind === 'chart') {
    return [{ ...base, key: `${prefix}chart:${defKey(tile)}`, metric: selected[0].metric, series: selected }];
  }
  return [];
}

/**
 * What a board shows: its sections, each with a title in `lang` and the tiles its definitions
 * give over the store's entries ({key, metric, series, spark}), with the filter bar applied.
 * Sections and tiles keep the board's order; `count` is the number of tiles shown.
 */
export function layoutBoard(board, entries, { filters = {}, lang = 'en' } = {}) {
  const byMetric = groupByMetric(entries);
  let count = 0;
  const sections = (board.sections || []).map((section, s) => {
    const tiles = [];
    (section.tiles || []).forEach((tile, i) => {
      tiles.push(...expandTile(tile, byMetric.get(tile.metric), { filters, prefix: `${s}:${i}:` }));
    });
    count += tiles.length;
    return { key: `section-${s}`, title: localized(section.title, lang), tiles };
  });
  return { sections, count, defined: boardTileCount(board) };
}

/** How many tile definitions a board has. */
export function boardTileCount(board) {
  return (board.sections || []).reduce((n, s) => n + (s.tiles || []).length, 0);
}

/** The ids of the metrics a board's tiles show. */
export function boardMetricIds(board) {
  const ids = new Set();
  for (const section of board.sections || []) {
    for (const tile of section.tiles || []) {
      if (tile.metric) {
        ids.add(tile.metric);
      }
    }
  }
  return ids;
}

/**
 * The filter bar's groups: every label key the board's metrics use, each with the values their
 * series have, sorted ([{key, values}]); keys without values are left out.
 */
export function filterGroups(board, entries) {
  const ids = boardMetricIds(board);
  const values = new Map();
  for (const { metric, series } of entries) {
    if (!ids.has(metric.id)) {
      continue;
    }
    for (const key of metric.labels || []) {
      if (!values.has(key)) {
        values.set(key, new Set());
      }
    }
    for (const [key, value] of Object.entries(series.labels || {})) {
      if (!values.has(key)) {
        values.set(key, new Set());
      }
      values.get(key).add(value);
    }
  }
  return [...values.keys()].sort().map((key) => ({ key, values: [...values.get(key)].sort() }))
    .filter((group) => group.values.length > 0);
}

/** The filters still meaningful for these groups: a chosen value the board no longer has is dropped. */
export function keepFilters(filters, groups) {
  const out = {};
  for (const { key, values } of groups) {
    if (filters[key] && values.includes(filters[key])) {
      out[key] = filters[key];
    }
  }
  return out;
}

/**
 * A board id made from a title: 'Korea launch' → 'korea-launch'. Letters outside a-z, 0-9 are
 * dropped (a Korean title gives 'board'); `taken` ids get a number: 'korea-launch-2'.
 */
export function slugify(title, taken = []) {
  const base = String(title || '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56).replace(/-+$/, '') || 'board';
  const used = new Set(taken);
  let id = base === GENERATED_ID ? `${base}-1` : base;
  for (let n = 2; used.has(id); n += 1) {
    id = `${base}-${n}`;
  }
  return id;
}
