import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LinkError, buildViewerUrl, normalizeTypedUrl, parseViewerFragment, socketUrl } from '../../main/resources/web/links.js';

const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJzaWQiOiJzLTEifQ.c2ln-_';

test('fragment: build and parse round-trip an absolute ws URL with its own query', () => {
  const ws = 'wss://cp.example:8443/api/sessions/s-1/ws?x=1&y=2';
  const link = buildViewerUrl(ws, JWT);
  assert.ok(link.startsWith('viewer.html#ws=wss%3A%2F%2Fcp.example'));
  assert.deepEqual(parseViewerFragment(link.slice(link.indexOf('#'))), { ws, token: JWT });
});

test('fragment: ws defaults to /ws on the page origin', () => {
  assert.deepEqual(parseViewerFragment(`#token=${JWT}`), { ws: '/ws', token: JWT });
});

test('fragment: no token is a named error', () => {
  assert.throws(() => parseViewerFragment('#ws=%2Fws'), (e) => e instanceof LinkError && e.code === 'missing_token');
  assert.throws(() => parseViewerFragment(''), LinkError);
});

test('socket url: relative paths resolve against the page, http becomes ws', () => {
  assert.equal(socketUrl('/api/sessions/s-1/ws', JWT, 'http://127.0.0.1:8080/viewer.html'),
    `ws://127.0.0.1:8080/api/sessions/s-1/ws?token=${JWT}`);
  assert.equal(socketUrl('/ws', JWT, 'https://cp.example/viewer.html'), `wss://cp.example/ws?token=${JWT}`);
});

test('socket url: absolute ws and wss stay, other query parameters are kept', () => {
  assert.equal(socketUrl('ws://127.0.0.1:3000/ws?a=1', 't', 'http://x/'), 'ws://127.0.0.1:3000/ws?a=1&token=t');
  assert.equal(socketUrl('wss://h/ws', 't', 'http://x/'), 'wss://h/ws?token=t');
});

test('socket url: other schemes are a named error', () => {
  assert.throws(() => socketUrl('javascript:alert(1)', 't', 'http://x/'), (e) => e.code === 'bad_ws_url');
  assert.throws(() => socketUrl('ftp://h/ws', 't', 'http://x/'), (e) => e.code === 'bad_ws_url');
});

test('typed url: bare hosts get a scheme, loopback gets http', () => {
  assert.equal(normalizeTypedUrl(' example.com/a '), 'https://example.com/a');
  assert.equal(normalizeTypedUrl('localhost:8080/x'), 'http://localhost:8080/x');
  assert.equal(normalizeTypedUrl('127.0.0.1:5000'), 'http://127.0.0.1:5000');
  assert.equal(normalizeTypedUrl('http://a.b/'), 'http://a.b/');
  assert.equal(normalizeTypedUrl('about:blank'), 'about:blank');
  assert.equal(normalizeTypedUrl('data:text/html,hi'), 'data:text/html,hi');
  assert.equal(normalizeTypedUrl('   '), null);
});
