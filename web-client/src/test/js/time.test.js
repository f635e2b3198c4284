import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, formatRelative, toEpochMs } from '../../main/resources/web/time.js';

test('time: ISO strings, epoch ms and epoch seconds', () => {
  assert.equal(toEpochMs('2026-01-01T00:00:00Z'), 1767225600000);
  assert.equal(toEpochMs(1767225600000), 1767225600000);
  assert.equal(toEpochMs(1767225600), 1767225600000);
  assert.equal(toEpochMs(null), null);
  assert.equal(toEpochMs('not a date'), null);
});

test('time: durations are coarse', () => {
  assert.equal(formatDuration(45_000), '45 s');
  assert.equal(formatDuration(3 * 60_000 + 5000), '3 min');
  assert.equal(formatDuration(2 * 3_600_000), '2 h');
  assert.equal(formatDuration(2 * 3_600_000 + 5 * 60_000), '2 h 5 min');
  assert.equal(formatDuration(3 * 86_400_000 + 4 * 3_600_000), '3 d 4 h');
  assert.equal(formatDuration(-5), '0 s');
});

test('time: relative to now, past and future', () => {
  const now = 1_767_225_600_000;
  assert.equal(formatRelative(now - 120_000, now), '2 min ago');
  assert.equal(formatRelative(now + 300_000, now), 'in 5 min');
  assert.equal(formatRelative(undefined, now), '');
});
