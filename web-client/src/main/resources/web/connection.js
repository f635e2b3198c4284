// One viewer connection to browserd: WebSocket lifecycle, reconnect with backoff, ping/pong,
// command ids and results. The session lives on when the socket drops; only a `closing` event
// or a policy close (1008: revoked token, abuse) ends it for this page.

import { backoffDelay } from './backoff.js';
import { parseBinaryFrame, parseTextFrame } from './frame.js';

const PING_INTERVAL_MS = 2000;
const STALL_TIMEOUT_MS = 10_000;
const POLICY_VIOLATION = 1008;

export class CommandError extends Error {
  constructor(code, message) {
    super(message || code);
    this.name = 'CommandError';
    this.code = code;
  }
}

export class ViewerConnection {
  /** `url` already carries ?token=; `handlers` = {onState, onReady, onFrame, onEvent, onPong}. */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.socket = null;
    this.attempt = 0;
    this.ended = false;
    this.nextId = 0;
    this.pending = new Map();
    this.timers = { ping: null, retry: null };
  }

  connect() {
    if (this.ended) return;
    this.setState('connecting', { attempt: this.attempt });
    const socket = new WebSocket(this.url);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => this.onOpen(socket);
    socket.onmessage = (e) => this.onMessageSafely(e.data);
    socket.onclose = (e) => this.onClose(socket, e.code, e.reason);
    this.socket = socket;
  }

  /** Sends one protocol message; false when not connected (the caller decides to drop it). */
  send(message) {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** Runs a browserd command; resolves with its `result`, rejects with a CommandError. */
  command(method, params = {}) {
    const id = `c${++this.nextId}`;
    return new Promise((resolve, reject) => {
      if (!this.send({ id, type: 'cmd', method, params })) {
        reject(new CommandError('disconnected', 'Not connected.'));
        return;
      }
      this.pending.set(id, { resolve, reject });
    });
  }

  /** Stops for good (page unload): no reconnect. */
  close() {
    this.end('closed', {});
    this.socket?.close(1000, 'viewer closed');
  }

  onOpen(socket) {
    this.lastMessageAt = performance.now();
    this.lastPingAt = null;
    socket.send(JSON.stringify({ type: 'stream', binary: true }));
    this.ping(socket); // a round-trip figure at once, not after the first interval
    this.timers.ping = setInterval(() => this.ping(socket), PING_INTERVAL_MS);
  }

  ping(socket) {
    const now = performance.now();
    const unanswered = this.lastPingAt !== null && this.lastMessageAt < this.lastPingAt;
    if (unanswered && now - this.lastPingAt > STALL_TIMEOUT_MS) {
      // A half-open TCP connection never fires `close` on its own: drop it and reconnect.
      // Judged from the last ping, not the clock, as background tabs run timers once a minute.
      this.abandon(socket, 'no answer from the server');
      return;
    }
    if (!unanswered) this.lastPingAt = now;
    this.send({ type: 'ping', t: Math.round(now) });
  }

  onMessageSafely(data) {
    try {
      this.onMessage(data);
    } catch (e) {
      // One malformed message must not stop the stream; it is a server bug worth a console line.
      console.warn('cloudbrowser viewer: ignored a malformed message', e);
    }
  }

  onMessage(data) {
    this.lastMessageAt = performance.now();
    if (data instanceof ArrayBuffer) {
      this.handlers.onFrame(parseBinaryFrame(data));
      return;
    }
    const message = JSON.parse(data);
    switch (message.type) {
      case 'frame': this.handlers.onFrame(parseTextFrame(message)); break;
      case 'result': this.onResult(message); break;
      case 'pong': this.handlers.onPong(message.t, performance.now()); break;
      case 'event': this.onEvent(message.name, message.data ?? {}); break;
      default: break; // newer servers may add message types; old clients ignore them
    }
  }

  onEvent(name, data) {
    if (name === 'ready') {
      this.attempt = 0;
      this.setState('live', data);
      this.handlers.onReady(data);
    } else if (name === 'closing') {
      this.end('ended', { reason: data.reason });
    }
    this.handlers.onEvent(name, data);
  }

  onResult(message) {
    const waiter = this.pending.get(message.id);
    if (!waiter) return;
    this.pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result ?? {});
    else waiter.reject(new CommandError(message.error?.code ?? 'error', message.error?.message));
  }

  onClose(socket, code, reason) {
    if (socket !== this.socket) return; // an abandoned socket closing late
    this.stopTimers();
    this.failPending();
    if (code === POLICY_VIOLATION) this.end('ended', { reason: reason || 'policy_violation' });
    if (!this.ended) this.scheduleReconnect(reason || `code ${code}`);
  }

  abandon(socket, why) {
    socket.onclose = null;
    socket.close();
    this.onClose(socket, 4000, why);
  }

  scheduleReconnect(why) {
    this.attempt += 1;
    const delayMs = backoffDelay(this.attempt);
    this.setState('reconnecting', { attempt: this.attempt, delayMs, why });
    this.timers.retry = setTimeout(() => this.connect(), delayMs);
  }

  end(state, detail) {
    if (this.ended) return;
    this.ended = true;
    this.stopTimers();
    this.setState(state, detail);
  }

  failPending() {
    for (const waiter of this.pending.values()) waiter.reject(new CommandError('disconnected', 'Connection lost.'));
    this.pending.clear();
  }

  stopTimers() {
    clearInterval(this.timers.ping);
    clearTimeout(this.timers.retry);
  }

  setState(state, detail) {
    this.state = state;
    this.handlers.onState(state, detail);
  }
}
