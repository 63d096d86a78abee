// The public API, as any client calls it: a bearer token from POST /api/auth/signin, problem+json errors.
const KEY = 'relais.session';

export const session = {
  get() {
    try {
      return JSON.parse(sessionStorage.getItem(KEY));
    } catch {
      return null;
    }
  },
  set(tokens) {
    const claims = JSON.parse(atob(tokens.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    const value = { token: tokens.access_token, refresh: tokens.refresh_token, user: claims.preferred_username, roles: claims.roles || [] };
    sessionStorage.setItem(KEY, JSON.stringify(value));
    return value;
  },
  clear() {
    sessionStorage.removeItem(KEY);
  },
  has(...roles) {
    const s = this.get();
    return !!s && roles.some((r) => s.roles.includes(r));
  },
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) ? problem.detail || problem.title : `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function refreshed() {
  const s = session.get();
  if (!s || !s.refresh) return false;
  const r = await fetch('/api/auth/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: s.refresh }) });
  if (!r.ok) return false;
  session.set(await r.json());
  return true;
}

/** fetch with the caller's token; JSON in and out unless told otherwise; a 401 tries the refresh token once. */
export async function api(path, { method = 'GET', body, type = 'application/json', accept = 'application/json', retry = true } = {}) {
  const headers = { Accept: accept };
  const s = session.get();
  if (s) headers.Authorization = `Bearer ${s.token}`;
  if (body !== undefined) headers['Content-Type'] = type;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body });
  if (response.status === 401 && retry && s && await refreshed()) return api(path, { method, body, type, accept, retry: false });
  const text = await response.text();
  const data = text && (response.headers.get('Content-Type') || '').includes('json') ? JSON.parse(text) : text;
  if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : { detail: data });
  return data;
}
