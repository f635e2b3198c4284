// The viewer's address format and URL helpers. The viewer reads its WebSocket URL and token
// from the page's fragment because fragments never reach servers, proxies or access logs:
//
//   viewer.html#ws=<encodeURIComponent(ws url)>&token=<jwt>
//
// `ws` may be absolute (ws://, wss://, http://, https://) or relative to the page (e.g.
// /api/sessions/s-1/ws); it defaults to /ws on the page's origin (browserd serving the viewer).

export const DEFAULT_WS_PATH = '/ws';

export class LinkError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'LinkError';
    this.code = code;
  }
}

/** Reads {ws, token} from a location hash ("#ws=...&token=..."). */
export function parseViewerFragment(hash) {
  const params = new URLSearchParams(String(hash).replace(/^#/, ''));
  const token = params.get('token');
  if (!token) throw new LinkError('missing_token', 'The viewer link has no token (expected #ws=...&token=...).');
  return { ws: params.get('ws') || DEFAULT_WS_PATH, token };
}

/** A viewer link for a WebSocket URL and token, relative to `viewerPage` (default viewer.html). */
export function buildViewerUrl(ws, token, viewerPage = 'viewer.html') {
  const fragment = new URLSearchParams({ ws, token }).toString();
  return `${viewerPage}#${fragment}`;
}

/**
 * The URL the browser connects to: `ws` resolved against the page, http(s) turned into ws(s),
 * and the token as ?token= because browsers cannot set headers on a WebSocket.
 */
export function socketUrl(ws, token, pageHref) {
  let url;
  try {
    url = new URL(ws, pageHref);
  } catch {
    throw new LinkError('bad_ws_url', `Not a WebSocket URL: ${ws}`);
  }
  const schemes = { 'http:': 'ws:', 'https:': 'wss:', 'ws:': 'ws:', 'wss:': 'wss:' };
  if (!schemes[url.protocol]) throw new LinkError('bad_ws_url', `Not a WebSocket URL: ${ws}`);
  url.protocol = schemes[url.protocol];
  url.searchParams.set('token', token);
  return url.href;
}

/**
 * What the user typed in the URL bar -> a URL to navigate to. A bare host gets https://,
 * except loopback hosts (development servers rarely speak TLS), which get http://.
 */
export function normalizeTypedUrl(typed) {
  const text = String(typed).trim();
  if (text === '') return null;
  if (/^(https?:\/\/|about:|data:)/i.test(text)) return text;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/i.test(text);
  return (loopback ? 'http://' : 'https://') + text;
}
