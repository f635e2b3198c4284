// Keyboard and paste on the focused canvas -> browserd key messages. While the canvas has
// focus every key goes to the remote page (Tab, arrows, Backspace, Enter, Ctrl/Meta shortcuts),
// except the local paste chord, whose clipboard text is typed remotely instead.

import { EscapeTwice, isComposing, isPasteChord, keyMessage, modifiersOf, pasteMessages, textOf } from './keys.js';

// 100 messages/s: half of browserd's default per-connection rate limit (200/s), leaving room for
// mouse moves and pings while a long paste types.
const PASTE_BATCH = 5;
const PASTE_BATCH_INTERVAL_MS = 50;
const PASTE_MAX_CHARS = 10_000;

export class KeyboardInput {
  /** `input` = {send(message), canDrive(), onRefused(), onLeave(), onNotice(text)}. */
  constructor(canvas, input) {
    Object.assign(this, { canvas, input });
    this.held = new Map(); // code -> key, to release what is down when focus leaves
    this.escape = new EscapeTwice();
    this.pasteQueue = [];
    canvas.addEventListener('keydown', (e) => this.onKeyDown(e));
    canvas.addEventListener('keyup', (e) => this.onKeyUp(e));
    canvas.addEventListener('blur', () => this.releaseAll());
    document.addEventListener('paste', (e) => this.onPaste(e));
  }

  onKeyDown(e) {
    if (isComposing(e) || isPasteChord(e)) return;
    if (!this.input.canDrive()) {
      if (e.key !== 'Tab') this.input.onRefused();
      return; // nothing is captured, so Tab still moves focus on
    }
    e.preventDefault();
    this.held.set(e.code, e.key);
    const down = keyMessage('down', e.key, e.code, modifiersOf(e));
    const text = textOf(e);
    this.input.send(text === null ? down : { ...down, text });
    if (this.escape.onKeyDown(e.key, e.timeStamp)) this.input.onLeave();
  }

  onKeyUp(e) {
    if (!this.held.has(e.code)) return;
    e.preventDefault();
    this.held.delete(e.code);
    this.input.send(keyMessage('up', e.key, e.code, modifiersOf(e)));
  }

  /** Keys still down when the canvas loses focus would stay stuck remotely (a held Shift...). */
  releaseAll() {
    for (const [code, key] of this.held) this.input.send(keyMessage('up', key, code, 0));
    this.held.clear();
  }

  onPaste(e) {
    if (document.activeElement !== this.canvas) return;
    e.preventDefault();
    if (!this.input.canDrive()) {
      this.input.onRefused();
      return;
    }
    let text = e.clipboardData?.getData('text/plain') ?? '';
    if (text.length > PASTE_MAX_CHARS) {
      text = text.slice(0, PASTE_MAX_CHARS);
      this.input.onNotice(`Pasted text cut to its first ${PASTE_MAX_CHARS} characters.`);
    }
    const wasIdle = this.pasteQueue.length === 0;
    this.pasteQueue.push(...pasteMessages(text));
    if (wasIdle) this.typeQueued();
  }

  typeQueued() {
    const batch = this.pasteQueue.splice(0, PASTE_BATCH);
    for (const message of batch) this.input.send(message);
    if (this.pasteQueue.length > 0) setTimeout(() => this.typeQueued(), PASTE_BATCH_INTERVAL_MS);
  }
}
