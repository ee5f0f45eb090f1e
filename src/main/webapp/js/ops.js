// The operations this page sent that the server has not acknowledged (stored) yet, in order.
// Every op carries a `data.op` key that the server echoes in its ack. After every (re)connect's
// sync they are applied to the fresh canvas again and re-sent: all ops are idempotent on the
// server (element ids, `from` offsets, erase/restore of ids), so a resend is harmless.
//
// Ops leave through a token bucket well under the server's per-connection limit, so a burst (the
// resend after a long time offline, a fast eraser over a dense board) is spread out instead of
// being refused; ordinary drawing never reaches it (see SecurityBrowserIT for measured rates).
// When the server refuses an op all the same (`too_many_ops`), everything waits a moment and what
// it has not acknowledged goes out again, in order: nothing drawn is lost. Each refusal also halves
// the page's own rate (a server configured tighter than the default is learnt, not fought), and
// every quiet 10 s doubles it back.
const RATE = 120;  // ops per second, half the server's default (240/s)
const BURST = 240; // half its default burst (480)
const MIN_RATE = 2;
const RECOVER_MS = 10_000;

export class Outbox {
  constructor(conn) {
    this.conn = conn;
    this.pending = [];
    this.unsent = [];    // the tail of `pending` not yet written to this socket, in order
    this.synced = false;
    this.counter = 0;
    this.rate = RATE;
    this.burst = BURST;
    this.tokens = BURST;
    this.refilled = performance.now();
    this.throttledAt = 0;
    this.pumpTimer = 0;
    this.pauseTimer = 0;
    // Keys unique across reloads of this page (the server only echoes them).
    this.prefix = Math.random().toString(36).slice(2, 8);
  }

  get size() { return this.pending.length; }

  /** Queue an op and send it now if the socket is in sync. `extra` stays local (e.g. the element). */
  send(type, data, extra = {}) {
    const op = `${this.prefix}.${++this.counter}`;
    const entry = { op, type, data: { ...data, op }, ...extra };
    this.pending.push(entry);
    this.unsent.push(entry);
    this.pump();
    return entry;
  }

  /** Writes unsent ops, in order, as far as the bucket allows; the rest a moment later. */
  pump() {
    if (!this.synced || this.paused) return;
    const now = performance.now();
    if (this.rate < RATE && now - this.throttledAt > RECOVER_MS) {
      this.rate = Math.min(RATE, this.rate * 2);
      this.burst = Math.min(BURST, this.burst * 2);
      this.throttledAt = now;
    }
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilled) * this.rate) / 1000);
    this.refilled = now;
    while (this.unsent.length && this.tokens >= 1) {
      const e = this.unsent[0];
      if (!this.conn.send({ type: e.type, data: e.data })) return; // closed: the next sync replays
      this.unsent.shift();
      this.tokens--;
    }
    if (this.unsent.length && !this.pumpTimer) {
      this.pumpTimer = setTimeout(() => { this.pumpTimer = 0; this.pump(); }, Math.ceil(1000 / this.rate));
    }
  }

  get paused() { return this.pauseTimer !== 0; }

  /**
   * The server refused ops for coming too fast: send nothing for `ms`, then everything not yet
   * acknowledged, in order (a refused update leaves a gap the next ones fall into, so they go
   * again too). Returns false when a pause is already running (the same burst).
   */
  backOff(ms) {
    if (this.pauseTimer) return false;
    this.rate = Math.max(MIN_RATE, this.rate / 2);
    this.burst = Math.max(MIN_RATE, Math.floor(this.burst / 2));
    this.tokens = 0;
    this.throttledAt = performance.now();
    this.pauseTimer = setTimeout(() => {
      this.pauseTimer = 0;
      this.unsent = this.pending.slice();
      this.pump();
    }, ms);
    return true;
  }

  ack(data) {
    if (!data || typeof data !== 'object') return;
    let i = typeof data.op === 'string' ? this.pending.findIndex((e) => e.op === data.op) : -1;
    // A server that does not echo `op` still names the element of a draw.
    if (i < 0 && typeof data.id === 'string') i = this.pending.findIndex((e) => e.type === 'draw' && e.data.id === data.id);
    if (i < 0) return;
    const [e] = this.pending.splice(i, 1);
    const j = this.unsent.indexOf(e);
    if (j >= 0) this.unsent.splice(j, 1);
  }

  /** Drops the pending ops matching `test`; returns how many. */
  dropWhere(test) {
    const before = this.pending.length;
    this.pending = this.pending.filter((e) => !test(e));
    this.unsent = this.unsent.filter((e) => !test(e));
    return before - this.pending.length;
  }

  /** Forget everything (after a clear: cleared strokes must not come back). */
  reset() {
    this.pending = [];
    this.unsent = [];
  }

  /**
   * After a sync: re-apply pending ops to the board and send them again, in order. A path whose
   * draw is pending goes out whole (draw with all points, then an update from 0 in case the server
   * kept an earlier, shorter copy); its pending updates are covered by that.
   */
  replay(board) {
    const old = this.pending;
    this.pending = [];
    const whole = new Set();
    const resend = (e) => { this.pending.push(e); };
    for (const e of old) {
      switch (e.type) {
        case 'draw': {
          const el = e.el;
          if (!el) { resend(e); break; }
          if (!board.has(el.id)) board.add(el, { live: board.live.get(el.id) === 0 });
          else if (el.elementType === 'path' && board.get(el.id) !== el) board.upsert(el);
          if (el.elementType === 'path') {
            whole.add(el.id);
            resend({ ...e, data: { ...el, points: el.points.slice(), op: e.op } });
            const u = { op: `${e.op}u`, type: 'update', data: { id: el.id, from: 0, points: el.points.slice(), op: `${e.op}u` } };
            resend(u);
          } else {
            resend(e);
          }
          break;
        }
        case 'update':
          // The sync may hold a shorter copy of our path than we drew: show ours.
          if (e.el && board.has(e.el.id) && board.get(e.el.id) !== e.el) board.upsert(e.el);
          if (!whole.has(e.data.id)) resend(e);
          break;
        case 'erase':
          board.remove(e.data.ids);
          resend(e);
          break;
        case 'restore':
          board.restore(e.data.ids.map((id) => board.ghost(id)).filter(Boolean));
          resend(e);
          break;
        default:
          resend(e);
      }
    }
    this.unsent = this.pending.slice();
    this.pump();
  }
}
