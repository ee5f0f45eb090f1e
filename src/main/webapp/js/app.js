// Entry point: decides between the landing view and a room, and wires the
// board, the connection and the protocol together.
import { roomFromLocation, socketUrl, loadName, saveName, cleanName } from './ids.js';
import { Connection } from './connection.js';
import { createBoard } from './board.js';
import { showLanding } from './landing.js';

const $ = (id) => document.getElementById(id);
const HEX_RE = /^#[0-9a-fA-F]{6}$/;
const PALETTE = [
  ['Black', '#111111'], ['Red', '#e03131'], ['Orange', '#f08c00'], ['Green', '#2f9e44'],
  ['Blue', '#1971c2'], ['Violet', '#7048e8'], ['Pink', '#c2255c'], ['White', '#ffffff'],
];
const WIDTHS = [2, 4, 8, 16];
const CURSOR_INTERVAL = 33; // ~30 cursor messages per second at most
const CURSOR_TIMEOUT = 5000;
const STATUS_TEXT = {
  connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…',
  offline: 'Offline', closed: 'Disconnected',
};

const state = { status: 'landing', userId: null, board: null };

// Read-only hook for automated browser tests.
window.inkroom = Object.freeze({
  get status() { return state.status; },
  get userId() { return state.userId; },
  get elementCount() { return state.board ? state.board.count : 0; },
  get unacked() { return state.unacked ? state.unacked.size : 0; },
});

export function toast(text, kind = 'info') {
  const box = $('toasts');
  const t = document.createElement('div');
  t.className = `toast ${kind}`;
  t.textContent = text;
  box.append(t);
  while (box.children.length > 4) box.firstElementChild.remove();
  setTimeout(() => t.remove(), kind === 'error' ? 6000 : 3000);
}

