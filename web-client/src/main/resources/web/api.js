// The control plane's sessions API (issue 3), in one place so its shapes are easy to adjust.
// Errors arrive as {"error":{"code","message","field?"}} and become ApiError.

import { buildViewerUrl } from './links.js';

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message || code);
    this.name = 'ApiError';
    Object.assign(this, { status, code, field });
  }
}

export class SessionsApi {
  /** `baseUrl` is the page's own origin by default: the control plane serves this page. */
  constructor(apiKey, { baseUrl = location.origin, fetchImpl = fetch.bind(globalThis) } = {}) {
    Object.assign(this, { apiKey, baseUrl, fetchImpl });
  }

  /** The caller's sessions, newest first (first page). */
  async listSessions() {
    const body = await this.request('GET', '/api/sessions');
    return Array.isArray(body) ? body : (body.sessions ?? body.items ?? []);
  }

  createSession({ viewport, ttlSeconds }) {
    return this.request('POST', '/api/sessions', { viewport, ttlSeconds });
  }

  /** Idempotent on the server: ending an ended session is not an error. */
  endSession(id) {
    return this.request('DELETE', `/api/sessions/${encodeURIComponent(id)}`);
  }

  /** A link for a second person: role "viewer" (share, view only) or "controller" (takeover). */
  async viewerLink(id, role) {
    const minted = await this.request('POST', `/api/sessions/${encodeURIComponent(id)}/tokens`, { role });
    const relative = minted.viewerUrl ?? buildViewerUrl(minted.wsUrl ?? `/api/sessions/${id}/ws`, minted.token);
    return new URL(relative, location.href).href;
  }

  /** The caller's jobs, newest first (first page). */
  async listJobs() {
    const body = await this.request('GET', '/api/jobs?limit=50');
    return body.jobs ?? [];
  }

  /** A screenshot job: 202 with the queued job. */
  submitScreenshot(url) {
    return this.request('POST', '/api/jobs', { type: 'screenshot', url });
  }

  /** A job's log, oldest first (up to 500 lines). */
  async jobLog(id) {
    const body = await this.request('GET', `/api/jobs/${encodeURIComponent(id)}/logs?limit=500`);
    return body.events ?? [];
  }

  async request(method, path, body) {
    const headers = { Authorization: `Bearer ${this.apiKey}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.fetchImpl(this.baseUrl + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? parseJson(text) : null;
    if (!response.ok) {
      const error = json?.error ?? {};
      throw new ApiError(response.status, error.code ?? `http_${response.status}`, error.message ?? response.statusText, error.field);
    }
    return json ?? {};
  }
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
