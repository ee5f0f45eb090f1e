// The board: the room's elements in drawing order, the view (pan/zoom) and rendering.
//
// Two stacked canvases: the scene holds committed elements and is repainted only when the set
// changes (new elements are painted incrementally on top; erase/restore/resize repaint it once per
// frame at most, culled to the viewport); the live canvas, repainted every frame something moves,
// holds in-progress strokes (own and others' growing paths), shape previews and the eraser trail.
// While panning/zooming a big board, the scene shows a transformed snapshot and repaints once the
// view has been still for a moment, so 20,000 elements do not slow the gesture down.
import { isDrawable, computeBounds, drawElement, hits, pathData } from './shapes.js';

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 8;
const SLOW_FRAME_MS = 12;   // a full repaint slower than this switches pan/zoom to snapshots
const SETTLE_MS = 140;      // repaint for real once the view is still this long
const GROWING_MS = 600;     // a remote path with no update for this long goes back to the scene

export class Board {
  /**
   * @param {HTMLCanvasElement} scene committed elements
   * @param {HTMLCanvasElement} live in-progress strokes, previews, eraser trail
   * @param {{onViewChange?: () => void}} hooks
   */
  constructor(scene, live, hooks = {}) {
    this.sceneCanvas = scene;
    this.liveCanvas = live;
    this.sctx = scene.getContext('2d');
    this.lctx = live.getContext('2d');
    this.hooks = hooks;
    this.elements = [];
    this.byId = new Map();
    this.meta = new Map();        // id -> {ord, bounds, path caches}
    this.graveyard = new Map();   // id -> {el, ord}: removed elements, for restore and undo
    this.live = new Map();        // id -> timer (0 for own strokes): drawn on the live layer
    this.nextOrd = 0;
    this.draft = null;            // a preview element that is not on the board yet
    this.trail = [];              // eraser trail, screen points
    this.view = { x: 0, y: 0, scale: 1 };
    this.dpr = 1;
    this.width = 1;
    this.height = 1;
    this.lastRenderMs = 0;
    this.renderedView = { ...this.view };
    this.snapshot = null;
    this.settleTimer = 0;
    this.need = { full: true, adds: [], live: true };
    this.frameRequested = false;

    new ResizeObserver(() => this.resize()).observe(scene);
    // ResizeObserver misses devicePixelRatio changes (browser zoom, moving to another screen).
    addEventListener('resize', () => this.resize());
    this.resize();
  }

  // --- store -------------------------------------------------------------------------------------

  get count() { return this.elements.length; }
  has(id) { return this.byId.has(id); }
  get(id) { return this.byId.get(id); }

  metaFor(el) {
    let m = this.meta.get(el.id);
    if (!m) {
      m = { ord: this.nextOrd++, bounds: undefined };
      this.meta.set(el.id, m);
    }
    if (m.bounds === undefined) m.bounds = isDrawable(el) ? computeBounds(el) : null;
    return m;
  }

  static valid(el) {
    return el && typeof el === 'object' && typeof el.id === 'string' && el.id.length > 0;
  }

  /** Replace everything (a full sync). */
  setElements(list) {
    this.elements = [];
    this.byId.clear();
    this.meta.clear();
    this.clearLive();
    for (const el of Array.isArray(list) ? list : []) {
      if (!Board.valid(el) || this.byId.has(el.id)) continue;
      this.elements.push(el);
      this.byId.set(el.id, el);
      this.graveyard.delete(el.id);
      this.metaFor(el);
    }
    this.invalidate();
    this.warmUp();
  }

  /**
   * Builds freehand outlines ahead of need, a slice at a time when the browser is idle, so the
   * first zoom-out over a big board does not stall on computing thousands of them at once.
   */
  warmUp() {
    const list = this.elements;
    let i = 0;
    const idle = window.requestIdleCallback ?? ((fn) => setTimeout(() => fn({ timeRemaining: () => 8 }), 16));
    const slice = (deadline) => {
      if (list !== this.elements) return; // replaced by a newer sync
      while (i < list.length && deadline.timeRemaining() > 1) {
        const el = list[i++];
        const m = this.meta.get(el.id);
        if (m && m.bounds && el.elementType === 'path' && !this.live.has(el.id)) {
          pathData(el, m, true);
          if (!m.path2d && m.pathD) m.path2d = new Path2D(m.pathD);
        }
      }
      if (i < list.length) idle(slice);
    };
    idle(slice);
  }