// Black or white text, whichever reads better on the given background.
function textOn(hex) {
  const n = parseInt(hex.slice(1), 16);
  const lum = (0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255;
  return lum > 0.6 ? '#111111' : '#ffffff';
}

function startRoom(roomId) {
  $('board-view').hidden = false;
  document.title = `${roomId} · Inkroom`;
  $('room-code').textContent = roomId;

  let name = loadName();
  saveName(name); // keep a generated guest name stable across reloads
  let myUserId = null;
  let synced = false;     // sync received on the current socket
  // Strokes the server has not acknowledged (stored) yet, in drawing order: re-sent after every
  // (re)connect; the server keeps element ids idempotent, so a resend is harmless.
  const unacked = new Map();
  // Where this page's copy of the room stands: reconnects ask only for what came after it.
  const resume = { epoch: null, seq: null };
  let clearsInFlight = 0; // our own clears whose echo we must not apply again
  let counter = 0;
  const style = { color: PALETTE[0][1], width: WIDTHS[1] };
  let users = new Map(); // userId -> colour

  const conn = new Connection(() => socketUrl(roomId, name, resume), {
    onMessage,
    onOpen() { synced = false; },
    onStatus(s) {
      state.status = s;
      if (s !== 'connected') synced = false;
      const el = $('status');
      el.dataset.state = s;
      $('status-text').textContent = STATUS_TEXT[s] || s;
      updateControls();
    },
    onFatal(reason) {
      $('fatal-text').textContent = `Disconnected: ${reason}`;
      $('fatal').hidden = false;
    },
    onNotice: (text) => toast(text, 'error'),
  });

  const board = createBoard($('canvas'), {
    onSegment(x1, y1, x2, y2) {
      const prefix = (myUserId || name).slice(0, 64);
      const el = {
        id: `${prefix}_${Date.now().toString(36)}_${counter++}`,
        elementType: 'line', x1, y1, x2, y2,
        strokeColor: style.color, strokeWidth: style.width,
      };
      board.add(el);
      unacked.set(el.id, el);
      if (synced) conn.send({ type: 'draw', data: el });
    },
    onPointer: queueCursor,
  });
  state.board = board;
  state.unacked = unacked;

  function noteSeq(seq) {
    if (Number.isSafeInteger(seq) && (resume.seq === null || seq > resume.seq)) resume.seq = seq;
  }

  function onMessage(msg) {
    const d = msg.data;
    switch (msg.type) {
      case 'sync': {
        const data = d && typeof d === 'object' ? d : {};
        myUserId = typeof data.userId === 'string' ? data.userId : msg.userId ?? myUserId;
        state.userId = myUserId;
        const elements = Array.isArray(data.elements) ? data.elements : [];
        if (Number.isSafeInteger(data.since) && data.epoch === resume.epoch) {
          for (const el of elements) board.add(el); // only what we missed: keep the rest
        } else {
          board.setElements(elements);
        }
        resume.epoch = typeof data.epoch === 'string' ? data.epoch : null;
        noteSeq(data.seq);
        clearsInFlight = 0;
        synced = true;
        for (const el of unacked.values()) {
          board.add(el);
          conn.send({ type: 'draw', data: el });
        }
        for (const userId of [...cursors.keys()]) removeCursor(userId);
        if (myUserId && !users.has(myUserId) && HEX_RE.test(data.color)) users.set(myUserId, data.color);
        renderUsers();
        updateControls();
        break;
      }
      case 'draw':
        if (d && typeof d === 'object') board.add(d);
        noteSeq(msg.seq);
        break;
      case 'ack':
        if (d && typeof d.id === 'string') unacked.delete(d.id);
        noteSeq(d?.seq);
        break;
      case 'clear':
        if (msg.userId === myUserId && clearsInFlight > 0) clearsInFlight--;
        else board.clear();
        unacked.clear(); // cleared strokes must not come back on the next reconnect
        noteSeq(msg.seq);
        break;
      case 'cursor':
        if (msg.userId && msg.userId !== myUserId && d) showCursor(msg.userId, d.x, d.y, d.color);
        break;
      case 'join':
        if (!msg.userId || msg.userId === myUserId) break;
        if (HEX_RE.test(d?.color)) users.set(msg.userId, d.color);
        renderUsers();
        toast(`${msg.userId} joined`);
        break;
      case 'leave':
        if (!msg.userId || msg.userId === myUserId) break;
        users.delete(msg.userId);
        removeCursor(msg.userId);
        renderUsers();
        toast(`${msg.userId} left`);
        break;
      case 'userlist':
        if (!Array.isArray(d)) break;
        users = new Map(d.filter((u) => u && typeof u.userId === 'string')
          .map((u) => [u.userId, HEX_RE.test(u.color) ? u.color : '#888888']));
        renderUsers();
        break;
      case 'error':
        toast(typeof d?.message === 'string' ? d.message : 'Server error', 'error');
        break;
      default: // unknown types are ignored so the server can evolve
    }
  }

  // --- cursors -------------------------------------------------------------
  let cursorLatest = null;
  let cursorTimer = 0;
  // Leading + trailing throttle: the last position is always sent.
  function queueCursor(x, y) {
    cursorLatest = { x, y };
    if (!cursorTimer) flushCursor();
  }
  function flushCursor() {
    cursorTimer = 0;
    if (!cursorLatest) return;
    conn.send({ type: 'cursor', data: cursorLatest });
    cursorLatest = null;
    cursorTimer = setTimeout(flushCursor, CURSOR_INTERVAL);
  }

  const cursors = new Map(); // userId -> {el, label, timer}
  function showCursor(userId, x, y, color) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    let c = cursors.get(userId);
    if (!c) {
      const el = document.createElement('div');
      el.className = 'cursor';
      const label = document.createElement('span');
      label.className = 'cursor-label';
      label.textContent = userId;
      el.append(label);
      $('cursors').append(el);
      c = { el, label, timer: 0 };
      cursors.set(userId, c);
    }
    const col = HEX_RE.test(color) ? color : users.get(userId) || '#555555';
    c.el.style.setProperty('--c', col);
    c.label.style.color = textOn(col);
    c.el.style.transform = `translate(${x}px, ${y}px)`;
    c.el.hidden = false;
    clearTimeout(c.timer);
    c.timer = setTimeout(() => { c.el.hidden = true; }, CURSOR_TIMEOUT);
  }
  function removeCursor(userId) {
    const c = cursors.get(userId);
    if (!c) return;
    clearTimeout(c.timer);
    c.el.remove();
    cursors.delete(userId);
  }

  // --- user list -------------------------------------------------------------
  function renderUsers() {
    const items = [...users].map(([userId, color]) => {
      const li = document.createElement('li');
      const dot = document.createElement('span');
      dot.className = 'swatch-dot';
      dot.style.background = color;
      const label = document.createElement('span');
      label.textContent = userId;
      li.append(dot, label);
      if (userId === myUserId) {
        const you = document.createElement('span');
        you.className = 'you';
        you.textContent = ' (you)';
        li.append(you);
      }
      return li;
    });
    $('user-list').replaceChildren(...items);
    $('user-count').textContent = String(users.size);
  }

  // --- toolbar ---------------------------------------------------------------
  const custom = $('custom-colour');
  const swatches = PALETTE.map(([label, color]) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'swatch';
    b.style.setProperty('--c', color);
    b.dataset.color = color;
    b.setAttribute('aria-label', label);
    b.title = label;
    b.addEventListener('click', () => selectColor(color));
    return b;
  });
  custom.parentElement.before(...swatches);
  function selectColor(color) {
    style.color = color;
    for (const b of swatches) b.setAttribute('aria-pressed', String(b.dataset.color === color));
    custom.value = color;
  }
  custom.addEventListener('input', () => selectColor(custom.value.toLowerCase()));
  selectColor(style.color);

  const widthButtons = WIDTHS.map((w) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'width';
    b.setAttribute('aria-label', `Stroke width ${w}`);
    b.title = `${w} px`;
    const dot = document.createElement('span');
    dot.style.width = dot.style.height = `${Math.min(w, 16)}px`;
    b.append(dot);
    b.addEventListener('click', () => selectWidth(w));
    return b;
  });
  $('widths').append(...widthButtons);
  function selectWidth(w) {
    style.width = w;
    widthButtons.forEach((b, i) => b.setAttribute('aria-pressed', String(WIDTHS[i] === w)));
  }
  selectWidth(style.width);

  // Clearing while out of sync would be undone by the next sync, so only allow it when live.
  function updateControls() {
    const clear = $('clear');
    clear.disabled = !synced;
    clear.title = synced ? 'Clear the board for everyone' : 'Available when connected';
  }
  $('clear').addEventListener('click', () => {
    if (!synced || !confirm('Clear the whole board for everyone?')) return;
    board.clear();
    unacked.clear();
    if (conn.send({ type: 'clear' })) clearsInFlight++;
  });

  $('copy-link').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      toast('Copied');
    } catch {
      // No clipboard API (e.g. plain http): let the user copy it by hand.
      const wrap = $('link-fallback');
      const input = $('link-input');
      input.value = location.href;
      wrap.hidden = false;
      input.focus();
      input.select();
      toast('Press Ctrl+C (⌘C on Mac) to copy the link');
    }
  });
  $('link-input').addEventListener('blur', () => { $('link-fallback').hidden = true; });

  const nameInput = $('name');
  nameInput.value = name;
  nameInput.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') nameInput.blur(); });
  nameInput.addEventListener('change', () => {
    const next = cleanName(nameInput.value);
    nameInput.value = next || name;
    if (!next || next === name) return;
    name = next;
    saveName(name);
    conn.restart();
  });

  conn.start();
}

const where = roomFromLocation();
if (where?.roomId) startRoom(where.roomId);
else showLanding(where?.invalid);
