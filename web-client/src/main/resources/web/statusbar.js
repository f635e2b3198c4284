// The status bar (connection state, fps, round-trip time, dropped frames) and the overlay that
// covers the canvas until frames flow. Only the state line is a live region: numbers that change
// twice a second would drown a screen reader.

import { endedText } from './messages.js';

const REFRESH_MS = 500;

export class StatusBar {
  constructor(elements, stats) {
    Object.assign(this, { elements, stats });
    this.state = 'connecting';
    this.framesFlowing = false;
    setInterval(() => this.renderNumbers(), REFRESH_MS);
  }

  onState(state, detail) {
    this.state = state;
    if (state !== 'live') this.framesFlowing = false;
    const text = stateText(state, detail);
    this.elements.state.dataset.state = state;
    this.elements.state.textContent = text;
    this.elements.overlay.textContent = text;
    this.renderOverlay();
  }

  onFrameDrawn() {
    if (this.framesFlowing || this.state !== 'live') return;
    this.framesFlowing = true;
    this.renderOverlay();
  }

  renderOverlay() {
    this.elements.overlay.hidden = this.framesFlowing;
  }

  renderNumbers() {
    const { fps, rtt, dropped } = this.elements;
    fps.textContent = `${Math.round(this.stats.fps(performance.now()))} fps`;
    rtt.textContent = this.stats.rttMs === null ? 'RTT -' : `RTT ${Math.round(this.stats.rttMs)} ms`;
    dropped.textContent = `${this.stats.dropped} dropped`;
  }
}

function stateText(state, detail) {
  switch (state) {
    case 'connecting': return detail.attempt > 0 ? `Reconnecting (attempt ${detail.attempt})...` : 'Connecting...';
    case 'live': return detail.role === 'viewer' ? 'Live (view only)' : 'Live';
    case 'reconnecting': return `Connection lost; reconnecting in ${Math.ceil(detail.delayMs / 1000)} s...`;
    case 'ended': return endedText(detail.reason);
    default: return 'Disconnected.';
  }
}