  /** Append a new element; false for a duplicate id or junk. */
  add(el, { live = false } = {}) {
    if (!Board.valid(el) || this.byId.has(el.id)) return false;
    this.elements.push(el);
    this.byId.set(el.id, el);
    const ghost = this.graveyard.get(el.id);
    this.graveyard.delete(el.id);
    this.meta.delete(el.id);
    const m = this.metaFor(el);
    if (ghost) m.ord = ghost.ord;
    if (live) this.setLive(el.id, true);
    else this.paintAdded(el);
    return true;
  }

  /** Add, or replace the element with the same id in place (a resume's delta). */
  upsert(el) {
    if (!Board.valid(el)) return;
    if (!this.byId.has(el.id)) { this.add(el); return; }
    const i = this.elements.findIndex((e) => e.id === el.id);
    this.elements[i] = el;
    this.byId.set(el.id, el);
    this.meta.get(el.id).bounds = undefined;
    this.meta.get(el.id).pathFor = -1;
    this.metaFor(el);
    this.invalidate();
  }

  /** Removes the given ids; returns the elements actually removed. */
  remove(ids) {
    const gone = new Set();
    for (const id of ids) if (this.byId.has(id)) gone.add(id);
    if (!gone.size) return [];
    const removed = [];
    this.elements = this.elements.filter((el) => {
      if (!gone.has(el.id)) return true;
      removed.push(el);
      return false;
    });
    for (const el of removed) {
      this.byId.delete(el.id);
      this.graveyard.set(el.id, { el, ord: this.meta.get(el.id)?.ord ?? this.nextOrd++ });
      this.meta.delete(el.id);
      if (this.live.has(el.id)) this.setLive(el.id, false);
    }
    this.invalidate();
    return removed;
  }

  /** A removed element we still know, for undo of an erase. */
  ghost(id) { return this.graveyard.get(id)?.el; }

