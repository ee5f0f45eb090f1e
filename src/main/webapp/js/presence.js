// Presence: other people's cursors (world coordinates, placed through the board's view), the
// people list and join/leave toasts. User names only ever reach the DOM through textContent.
import { HEX_RE } from './shapes.js';

const CURSOR_TIMEOUT = 5000;

export function toast(text, kind = 'info') {
  const box = document.getElementById('toasts');
  const t = document.createElement('div');
  t.className = `toast ${kind}`;
  t.textContent = text;
  box.append(t);
  while (box.children.length > 4) box.firstElementChild.remove();
  setTimeout(() => t.remove(), kind === 'error' ? 6000 : 3000);
}

// Black or white text, whichever reads better on the given background.
export function textOn(hex) {
  const n = parseInt(hex.slice(1), 16);
  const lum = (0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255;
  return lum > 0.6 ? '#111111' : '#ffffff';
}

export class Presence {
  constructor(board, layer, list, count) {
    this.board = board;
    this.layer = layer;
    this.list = list;
    this.countEl = count;
    this.users = new Map();   // userId -> {color, viewer}
    this.cursors = new Map(); // userId -> {el, label, timer, x, y}
    this.me = null;
  }

  setMe(userId, color, role) {
    this.me = userId;
    const known = userId ? this.users.get(userId) : undefined;
    if (known) known.viewer = role === 'viewer';
    else if (userId && HEX_RE.test(color)) this.users.set(userId, { color, viewer: role === 'viewer' });
    this.render();
  }

  setUsers(list) {
    this.users = new Map(list.filter((u) => u && typeof u.userId === 'string')
      .map((u) => [u.userId, { color: HEX_RE.test(u.color) ? u.color : '#888888', viewer: u.role === 'viewer' }]));
    for (const id of [...this.cursors.keys()]) if (!this.users.has(id)) this.removeCursor(id);
    this.render();
  }

  joined(userId, color, role) {
    if (!userId || userId === this.me) return;
    const viewer = role === 'viewer';
    if (HEX_RE.test(color)) this.users.set(userId, { color, viewer });
    this.render();
    toast(viewer ? `${userId} joined to watch` : `${userId} joined`);
  }

  left(userId) {
    if (!userId || userId === this.me) return;
    this.users.delete(userId);
    this.removeCursor(userId);
    this.render();
    toast(`${userId} left`);
  }

  cursor(userId, x, y, color) {
    if (!userId || userId === this.me || !Number.isFinite(x) || !Number.isFinite(y)) return;
    let c = this.cursors.get(userId);
    if (!c) {
      const el = document.createElement('div');
      el.className = 'cursor';
      el.dataset.user = userId;
      const label = document.createElement('span');
      label.className = 'cursor-label';
      label.textContent = userId;
      el.append(label);
      this.layer.append(el);
      c = { el, label, timer: 0, x, y };
      this.cursors.set(userId, c);
    }
    const col = HEX_RE.test(color) ? color : this.users.get(userId)?.color || '#555555';
    c.el.style.setProperty('--c', col);
    c.label.style.color = textOn(col);
    c.x = x;
    c.y = y;
    this.place(c);
    c.el.hidden = false;
    clearTimeout(c.timer);
    c.timer = setTimeout(() => { c.el.hidden = true; }, CURSOR_TIMEOUT);
  }

  place(c) {
    const [sx, sy] = this.board.worldToScreen(c.x, c.y);
    c.el.style.transform = `translate(${sx}px, ${sy}px)`;
  }

  /** The view moved: cursors stay over the same world point. */
  reposition() {
    for (const c of this.cursors.values()) {
      c.el.classList.add('instant');
      this.place(c);
    }
    requestAnimationFrame(() => { for (const c of this.cursors.values()) c.el.classList.remove('instant'); });
  }

  removeCursor(userId) {
    const c = this.cursors.get(userId);
    if (!c) return;
    clearTimeout(c.timer);
    c.el.remove();
    this.cursors.delete(userId);
  }

  clearCursors() {
    for (const id of [...this.cursors.keys()]) this.removeCursor(id);
  }

  render() {
    const items = [...this.users].map(([userId, { color, viewer }]) => {
      const li = document.createElement('li');
      const dot = document.createElement('span');
      dot.className = 'swatch-dot';
      dot.style.background = color;
      const label = document.createElement('span');
      label.className = 'user-name';
      label.textContent = userId;
      li.append(dot, label);
      if (viewer) {
        li.dataset.role = 'viewer';
        li.append(viewerMark());
      }
      if (userId === this.me) {
        const you = document.createElement('span');
        you.className = 'you';
        you.textContent = '(you)';
        li.append(you);
      }
      return li;
    });
    this.list.replaceChildren(...items);
    this.countEl.textContent = String(this.users.size);
  }
}

// An eye and the word, so the mark does not rest on colour or an icon alone.
function viewerMark() {
  const NS = 'http://www.w3.org/2000/svg';
  const mark = document.createElement('span');
  mark.className = 'role-viewer';
  mark.title = 'Watching: view only';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('aria-hidden', 'true');
  const use = document.createElementNS(NS, 'use');
  use.setAttribute('href', '#i-eye');
  svg.append(use);
  const word = document.createElement('span');
  word.textContent = 'viewer';
  mark.append(svg, word);
  return mark;
}
