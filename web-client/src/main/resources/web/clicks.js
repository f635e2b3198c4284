// Click counting for mouse `down`/`up` (clickCount): Pointer Events report detail = 0, so the
// viewer counts itself, the way operating systems do: same button, close in time and place.
// Counts stop at 3 (browserd accepts 0..3): a fourth quick click selects like a third.

const MAX_CLICK_COUNT = 3;

export class ClickCounter {
  constructor({ intervalMs = 500, slopPx = 4 } = {}) {
    this.intervalMs = intervalMs;
    this.slopPx = slopPx;
    this.last = null;
  }

  /** Count for a button press at (x, y) at time `now` (ms); the matching release reuses it. */
  onDown(button, x, y, now) {
    const last = this.last;
    const repeated = last !== null
      && last.button === button
      && now - last.at <= this.intervalMs
      && Math.abs(x - last.x) <= this.slopPx
      && Math.abs(y - last.y) <= this.slopPx;
    const count = repeated ? Math.min(last.count + 1, MAX_CLICK_COUNT) : 1;
    this.last = { button, x, y, at: now, count };
    return count;
  }

  /** Count to send with the release of `button` (1 if no press was seen). */
  countFor(button) {
    return this.last !== null && this.last.button === button ? this.last.count : 1;
  }
}
