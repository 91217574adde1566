// Reads from the REST API with the kept token (a 401 or 403 asks for a new one); creates TV
// tokens; reads and writes boards (a write with If-Match: a stale version answers 412).

/** An error answer of the API (problem+json), with its status. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

/** The ApiError of a failed response, with the problem's detail when it has one. */
async function problemOf(response) {
  let detail = response.statusText;
  try {
    const problem = await response.json();
    detail = problem.detail || problem.title || detail;
  } catch {
    // not a problem document; keep the status text
  }
  return new ApiError(response.status, detail);
}

/**
 * Creates a token with an admin token (POST tokens): resolves with the answer, which holds the
 * secret once as `token`; rejects with an ApiError.
 */
export async function createToken({ adminToken, name, scopes, base = 'api/v1/' }) {
  const response = await fetch(`${base}tokens`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ name, scopes }),
    cache: 'no-store'
  });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.json();
}

/**
 * A client for the API under api/v1 (reads, and CSV imports). `getToken` returns the current token (or null);
 * `askToken(rejected)` is called on 401/403 and resolves with a new token to retry with.
 */
export function createApi({ getToken, askToken, base = 'api/v1/' }) {
  async function request(path, accept = 'application/json', { ask = true } = {}) {
    for (;;) {
      const headers = { Accept: accept };
      const token = getToken();
      if (token) {
        headers.Authorization = `Bearer ${token}`;
      }
      const response = await fetch(base + path, { headers, cache: 'no-store' });
      if ((response.status === 401 || response.status === 403) && ask) {
        await askToken(Boolean(token));
        continue;
      }
      if (!response.ok) {
        throw await problemOf(response);
      }
      return accept === 'text/csv' ? response.text() : response.json();
    }
  }

  /** One upload with XMLHttpRequest (fetch reports no upload progress): resolves with status and JSON body. */
  function upload(file, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${base}points`);
      xhr.setRequestHeader('Content-Type', 'text/csv; charset=utf-8');
      const token = getToken();
      if (token) {
        xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      }
      xhr.responseType = 'json';
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) {
          onProgress(event.loaded / event.total);
        }
      });
      xhr.addEventListener('load', () => resolve({ status: xhr.status, body: xhr.response || {}, token }));
      xhr.addEventListener('error', () => reject(new ApiError(0, 'the upload failed (network)')));
      xhr.send(file);
    });
  }

  /**
   * POSTs a CSV file to api/v1/points with upload progress (0..1). Resolves with the result;
   * rejects with an ApiError carrying the problem's `errors` (row and column of each fault).
   */
  async function importCsv(file, onProgress) {
    // Writes always need a token: ask first rather than send a large file once only to hear 401.
    if (!getToken()) {
      await askToken(false);
    }
    for (;;) {
      const { status, body, token } = await upload(file, onProgress);
      if (status === 401 || status === 403) {
        await askToken(Boolean(token));
        continue;
      }
      if (status !== 200) {
        const error = new ApiError(status, body.detail || body.title);
        error.errors = body.errors || [];
        throw error;
      }
      return body;
    }
  }

  /**
   * A write of the boards API with the current token, never asking for another (an editor asks
   * for an admin token itself): resolves with the JSON answer, or null for 204; rejects with an
   * ApiError (412 when `version` is stale, or when `create` and the resource exists).
   */
  async function write(method, path, body, version, create = false) {
    const headers = { Accept: 'application/json' };
    const token = getToken();
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (version !== undefined && version !== null) {
      headers['If-Match'] = `"${version}"`;
    }
    if (create) {
      headers['If-None-Match'] = '*';
    }
    const response = await fetch(base + path, {
      method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body)
    });
    if (!response.ok) {
      const error = await problemOf(response);
      throw error;
    }
    return response.status === 204 ? null : response.json();
  }

  /** Whether the current token (or `candidate`) is an admin's (it may list tokens); never asks for one. */
  async function isAdmin(candidate) {
    const token = candidate || getToken();
    if (!token) {
      return false;
    }
    try {
      const response = await fetch(`${base}tokens`, {
        headers: { Accept: 'application/json', Authorization: `Bearer ${token}` }, cache: 'no-store'
      });
      return response.ok;
    } catch {
      return false;
    }
  }

  return {
    importCsv,
    isAdmin,
    boards: () => request('boards'),
    board: (id) => request(`boards/${encodeURIComponent(id)}`),
    /**
     * PUTs a whole board; with `version`, only over that version (If-Match); with `create`, only
     * when no board has that id (If-None-Match: *).
     */
    putBoard: (id, board, version, { create = false } = {}) =>
      write('PUT', `boards/${encodeURIComponent(id)}`, board, version, create),
    deleteBoard: (id, version) => write('DELETE', `boards/${encodeURIComponent(id)}`, undefined, version),
    metrics: (params = {}) => request(`metrics?${new URLSearchParams(params)}`),
    points: (id, params) => request(`metrics/${encodeURIComponent(id)}/points?${new URLSearchParams(params)}`),
    pointsCsv: (id, params) => request(`metrics/${encodeURIComponent(id)}/points?${new URLSearchParams(params)}`, 'text/csv'),
    annotations: (params) => request(`annotations?${new URLSearchParams(params)}`),
    // Alerts are for read and admin tokens: another token (a board's) does not ask for one, it shows none.
    alerts: (params) => request(`alerts?${new URLSearchParams(params)}`, 'application/json', { ask: false })
  };
}
