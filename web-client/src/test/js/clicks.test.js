import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClickCounter } from '../../main/resources/web/clicks.js';

test('clicks: quick presses in place count up (double and triple click)', () => {
  const clicks = new ClickCounter();
  assert.equal(clicks.onDown('left', 10, 10, 0), 1);
  assert.equal(clicks.countFor('left'), 1);
  assert.equal(clicks.onDown('left', 11, 9, 200), 2);
  assert.equal(clicks.countFor('left'), 2);
  assert.equal(clicks.onDown('left', 11, 9, 400), 3);
  assert.equal(clicks.onDown('left', 11, 9, 600), 3, 'browserd accepts 0..3');
});

test('clicks: a slow press, a far press or another button starts over', () => {
  const clicks = new ClickCounter();
  clicks.onDown('left', 10, 10, 0);
  assert.equal(clicks.onDown('left', 10, 10, 900), 1, 'slow');
  assert.equal(clicks.onDown('left', 30, 10, 1000), 1, 'far');
  assert.equal(clicks.onDown('right', 30, 10, 1100), 1, 'other button');
  assert.equal(clicks.countFor('left'), 1, 'a release without its press counts one');
});
