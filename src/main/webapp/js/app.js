// Entry point: the landing view or a room. In a room it wires the board (rendering, view), the
// input (tools), the connection and its outbox of unacknowledged ops, undo/redo and presence.
import { roomFromLocation, socketUrl, roomLink, tokenFromLocation, loadName, saveName, cleanName } from './ids.js';
import { accessMode, checkLink } from './access.js';
import { Connection } from './connection.js';
import { Board } from './board.js';
import { attachInput } from './tools.js';
import { History } from './history.js';
import { Outbox } from './ops.js';
import { Presence, toast } from './presence.js';
import { exportPng, exportSvg, download } from './export.js';
import { HEX_RE, fontOf, FONT_FAMILY, LINE_HEIGHT } from './shapes.js';
import { showLanding } from './landing.js';

const $ = (id) => document.getElementById(id);
const PALETTE = [
  ['Black', '#1e1e1e'], ['Grey', '#868e96'], ['Red', '#e03131'], ['Orange', '#f08c00'],
  ['Green', '#2f9e44'], ['Teal', '#0c8599'], ['Blue', '#1971c2'], ['Violet', '#7048e8'],
  ['Pink', '#c2255c'], ['White', '#ffffff'],
];
const WIDTHS = [['Thin', 2], ['Medium', 4], ['Bold', 8], ['Extra bold', 16]];
const FONT_FOR_WIDTH = { 2: 20, 4: 28, 8: 40, 16: 64 };
const CURSOR_INTERVAL = 33;      // ~30 cursor messages per second at most
const CURSOR_SLOWEST = 500;      // after the server's too_many_cursors the interval doubles up to this
const QUIET_MS = 10_000;         // a throttle this long ago is forgotten (back to full speed)
const CLEAR_COOLDOWN_MS = 20_000; // after too_many_clears the clear button rests this long
const STROKE_FLUSH_MS = 40;      // a growing stroke goes out this often
const MAX_PATH_POINTS = 1500;    // keeps a whole-path resend well under the 64 KiB frame limit
const ERASE_CHUNK = 500;
const TOOLS = ['hand', 'pen', 'line', 'rect', 'ellipse', 'text', 'eraser'];
const TOOL_KEYS = { h: 'hand', p: 'pen', d: 'pen', l: 'line', r: 'rect', o: 'ellipse', t: 'text', e: 'eraser' };
const STATUS_TEXT = {
  connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…',
  offline: 'Offline', closed: 'Disconnected',
};
const round2 = (v) => Math.round(v * 100) / 100;

const state = {
  status: 'landing', userId: null, roomId: null, board: null, outbox: null, history: null, tool: null,
  access: null, role: null,
};

// Read-only hooks for automated browser tests (and the curious): nothing here changes the board.
window.inkroom = Object.freeze({
  get status() { return state.status; },
  get userId() { return state.userId; },
  get roomId() { return state.roomId; },
  get tool() { return state.tool; },
  /** 'open' or 'links' (the server's inkroom.access); 'editor' or 'viewer' (what this page may do). */
  get access() { return state.access; },
  get role() { return state.role; },
  get elementCount() { return state.board ? state.board.count : 0; },
  get unacked() { return state.outbox ? state.outbox.size : 0; },
  get canUndo() { return state.history ? state.history.canUndo : false; },
  get zoom() { return state.board ? state.board.view.scale : 1; },
  get devicePixelRatio() { return state.board ? state.board.dpr : 1; },
  /** How long the last full repaint of the committed layer took (ms). */
  get renderMs() { return state.board ? state.board.lastRenderMs : 0; },
  elementIds() { return state.board ? state.board.elements.map((e) => e.id) : []; },
  worldToScreen(x, y) { return state.board ? state.board.worldToScreen(x, y) : [x, y]; },
  screenToWorld(x, y) { return state.board ? state.board.screenToWorld(x, y) : [x, y]; },
  /** The PNG export as a Blob, exactly what the PNG button downloads. */
  exportPng() { return state.board ? exportPng(state.board) : Promise.reject(new Error('no board')); },
  exportSvg() { return state.board ? exportSvg(state.board) : null; },
});

