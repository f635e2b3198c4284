// Parses the frames browserd sends (PROTOCOL.md section 3) into {header, jpeg}.
// Pure: no DOM, so node:test can cover it.

const HEADER_LENGTH_BYTES = 4;
const decoder = new TextDecoder();

export class FrameFormatError extends Error {
  constructor(message) {
    super(message);
    this.name = 'FrameFormatError';
  }
}

/**
 * One binary WebSocket message: 4-byte big-endian header length N, N bytes of JSON header,
 * then the JPEG bytes. Returns the header object and a Uint8Array view of the JPEG (no copy).
 */
export function parseBinaryFrame(buffer) {
  if (!(buffer instanceof ArrayBuffer)) throw new FrameFormatError('frame: expected an ArrayBuffer');
  if (buffer.byteLength < HEADER_LENGTH_BYTES) throw new FrameFormatError('frame: shorter than its length prefix');
  const headerLength = new DataView(buffer).getUint32(0, false);
  const jpegStart = HEADER_LENGTH_BYTES + headerLength;
  if (jpegStart > buffer.byteLength) {
    throw new FrameFormatError(`frame: header length ${headerLength} exceeds message size ${buffer.byteLength}`);
  }
  const header = parseHeader(new Uint8Array(buffer, HEADER_LENGTH_BYTES, headerLength));
  return { header, jpeg: new Uint8Array(buffer, jpegStart) };
}

/** The text form: a `frame` message whose `data` is base64 JPEG. */
export function parseTextFrame(message) {
  if (typeof message.data !== 'string') throw new FrameFormatError('frame: text frame without data');
  const { data, ...header } = message;
  return { header, jpeg: base64ToBytes(data) };
}

function parseHeader(bytes) {
  let header;
  try {
    header = JSON.parse(decoder.decode(bytes));
  } catch (e) {
    throw new FrameFormatError(`frame: header is not JSON (${e.message})`);
  }
  if (header === null || typeof header !== 'object' || header.type !== 'frame') {
    throw new FrameFormatError('frame: header is not a frame object');
  }
  return header;
}

function base64ToBytes(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
