// TV and share links: a token carried in the address's fragment as `key=`, which browsers never
// send to servers (nor to proxies or their logs). Pure: no DOM, no storage.
const KEY = 'key';

/**
 * Splits a fragment such as '#/boards/korea-launch?kiosk=1&key=pb_…' into its key and the same
 * fragment without it ('#/boards/korea-launch?kiosk=1'). Without a key, key is null and the
 * fragment comes back unchanged.
 */
export function takeKey(hash) {
  const raw = String(hash || '');
  const start = raw.indexOf('?');
  if (start < 0) {
    return { key: null, hash: raw };
  }
  const params = new URLSearchParams(raw.slice(start + 1));
  if (!params.has(KEY)) {
    return { key: null, hash: raw };
  }
  const key = params.get(KEY).trim();
  // The other parameters stay as written (a playlist's 'boards=a,b' keeps its commas).
  const rest = raw.slice(start + 1).split('&').filter((part) => part && part.split('=')[0] !== KEY).join('&');
  return { key: key || null, hash: raw.slice(0, start) + (rest ? `?${rest}` : '') };
}

/** Whether kiosk mode is asked for: `kiosk=1` in the query or in the fragment's query. */
export function isKiosk(search, hash) {
  const raw = String(hash || '');
  const fragmentQuery = raw.includes('?') ? raw.slice(raw.indexOf('?') + 1) : '';
  return new URLSearchParams(search).get('kiosk') === '1' || new URLSearchParams(fragmentQuery).get('kiosk') === '1';
}

/**
 * The TV link for a token: this page's address with kiosk on and the key in the fragment, for
 * the whole dashboard, one board (given its id) or a playlist ({boards: [ids], rotate: '30s'}),
 * which cycles through its boards.
 */
export function tvLink(pageUrl, token, target) {
  const base = String(pageUrl).split('#')[0];
  if (target && typeof target === 'object' && target.boards && target.boards.length) {
    const boards = target.boards.map(encodeURIComponent).join(',');
    return `${base}#/?kiosk=1&boards=${boards}&rotate=${encodeURIComponent(target.rotate || '30s')}&${KEY}=${encodeURIComponent(token)}`;
  }
  const board = typeof target === 'string' && target !== 'all' ? target : null;
  const path = board ? `#/boards/${encodeURIComponent(board)}` : '#/';
  return `${base}${path}?kiosk=1&${KEY}=${encodeURIComponent(token)}`;
}
