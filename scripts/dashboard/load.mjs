// Scripted load for the dashboard screenshot (scripts/dashboard-screenshot.sh): real WebSocket
// members in seven rooms (12, 8, 5, 3, 2 and 1 members, and a busy one) drawing freehand strokes
// (a draw, then an update every 40 ms, acknowledged), lines, undo/redo (erase/restore) and cursors;
// a rush; a clear; frames answered with errors; two oversized frames (closed with 1009; they resume);
// and two members that never read while the busy room floods them (each closed with 1013 when its
// outbox fills). Meanwhile it scrapes GET /metrics every SCRAPE_SECONDS (default 2) into a
// JSON-lines file ({t, text} per scrape) for render.mjs. Bounded: it stops after SECONDS.
//
// node [--experimental-websocket] load.mjs BASE_URL SERIES_OUT [SECONDS]
// Needs Node 20+ (WebSocket is global from Node 22; Node 20/21 need --experimental-websocket).
import net from 'node:net';
import crypto from 'node:crypto';
import fs from 'node:fs';

const [baseArg, seriesOut, secondsArg] = process.argv.slice(2);
if (!baseArg || !seriesOut) {
  console.error('usage: load.mjs BASE_URL SERIES_OUT [SECONDS]');
  process.exit(2);
}
if (typeof WebSocket !== 'function') {
  console.error('load: this Node has no WebSocket; run it with --experimental-websocket (Node 20/21) or use Node 22+');
  process.exit(2);
}
const BASE = baseArg.replace(/\/+$/, '');
const WS_BASE = BASE.replace(/^http/, 'ws');
const SECONDS = Number(secondsArg || 75);
const SCRAPE_SECONDS = Number(process.env.SCRAPE_SECONDS || 2);
const TICK_MS = 40;
const RUN = crypto.randomBytes(3).toString('hex');
const started = Date.now();
const elapsed = () => (Date.now() - started) / 1000;
const log = (msg) => console.log(`load [${elapsed().toFixed(1).padStart(5)} s] ${msg}`);
const rand = (a, b) => a + Math.random() * (b - a);
const COLORS = ['#e74c3c', '#3498db', '#2ecc71', '#9b59b6', '#f39c12', '#1abc9c'];

const stats = { sent: {}, received: 0, closes: {}, errors: {}, acks: 0, joins: 0 };
const count = (map, key, n = 1) => { map[key] = (map[key] || 0) + n; };
const timers = new Set();
const every = (ms, fn) => { const h = setInterval(fn, ms); timers.add(h); return h; };
const at = (s, fn) => { const h = setTimeout(fn, s * 1000); timers.add(h); return h; };

class Member {
  constructor(room, name, { draw = false, cursor = false, batch = false, flood = false } = {}) {
    Object.assign(this, { room, name, drawing: draw, cursoring: cursor, batch, flood });
    this.seq = 0;
    this.mine = [];
    this.stroke = null;
    this.n = 0;
    this.speed = 1;
    this.color = COLORS[Math.floor(Math.random() * COLORS.length)];
    this.x = rand(100, 900);
    this.y = rand(100, 700);
  }

  connect() {
    let q = `userId=${encodeURIComponent(this.name)}&ack=1${this.batch ? '&batch=1' : ''}`;
    if (this.epoch) q += `&since=${this.seq}&epoch=${encodeURIComponent(this.epoch)}`;
    this.ws = new WebSocket(`${WS_BASE}/ws/${this.room}?${q}`);
    this.ws.onopen = () => { stats.joins++; };
    this.ws.onmessage = (ev) => this.onMessage(ev.data);
    this.ws.onerror = () => {};
    this.ws.onclose = (ev) => {
      this.ws = null;
      if (!this.leaving) {
        count(stats.closes, ev.code);
        log(`${this.name} in ${this.room} closed by the server with ${ev.code} (${ev.reason || 'no reason'}); reconnects`);
        // as the page does: reconnect after a moment, resuming from the last seq
        if (!stopped) at(rand(1, 2.5), () => this.connect());
      }
    };
    return this;
  }

  onMessage(data) {
    let msgs = JSON.parse(data);
    if (!Array.isArray(msgs)) msgs = [msgs];
    for (const m of msgs) {
      stats.received++;
      if (m.seq > this.seq) this.seq = m.seq;
      if (m.type === 'sync' || m.type === 'clear') this.stroke = null;
      if (m.type === 'sync') {
        this.epoch = m.data.epoch;
        if (m.data.seq > this.seq) this.seq = m.data.seq;
      } else if (m.type === 'ack') {
        stats.acks++;
      } else if (m.type === 'error') {
        count(stats.errors, m.data.code);
      } else if (m.type === 'leave' && this.flood && m.userId?.startsWith('stalled')) {
        log(`${this.name} saw ${m.userId} leave`);
        if (m.userId === 'stalled2') this.flood = false;
      }
    }
  }

