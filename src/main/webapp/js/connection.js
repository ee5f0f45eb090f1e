// WebSocket with automatic reconnect. Knows nothing about the protocol beyond
// JSON framing; the app decides what to do with messages.

const MIN_DELAY = 500;
const MAX_DELAY = 10_000;
const STABLE_AFTER = 3_000; // an open this long counts as healthy: reset backoff
const BUSY_DELAY = 5_000;   // after 1013 (server or room full, or this page fell behind): not sooner

export class Connection {
  /**
   * @param {() => string} getUrl  called before every attempt (the name may change)
   * @param {{onMessage, onOpen, onStatus, onFatal, onNotice, onRefused}} handlers
   *   onRefused: a socket closed before it ever opened (a refused handshake looks like that)
   */
  constructor(getUrl, handlers) {
    this.getUrl = getUrl;
    this.h = handlers;
    this.ws = null;
    this.attempt = 0;
    this.retryTimer = 0;
    this.stableTimer = 0;
    this.stopped = false;
    this.busy = false;
    this.status = 'connecting';
    addEventListener('online', () => this.reconnectNow());
    addEventListener('offline', () => { if (!this.isOpen) this.setStatus('offline'); });
  }

  get isOpen() { return this.ws?.readyState === WebSocket.OPEN; }

  setStatus(s) {
    if (this.status === s) return;
    this.status = s;
    this.h.onStatus?.(s);
  }

  start() {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    let ws;
    try {
      ws = new WebSocket(this.getUrl());
    } catch (e) {
      this.h.onFatal?.('Could not open a connection: ' + e.message);
      this.stop();
      return;
    }
    this.ws = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.setStatus('connected');
      this.stableTimer = setTimeout(() => { this.attempt = 0; }, STABLE_AFTER);
      this.h.onOpen?.();
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let msg;
      try { msg = JSON.parse(ev.data); } catch { return; }
      // With batch=1 the server may put several messages, in order, into one frame.
      for (const m of Array.isArray(msg) ? msg : [msg]) {
        if (m && typeof m === 'object' && typeof m.type === 'string') this.h.onMessage(m);
      }
    };
    // An error is always followed by close; handle everything there.
    ws.onerror = () => {};
    ws.onclose = (ev) => this.handleClose(ws, ev, opened);
  }

  handleClose(ws, ev, opened) {
    if (ws !== this.ws) return; // superseded socket
    clearTimeout(this.stableTimer);
    this.ws = null;
    const busyBefore = this.busy;
    this.busy = ev.code === 1013;
    if (ev.code === 1008) {
      // Policy violation (invalid room, a connection that kept flooding): retrying cannot help.
      this.stop();
      this.h.onFatal?.(`Disconnected: ${ev.reason || 'the server refused this connection.'}`);
      return;
    }
    if (ev.code === 1009) {
      this.h.onNotice?.('Disconnected: a message was too large' + (ev.reason ? ` (${ev.reason})` : '') + '. Reconnecting…');
    }
    if (ev.code === 4408) {
      // The server heard no pong in time: the network hiccupped, not the server. Straight back.
      this.attempt = 0;
    }
    if (ev.code === 1013) {
      if (!busyBefore) this.h.onNotice?.('The server is busy right now. Trying again in a moment…');
      this.scheduleRetry(BUSY_DELAY);
      return;
    }
    if (!opened) this.h.onRefused?.();
    this.scheduleRetry();
  }

  scheduleRetry(atLeast = 0) {
    if (this.stopped) return;
    this.setStatus(navigator.onLine === false ? 'offline' : 'reconnecting');
    const base = Math.max(atLeast, Math.min(MAX_DELAY, MIN_DELAY * 2 ** this.attempt++));
    const delay = base * (0.8 + Math.random() * 0.4);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.start(), delay);
  }

  reconnectNow() {
    if (this.stopped || this.ws) return;
    this.attempt = 0;
    this.start();
  }

  /** Drop the current socket (if any) and connect again right away, e.g. after a name change. */
  restart() {
    if (this.stopped) return;
    const old = this.ws;
    this.ws = null;
    clearTimeout(this.stableTimer);
    if (old) {
      old.onopen = old.onclose = old.onmessage = null;
      old.close(1000, 'reconnecting');
    }
    this.attempt = 0;
    this.setStatus('connecting');
    this.start();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.stableTimer);
    this.setStatus('closed');
  }

  /** Sends if open; returns whether the message went out. */
  send(obj) {
    if (!this.isOpen) return false;
    this.ws.send(JSON.stringify(obj));
    return true;
  }
}