/**
 * Before connecting: with a link token, ask the server what it grants (so a refused link gets a
 * sentence, not a dead socket); without one, whether this server wants a link at all.
 */
async function enterRoom(roomId) {
  const token = tokenFromLocation();
  if (!token) {
    if ((await accessMode()) === 'links') {
      showNotice('You need a link to join this room',
        'Rooms on this server open only with a link. Ask the person who shared the board for its link.');
      return;
    }
    startRoom(roomId, { mode: 'open', token: null, role: 'editor', links: null });
    return;
  }
  const r = await checkLink(roomId, token);
  if (r.ok && typeof r.viewer !== 'string') {
    // An open server grants everything and hands out no links: a stale token changes nothing.
    startRoom(roomId, { mode: 'open', token: null, role: 'editor', links: null });
  } else if (r.ok) {
    startRoom(roomId, { mode: 'links', token, role: r.role, links: r });
  } else if (r.problem) {
    showNotice(r.problem, r.problem.includes('expired')
      ? 'Ask the person who shared the board for a new link.'
      : 'Check that the whole link was copied, or ask for a new one.');
  } else {
    // The server could not be asked (offline, restarting) or has no access API: connect anyway;
    // the socket retries, and a refused handshake asks again.
    const mode = r.status === 0 ? 'links' : (await accessMode()) ?? 'links';
    startRoom(roomId, { mode, token, role: null, links: null });
  }
}

function showNotice(title, text) {
  document.title = 'Inkroom';
  $('notice-title').textContent = title;
  $('notice-text').textContent = text;
  $('notice').hidden = false;
}

