import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ViewerStats } from '../../main/resources/web/stats.js';

test('stats: fps counts frames drawn in the last second', () => {
  const stats = new ViewerStats();
  for (let t = 0; t < 2000; t += 20) stats.onFrameDrawn(t / 20, t);
  assert.equal(stats.fps(1990), 50); // frames at 990..1980 ms
  assert.equal(stats.fps(5000), 0);
});

test('stats: gaps in seq count as dropped frames, repeats and reordering do not', () => {
  const stats = new ViewerStats();
  for (const seq of [1, 2, 5, 5, 4, 9]) stats.onFrameDrawn(seq, 0);
  assert.equal(stats.dropped, 5); // 3, 4 then 6, 7, 8
});

test('stats: a new stream restarts seq without counting a gap, keeping the total', () => {
  const stats = new ViewerStats();
  stats.onFrameDrawn(100, 0);
  stats.onFrameDrawn(102, 0);
  stats.newStream();
  stats.onFrameDrawn(1, 0);
  assert.equal(stats.dropped, 1);
});

test('stats: round-trip time is smoothed', () => {
  const stats = new ViewerStats();
  assert.equal(stats.rttMs, null);
  stats.onPong(1000, 1010);
  assert.equal(stats.rttMs, 10);
  stats.onPong(2000, 2020);
  assert.equal(stats.rttMs, 13);
});
