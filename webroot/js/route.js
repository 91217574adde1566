// Which view the address asks for, and the time ranges of the detail view. Pure: no DOM.
import { GENERATED_ID, ID_SYNTAX } from './board.js';

const BOARD_PATH = new RegExp(`^/boards/(${ID_SYNTAX})/?$`);
const DAY_MS = 86400000;

export const RANGES = [
  { id: '30d', key: 'range30d', ms: 30 * DAY_MS },
  { id: '1y', key: 'range1y', ms: 365 * DAY_MS },
  { id: 'all', key: 'rangeAll', ms: null }
];

/**
 * '#/metrics/weekly_users?range=1y' → {view: 'metric', id: 'weekly_users', range: '1y'};
 * '#/boards/korea-launch' → {view: 'board', id: 'korea-launch'}; anything else is the dashboard
 * (the generated board).
 */
export function parseRoute(hash) {
  const [path, query = ''] = String(hash || '').replace(/^#/, '').split('?');
  const board = BOARD_PATH.exec(path);
  if (board) {
    return { view: 'board', id: board[1] };
  }
  const match = /^\/metrics\/([a-z][a-z0-9_]{0,62})\/?$/.exec(path);
  if (!match) {
    return { view: 'dashboard' };
  }
  const range = new URLSearchParams(query).get('range');
  return { view: 'metric', id: match[1], range: RANGES.some((r) => r.id === range) ? range : '1y' };
}

/** The address of a metric's detail view. */
export function metricHref(id, range) {
  return `#/metrics/${id}${range && range !== '1y' ? `?range=${range}` : ''}`;
}

/**
 * Where a range starts (ms) when it ends at `end` (ms), or null for 'all'. A range ends at the
 * metric's newest point, so a metric updated rarely still shows its last month or year.
 */
export function rangeFrom(rangeId, end) {
  const range = RANGES.find((r) => r.id === rangeId) || RANGES[1];
  return range.ms === null ? null : end - range.ms;
}

/** The address of a board: '#/boards/korea-launch'; the generated board is '#/'. */
export function boardHref(id) {
  return !id || id === GENERATED_ID ? '#/' : `#/boards/${encodeURIComponent(id)}`;
}
