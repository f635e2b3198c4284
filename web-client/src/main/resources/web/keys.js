// Keyboard rules that do not need the DOM: the CDP modifier bitmask, which keys produce text,
// which key presses stay with the local browser, and the "Escape twice" way out of the canvas.

export const MODIFIER = Object.freeze({ ALT: 1, CTRL: 2, META: 4, SHIFT: 8 });

/**
 * CDP's bitmask (Alt=1, Ctrl=2, Meta=4, Shift=8) from any KeyboardEvent/MouseEvent-like object.
 * AltGr is reported as Ctrl+Alt on Windows but is neither: dropping both lets its character type
 * (browserd types no text while Ctrl, Alt or Meta is held, so shortcuts do not type letters).
 */
export function modifiersOf(event) {
  const altGraph = isAltGraph(event);
  return (event.altKey && !altGraph ? MODIFIER.ALT : 0)
    | (event.ctrlKey && !altGraph ? MODIFIER.CTRL : 0)
    | (event.metaKey ? MODIFIER.META : 0)
    | (event.shiftKey ? MODIFIER.SHIFT : 0);
}

function isAltGraph(event) {
  return typeof event.getModifierState === 'function' && event.getModifierState('AltGraph');
}

/**
 * The text a key press types, sent on its `down` message (browserd's key-down then types it, as
 * CDP keyDown does), or null. Printable keys have a one-code-point `key` (so emoji count); Enter
 * types "\r" as Chromium's own keypress does, which submits forms and breaks lines remotely.
 * Ctrl/Meta chords are shortcuts, not text, unless AltGr is what set Ctrl.
 */
export function textOf(event) {
  if (event.metaKey || (event.ctrlKey && !isAltGraph(event))) return null;
  if (event.key === 'Enter') return '\r';
  return [...event.key].length === 1 ? event.key : null;
}

/**
 * Ctrl/Meta+V and Shift+Insert stay local: the browser must run its paste so the page gets the
 * clipboard text (a remote Ctrl+V would paste the remote, empty, clipboard).
 */
export function isPasteChord(event) {
  const letterV = event.code === 'KeyV' || event.key === 'v' || event.key === 'V';
  if (letterV && (event.ctrlKey || event.metaKey) && !event.altKey) return true;
  return event.key === 'Insert' && event.shiftKey && !event.ctrlKey;
}

/** IME composition is not forwarded (see README, open problems). */
export function isComposing(event) {
  return event.isComposing === true || event.key === 'Process' || event.keyCode === 229;
}

/**
 * The canvas captures Tab, so keyboard users need a documented way out (WCAG 2.1.2):
 * Escape pressed twice within `windowMs`. Both presses still reach the remote page.
 */
export class EscapeTwice {
  constructor(windowMs = 600) {
    this.windowMs = windowMs;
    this.lastAt = -Infinity;
  }

  /** Returns true when this key press completes the double Escape. */
  onKeyDown(key, now) {
    if (key !== 'Escape') {
      this.lastAt = -Infinity;
      return false;
    }
    const done = now - this.lastAt <= this.windowMs;
    this.lastAt = done ? -Infinity : now;
    return done;
  }
}

/**
 * Pasted text as the key messages that type it: "\n" (after normalising CRLF) is an Enter press
 * (down, up), everything else one `char` message per code point, which types without a key.
 */
export function pasteMessages(text) {
  const messages = [];
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    if (ch === '\n') {
      messages.push({ ...keyMessage('down', 'Enter', 'Enter'), text: '\r' });
      messages.push(keyMessage('up', 'Enter', 'Enter'));
    } else {
      messages.push({ ...keyMessage('char', ch, ''), text: ch });
    }
  }
  return messages;
}

export function keyMessage(action, key, code, modifiers = 0) {
  return { type: 'input', device: 'key', action, key, code, modifiers };
}
