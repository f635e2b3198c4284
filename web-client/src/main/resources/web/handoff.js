// An agent asked for a person (`handoff_requested`): shown prominently until it ends, with a
// "Take control" button; taking control pauses the agent, "Hand back" in the control banner answers it.

export class HandoffBanner {
  constructor(elements, takeControl) {
    Object.assign(this, { elements });
    this.pending = new Map();
    this.role = null;
    elements.take.addEventListener('click', () => takeControl());
  }

  onReady(ready) {
    this.role = ready.role;
    this.pending.clear(); // browserd tells a joining connection what still waits
    this.render();
  }

  onRequested(data) {
    this.pending.set(data.id, data);
    this.render();
  }

  onEnded(data) {
    this.pending.delete(data.id);
    this.render();
  }

  /** `control` = the banner's view: once this page holds control, the request is being answered. */
  render(controlView) {
    const { banner, text, take } = this.elements;
    const latest = [...this.pending.values()].pop();
    banner.hidden = !latest;
    if (!latest) return;
    text.textContent = `${latest.by} asks for a person: ${latest.reason}`;
    const mine = controlView?.kind === 'you';
    take.hidden = this.role !== 'controller' || mine;
    banner.dataset.state = mine ? 'answering' : 'waiting';
  }
}
