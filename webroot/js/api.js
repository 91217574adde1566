// Reads from the REST API with the kept token (a 401 or 403 asks for a new one); creates TV tokens.

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
 * A client for GET requests under api/v1. `getToken` returns the current token (or null);
 * `askToken(rejected)` is called on 401/403 and resolves with a new token to retry with.
 */
export function createApi({ getToken, askToken, base = 'api/v1/' }) {
  async function request(path, accept = 'application/json') {
    for (;;) {
      const headers = { Accept: accept };
      const token = getToken();
      if (token) {
        headers.Authorization = `Bearer ${token}`;
      }
      const response = await fetch(base + path, { headers, cache: 'no-store' });
      if (response.status === 401 || response.status === 403) {
        await askToken(Boolean(token));
        continue;
      }
      if (!response.ok) {
        throw await problemOf(response);
      }
      return accept === 'text/csv' ? response.text() : response.json();
    }
  }

  return {
    metrics: (params = {}) => request(`metrics?${new URLSearchParams(params)}`),
    points: (id, params) => request(`metrics/${encodeURIComponent(id)}/points?${new URLSearchParams(params)}`),
    pointsCsv: (id, params) => request(`metrics/${encodeURIComponent(id)}/points?${new URLSearchParams(params)}`, 'text/csv'),
    annotations: (params) => request(`annotations?${new URLSearchParams(params)}`)
  };
}
