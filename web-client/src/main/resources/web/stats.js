// Status-bar numbers: frames drawn per second, frames never shown (gaps in `seq`), and the
// round-trip time of ping/pong, smoothed so the display does not flicker.

const FPS_WINDOW_MS = 1000;
const RTT_SMOOTHING = 0.3;

export class ViewerStats {
  constructor() {
    this.dropped = 0;
    this.rttMs = null;
    this.newStream();
  }

  /** A new connection: seq may restart, and old draw times say nothing about the new stream. */
  newStream() {
    this.drawTimes = [];
    this.lastSeq = null;
  }

  /** A frame reached the screen. Frames skipped by browserd's or our keep-latest show as gaps. */
  onFrameDrawn(seq, now) {
    if (Number.isInteger(seq)) {
      if (this.lastSeq !== null && seq > this.lastSeq + 1) this.dropped += seq - this.lastSeq - 1;
      if (this.lastSeq === null || seq > this.lastSeq) this.lastSeq = seq;
    }
    this.drawTimes.push(now);
    this.trim(now);
  }

  fps(now) {
    this.trim(now);
    return this.drawTimes.length * (1000 / FPS_WINDOW_MS);
  }

  onPong(sentAt, now) {
    const sample = Math.max(0, now - sentAt);
    this.rttMs = this.rttMs === null ? sample : this.rttMs + RTT_SMOOTHING * (sample - this.rttMs);
  }

  trim(now) {
    while (this.drawTimes.length > 0 && now - this.drawTimes[0] > FPS_WINDOW_MS) this.drawTimes.shift();
  }
}
