// Canvas rendering and pointer input. World coordinates are canvas CSS pixels
// for now; keep all drawing behind this API so pan/zoom can be added here later.

const HEX_RE = /^#[0-9a-fA-F]{6}$/;
const round1 = (v) => Math.round(v * 10) / 10;

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{onSegment(x1,y1,x2,y2), onPointer(x,y)}} callbacks
 */
export function createBoard(canvas, { onSegment, onPointer }) {
  const ctx = canvas.getContext('2d');
  let elements = [];
  let ids = new Set();
  let dpr = 1;

  function resize() {
    dpr = window.devicePixelRatio || 1;
    const { width, height } = canvas.getBoundingClientRect();
    canvas.width = Math.max(1, Math.round(width * dpr));
    canvas.height = Math.max(1, Math.round(height * dpr));
    redraw(); // resizing the backing store wipes it
  }

  function redraw() {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    for (const el of elements) drawElement(el);
  }

  // Elements come from other clients: tolerate anything without throwing.
  function drawElement(el) {
    if (el.elementType !== 'line') return;
    const { x1, y1, x2, y2 } = el;
    if (![x1, y1, x2, y2].every(Number.isFinite)) return;
    const w = Number(el.strokeWidth);
    ctx.strokeStyle = HEX_RE.test(el.strokeColor) ? el.strokeColor : '#111111';
    ctx.lineWidth = Number.isFinite(w) && w > 0 ? Math.min(w, 200) : 2;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.stroke();
  }

  function isElement(el) {
    return el && typeof el === 'object' && typeof el.id === 'string' && !ids.has(el.id);
  }

  const api = {
    /** Replace everything (e.g. on sync). */
    setElements(list) {
      elements = [];
      ids = new Set();
      for (const el of Array.isArray(list) ? list : []) {
        if (isElement(el)) { elements.push(el); ids.add(el.id); }
      }
      redraw();
    },
    /** Add one element; returns false if it is a duplicate or malformed. */
    add(el) {
      if (!isElement(el)) return false;
      elements.push(el);
      ids.add(el.id);
      drawElement(el);
      return true;
    },
    has: (id) => ids.has(id),
    clear() { api.setElements([]); },
    get count() { return elements.length; },
  };

  // --- input -------------------------------------------------------------
  let active = null; // {id, x, y, moved} for the one pointer currently drawing

  function point(ev) {
    const r = canvas.getBoundingClientRect();
    return { x: round1(ev.clientX - r.left), y: round1(ev.clientY - r.top) };
  }

  canvas.addEventListener('pointerdown', (ev) => {
    if (active || (ev.pointerType === 'mouse' && ev.button !== 0)) return;
    ev.preventDefault();
    canvas.setPointerCapture(ev.pointerId);
    const p = point(ev);
    active = { id: ev.pointerId, ...p, moved: false };
    onPointer(p.x, p.y);
  });

  canvas.addEventListener('pointermove', (ev) => {
    const p = point(ev);
    onPointer(p.x, p.y);
    if (!active || ev.pointerId !== active.id) return;
    if (p.x === active.x && p.y === active.y) return;
    onSegment(active.x, active.y, p.x, p.y);
    Object.assign(active, p, { moved: true });
  });

  function end(ev) {
    if (!active || ev.pointerId !== active.id) return;
    // A tap without movement still leaves a dot (zero-length line, round caps).
    if (!active.moved && ev.type === 'pointerup') onSegment(active.x, active.y, active.x, active.y);
    active = null;
  }
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  new ResizeObserver(resize).observe(canvas);
  // ResizeObserver misses devicePixelRatio changes (browser zoom, moving screens).
  window.addEventListener('resize', resize);
  resize();

  return api;
}
