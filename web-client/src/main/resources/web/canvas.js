// Draws the remote page on the canvas: JPEGs decoded off the main thread by createImageBitmap,
// keep-latest while a decode is in flight (as browserd does per connection), letterboxed with
// the page's aspect ratio, on a backing store of CSS size x devicePixelRatio so text stays crisp.

import { letterbox, toDevicePixels } from './geometry.js';

export class FrameView {
  /** `onDrawn(header)` runs after each frame reaches the screen (stats, first-frame UI). */
  constructor(canvas, onDrawn) {
    this.canvas = canvas;
    this.context = canvas.getContext('2d', { alpha: false });
    this.onDrawn = onDrawn;
    this.cssSize = { w: 0, h: 0 };
    this.aspect = null; // {w, h} of the remote viewport: what input coordinates map onto
    this.bitmap = null;
    this.drawnHeader = null;
    this.fresh = false; // the bitmap has not been on screen yet (resizes redraw old ones)
    this.decoding = false;
    this.next = null;
    this.drawScheduled = false;
    new ResizeObserver((entries) => this.onResize(entries[0])).observe(canvas);
  }

  /** Remote viewport size in CSS px (from `ready` before the first frame arrives). */
  setViewport(viewport) {
    if (viewport?.w > 0 && viewport?.h > 0) this.aspect = { w: viewport.w, h: viewport.h };
  }

  /** The drawn image rectangle, CSS px relative to the canvas: the `surface` for input. */
  imageRect() {
    if (!this.aspect) return { x: 0, y: 0, w: 0, h: 0 };
    return letterbox(this.cssSize.w, this.cssSize.h, this.aspect.w, this.aspect.h);
  }

  present(frame) {
    if (this.decoding) {
      this.next = frame; // a newer frame replaces one not yet decoded
      return;
    }
    this.decode(frame);
  }

  async decode(frame) {
    this.decoding = true;
    try {
      const bitmap = await createImageBitmap(new Blob([frame.jpeg], { type: 'image/jpeg' }));
      this.bitmap?.close();
      this.bitmap = bitmap;
      this.drawnHeader = frame.header;
      this.fresh = true;
      this.setViewport(frame.header.viewport ?? { w: bitmap.width, h: bitmap.height });
      this.scheduleDraw();
    } catch (e) {
      console.warn('cloudbrowser viewer: could not decode a frame', e);
    } finally {
      this.decoding = false;
    }
    const next = this.next;
    this.next = null;
    if (next) this.decode(next);
  }

  onResize(entry) {
    const dpr = window.devicePixelRatio || 1;
    this.cssSize = { w: entry.contentRect.width, h: entry.contentRect.height };
    const w = Math.round(this.cssSize.w * dpr);
    const h = Math.round(this.cssSize.h * dpr);
    // The exact device-pixel size fixes rounding only. Under an emulated scale factor (DevTools
    // device mode, headless Chromium) it is the unscaled size, which would blur HiDPI frames.
    const exact = entry.devicePixelContentBoxSize?.[0];
    const agrees = exact && Math.abs(exact.inlineSize - w) <= 1 && Math.abs(exact.blockSize - h) <= 1;
    this.canvas.width = agrees ? exact.inlineSize : w;
    this.canvas.height = agrees ? exact.blockSize : h;
    this.scheduleDraw();
  }

  scheduleDraw() {
    if (this.drawScheduled) return;
    this.drawScheduled = true;
    requestAnimationFrame(() => {
      this.drawScheduled = false;
      this.draw();
    });
  }

  draw() {
    const { context, canvas } = this;
    context.fillStyle = '#1b1d22';
    context.fillRect(0, 0, canvas.width, canvas.height);
    if (!this.bitmap) return;
    const dpr = canvas.width / Math.max(1, this.cssSize.w);
    const target = toDevicePixels(this.imageRect(), dpr);
    context.imageSmoothingQuality = 'high';
    context.drawImage(this.bitmap, target.x, target.y, target.w, target.h);
    if (this.fresh) {
      this.fresh = false;
      this.onDrawn(this.drawnHeader);
    }
  }
}
