import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EscapeTwice, MODIFIER, isComposing, isPasteChord, modifiersOf, pasteMessages, textOf,
} from '../../main/resources/web/keys.js';

const key = (key, extra = {}) => ({ key, code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...extra });

test('modifiers: CDP bitmask Alt=1 Ctrl=2 Meta=4 Shift=8', () => {
  assert.equal(modifiersOf(key('a')), 0);
  assert.equal(modifiersOf(key('a', { altKey: true })), MODIFIER.ALT);
  assert.equal(modifiersOf(key('a', { ctrlKey: true })), 2);
  assert.equal(modifiersOf(key('a', { metaKey: true })), 4);
  assert.equal(modifiersOf(key('A', { shiftKey: true })), 8);
  assert.equal(modifiersOf(key('a', { altKey: true, ctrlKey: true, metaKey: true, shiftKey: true })), 15);
});

test('text: printable keys type themselves, including shifted and non-Latin ones', () => {
  assert.equal(textOf(key('a')), 'a');
  assert.equal(textOf(key('A', { shiftKey: true })), 'A');
  assert.equal(textOf(key(' ')), ' ');
  assert.equal(textOf(key('é')), 'é');
  assert.equal(textOf(key('😀')), '😀');
});

test('text: Enter types a carriage return, as Chromium keypress does', () => {
  assert.equal(textOf(key('Enter')), '\r');
});

test('text: named keys and Ctrl/Meta shortcuts type nothing', () => {
  for (const name of ['Backspace', 'Tab', 'ArrowLeft', 'Shift', 'Escape', 'F5', 'Dead']) assert.equal(textOf(key(name)), null);
  assert.equal(textOf(key('a', { ctrlKey: true })), null);
  assert.equal(textOf(key('a', { metaKey: true })), null);
});

test('AltGr (reported as Ctrl+Alt on Windows) types, and is neither Ctrl nor Alt remotely', () => {
  const altGr = key('@', { ctrlKey: true, altKey: true, getModifierState: (m) => m === 'AltGraph' });
  assert.equal(textOf(altGr), '@');
  assert.equal(modifiersOf(altGr), 0);
  assert.equal(modifiersOf({ ...altGr, shiftKey: true }), MODIFIER.SHIFT);
});

test('text: real Ctrl+Alt chords type nothing', () => {
  assert.equal(textOf(key('a', { ctrlKey: true, altKey: true, getModifierState: () => false })), null);
});

test('paste chord: Ctrl+V, Meta+V and Shift+Insert stay local', () => {
  assert.ok(isPasteChord(key('v', { code: 'KeyV', ctrlKey: true })));
  assert.ok(isPasteChord(key('v', { code: 'KeyV', metaKey: true })));
  assert.ok(isPasteChord(key('Insert', { shiftKey: true })));
  assert.ok(!isPasteChord(key('v', { code: 'KeyV' })));
  assert.ok(!isPasteChord(key('c', { code: 'KeyC', ctrlKey: true })));
  assert.ok(!isPasteChord(key('v', { code: 'KeyV', ctrlKey: true, altKey: true })));
});

test('composition: IME key presses are recognised', () => {
  assert.ok(isComposing({ key: 'Process' }));
  assert.ok(isComposing({ key: 'a', isComposing: true }));
  assert.ok(isComposing({ key: 'a', keyCode: 229 }));
  assert.ok(!isComposing({ key: 'a', keyCode: 65 }));
});

test('escape twice: two presses within the window, not three, not slow ones', () => {
  const escape = new EscapeTwice(600);
  assert.equal(escape.onKeyDown('Escape', 0), false);
  assert.equal(escape.onKeyDown('Escape', 500), true);
  assert.equal(escape.onKeyDown('Escape', 700), false, 'a third press starts over');
  assert.equal(escape.onKeyDown('Escape', 1400), false, 'too slow');
  assert.equal(escape.onKeyDown('a', 1500), false);
  assert.equal(escape.onKeyDown('Escape', 1600), false, 'another key in between resets');
});

test('paste: one char message per code point, newlines as Enter presses', () => {
  const messages = pasteMessages('a😀\r\nb\rc');
  assert.deepEqual(messages.map((m) => `${m.action}:${m.key}:${m.text ?? ''}`), [
    'char:a:a', 'char:😀:😀', 'down:Enter:\r', 'up:Enter:', 'char:b:b', 'down:Enter:\r', 'up:Enter:', 'char:c:c',
  ]);
  for (const m of messages) assert.deepEqual([m.type, m.device, m.modifiers], ['input', 'key', 0]);
});
