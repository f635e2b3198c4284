import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FrameFormatError, parseBinaryFrame, parseTextFrame } from '../../main/resources/web/frame.js';

function binaryFrame(headerObject, jpegBytes, lengthOverride) {
  const header = new TextEncoder().encode(JSON.stringify(headerObject));
  const buffer = new ArrayBuffer(4 + header.length + jpegBytes.length);
  new DataView(buffer).setUint32(0, lengthOverride ?? header.length, false);
  new Uint8Array(buffer, 4).set(header);
  new Uint8Array(buffer, 4 + header.length).set(jpegBytes);
  return buffer;
}

const HEADER = { type: 'frame', format: 'jpeg', seq: 17, viewport: { w: 1280, h: 720, dpr: 1 }, timestamp: 1 };

test('binary frame: big-endian length, JSON header, then JPEG bytes', () => {
  const { header, jpeg } = parseBinaryFrame(binaryFrame(HEADER, [0xff, 0xd8, 0xff, 0xd9]));
  assert.deepEqual(header, HEADER);
  assert.deepEqual([...jpeg], [0xff, 0xd8, 0xff, 0xd9]);
});

test('binary frame: a header longer than 255 bytes uses all four length bytes', () => {
  const big = { ...HEADER, padding: 'x'.repeat(70_000) };
  const { header, jpeg } = parseBinaryFrame(binaryFrame(big, [1, 2]));
  assert.equal(header.padding.length, 70_000);
  assert.deepEqual([...jpeg], [1, 2]);
});

test('binary frame: an empty JPEG part is allowed by the format', () => {
  assert.equal(parseBinaryFrame(binaryFrame(HEADER, [])).jpeg.length, 0);
});

test('binary frame: shorter than the length prefix is refused', () => {
  assert.throws(() => parseBinaryFrame(new ArrayBuffer(3)), FrameFormatError);
});

test('binary frame: a length beyond the message is refused', () => {
  assert.throws(() => parseBinaryFrame(binaryFrame(HEADER, [1], 10_000)), /exceeds message size/);
});

test('binary frame: a header that is not JSON is refused', () => {
  const buffer = new ArrayBuffer(7);
  new DataView(buffer).setUint32(0, 3, false);
  new Uint8Array(buffer, 4).set([0x7b, 0x7b, 0x7b]);
  assert.throws(() => parseBinaryFrame(buffer), /not JSON/);
});

test('binary frame: a JSON header that is not a frame is refused', () => {
  assert.throws(() => parseBinaryFrame(binaryFrame({ type: 'event' }, [])), /not a frame/);
  assert.throws(() => parseBinaryFrame(binaryFrame(null, [])), /not a frame/);
});

test('binary frame: only ArrayBuffers are accepted', () => {
  assert.throws(() => parseBinaryFrame('text'), FrameFormatError);
});

test('text frame: base64 data becomes bytes, the rest is the header', () => {
  const { header, jpeg } = parseTextFrame({ ...HEADER, data: Buffer.from([0xff, 0xd8]).toString('base64') });
  assert.deepEqual(header, HEADER);
  assert.deepEqual([...jpeg], [0xff, 0xd8]);
});

test('text frame: missing data is refused', () => {
  assert.throws(() => parseTextFrame({ ...HEADER }), FrameFormatError);
});
