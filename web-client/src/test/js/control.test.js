import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canDrive, describeControl } from '../../main/resources/web/control.js';

test('control: a viewer token is view only, with no buttons, whatever the holder', () => {
  const view = describeControl('viewer', { holder: 'c-1', sub: 'u' }, 'c-2');
  assert.deepEqual([view.kind, view.canTake, view.canRelease], ['viewonly', false, false]);
  assert.equal(canDrive(true, view), false);
});

test('control: nobody holds it -> this controller drives and may take it', () => {
  const view = describeControl('controller', { holder: null, sub: null }, 'c-2');
  assert.deepEqual([view.kind, view.canTake, view.canRelease], ['nobody', true, false]);
  assert.equal(canDrive(true, view), true);
  assert.equal(canDrive(false, view), false, 'not while disconnected');
});

test('control: held by this connection -> hand back', () => {
  const view = describeControl('controller', { holder: 'c-2', sub: 'alice' }, 'c-2');
  assert.deepEqual([view.kind, view.canTake, view.canRelease], ['you', false, true]);
  assert.equal(canDrive(true, view), true);
});

test('control: held by another connection -> input paused, take control offered, holder named', () => {
  const view = describeControl('controller', { holder: 'c-1', sub: 'agent-7' }, 'c-2');
  assert.deepEqual([view.kind, view.canTake, view.canRelease], ['other', true, false]);
  assert.match(view.text, /agent-7/);
  assert.equal(canDrive(true, view), false);
});

test('control: without a connection id from browserd a held lease is never mistaken for ours', () => {
  assert.equal(describeControl('controller', { holder: 'c-1', sub: null }, null).kind, 'other');
});
