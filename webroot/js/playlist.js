// TV playlists: `?kiosk=1&boards=a,b,c&rotate=30s`, in the query or in the fragment's query (the
// form TV links use). Pure: no DOM, no timers.
import { durationMs } from './format.js';
import { ID_PATTERN } from './board.js';

export const DEFAULT_ROTATE_MS = 30000;
/** Shorter rotations are raised to this: a board needs a moment to be read (and to load). */
export const MIN_ROTATE_MS = 5000;

/** '30s', '2m', '1h', '45' (seconds) or an ISO-8601 duration ('PT1M') in ms; null when it is none. */
export function parseRotate(text) {
  const raw = String(text || '').trim().toLowerCase();
  const simple = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(raw);
  if (simple) {
    const unit = { s: 1000, m: 60000, h: 3600000 }[simple[2] || 's'];
    return Math.round(Number(simple[1]) * unit);
  }
  return durationMs(raw);
}

function fragmentQuery(hash) {
  const raw = String(hash || '');
  return raw.includes('?') ? raw.slice(raw.indexOf('?') + 1) : '';
}

/**
 * The playlist a page address asks for: {boards: ['a','b'], rotateMs} or null when it names no
 * board. Unknown-looking ids are dropped; the fragment wins over the query.
 */
export function parsePlaylist(search, hash) {
  const fromHash = new URLSearchParams(fragmentQuery(hash));
  const fromSearch = new URLSearchParams(search);
  const params = fromHash.has('boards') ? fromHash : fromSearch;
  const boards = String(params.get('boards') || '').split(',').map((id) => id.trim())
    .filter((id) => ID_PATTERN.test(id));
  if (!boards.length) {
    return null;
  }
  const rotate = parseRotate(params.get('rotate'));
  return { boards: [...new Set(boards)], rotateMs: Math.max(MIN_ROTATE_MS, rotate || DEFAULT_ROTATE_MS) };
}

/** The query part of a playlist's link: 'boards=a,b&rotate=30s'. */
export function playlistQuery(boards, rotate) {
  return `boards=${boards.map(encodeURIComponent).join(',')}&rotate=${encodeURIComponent(rotate)}`;
}
