// Where the remote page is drawn inside the canvas, and how a pointer position maps to it.
// All sizes here are CSS pixels; the canvas multiplies by devicePixelRatio only when drawing.

/**
 * The largest rectangle with the image's aspect ratio that fits the box, centred (letterboxed).
 * Rounded to whole CSS pixels so the drawn rectangle and the `surface` sent with input are the
 * same integers browserd scales by.
 */
export function letterbox(boxW, boxH, imageW, imageH) {
  if (!(boxW > 0 && boxH > 0 && imageW > 0 && imageH > 0)) return { x: 0, y: 0, w: 0, h: 0 };
  const scale = Math.min(boxW / imageW, boxH / imageH);
  const w = Math.max(1, Math.min(Math.round(imageW * scale), Math.floor(boxW)));
  const h = Math.max(1, Math.min(Math.round(imageH * scale), Math.floor(boxH)));
  return { x: Math.floor((boxW - w) / 2), y: Math.floor((boxH - h) / 2), w, h };
}

/**
 * A point relative to the canvas's top-left (CSS px) -> a point in the drawn image rectangle,
 * clamped to it, plus whether it was inside. Clamping keeps a drag that leaves the image
 * (pointer capture) at the image's edge instead of sending coordinates browserd would reject.
 */
export function toSurface(px, py, rect) {
  const inside = px >= rect.x && py >= rect.y && px < rect.x + rect.w && py < rect.y + rect.h;
  const x = clamp(Math.floor(px - rect.x), 0, rect.w - 1);
  const y = clamp(Math.floor(py - rect.y), 0, rect.h - 1);
  return { x, y, inside, surface: { w: rect.w, h: rect.h } };
}

/** Device-pixel version of a CSS rectangle, for drawImage on the HiDPI backing store. */
export function toDevicePixels(rect, dpr) {
  const x = Math.round(rect.x * dpr);
  const y = Math.round(rect.y * dpr);
  return { x, y, w: Math.round((rect.x + rect.w) * dpr) - x, h: Math.round((rect.y + rect.h) * dpr) - y };
}

function clamp(value, min, max) {
  return Math.min(Math.max(value, min), max);
}
