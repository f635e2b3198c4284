// The sessions page: API key (kept in localStorage), my sessions, create, open, end, and
// share/takeover links. Every call to the control plane goes through api.js.

import { ApiError, SessionsApi } from './api.js';
import { SessionTable } from './session-table.js';

const KEY_STORAGE = 'cloudbrowser.apiKey';
const REFRESH_MS = 5000;
const byId = (id) => document.getElementById(id);

const page = { api: null, table: null, timer: null };

function start() {
  page.table = new SessionTable(byId('session-rows'), onRowAction);
  byId('key-form').addEventListener('submit', onSaveKey);
  byId('forget-key').addEventListener('click', forgetKey);
  byId('create-form').addEventListener('submit', onCreate);
  byId('refresh').addEventListener('click', refresh);
  useKey(localStorage.getItem(KEY_STORAGE));
}

function onSaveKey(e) {
  e.preventDefault();
  const key = byId('api-key').value.trim();
  if (!key) return;
  localStorage.setItem(KEY_STORAGE, key);
  byId('api-key').value = '';
  useKey(key);
}

function forgetKey() {
  localStorage.removeItem(KEY_STORAGE);
  useKey(null);
  byId('api-key').focus();
}

function useKey(key) {
  page.api = key ? new SessionsApi(key) : null;
  byId('key-state').textContent = key ? `Using the API key ending in ${key.slice(-4)}, kept in this browser.` : 'No API key yet.';
  byId('forget-key').hidden = !key;
  byId('signed-in').hidden = !key;
  clearInterval(page.timer);
  page.table.render([], Date.now());
  if (key) {
    refresh();
    page.timer = setInterval(() => document.visibilityState === 'visible' && refresh(), REFRESH_MS);
  }
}

async function refresh() {
  if (!page.api) return;
  try {
    const sessions = await page.api.listSessions();
    page.table.render(sessions, Date.now());
    byId('empty').hidden = sessions.length > 0;
    showError(null);
  } catch (e) {
    showError(e);
  }
}

async function onCreate(e) {
  e.preventDefault();
  const form = new FormData(e.target);
  const request = {
    viewport: { w: Number(form.get('width')), h: Number(form.get('height')) },
    ttlSeconds: Number(form.get('ttl')),
  };
  byId('create-status').textContent = 'Starting a browser...';
  try {
    const session = await page.api.createSession(request);
    byId('create-status').textContent = `Session ${session.id} is ${session.status}.`;
    await refresh();
  } catch (err) {
    byId('create-status').textContent = '';
    showError(err);
  }
}

function onRowAction(action, id) {
  const actions = {
    open: () => openViewer(id),
    share: () => copyLink(id, 'viewer', 'View-only link'),
    takeover: () => copyLink(id, 'controller', 'Takeover link'),
    end: () => endSession(id),
  };
  actions[action]().catch(showError);
}

/** The tab opens now, inside the click, so popup blockers allow it; the link follows. */
async function openViewer(id) {
  const tab = window.open('', '_blank');
  try {
    const url = await page.api.viewerLink(id, 'controller');
    if (!tab) {
      location.assign(url);
      return;
    }
    tab.opener = null;
    tab.location.replace(url);
  } catch (e) {
    tab?.close();
    throw e;
  }
}

async function copyLink(id, role, label) {
  const url = await page.api.viewerLink(id, role);
  const output = byId('link-output');
  byId('link-label').textContent = `${label} for ${id}`;
  byId('link').value = url;
  output.hidden = false;
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch {
    byId('link').select(); // clipboard refused (no permission): leave it ready to copy by hand
  }
  byId('link-status').textContent = copied ? 'Copied to the clipboard.' : 'Select and copy the link above.';
}

async function endSession(id) {
  await page.api.endSession(id);
  await refresh();
}

function showError(error) {
  const box = byId('error');
  if (error === null) {
    box.hidden = true;
    return;
  }
  const refused = error instanceof ApiError && error.status === 401;
  box.textContent = refused ? 'The control plane refused this API key. Enter another one.' : describe(error);
  box.hidden = false;
}

function describe(error) {
  if (!(error instanceof ApiError)) return `Could not reach the control plane: ${error.message}`;
  const field = error.field ? ` (field: ${error.field})` : '';
  return `${error.code}: ${error.message}${field}`;
}

start();
