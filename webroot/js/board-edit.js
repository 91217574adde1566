// The editor's changes to a board, each returning a new board (the one shown stays untouched
// until a save, so Cancel simply drops the draft). Pure: no DOM, tested with `node --test`.
import { ANY, DEFAULT_RANGE, DEFAULT_SIZE, ID_PATTERN, MAX_SECTIONS, MAX_TEXT, MAX_TILES, boardTileCount } from './board.js';

function copy(board) {
  return JSON.parse(JSON.stringify(board));
}

function tilesOf(board, section) {
  return board.sections[section].tiles;
}

/** A new, empty board with a title in English (and Korean when given), one empty section. */
export function newBoard(id, title) {
  return { id, title: { ...title }, sections: [{ tiles: [] }] };
}

/** The board with its title in `lang` set (an empty text removes that language, not English). */
export function setTitle(board, lang, text) {
  const next = copy(board);
  next.title = typeof next.title === 'string' ? { en: next.title } : { ...(next.title || {}) };
  if (text || lang === 'en') {
    next.title[lang] = text;
  } else {
    delete next.title[lang];
  }
  return next;
}

/** The board with a section's heading in `lang` set; an empty heading in every language removes it. */
export function setSectionTitle(board, section, lang, text) {
  const next = copy(board);
  const target = next.sections[section];
  const title = typeof target.title === 'string' ? { en: target.title } : { ...(target.title || {}) };
  if (text) {
    title[lang] = text;
  } else {
    delete title[lang];
  }
  if (Object.keys(title).length && !title.en) {
    title.en = Object.values(title)[0];
  }
  if (Object.keys(title).length) {
    target.title = title;
  } else {
    delete target.title;
  }
  return next;
}

/** The board with a new empty section at the end (with a heading when given). */
export function addSection(board, title) {
  const next = copy(board);
  next.sections.push(title && title.en ? { title: { ...title }, tiles: [] } : { tiles: [] });
  return next;
}

/** The board without a section (and its tiles); the last section stays, emptied. */
export function removeSection(board, section) {
  const next = copy(board);
  if (next.sections.length === 1) {
    next.sections = [{ tiles: [] }];
    return next;
  }
  next.sections.splice(section, 1);
  return next;
}

/** The board with `tile` added to a section, at its end or at `index`; returns {board, at}. */
export function addTile(board, section, tile, index) {
  const next = copy(board);
  const tiles = tilesOf(next, section);
  const at = index === undefined ? tiles.length : Math.max(0, Math.min(index, tiles.length));
  tiles.splice(at, 0, copy(tile));
  return { board: next, at: { section, index: at } };
}

/** The board without the tile at {section, index}. */
export function removeTile(board, { section, index }) {
  const next = copy(board);
  tilesOf(next, section).splice(index, 1);
  return next;
}

/** The board with the tile at {section, index} replaced. */
export function replaceTile(board, { section, index }, tile) {
  const next = copy(board);
  tilesOf(next, section)[index] = copy(tile);
  return next;
}

/** The board with one tile's size set. */
export function resizeTile(board, at, size) {
  const next = copy(board);
  tilesOf(next, at.section)[at.index].size = size;
  return next;
}

/**
 * The board with a tile moved from {section, index} to {section, index} (the index it has once
 * moved); returns {board, at}. A move to where it is changes nothing.
 */
export function moveTile(board, from, to) {
  const next = copy(board);
  const [tile] = tilesOf(next, from.section).splice(from.index, 1);
  const target = tilesOf(next, to.section);
  const index = Math.max(0, Math.min(to.index, target.length));
  target.splice(index, 0, tile);
  return { board: next, at: { section: to.section, index } };
}

/**
 * One step up (-1) or down (+1) for the keyboard: within its section, then across into the end
 * of the previous or the start of the next one. Returns {board, at, moved}; at the very top or
 * bottom of the board nothing moves.
 */
export function stepTile(board, at, delta) {
  const count = tilesOf(board, at.section).length;
  const index = at.index + delta;
  if (index >= 0 && index < count) {
    return { ...moveTile(board, at, { section: at.section, index }), moved: true };
  }
  const section = at.section + delta;
  if (section < 0 || section >= board.sections.length) {
    return { board, at, moved: false };
  }
  const to = { section, index: delta < 0 ? tilesOf(board, section).length : 0 };
  return { ...moveTile(board, at, to), moved: true };
}

/**
 * A tile as the editor's form describes it, with only the fields its kind uses:
 * kpi {metric, labels}, chart {+ range}, table {+ by}, text {text}; all with a size.
 */
export function makeTile({ kind, metric, labels = {}, range, by, text, size = DEFAULT_SIZE }) {
  if (kind === 'text') {
    const texts = typeof text === 'string' ? { en: text } : Object.fromEntries(
      Object.entries(text || {}).filter(([, value]) => value));
    return { kind, text: texts, size };
  }
  const clean = Object.fromEntries(Object.entries(labels).filter(([, value]) => value));
  const tile = { kind, metric, labels: clean, size };
  if (kind === 'chart') {
    tile.range = range || DEFAULT_RANGE;
  }
  if (kind === 'table') {
    tile.by = by;
    if (clean[by] !== undefined && clean[by] !== ANY) {
      delete tile.labels[by];
    }
  }
  return tile;
}

/**
 * What a save sends: the board without the fields the server sets (version, updated_at,
 * generated) and with empty texts left out.
 */
export function boardForSave(board) {
  const out = copy(board);
  delete out.version;
  delete out.updated_at;
  delete out.generated;
  delete out.tiles;
  out.title = Object.fromEntries(Object.entries(typeof out.title === 'string' ? { en: out.title } : out.title || {})
    .filter(([, value]) => value));
  return out;
}

/**
 * What stops a save, as message keys with their values ([{key, params}]); empty when none. The
 * server checks again (metric ids, label keys) and answers 422 with pointers.
 */
export function draftProblems(board) {
  const problems = [];
  if (!ID_PATTERN.test(board.id || '')) {
    problems.push({ key: 'editBadId', params: { id: board.id || '' } });
  }
  if (!board.title || !(typeof board.title === 'string' ? board.title : board.title.en)) {
    problems.push({ key: 'editNeedTitle', params: {} });
  }
  if (board.sections.length > MAX_SECTIONS) {
    problems.push({ key: 'editTooManySections', params: { max: MAX_SECTIONS } });
  }
  if (boardTileCount(board) > MAX_TILES) {
    problems.push({ key: 'editTooManyTiles', params: { max: MAX_TILES } });
  }
  board.sections.forEach((section) => section.tiles.forEach((tile) => {
    const texts = typeof tile.text === 'string' ? [tile.text] : Object.values(tile.text || {});
    if (tile.kind === 'text' && (!texts.length || texts.some((text) => text.length > MAX_TEXT))) {
      problems.push({ key: 'editBadText', params: { max: MAX_TEXT } });
    }
  }));
  return problems;
}