  send(type, data) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(data === undefined ? { type } : { type, data }));
    count(stats.sent, type);
    return true;
  }

  raw(text, label) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(text);
    count(stats.sent, label);
  }

  tick() {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.flood) return this.floodTick();
    if (this.cursoring) {
      this.x += rand(-15, 15);
      this.y += rand(-15, 15);
      this.send('cursor', { x: Math.round(this.x), y: Math.round(this.y) });
    }
    if (!this.drawing) return;
    for (let k = 0; k < this.speed; k++) this.drawTick();
  }

  drawTick() {
    const s = this.stroke;
    if (!s || s.left <= 0) {
      const id = `${this.name}_${RUN}_${++this.n}`;
      this.x = Math.min(1200, Math.max(0, this.x + rand(-80, 80)));
      this.y = Math.min(900, Math.max(0, this.y + rand(-80, 80)));
      if (this.n % 6 === 0) {
        this.send('draw', { id, elementType: 'line', x1: this.x, y1: this.y, x2: this.x + rand(-90, 90),
          y2: this.y + rand(-90, 90), strokeColor: this.color, strokeWidth: 3 });
        this.stroke = null;
      } else {
        const pts = [[this.x, this.y], [this.x + 2, this.y + 1]];
        this.send('draw', { id, elementType: 'path', points: pts, strokeColor: this.color, strokeWidth: 4 });
        this.stroke = { id, count: pts.length, left: Math.floor(rand(8, 30)) };
      }
      this.mine.push(id);
      return;
    }
    const pts = [];
    for (let k = 0; k < 3; k++) {
      this.x += rand(-6, 6);
      this.y += rand(-6, 6);
      pts.push([Math.round(this.x * 10) / 10, Math.round(this.y * 10) / 10]);
    }
    if (this.send('update', { id: s.id, from: s.count, points: pts })) {
      s.count += pts.length;
      s.left--;
    }
  }

  // Many strokes, some big, fast: the stalled readers' sockets and then their outboxes fill.
  floodTick() {
    for (let k = 0; k < 12; k++) {
      const id = `${this.name}_${RUN}_${++this.n}`;
      const points = [];
      const n = k === 0 ? 600 : 4;
      for (let p = 0; p < n; p++) points.push([Math.round(rand(0, 1000)), Math.round(rand(0, 800))]);
      this.send('draw', { id, elementType: 'path', points, strokeColor: '#7f8c8d', strokeWidth: 1 });
    }
  }

  undoRedo() {
    const id = this.mine[this.mine.length - 2];
    if (!id) return;
    this.send('erase', { ids: [id], op: 'undo' });
    at(1, () => this.send('restore', { ids: [id], op: 'redo' }));
  }

  leave() {
    this.leaving = true;
    this.ws?.close(1000);
  }
}