  /** Brings elements back at their original place in the drawing order where it is known. */
  restore(list) {
    let changed = false;
    for (const el of Array.isArray(list) ? list : []) {
      if (!Board.valid(el) || this.byId.has(el.id)) continue;
      const ghost = this.graveyard.get(el.id);
      this.graveyard.delete(el.id);
      const ord = ghost ? ghost.ord : this.nextOrd++;
      this.byId.set(el.id, el);
      this.meta.set(el.id, { ord, bounds: undefined });
      this.metaFor(el);
      // Binary search for the first element drawn after it.
      let lo = 0, hi = this.elements.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.meta.get(this.elements[mid].id).ord < ord) lo = mid + 1; else hi = mid;
      }
      this.elements.splice(lo, 0, el);
      changed = true;
    }
    if (changed) this.invalidate();
  }

  /**
   * Appends points to a path from index `from` (points it already has are skipped, like the
   * server does). Returns false when the path is unknown or there is a gap.
   */
  appendPoints(id, from, points) {
    const el = this.byId.get(id);
    if (!el || el.elementType !== 'path' || !Array.isArray(el.points) || !Array.isArray(points)) return false;
    if (!Number.isInteger(from) || from < 0 || from > el.points.length) return false;
    const fresh = points.slice(el.points.length - from);
    if (!fresh.length) return true;
    el.points.push(...fresh);
    this.changed(id);
    return true;
  }

  /** The element's geometry changed (points appended locally or remotely). */
  changed(id) {
    const el = this.byId.get(id);
    const m = el && this.meta.get(id);
    if (!m) return;
    m.bounds = undefined;
    this.metaFor(el);
    if (this.live.has(id)) this.requestLive(); else this.invalidate();
  }

  /** Marks a remote path as growing: it is drawn on the live layer until it goes quiet. */
  growing(id) {
    if (!this.byId.has(id)) return;
    const t = this.live.get(id);
    if (t === 0) return; // our own stroke in progress
    clearTimeout(t);
    const wasLive = this.live.has(id);
    this.live.set(id, setTimeout(() => this.setLive(id, false), GROWING_MS));
    if (!wasLive) this.invalidate(); // lift it out of the scene
    this.requestLive();
  }

  setLive(id, on) {
    if (on) {
      clearTimeout(this.live.get(id));
      this.live.set(id, 0);
      this.requestLive();
      return;
    }
    if (!this.live.has(id)) return;
    clearTimeout(this.live.get(id));
    this.live.delete(id);
    const el = this.byId.get(id);
    const last = this.elements[this.elements.length - 1];
    if (el && last === el && !this.need.full) this.paintAdded(el); else this.invalidate();
    this.requestLive();
  }

  clearLive() {
    for (const t of this.live.values()) clearTimeout(t);
    this.live.clear();
    this.requestLive();
  }

  /** Ids of elements whose ink is under the world point (x, y), topmost first. */
  hitTest(x, y, tolScreenPx = 6) {
    const tol = tolScreenPx / this.view.scale;
    const out = [];
    for (let i = this.elements.length - 1; i >= 0; i--) {
      const el = this.elements[i];
      if (this.live.get(el.id) === 0) continue; // never erase a stroke still being drawn
      const m = this.metaFor(el);
      if (m.bounds && hits(el, m.bounds, x, y, tol)) out.push(el.id);
    }
    return out;
  }

  /** World bounds of everything drawn, or null for an empty board. */
  contentBounds() {
    let b = null;
    for (const el of this.elements) {
      const m = this.metaFor(el);
      if (!m.bounds) continue;
      if (!b) b = [...m.bounds];
      else {
        b[0] = Math.min(b[0], m.bounds[0]); b[1] = Math.min(b[1], m.bounds[1]);
        b[2] = Math.max(b[2], m.bounds[2]); b[3] = Math.max(b[3], m.bounds[3]);
      }
    }
    return b;
  }

  // --- view --------------------------------------------------------------------------------------

  worldToScreen(x, y) {
    return [x * this.view.scale + this.view.x, y * this.view.scale + this.view.y];
  }

  screenToWorld(x, y) {
    return [(x - this.view.x) / this.view.scale, (y - this.view.y) / this.view.scale];
  }

  setView(x, y, scale) {
    scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
    if (![x, y, scale].every(Number.isFinite)) return;
    if (x === this.view.x && y === this.view.y && scale === this.view.scale) return;
    this.view = { x, y, scale };
    if (this.lastRenderMs <= SLOW_FRAME_MS) {
      this.invalidate();
    } else {
      // Big board: move a snapshot now, repaint properly when the gesture pauses.
      if (!this.snapshot) this.takeSnapshot();
      this.need.snapshot = true;
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => this.invalidate(), SETTLE_MS);
      this.request();
    }
    this.requestLive();
    this.hooks.onViewChange?.();
  }

  panBy(dx, dy) { this.setView(this.view.x + dx, this.view.y + dy, this.view.scale); }

  /** Zoom by `factor` keeping the screen point (sx, sy) over the same world point. */
  zoomAt(sx, sy, factor) {
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, this.view.scale * factor));
    const [wx, wy] = this.screenToWorld(sx, sy);
    this.setView(sx - wx * scale, sy - wy * scale, scale);
  }

  zoomToCenter(factor) { this.zoomAt(this.width / 2, this.height / 2, factor); }

  resetView() { this.setView(0, 0, 1); }

  /** Fit everything on screen (no zooming in beyond 100%). */
  fitContent() {
    const b = this.contentBounds();
    if (!b) { this.resetView(); return; }
    const pad = 48;
    const scale = Math.min(1, (this.width - 2 * pad) / Math.max(1, b[2] - b[0]), (this.height - 2 * pad) / Math.max(1, b[3] - b[1]));
    const s = Math.max(MIN_SCALE, scale);
    this.setView((this.width - (b[0] + b[2]) * s) / 2, (this.height - (b[1] + b[3]) * s) / 2, s);
  }

  // --- rendering ---------------------------------------------------------------------------------

  resize() {
    const dpr = window.devicePixelRatio || 1;
    const { width, height } = this.sceneCanvas.getBoundingClientRect();
    const w = Math.max(1, Math.round(width * dpr));
    const h = Math.max(1, Math.round(height * dpr));
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    if (w === this.sceneCanvas.width && h === this.sceneCanvas.height && dpr === this.dpr) return;
    this.dpr = dpr;
    for (const c of [this.sceneCanvas, this.liveCanvas]) { c.width = w; c.height = h; }
    this.snapshot = null;
    // Resizing wipes the canvases: paint synchronously so there is never a blank frame.
    this.renderScene();
    this.renderLive();
  }

  invalidate() {
    this.need.full = true;
    this.need.adds = [];
    this.request();
  }

  paintAdded(el) {
    if (!this.need.full) this.need.adds.push(el);
    this.request();
  }

  requestLive() {
    this.need.live = true;
    this.request();
  }

  request() {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => this.frame());
  }

  frame() {
    this.frameRequested = false;
    if (this.need.full) {
      clearTimeout(this.settleTimer);
      this.renderScene();
    } else if (this.need.snapshot) {
      this.renderSnapshot();
    } else if (this.need.adds.length) {
      const ctx = this.sctx;
      this.applyView(ctx);
      const vp = this.viewport();
      for (const el of this.need.adds) this.paint(ctx, el, vp);
    }
    this.need.adds = [];
    this.need.snapshot = false;
    if (this.need.live) this.renderLive();
  }

  applyView(ctx) {
    const { x, y, scale } = this.view;
    const d = this.dpr;
    ctx.setTransform(d * scale, 0, 0, d * scale, d * x, d * y);
  }

  viewport() {
    const [x0, y0] = this.screenToWorld(0, 0);
    const [x1, y1] = this.screenToWorld(this.width, this.height);
    return [x0, y0, x1, y1];
  }

  paint(ctx, el, vp, complete = true) {
    if (!this.byId.has(el.id) && el !== this.draft) return;
    const m = el === this.draft ? this.draftMeta : this.metaFor(el);
    const b = m.bounds;
    if (!b || b[2] < vp[0] || b[0] > vp[2] || b[3] < vp[1] || b[1] > vp[3]) return;
    drawElement(ctx, el, m, complete);
  }

  renderScene() {
    const t0 = performance.now();
    const ctx = this.sctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.sceneCanvas.width, this.sceneCanvas.height);
    this.applyView(ctx);
    const vp = this.viewport();
    for (const el of this.elements) {
      if (!this.live.has(el.id)) this.paint(ctx, el, vp);
    }
    this.need.full = false;
    this.need.adds = [];
    this.renderedView = { ...this.view };
    this.snapshot = null;
    this.lastRenderMs = performance.now() - t0;
  }

  takeSnapshot() {
    const c = this.snapshotCanvas ??= document.createElement('canvas');
    c.width = this.sceneCanvas.width;
    c.height = this.sceneCanvas.height;
    const ctx = c.getContext('2d');
    ctx.clearRect(0, 0, c.width, c.height);
    ctx.drawImage(this.sceneCanvas, 0, 0);
    this.snapshot = { canvas: c, view: { ...this.renderedView } };
  }

  renderSnapshot() {
    if (!this.snapshot) return;
    const { canvas, view: v0 } = this.snapshot;
    const k = this.view.scale / v0.scale;
    const d = this.dpr;
    const ctx = this.sctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.sceneCanvas.width, this.sceneCanvas.height);
    ctx.setTransform(k, 0, 0, k, d * (this.view.x - k * v0.x), d * (this.view.y - k * v0.y));
    ctx.drawImage(canvas, 0, 0);
  }

  /** Sets (or clears) the preview element drawn on the live layer. */
  setDraft(el) {
    this.draft = el;
    this.draftMeta = el ? { bounds: isDrawable(el) ? computeBounds(el) : null } : null;
    this.requestLive();
  }

  setTrail(points) {
    this.trail = points;
    this.requestLive();
  }

  renderLive() {
    this.need.live = false;
    const ctx = this.lctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.liveCanvas.width, this.liveCanvas.height);
    this.applyView(ctx);
    const vp = this.viewport();
    for (const id of this.live.keys()) {
      const el = this.byId.get(id);
      if (el) this.paint(ctx, el, vp, false);
    }
    if (this.draft) this.paint(ctx, this.draft, vp, false);
    if (this.trail.length > 1) {
      const d = this.dpr;
      ctx.setTransform(d, 0, 0, d, 0, 0);
      ctx.strokeStyle = 'rgb(120 120 120 / 0.45)';
      ctx.lineCap = ctx.lineJoin = 'round';
      ctx.lineWidth = 6;
      ctx.beginPath();
      ctx.moveTo(this.trail[0][0], this.trail[0][1]);
      for (const [x, y] of this.trail.slice(1)) ctx.lineTo(x, y);
      ctx.stroke();
    }
  }

  /** Paints every element on a context already transformed to world units (export). */
  paintAll(ctx) {
    for (const el of this.elements) {
      const m = this.metaFor(el);
      if (m.bounds) drawElement(ctx, el, m, true);
    }
  }
}
