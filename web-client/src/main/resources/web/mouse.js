// Mouse, pen and touch on the canvas -> browserd `input` messages in the drawn image's space.
// Moves and wheel turns are coalesced to one message per animation frame; presses and releases
// go at once, after any pending move, so the remote page sees them in order.

import { ClickCounter } from './clicks.js';
import { toSurface } from './geometry.js';
import { modifiersOf } from './keys.js';

const BUTTONS = ['left', 'middle', 'right'];
const BUTTON_BITS = [1, 4, 2]; // PointerEvent.buttons bit of left, middle, right
const WHEEL_LINE_PX = 40;

export class MouseInput {
  /** `input` = {send(message), canDrive(), onRefused()}; `view` gives the image rectangle. */
  constructor(canvas, view, input) {
    Object.assign(this, { canvas, view, input });
    this.clicks = new ClickCounter();
    this.pressed = new Set();
    this.pendingMove = null;
    this.pendingWheel = null;
    this.flushScheduled = false;
    canvas.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    canvas.addEventListener('pointermove', (e) => this.onPointerMove(e));
    canvas.addEventListener('pointerup', (e) => this.onButton(e, 'up'));
    canvas.addEventListener('lostpointercapture', (e) => this.releaseAll(e));
    canvas.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  }

  onPointerDown(e) {
    e.preventDefault(); // no local text selection, middle-click autoscroll or focus jump
    this.canvas.focus();
    if (!this.input.canDrive()) {
      this.input.onRefused();
      return;
    }
    if (this.point(e).inside) {
      this.canvas.setPointerCapture(e.pointerId);
      this.onButton(e, 'down');
    }
  }

  onPointerMove(e) {
    // A second button pressed or released during a drag arrives as a move (a "chorded" press).
    if (e.button >= 0 && e.button < BUTTONS.length) {
      this.onButton(e, (e.buttons & BUTTON_BITS[e.button]) ? 'down' : 'up');
      return;
    }
    const point = this.point(e);
    if (!this.input.canDrive() || (!point.inside && this.pressed.size === 0)) return;
    this.pendingMove = this.message('move', point, e);
    const held = [...this.pressed][0];
    if (held) this.pendingMove.button = held;
    this.scheduleFlush();
  }

  onButton(e, action) {
    const button = BUTTONS[e.pointerType === 'mouse' ? e.button : 0];
    if (!button || !this.input.canDrive()) return;
    if (action === 'up' && !this.pressed.has(button)) return; // its press was refused or outside
    const point = this.point(e);
    const clickCount = action === 'down'
      ? this.clicks.onDown(button, point.x, point.y, e.timeStamp)
      : this.clicks.countFor(button);
    this.flush();
    if (action === 'down') this.pressed.add(button);
    else this.pressed.delete(button);
    this.input.send({ ...this.message(action, point, e), button, clickCount });
  }

  releaseAll(e) {
    for (const button of [...this.pressed]) {
      this.pressed.delete(button);
      this.input.send({ ...this.message('up', this.point(e), e), button, clickCount: this.clicks.countFor(button) });
    }
  }

  onWheel(e) {
    e.preventDefault(); // the viewer page itself must neither scroll nor zoom
    const point = this.point(e);
    if (!point.inside || !this.input.canDrive()) return;
    const unit = [1, WHEEL_LINE_PX, point.surface.h][e.deltaMode] ?? 1;
    const previous = this.pendingWheel ?? { deltaX: 0, deltaY: 0 };
    this.pendingWheel = {
      ...this.message('wheel', point, e),
      deltaX: previous.deltaX + e.deltaX * unit,
      deltaY: previous.deltaY + e.deltaY * unit,
    };
    this.scheduleFlush();
  }

  point(e) {
    const box = this.canvas.getBoundingClientRect();
    return toSurface(e.clientX - box.left, e.clientY - box.top, this.view.imageRect());
  }

  message(action, point, e) {
    return {
      type: 'input', device: 'mouse', action,
      x: point.x, y: point.y, modifiers: modifiersOf(e), surface: point.surface,
    };
  }

  scheduleFlush() {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    requestAnimationFrame(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  flush() {
    if (this.pendingMove) this.input.send(this.pendingMove);
    if (this.pendingWheel) {
      this.pendingWheel.deltaX = Math.round(this.pendingWheel.deltaX);
      this.pendingWheel.deltaY = Math.round(this.pendingWheel.deltaY);
      this.input.send(this.pendingWheel);
    }
    this.pendingMove = null;
    this.pendingWheel = null;
  }
}
