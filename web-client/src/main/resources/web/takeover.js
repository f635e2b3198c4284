// The takeover banner: who has control, and the "Take control" / "Hand back" buttons.
// Holding the lease is remembered across reconnects: a person who took over a running agent
// gets control back when the socket comes back, instead of silently handing it to the agent.

import { describeControl } from './control.js';

export class TakeoverBanner {
  constructor(elements, connection, onChange) {
    Object.assign(this, { elements, connection, onChange });
    this.role = null;
    this.myConnectionId = null;
    this.control = { holder: null, sub: null };
    this.wantControl = false;
    this.view = describeControl(null, this.control, null);
    elements.take.addEventListener('click', () => this.take());
    elements.release.addEventListener('click', () => this.release());
  }

  onReady(ready) {
    this.role = ready.role;
    this.myConnectionId = ready.connectionId ?? null;
    this.control = { holder: null, sub: null }; // browserd sends the current `control` right after
    if (this.wantControl && this.role === 'controller') this.connection.send({ type: 'control', action: 'take' });
    this.render();
  }

  onControl(control) {
    this.control = control;
    this.render();
  }

  take() {
    this.wantControl = true;
    this.connection.send({ type: 'control', action: 'take' });
  }

  release() {
    this.wantControl = false;
    this.connection.send({ type: 'control', action: 'release' });
  }

  render() {
    this.view = describeControl(this.role, this.control, this.myConnectionId);
    const { banner, text, take, release } = this.elements;
    banner.dataset.control = this.view.kind;
    text.textContent = this.view.text;
    take.hidden = !this.view.canTake;
    release.hidden = !this.view.canRelease;
    this.onChange(this.view);
  }
}