function startRoom(roomId, access) {
  $('board-view').hidden = false;
  document.title = `${roomId} · Inkroom`;
  $('room-code').textContent = roomId;
  state.roomId = roomId;
  state.access = access.mode;
  const links = access.mode === 'links';
  // A link-only room's id grants nothing and is not meant to be read out: the links are what counts.
  $('room-chip').hidden = links;

  let name = loadName();
  saveName(name); // keep a generated guest name stable across reloads
  let myUserId = null;
  // Where this page's copy of the room stands: reconnects ask only for what came after it.
  const resume = { epoch: null, seq: null };
  let clearsInFlight = 0; // our own clears whose echo we must not apply again
  let idCounter = 0;
  const style = { color: PALETTE[0][1], width: WIDTHS[1][1] };

  const conn = new Connection(() => socketUrl(roomId, name, resume, access.token), {
    onMessage,
    onOpen() { outbox.synced = false; },
    onStatus(s) {
      state.status = s;
      if (s !== 'connected') outbox.synced = false;
      $('status').dataset.state = s;
      $('status-text').textContent = STATUS_TEXT[s] || s;
      updateControls();
    },
    onFatal: fatal,
    onNotice: (text) => toast(text, 'error'),
    onRefused() {
      // A refused handshake is only a 1006 to the page: ask the links endpoint what is wrong.
      if (!links) return;
      checkLink(roomId, access.token).then((r) => {
        if (r.ok || !r.problem) return;
        conn.stop();
        fatal(r.problem);
      });
    },
  });
  function fatal(text) {
    $('fatal-text').textContent = text;
    $('fatal').hidden = false;
  }
  const outbox = new Outbox(conn);
  const board = new Board($('canvas'), $('live'), {
    onViewChange() {
      presence.reposition();
      $('zoom-level').textContent = `${Math.round(board.view.scale * 100)}%`;
      updateGrid();
      if (textEdit) placeEditor();
    },
  });
  const presence = new Presence(board, $('cursors'), $('user-list'), $('user-count'));
  const history = new History(applyHistory, updateHistoryButtons);
  Object.assign(state, { board, outbox, history });

  function newId() {
    const prefix = (myUserId || name).replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 40) || 'u';
    return `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}_${idCounter++}`;
  }

  function noteSeq(seq) {
    if (Number.isSafeInteger(seq) && (resume.seq === null || seq > resume.seq)) resume.seq = seq;
  }

  // --- server messages ----------------------------------------------------------------------------
  function onMessage(msg) {
    const d = msg.data;
    switch (msg.type) {
      case 'sync': {
        const data = d && typeof d === 'object' ? d : {};
        myUserId = typeof data.userId === 'string' ? data.userId : msg.userId ?? myUserId;
        state.userId = myUserId;
        const elements = Array.isArray(data.elements) ? data.elements : [];
        if (Number.isSafeInteger(data.since) && data.epoch === resume.epoch) {
          // A resume: only what changed after `since`; keep the rest.
          for (const el of elements) board.upsert(el);
          if (Array.isArray(data.erased)) board.remove(data.erased);
        } else {
          board.setElements(elements);
        }
        resume.epoch = typeof data.epoch === 'string' ? data.epoch : null;
        noteSeq(data.seq);
        clearsInFlight = 0;
        setRole(data.role === 'viewer' ? 'viewer' : 'editor');
        flushErase(); // erased here but not yet queued: it must be part of the replay
        outbox.synced = true;
        outbox.replay(board);
        if (stroke) {
          // The stroke being drawn goes on from our own copy (the sync's may be shorter).
          if (board.get(stroke.el.id) !== stroke.el) board.upsert(stroke.el);
          board.setLive(stroke.el.id, true);
        }
        presence.clearCursors();
        presence.setMe(myUserId, data.color, state.role);
        updateControls();
        break;
      }
      case 'draw':
        if (d && typeof d === 'object') board.add(d);
        noteSeq(msg.seq);
        break;
      case 'update':
        if (d && typeof d.id === 'string' && board.appendPoints(d.id, d.from, d.points)) board.growing(d.id);
        noteSeq(msg.seq);
        break;
      case 'erase':
        if (Array.isArray(d?.ids)) {
          if (stroke && d.ids.includes(stroke.el.id)) endStroke();
          board.remove(d.ids);
        }
        noteSeq(msg.seq);
        break;
      case 'restore':
        if (Array.isArray(d?.elements)) board.restore(d.elements);
        noteSeq(msg.seq);
        break;
      case 'ack':
        outbox.ack(d);
        noteSeq(d?.seq);
        break;
      case 'clear':
        if (msg.userId === myUserId && clearsInFlight > 0) clearsInFlight--;
        else {
          if (stroke) endStroke();
          board.setElements([]);
        }
        if (erasing) erasing.queued = [];
        outbox.reset(); // cleared strokes must not come back on the next reconnect
        history.clear();
        noteSeq(msg.seq);
        break;
      case 'cursor':
        if (d) presence.cursor(msg.userId, d.x, d.y, d.color);
        break;
      case 'join':
        presence.joined(msg.userId, d?.color, d?.role);
        break;
      case 'leave':
        presence.left(msg.userId);
        break;
      case 'userlist':
        if (Array.isArray(d)) presence.setUsers(d);
        break;
      case 'error':
        onError(d && typeof d === 'object' ? d : {});
        break;
      default: // unknown types are ignored so the server can evolve
    }
  }

  // --- refusals -------------------------------------------------------------------------------------
  const throttle = { ops: 0, opsAt: 0, cursorsAt: 0, clearsUntil: 0, readOnlyShown: false };

  function onError(d) {
    const message = typeof d.message === 'string' ? d.message : 'Server error';
    const now = performance.now();
    switch (d.code) {
      case 'too_many_ops': {
        // Too fast for the server: nothing is dropped, the outbox pauses and sends again what the
        // server has not stored. Pauses double while refusals keep coming (1 s up to 8 s).
        if (now - throttle.opsAt > QUIET_MS) throttle.ops = 0;
        throttle.opsAt = now;
        if (outbox.backOff(Math.min(8000, 1000 * 2 ** throttle.ops))) {
          if (throttle.ops === 0) toast('Drawing faster than the server accepts: catching up…', 'error');
          throttle.ops++;
        }
        return;
      }
      case 'too_many_cursors':
        // Cursors are not worth a word: send them less often for a while.
        throttle.cursorsAt = now;
        cursorInterval = Math.min(CURSOR_SLOWEST, cursorInterval * 2);
        return;
      case 'too_many_clears':
        // This page emptied its board already; the server did not: fetch the real board again.
        clearsInFlight = Math.max(0, clearsInFlight - 1);
        throttle.clearsUntil = now + CLEAR_COOLDOWN_MS;
        setTimeout(updateControls, CLEAR_COOLDOWN_MS + 50);
        updateControls();
        toast('The board was cleared too often. Wait a little before clearing again.', 'error');
        resyncFully();
        return;
      case 'read_only':
        // The server says view only (it is the judge): stop drawing, and resync if this page had
        // already shown something the server refused.
        if (!throttle.readOnlyShown) toast('This is a view-only link: you can watch but not draw.', 'error');
        throttle.readOnlyShown = true;
        if (state.role !== 'viewer') {
          setRole('viewer');
          outbox.reset();
          resyncFully();
        }
        return;
      default:
    }
    if (outbox.paused) return; // the rest of a refused burst (gaps after a refused update): resent soon
    // A refused op is never acked: drop it (the server names it in data.op), and with it
    // updates of paths that are gone (someone erased them meanwhile), which cannot succeed.
    let quiet = false;
    if (typeof d.op === 'string') outbox.dropWhere((e) => e.op === d.op);
    if (d.code === 'invalid_update' || d.code === 'not_allowed') {
      quiet = outbox.dropWhere((e) => e.type === 'update' && !board.has(e.data.id)) > 0;
    }
    if (!quiet) toast(message, 'error');
  }

  /** Reconnect for the whole board (not a resume: this page's copy is no longer a prefix of the room's). */
  function resyncFully() {
    resume.epoch = null;
    resume.seq = null;
    conn.restart();
  }

  // --- view only ------------------------------------------------------------------------------------
  function setRole(role) {
    if (state.role === role) return;
    state.role = role;
    const viewer = role === 'viewer';
    $('board-view').dataset.role = role;
    $('view-badge').hidden = !viewer;
    if (viewer) {
      input.cancel();
      if (stroke) endStroke();
      board.setDraft(null);
      closeEditor();
      selectTool('hand');
    } else if (state.tool === 'hand') {
      selectTool('pen');
    }
    updateControls();
    updateHistoryButtons();
    presence.setMe(myUserId, null, role);
  }

  // --- drawing actions ----------------------------------------------------------------------------
  let stroke = null; // {el, sent, ids, timer}: the freehand stroke being drawn

  function startPath(first, ids) {
    const el = {
      id: newId(), elementType: 'path', points: [first],
      strokeColor: style.color, strokeWidth: style.width,
    };
    board.add(el, { live: true });
    outbox.send('draw', { ...el, points: el.points.slice() }, { el });
    ids.push(el.id);
    return el;
  }

  function flushStroke() {
    if (!stroke || stroke.el.points.length <= stroke.sent) return;
    const { el } = stroke;
    outbox.send('update', { id: el.id, from: stroke.sent, points: el.points.slice(stroke.sent) }, { el });
    stroke.sent = el.points.length;
  }

  function endStroke() {
    if (!stroke) return;
    flushStroke();
    clearInterval(stroke.timer);
    board.setLive(stroke.el.id, false);
    history.record('draw', stroke.ids);
    stroke = null;
  }

  function applyHistory(kind, ids) {
    if (kind === 'erase') return eraseIds(ids) > 0;
    const ghosts = ids.map((id) => board.ghost(id)).filter(Boolean);
    if (!ghosts.length) return false;
    board.restore(ghosts);
    for (let i = 0; i < ghosts.length; i += ERASE_CHUNK) {
      outbox.send('restore', { ids: ghosts.slice(i, i + ERASE_CHUNK).map((g) => g.id) });
    }
    return true;
  }

  function eraseIds(ids) {
    const present = ids.filter((id) => board.has(id));
    if (!present.length) return 0;
    board.remove(present);
    for (let i = 0; i < present.length; i += ERASE_CHUNK) {
      outbox.send('erase', { ids: present.slice(i, i + ERASE_CHUNK) });
    }
    return present.length;
  }

  // One eraser drag is one undo step. What it touches leaves this board at once but goes to the
  // server in batches, like a stroke's points, so a fast sweep over a busy board sends a few
  // ops a second rather than one per pointer event.
  let erasing = null; // {ids: [...], queued: [...], timer}

  function flushErase() {
    if (!erasing?.queued.length) return;
    const ids = erasing.queued;
    erasing.queued = [];
    for (let i = 0; i < ids.length; i += ERASE_CHUNK) outbox.send('erase', { ids: ids.slice(i, i + ERASE_CHUNK) });
  }

  function commitElement(el) {
    board.add(el);
    outbox.send('draw', el, { el });
    history.record('draw', [el.id]);
  }

  const input = attachInput(board, $('stage'), {
    tool: () => (state.role === 'viewer' ? 'hand' : state.tool),
    spaceHeld: () => spaceHeld,
    strokeStart(point) {
      endStroke();
      const ids = [];
      const el = startPath(point, ids);
      stroke = { el, sent: 1, ids, timer: setInterval(flushStroke, STROKE_FLUSH_MS) };
    },
    strokeExtend(points) {
      if (!stroke) return;
      for (const p of points) {
        if (stroke.el.points.length >= MAX_PATH_POINTS) {
          // A very long stroke continues as a new element from the same point.
          flushStroke();
          board.setLive(stroke.el.id, false);
          const last = stroke.el.points[stroke.el.points.length - 1];
          stroke.el = startPath(last, stroke.ids);
          stroke.sent = 1;
        }
        stroke.el.points.push(p);
      }
      board.changed(stroke.el.id);
    },
    strokeEnd() { endStroke(); },
    shape(type, x1, y1, x2, y2, final) {
      const el = {
        id: final ? newId() : 'draft', elementType: type,
        x1: round2(x1), y1: round2(y1), x2: round2(x2), y2: round2(y2),
        strokeColor: style.color, strokeWidth: style.width,
      };
      if (final) {
        board.setDraft(null);
        commitElement(el);
      } else {
        board.setDraft(el);
      }
    },
    shapeCancel() { board.setDraft(null); },
    eraseAt(ids) {
      if (state.role === 'viewer') return;
      erasing ??= { ids: [], queued: [], timer: setInterval(flushErase, STROKE_FLUSH_MS) };
      const present = ids.filter((id) => board.has(id));
      if (!present.length) return;
      board.remove(present);
      erasing.ids.push(...present);
      erasing.queued.push(...present);
    },
    eraseEnd() {
      if (!erasing) return;
      flushErase();
      clearInterval(erasing.timer);
      history.record('erase', erasing.ids);
      erasing = null;
    },
    placeText(wx, wy) { openEditor(wx, wy); },
    cursor: queueCursor,
    hover() {},
  });

  // --- text tool ----------------------------------------------------------------------------------
  const editor = $('text-editor');
  let textEdit = null; // {x, y, size, color}

  function openEditor(wx, wy) {
    if (textEdit) commitText();
    textEdit = { x: round2(wx), y: round2(wy), size: FONT_FOR_WIDTH[style.width] || 28, color: style.color };
    editor.value = '';
    editor.hidden = false;
    placeEditor();
    editor.focus({ preventScroll: true });
  }

  function placeEditor() {
    const [sx, sy] = board.worldToScreen(textEdit.x, textEdit.y);
    const px = textEdit.size * board.view.scale;
    Object.assign(editor.style, {
      left: `${sx}px`, top: `${sy}px`, font: fontOf(px), lineHeight: String(LINE_HEIGHT),
      color: textEdit.color, fontFamily: FONT_FAMILY,
    });
    autosize();
  }

  function autosize() {
    editor.style.height = 'auto';
    editor.style.width = 'auto';
    editor.style.height = `${editor.scrollHeight}px`;
    editor.style.width = `${Math.max(40, editor.scrollWidth + 8)}px`;
  }

  function closeEditor() {
    textEdit = null;
    editor.hidden = true;
    editor.value = '';
  }

  function commitText() {
    if (!textEdit) return;
    const text = editor.value.replace(/\s+$/, '').slice(0, 2000);
    const t = textEdit;
    closeEditor();
    if (!text.trim()) return;
    commitElement({
      id: newId(), elementType: 'text', x1: t.x, y1: t.y, text, fontSize: t.size, strokeColor: t.color,
    });
  }

  editor.addEventListener('input', autosize);
  editor.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); commitText(); }
    else if (ev.key === 'Escape') { ev.preventDefault(); closeEditor(); }
  });
  editor.addEventListener('blur', () => commitText());

  // --- cursors ------------------------------------------------------------------------------------
  let cursorLatest = null;
  let cursorTimer = 0;
  let cursorInterval = CURSOR_INTERVAL;
  // Leading + trailing throttle: the last position is always sent. World coordinates, so a
  // cursor points at the same drawing whatever each viewer's pan and zoom.
  function queueCursor(x, y) {
    if (state.role === 'viewer') return; // the server refuses a viewer's cursor: do not send it
    cursorLatest = { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
    if (!cursorTimer) flushCursor();
  }
  function flushCursor() {
    cursorTimer = 0;
    if (!cursorLatest || !outbox.synced) return;
    conn.send({ type: 'cursor', data: cursorLatest });
    cursorLatest = null;
    if (cursorInterval !== CURSOR_INTERVAL && performance.now() - throttle.cursorsAt > QUIET_MS) cursorInterval = CURSOR_INTERVAL;
    cursorTimer = setTimeout(flushCursor, cursorInterval);
  }

  // --- toolbar ------------------------------------------------------------------------------------
  const toolButtons = [...document.querySelectorAll('#tools .tool')];
  function selectTool(tool) {
    if (!TOOLS.includes(tool) || tool === state.tool) return;
    if (state.role === 'viewer' && tool !== 'hand') return;
    input.cancel();
    if (textEdit) commitText();
    state.tool = tool;
    $('stage').dataset.tool = tool;
    for (const b of toolButtons) b.setAttribute('aria-pressed', String(b.dataset.tool === tool));
  }
  for (const b of toolButtons) b.addEventListener('click', () => selectTool(b.dataset.tool));
  selectTool('pen');

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
    if (!HEX_RE.test(color)) return;
    style.color = color.toLowerCase();
    for (const b of swatches) b.setAttribute('aria-pressed', String(b.dataset.color === style.color));
    custom.value = style.color;
    const isCustom = !PALETTE.some(([, c]) => c === style.color);
    custom.parentElement.classList.toggle('active', isCustom);
    if (isCustom) custom.parentElement.style.setProperty('--c', style.color);
    if (textEdit) { textEdit.color = style.color; placeEditor(); }
  }
  custom.addEventListener('input', () => selectColor(custom.value));
  selectColor(style.color);

  const widthButtons = WIDTHS.map(([label, w]) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'width';
    b.setAttribute('aria-label', `${label} stroke (${w}px)`);
    b.title = `${label} (${w}px)`;
    const bar = document.createElement('span');
    bar.style.height = `${Math.max(2, Math.min(w, 12))}px`;
    b.append(bar);
    b.addEventListener('click', () => selectWidth(w));
    return b;
  });
  $('widths').append(...widthButtons);
  function selectWidth(w) {
    style.width = w;
    widthButtons.forEach((b, i) => b.setAttribute('aria-pressed', String(WIDTHS[i][1] === w)));
    if (textEdit) { textEdit.size = FONT_FOR_WIDTH[w]; placeEditor(); }
  }
  selectWidth(style.width);

  function updateHistoryButtons() {
    const viewer = state.role === 'viewer';
    $('undo').disabled = viewer || !history.canUndo;
    $('redo').disabled = viewer || !history.canRedo;
  }
  const undo = () => { if (!input.busy && state.role !== 'viewer') { if (textEdit) commitText(); history.undo(); } };
  const redo = () => { if (!input.busy && state.role !== 'viewer') history.redo(); };
  $('undo').addEventListener('click', undo);
  $('redo').addEventListener('click', redo);

  // Clearing while out of sync would be undone by the next sync, so only allow it when live.
  function updateControls() {
    const clear = $('clear');
    const resting = performance.now() < throttle.clearsUntil;
    clear.disabled = !outbox.synced || resting || state.role === 'viewer';
    clear.title = resting ? 'Clear (cleared too often: available again shortly)'
      : outbox.synced ? 'Clear the board for everyone' : 'Clear (available when connected)';
  }
  $('clear').addEventListener('click', () => {
    if ($('clear').disabled || !confirm('Clear the whole board for everyone? This cannot be undone.')) return;
    if (stroke) endStroke();
    if (erasing) erasing.queued = [];
    board.setElements([]);
    outbox.reset();
    history.clear();
    if (conn.send({ type: 'clear' })) clearsInFlight++;
  });

  $('zoom-in').addEventListener('click', () => board.zoomToCenter(1.25));
  $('zoom-out').addEventListener('click', () => board.zoomToCenter(1 / 1.25));
  $('zoom-reset').addEventListener('click', () => board.resetView());
  $('zoom-fit').addEventListener('click', () => board.fitContent());

  async function doExport(kind) {
    try {
      const blob = kind === 'png' ? await exportPng(board) : exportSvg(board);
      download(blob, `inkroom-${roomId}.${kind}`);
    } catch (e) {
      toast(`Export failed: ${e.message}`, 'error');
    }
  }
  $('export-png').addEventListener('click', () => doExport('png'));
  $('export-svg').addEventListener('click', () => doExport('svg'));

  const help = $('help');
  $('help-open').addEventListener('click', () => help.showModal());

  // --- sharing --------------------------------------------------------------------------------------
  // Open rooms: the room's address. Link-only rooms: the links the server hands out for this
  // token (an editor gets both, a viewer only its own), in a dialog with a copy button each.
  const share = $('share');
  async function copyText(text, inputEl, what) {
    try {
      await navigator.clipboard.writeText(text);
      toast(`${what} copied`);
    } catch {
      // No clipboard API (e.g. plain http): let the user copy it by hand.
      inputEl.focus();
      inputEl.select();
      toast('Press Ctrl+C (⌘C on Mac) to copy the link');
    }
  }
  async function openShare() {
    let info = access.links;
    if (!info) {
      const r = await checkLink(roomId, access.token);
      if (!r.ok) {
        if (r.problem) { conn.stop(); fatal(r.problem); } else toast('Could not reach the server for the links. Try again.', 'error');
        return;
      }
      info = access.links = r;
    }
    const editor = info.role === 'editor' && typeof info.editor === 'string' ? roomLink(roomId, info.editor) : null;
    $('share-editor-row').hidden = !editor;
    $('share-editor').value = editor ?? '';
    $('share-viewer').value = typeof info.viewer === 'string' ? roomLink(roomId, info.viewer) : location.href;
    const expires = Number(info.expires);
    const note = $('share-note');
    note.hidden = !(expires > 0);
    if (expires > 0) note.textContent = `These links stop working on ${new Date(expires * 1000).toLocaleString()}.`;
    share.showModal();
  }
  for (const b of share.querySelectorAll('button[data-copy]')) {
    const inputEl = $(b.dataset.copy);
    const what = b.dataset.copy === 'share-editor' ? 'Editor link' : 'View-only link';
    b.addEventListener('click', () => copyText(inputEl.value, inputEl, what));
  }
  if (links) {
    const b = $('copy-link');
    b.querySelector('span').textContent = 'Share';
    b.title = 'Share links to this board';
    b.setAttribute('aria-label', 'Share');
    b.setAttribute('aria-haspopup', 'dialog');
  }

  $('copy-link').addEventListener('click', async () => {
    if (links) { openShare(); return; }
    try {
      await navigator.clipboard.writeText(location.href);
      toast(`Link copied — room code ${roomId}`);
    } catch {
      // No clipboard API (e.g. plain http): let the user copy it by hand.
      const wrap = $('link-fallback');
      const inputEl = $('link-input');
      inputEl.value = location.href;
      wrap.hidden = false;
      inputEl.focus();
      inputEl.select();
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
    if (stroke) endStroke();
    conn.restart();
  });

  // On a phone the people list starts folded so it does not cover the board.
  if (matchMedia('(max-width: 600px)').matches) $('users').open = false;

  // --- background grid that follows the view ----------------------------------------------------------
  function updateGrid() {
    const s = board.view.scale;
    let step = 24 * s;
    while (step < 12) step *= 4;
    const stage = $('stage');
    stage.style.backgroundSize = `${step}px ${step}px`;
    stage.style.backgroundPosition = `${board.view.x}px ${board.view.y}px`;
  }
  updateGrid();

  // --- keyboard -------------------------------------------------------------------------------------
  let spaceHeld = false;
  const typing = (t) => t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  addEventListener('keydown', (ev) => {
    if (help.open || share.open || typing(ev.target)) return;
    const mod = ev.ctrlKey || ev.metaKey;
    const key = ev.key.toLowerCase();
    if (mod && key === 'z') { ev.preventDefault(); if (ev.shiftKey) redo(); else undo(); return; }
    if (mod && key === 'y') { ev.preventDefault(); redo(); return; }
    if (ev.key === '+' || ev.key === '=') { ev.preventDefault(); board.zoomToCenter(1.25); return; }
    if (ev.key === '-' || ev.key === '_') { ev.preventDefault(); board.zoomToCenter(1 / 1.25); return; }
    if (mod || ev.altKey) return;
    if (ev.key === '0') { board.resetView(); return; }
    if (ev.code === 'Digit1' && ev.shiftKey) { board.fitContent(); return; }
    if (ev.key === '?') { help.showModal(); return; }
    if (ev.key === 'Escape') { input.cancel(); return; }
    if (ev.key === ' ') {
      ev.preventDefault();
      if (!ev.repeat) { spaceHeld = true; $('stage').classList.add('panning'); }
      return;
    }
    if (TOOL_KEYS[key] && !ev.repeat) selectTool(TOOL_KEYS[key]);
  });
  addEventListener('keyup', (ev) => {
    if (ev.key === ' ') { spaceHeld = false; $('stage').classList.remove('panning'); }
  });
  addEventListener('blur', () => { spaceHeld = false; $('stage').classList.remove('panning'); });

  setRole(access.role === 'viewer' ? 'viewer' : 'editor');
  conn.start();
}

const where = roomFromLocation();
if (where?.roomId) {
  // Another link for the same room pasted into the address bar changes only the fragment, which
  // loads nothing by itself: start again with the new token.
  addEventListener('hashchange', () => location.reload());
  enterRoom(where.roomId);
}
else showLanding(where?.invalid);
