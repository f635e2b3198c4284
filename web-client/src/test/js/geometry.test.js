import assert from 'node:assert/strict';
import { test } from 'node:test';
import { letterbox, toDevicePixels, toSurface } from '../../main/resources/web/geometry.js';

test('letterbox: a wide box gets bars left and right', () => {
  assert.deepEqual(letterbox(1000, 360, 1280, 720), { x: 180, y: 0, w: 640, h: 360 });
});

test('letterbox: a tall box gets bars top and bottom', () => {
  assert.deepEqual(letterbox(640, 600, 1280, 720), { x: 0, y: 120, w: 640, h: 360 });
});

test('letterbox: same aspect fills the box exactly', () => {
  assert.deepEqual(letterbox(1280, 720, 1280, 720), { x: 0, y: 0, w: 1280, h: 720 });
});

test('letterbox: keeps the aspect within a pixel for odd sizes', () => {
  const rect = letterbox(977.5, 613.3, 1280, 720);
  assert.ok(Math.abs(rect.w / rect.h - 1280 / 720) < 0.01);
  assert.ok(rect.x >= 0 && rect.y >= 0 && rect.x + rect.w <= 977.5 && rect.y + rect.h <= 613.3);
});

test('letterbox: nothing to draw in an empty box or without an image size', () => {
  assert.deepEqual(letterbox(0, 100, 1280, 720), { x: 0, y: 0, w: 0, h: 0 });
  assert.deepEqual(letterbox(100, 100, 0, 0), { x: 0, y: 0, w: 0, h: 0 });
});

test('toSurface: a point inside maps relative to the drawn image', () => {
  const rect = { x: 180, y: 0, w: 640, h: 360 };
  assert.deepEqual(toSurface(500.6, 100.2, rect), { x: 320, y: 100, inside: true, surface: { w: 640, h: 360 } });
});

test('toSurface: browserd scaling of the result lands on the remote element', () => {
  // A remote button centred at (900, 500) in a 1280x720 viewport, drawn at half size with bars.
  const rect = letterbox(1000, 360, 1280, 720);
  const clientX = rect.x + 900 / 2;
  const clientY = rect.y + 500 / 2;
  const p = toSurface(clientX, clientY, rect);
  assert.equal(p.x * 1280 / p.surface.w, 900);
  assert.equal(p.y * 720 / p.surface.h, 500);
});

test('toSurface: points in the bars are outside and clamped to the image edge', () => {
  const rect = { x: 180, y: 0, w: 640, h: 360 };
  assert.deepEqual(toSurface(10, 400, rect), { x: 0, y: 359, inside: false, surface: { w: 640, h: 360 } });
  assert.equal(toSurface(820, 10, rect).inside, false);
  assert.equal(toSurface(820, 10, rect).x, 639);
});

test('toDevicePixels: scales by the device pixel ratio without gaps', () => {
  assert.deepEqual(toDevicePixels({ x: 180, y: 0, w: 640, h: 360 }, 2), { x: 360, y: 0, w: 1280, h: 720 });
  assert.deepEqual(toDevicePixels({ x: 1, y: 1, w: 3, h: 3 }, 1.5), { x: 2, y: 2, w: 4, h: 4 });
});
