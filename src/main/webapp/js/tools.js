// Pointer input on the board: the drawing tools, the eraser, panning (hand tool, space-drag,
// middle button, wheel) and zooming (Ctrl/⌘+wheel, trackpad pinch, two-finger touch pinch).
// It turns gestures into calls on `actions`; what a stroke means for the room is app.js's business.

const round2 = (v) => Math.round(v * 100) / 100;
const TOUCH_HOLD_MS = 120;  // a touch stroke waits this long (or for movement) in case a 2nd finger comes
const TOUCH_SLOP_PX = 6;

/**
 * @param {import('./board.js').Board} board
 * @param {HTMLElement} surface the element receiving pointer events (covers the canvases)
 * @param {{
 *   tool(): string, spaceHeld(): boolean,
 *   strokeStart(point): void, strokeExtend(points): void, strokeEnd(cancel: boolean): void,
 *   shape(type, x1, y1, x2, y2, final): void, shapeCancel(): void,
 *   eraseAt(ids): void, eraseEnd(): void,
 *   placeText(wx, wy): void, cursor(wx, wy): void, hover(): void
 * }} actions
 */
export function attachInput(board, surface, actions) {
  const pointers = new Map(); // pointerId -> {x, y, type}
  let gesture = null;         // what the primary pointer is doing
  let pinch = null;

  const local = (ev) => {
    const r = surface.getBoundingClientRect();
    return [ev.clientX - r.left, ev.clientY - r.top];
  };

  function begin(ev) {
    const [sx, sy] = local(ev);
    const [wx, wy] = board.screenToWorld(sx, sy);
    const tool = actions.tool();
    if (ev.button === 1 || tool === 'hand' || actions.spaceHeld()) {
      return { kind: 'pan', id: ev.pointerId, sx, sy };
    }
    switch (tool) {
      case 'pen': {
        const g = { kind: 'stroke', id: ev.pointerId, started: false, held: [pointOf(ev, wx, wy)], sx, sy, last: [wx, wy] };
        if (ev.pointerType === 'touch') {
          g.timer = setTimeout(() => startStroke(g), TOUCH_HOLD_MS);
        } else {
          startStroke(g);
        }
        return g;
      }
      case 'line': case 'rect': case 'ellipse':
        return { kind: 'shape', type: tool, id: ev.pointerId, x: wx, y: wy };
      case 'eraser': {
        const g = { kind: 'erase', id: ev.pointerId, sx, sy, trail: [[sx, sy]] };
        eraseAlong(g, sx, sy);
        return g;
      }
      case 'text':
        return { kind: 'text', id: ev.pointerId, sx, sy, wx, wy };
      default:
        return null;
    }
  }

  function pointOf(ev, wx, wy) {
    // Only pens report meaningful pressure; mice say 0.5 and most touch screens 0 or 1.
    return ev.pointerType === 'pen' && ev.pressure > 0 ? [round2(wx), round2(wy), round2(ev.pressure)] : [round2(wx), round2(wy)];
  }

  function startStroke(g) {
    if (g.started || gesture !== g) return;
    clearTimeout(g.timer);
    g.started = true;
    actions.strokeStart(g.held[0]);
    if (g.held.length > 1) actions.strokeExtend(g.held.slice(1));
    g.held = null;
  }

  function eraseAlong(g, sx, sy) {
    const [px, py] = g.trail.length > 1 ? g.trail[g.trail.length - 2] : [sx, sy];
    const steps = Math.max(1, Math.ceil(Math.hypot(sx - px, sy - py) / 4));
    const found = new Set();
    for (let i = 1; i <= steps; i++) {
      const [wx, wy] = board.screenToWorld(px + ((sx - px) * i) / steps, py + ((sy - py) * i) / steps);
      for (const id of board.hitTest(wx, wy)) found.add(id);
    }
    if (found.size) actions.eraseAt([...found]);
  }

  function move(g, ev) {
    const [sx, sy] = local(ev);
    switch (g.kind) {
      case 'pan':
        board.panBy(sx - g.sx, sy - g.sy);
        g.sx = sx; g.sy = sy;
        break;
      case 'stroke': {
        const events = typeof ev.getCoalescedEvents === 'function' ? ev.getCoalescedEvents() : [];
        const fresh = [];
        for (const e of events.length ? events : [ev]) {
          const [ex, ey] = local(e);
          const [wx, wy] = board.screenToWorld(ex, ey);
          // Skip sub-pixel jitter: it only adds points, not shape.
          if (Math.hypot(wx - g.last[0], wy - g.last[1]) * board.view.scale < 1) continue;
          g.last = [wx, wy];
          fresh.push(pointOf(e, wx, wy));
        }
        if (!fresh.length) break;
        if (g.started) actions.strokeExtend(fresh);
        else {
          g.held.push(...fresh);
          if (Math.hypot(sx - g.sx, sy - g.sy) > TOUCH_SLOP_PX) startStroke(g);
        }
        break;
      }
      case 'shape': {
        let [wx, wy] = board.screenToWorld(sx, sy);
        if (ev.shiftKey) [wx, wy] = constrain(g.type, g.x, g.y, wx, wy);
        g.x2 = wx; g.y2 = wy;
        actions.shape(g.type, g.x, g.y, wx, wy, false);
        break;
      }
      case 'erase':
        g.trail.push([sx, sy]);
        if (g.trail.length > 24) g.trail.shift();
        board.setTrail(g.trail);
        eraseAlong(g, sx, sy);
        break;
      default:
    }
  }

  function end(g, ev, cancelled) {
    switch (g.kind) {
      case 'stroke':
        clearTimeout(g.timer);
        if (!g.started && !cancelled) startStroke(g); // a quick tap still leaves a dot
        if (g.started) actions.strokeEnd(false);
        break;
      case 'shape':
        if (!cancelled && g.x2 !== undefined) {
          const dx = Math.abs(g.x2 - g.x) * board.view.scale;
          const dy = Math.abs(g.y2 - g.y) * board.view.scale;
          const big = g.type === 'line' ? Math.hypot(dx, dy) >= 2 : dx >= 2 && dy >= 2;
          if (big) { actions.shape(g.type, g.x, g.y, g.x2, g.y2, true); break; }
        }
        actions.shapeCancel();
        break;
      case 'erase':
        board.setTrail([]);
        actions.eraseEnd();
        break;
      case 'text':
        if (!cancelled && ev) {
          const [sx, sy] = local(ev);
          if (Math.hypot(sx - g.sx, sy - g.sy) < 8) actions.placeText(g.wx, g.wy);
        }
        break;
      default:
    }
  }

  function startPinch() {
    const [a, b] = [...pointers.values()];
    pinch = {
      dist: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)),
      cx: (a.x + b.x) / 2, cy: (a.y + b.y) / 2,
    };
  }

  surface.addEventListener('pointerdown', (ev) => {
    if (ev.pointerType === 'mouse' && ev.button !== 0 && ev.button !== 1) return;
    ev.preventDefault(); // no text selection, no focus change, no emulated mouse events
    // ...but a focused field (name, the text being typed) should let go, committing its edit.
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && focused !== document.body) focused.blur();
    const [x, y] = local(ev);
    pointers.set(ev.pointerId, { x, y, type: ev.pointerType });
    try { surface.setPointerCapture(ev.pointerId); } catch { /* pointer already gone */ }
    if (ev.pointerType === 'touch' && pointers.size === 2) {
      // Second finger: this is a pinch. A stroke that had not really started is dropped.
      if (gesture) {
        if (gesture.kind === 'stroke' && !gesture.started) clearTimeout(gesture.timer);
        else end(gesture, null, true);
      }
      gesture = null;
      startPinch();
      return;
    }
    if (gesture || pinch) return;
    gesture = begin(ev);
  });

  surface.addEventListener('pointermove', (ev) => {
    const [x, y] = local(ev);
    const p = pointers.get(ev.pointerId);
    if (p) { p.x = x; p.y = y; }
    const [wx, wy] = board.screenToWorld(x, y);
    actions.cursor(wx, wy);
    if (pinch && pointers.size >= 2) {
      const [a, b] = [...pointers.values()];
      const dist = Math.max(1, Math.hypot(a.x - b.x, a.y - b.y));
      const cx = (a.x + b.x) / 2, cy = (a.y + b.y) / 2;
      board.panBy(cx - pinch.cx, cy - pinch.cy);
      board.zoomAt(cx, cy, dist / pinch.dist);
      Object.assign(pinch, { dist, cx, cy });
      return;
    }
    if (gesture && gesture.id === ev.pointerId) move(gesture, ev);
  });

  function release(ev) {
    pointers.delete(ev.pointerId);
    if (pinch) {
      if (pointers.size < 2) pinch = null;
      return;
    }
    if (gesture && gesture.id === ev.pointerId) {
      const g = gesture;
      gesture = null;
      end(g, ev, ev.type === 'pointercancel');
    }
  }
  surface.addEventListener('pointerup', release);
  surface.addEventListener('pointercancel', release);
  surface.addEventListener('lostpointercapture', (ev) => { if (pointers.has(ev.pointerId)) release(ev); });
  surface.addEventListener('pointerleave', (ev) => { if (ev.pointerType === 'mouse' && !pointers.size) actions.hover(); });

  surface.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    const unit = ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? board.height : 1;
    const [sx, sy] = local(ev);
    if (ev.ctrlKey || ev.metaKey) {
      // Ctrl+wheel, and trackpad pinch (which browsers report as a wheel with ctrlKey).
      board.zoomAt(sx, sy, Math.exp(-ev.deltaY * unit * 0.0025 * (ev.ctrlKey && Math.abs(ev.deltaY) < 10 ? 4 : 1)));
    } else if (ev.shiftKey && !ev.deltaX) {
      board.panBy(-ev.deltaY * unit, 0);
    } else {
      board.panBy(-ev.deltaX * unit, -ev.deltaY * unit);
    }
  }, { passive: false });

  // Safari's own pinch gestures would zoom the page instead of the board.
  for (const type of ['gesturestart', 'gesturechange']) surface.addEventListener(type, (e) => e.preventDefault());

  return {
    /** Abort whatever the pointer is doing (Escape, tool switch). */
    cancel() {
      if (!gesture) return;
      const g = gesture;
      gesture = null;
      end(g, null, g.kind !== 'stroke');
    },
    get busy() { return gesture !== null || pinch !== null; },
  };
}

/** Shift: squares, circles, and lines at multiples of 45°. */
function constrain(type, x0, y0, x, y) {
  const dx = x - x0, dy = y - y0;
  if (type === 'line') {
    const a = Math.round(Math.atan2(dy, dx) / (Math.PI / 4)) * (Math.PI / 4);
    const len = Math.hypot(dx, dy);
    return [x0 + Math.cos(a) * len, y0 + Math.sin(a) * len];
  }
  const s = Math.max(Math.abs(dx), Math.abs(dy));
  return [x0 + Math.sign(dx || 1) * s, y0 + Math.sign(dy || 1) * s];
}
