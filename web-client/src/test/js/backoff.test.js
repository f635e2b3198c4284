import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_BACKOFF, backoffDelay } from '../../main/resources/web/backoff.js';

const middle = () => 0.5; // no jitter

test('backoff: doubles from the initial delay', () => {
  assert.deepEqual([1, 2, 3, 4].map((n) => backoffDelay(n, DEFAULT_BACKOFF, middle)), [500, 1000, 2000, 4000]);
});

test('backoff: capped at the maximum', () => {
  assert.equal(backoffDelay(20, DEFAULT_BACKOFF, middle), 10_000);
  assert.equal(backoffDelay(1000, DEFAULT_BACKOFF, () => 0.999), 10_000);
});

test('backoff: jitter stays within its fraction of the base', () => {
  assert.equal(backoffDelay(3, DEFAULT_BACKOFF, () => 0), 1600);
  assert.equal(backoffDelay(3, DEFAULT_BACKOFF, () => 1), 2400);
});

test('backoff: attempt 0 or below behaves as the first retry', () => {
  assert.equal(backoffDelay(0, DEFAULT_BACKOFF, middle), 500);
});
