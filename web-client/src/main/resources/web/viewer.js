// The live viewer page: wires the connection, the canvas, input, toolbar, takeover banner and
// status bar together. Address format: viewer.html#ws=<encoded ws url>&token=<jwt> (links.js).

import { FrameView } from './canvas.js';
import { canDrive } from './control.js';
import { ViewerConnection } from './connection.js';
import { DevPanel } from './devtools.js';
import { HandoffBanner } from './handoff.js';
import { KeyboardInput } from './keyboard.js';
import { parseViewerFragment, socketUrl } from './links.js';
import { errorText } from './messages.js';
import { MouseInput } from './mouse.js';
import { ViewerStats } from './stats.js';
import { StatusBar } from './statusbar.js';
import { TakeoverBanner } from './takeover.js';
import { Toolbar } from './toolbar.js';

const NOTICE_MS = 6000;
const byId = (id) => document.getElementById(id);
const canvas = byId('screen');

function start() {
  let link;
  try {
    link = parseViewerFragment(location.hash);
    link.url = socketUrl(link.ws, link.token, location.href);
  } catch (e) {
    byId('overlay').textContent = e.message;
    return;
  }
  const page = { live: false, role: null };
  const stats = new ViewerStats();
  const status = new StatusBar(statusElements(), stats);
  const view = new FrameView(canvas, (header) => {
    stats.onFrameDrawn(header.seq, performance.now());
    status.onFrameDrawn();
  });
  const connection = new ViewerConnection(link.url, {
    onState: (state, detail) => onState(page, state, detail),
    onReady: (ready) => onReady(page, ready),
    onFrame: (frame) => view.present(frame),
    onEvent: (name, data) => onEvent(page, name, data),
    onPong: (sentAt, now) => stats.onPong(sentAt, now),
  });
  Object.assign(page, { stats, status, view, connection });
  page.handoff = new HandoffBanner(handoffElements(), () => page.takeover.take());
  page.takeover = new TakeoverBanner(takeoverElements(), connection, (view) => {
    renderRole(page);
    page.handoff.render(view);
  });
  const gate = inputGate(page);
  page.dev = new DevPanel(devElements(), connection, gate);
  page.toolbar = new Toolbar(toolbarElements(), connection, gate);
  new MouseInput(canvas, view, gate);
  new KeyboardInput(canvas, gate);
  addEventListener('hashchange', () => location.reload()); // a new link pasted into this tab
  addEventListener('pagehide', () => connection.close());
  connection.connect();
}

/** What input, commands and the toolbar ask before sending anything. */
function inputGate(page) {
  return {
    send: (message) => page.connection.send(message),
    canDrive: () => page.role === 'controller' && canDrive(page.live, page.takeover.view),
    onRefused: () => {
      if (page.role === 'viewer') return; // a view-only page has nothing to explain
      notify(page.live ? errorText('control_held') : errorText('disconnected'));
    },
    onLeave: () => byId('url').focus(),
    onNotice: notify,
    notify,
    focusPage: () => canvas.focus(),
  };
}

function onState(page, state, detail) {
  page.live = state === 'live';
  if (!page.live) page.stats.newStream();
  page.status.onState(state, detail);
}

function onReady(page, ready) {
  page.role = ready.role;
  page.view.setViewport(ready.viewport);
  page.handoff.onReady(ready);
  page.takeover.onReady(ready);
  if (ready.role === 'controller') page.toolbar.onReady();
}

function onEvent(page, name, data) {
  if (name === 'control') page.takeover.onControl(data);
  else if (name === 'navigated') page.toolbar.showPage(data);
  else if (name === 'handoff_requested') page.handoff.onRequested(data);
  else if (name === 'handoff_ended') page.handoff.onEnded(data);
  else if (name === 'error') notify(errorText(data.code, data.message));
}

/** A view-only page shows no controls at all; a controller page shows them all. */
function renderRole(page) {
  const viewOnly = page.role === 'viewer';
  byId('toolbar').hidden = viewOnly;
  byId('dev').hidden = viewOnly;
  document.body.dataset.role = page.role ?? '';
  canvas.setAttribute('aria-label', viewOnly
    ? 'Remote browser page, view only'
    : 'Remote browser page: click and type to use it');
  byId('screen-help').hidden = viewOnly;
}

let noticeTimer = null;
function notify(text) {
  const notice = byId('notice');
  notice.textContent = text;
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { notice.hidden = true; }, NOTICE_MS);
}

const statusElements = () => ({ state: byId('conn-state'), fps: byId('fps'), rtt: byId('rtt'), dropped: byId('dropped'), overlay: byId('overlay') });
const takeoverElements = () => ({ banner: byId('control-banner'), text: byId('control-text'), take: byId('take'), release: byId('release') });
const handoffElements = () => ({ banner: byId('handoff-banner'), text: byId('handoff-text'), take: byId('handoff-take') });
const devElements = () => ({ form: byId('dev-form'), method: byId('dev-method'), params: byId('dev-params'), result: byId('dev-result'), refresh: byId('dev-refresh'), snapshot: byId('dev-snapshot'), refs: byId('dev-refs') });
const toolbarElements = () => ({ back: byId('back'), forward: byId('forward'), reload: byId('reload'), form: byId('url-form'), url: byId('url') });

start();