/** Joins the room and never reads another byte: the server's writes to it back up. */
function stalledReader(room, name) {
  const url = new URL(`${BASE}/ws/${room}?userId=${name}`);
  const socket = net.connect(Number(url.port || 80), url.hostname);
  socket.on('error', () => {});
  socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\n`
    + `Connection: Upgrade\r\nSec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\n`
    + 'Sec-WebSocket-Version: 13\r\n\r\n');
  socket.once('data', (chunk) => {
    const status = chunk.toString('latin1').split('\r\n')[0];
    log(`${name} joined ${room} (${status}) and stops reading`);
    socket.pause();
  });
  return socket;
}

// ---- the rooms --------------------------------------------------------------------------------

const plan = [
  // [room, members, drawers, cursor movers]
  ['studio', 12, 6, 2],
  ['standup', 8, 4, 1],
  ['design', 5, 2, 1],
  ['retro', 3, 2, 0],
  ['pair', 2, 1, 0],
  ['solo', 1, 1, 0],
];
const rooms = {};
const members = [];
for (const [base, size, drawers, cursors] of plan) {
  const room = `${base}-${RUN}`;
  rooms[base] = [];
  for (let k = 0; k < size; k++) {
    const m = new Member(room, `${base}${k + 1}`, { draw: k < drawers, cursor: k >= size - cursors, batch: k % 2 === 1 });
    rooms[base].push(m);
    members.push(m);
  }
}
const floodRoom = `busy-${RUN}`;
const flooder = new Member(floodRoom, 'flooder', { flood: true, batch: true });

// ---- scraping ---------------------------------------------------------------------------------

const out = fs.createWriteStream(seriesOut);
let scrapes = 0;
let stopped = false;
async function scrape() {
  if (stopped) return;
  const t = Date.now() / 1000;
  try {
    const res = await fetch(`${BASE}/metrics`);
    const text = await res.text();
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    if (stopped) return;
    out.write(JSON.stringify({ t, text }) + '\n');
    scrapes++;
  } catch (e) {
    log(`scrape failed: ${e.message}`);
  }
}

// ---- the timeline -----------------------------------------------------------------------------

await scrape();
every(SCRAPE_SECONDS * 1000, scrape);
log(`run ${RUN}: ${members.length + 2} members in ${plan.length + 1} rooms for ${SECONDS} s against ${BASE}`);

// members arrive over the first 15 s, biggest rooms first
members.forEach((m, k) => at(1 + (k / members.length) * 14 + rand(0, 0.5), () => m.connect()));
let lagCheck = Date.now();
every(1000, () => {
  const lag = Date.now() - lagCheck - 1000;
  if (lag > 250) log(`the load's own event loop ran ${lag} ms late`);
  lagCheck = Date.now();
});
every(TICK_MS, () => { for (const m of members) m.tick(); flooder.tick(); });
every(6000, () => { for (const m of members) if (m.drawing && Math.random() < 0.5) m.undoRedo(); });

// a busy room with two members that never read (joined 6 s apart, so they are closed apart)
const stalled = [];
at(8, () => stalled.push(stalledReader(floodRoom, 'stalled1')));
at(14, () => stalled.push(stalledReader(floodRoom, 'stalled2')));
at(9, () => flooder.connect());

// a rush: the big rooms draw twice as fast for 15 s
at(28, () => { log('rush: studio and standup draw twice as fast'); for (const m of [...rooms.studio, ...rooms.standup]) m.speed = 2; });
at(43, () => { for (const m of [...rooms.studio, ...rooms.standup]) m.speed = 1; });

// bad input: each gets an error reply, the connection carries on. Each kind twice: a counter
// that appears with its first event shows in rate() only from its second.
const bad = {
  unknown_type: (m) => m.send('wave', { hello: 1 }),
  malformed_json: (m) => m.raw('{"type":"draw",', 'malformed'),
  invalid_element: (m) => m.send('draw', { id: `bad-${RUN}-${m.n}`, elementType: 'line', x1: 0, y1: 0, x2: 1, y2: 1, strokeColor: 'red', strokeWidth: 3 }),
};
[[18, 'unknown_type', 'standup', 1], [23, 'malformed_json', 'design', 1], [30, 'invalid_element', 'studio', 2],
  [44, 'unknown_type', 'standup', 3], [50, 'malformed_json', 'pair', 1], [55, 'invalid_element', 'studio', 4]]
  .forEach(([s, code, room, k]) => at(s, () => { log(`${rooms[room][k].name} sends a frame answered with ${code}`); bad[code](rooms[room][k]); }));

// oversized frames (the limit is inkroom.max.frame.bytes, 64 KiB): closed with 1009, resume
const oversized = (m) => {
  log(`${m.name} sends a 96 KiB frame`);
  m.raw(JSON.stringify({ type: 'cursor', data: { x: 1, y: 1, pad: 'x'.repeat(96 * 1024) } }), 'oversized');
};
at(38, () => oversized(rooms.design[0]));
at(58, () => oversized(rooms.standup[2]));

// a clear
at(46, () => { log('retro1 clears its canvas'); rooms.retro[0].send('clear'); });

// the end: half of the studio leaves, then everyone
at(SECONDS - 12, () => { log('half of the studio leaves'); rooms.studio.slice(6).forEach((m) => m.leave()); });
at(SECONDS, async () => {
  await scrape();
  stopped = true;
  for (const h of timers) { clearInterval(h); clearTimeout(h); }
  for (const m of [...members, flooder]) m.leave();
  stalled.forEach((s) => s.destroy());
  out.end();
  log(`done: ${scrapes} scrapes; sent ${JSON.stringify(stats.sent)}; received ${stats.received} messages, `
    + `${stats.acks} acks; errors ${JSON.stringify(stats.errors)}; server closes ${JSON.stringify(stats.closes)}`);
  setTimeout(() => process.exit(0), 500);
});
