// Element geometry: validation of what arrives from others, bounds, hit-testing, drawing on a 2D
// context and building SVG nodes. Pure functions over plain element objects; caches live in a
// per-element "meta" object owned by the board (never on the element, which travels as JSON).
import { getStroke } from '../vendor/perfect-freehand/index.js';

export const HEX_RE = /^#[0-9a-fA-F]{6}$/;
export const TYPES = new Set(['line', 'rect', 'ellipse', 'path', 'text']);
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
export const LINE_HEIGHT = 1.25;
const MAX_COORD = 1e6;

const finite = (v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_COORD;

/** Whether an element from the wire can be drawn (anything else is kept but not rendered). */
export function isDrawable(el) {
  if (!el || typeof el !== 'object' || !TYPES.has(el.elementType)) return false;
  switch (el.elementType) {
    case 'path':
      return Array.isArray(el.points) && el.points.length > 0;
    case 'text':
      return finite(el.x1) && finite(el.y1) && typeof el.text === 'string';
    default:
      return [el.x1, el.y1, el.x2, el.y2].every(finite);
  }
}

export const colorOf = (el) => (HEX_RE.test(el.strokeColor) ? el.strokeColor : '#111111');
export function widthOf(el) {
  const w = Number(el.strokeWidth);
  return Number.isFinite(w) && w > 0 ? Math.min(w, 200) : 2;
}
export function fontSizeOf(el) {
  const f = Number(el.fontSize);
  return Number.isFinite(f) ? Math.min(Math.max(f, 4), 400) : 20;
}
export const fontOf = (size) => `${size}px ${FONT_FAMILY}`;

/** Points of a path as [x, y, pressure?] with junk dropped. */
function cleanPoints(points) {
  const out = [];
  for (const p of points) {
    if (Array.isArray(p) && finite(p[0]) && finite(p[1])) out.push(p);
  }
  return out;
}

export const hasPressure = (points) => points.length > 0 && points.every((p) => p.length > 2 && Number.isFinite(p[2]));

// Freehand look: with real pressure the width follows it; without (mouse) perfect-freehand
// simulates a little from speed, which reads as ink rather than as a CAD line.
function strokeOptions(el, points, complete) {
  const pressure = hasPressure(points);
  return {
    size: widthOf(el) * 1.6 + 1,
    thinning: pressure ? 0.6 : 0.35,
    smoothing: 0.5,
    streamline: 0.45,
    simulatePressure: !pressure,
    last: complete,
  };
}

/** SVG path data of a filled outline, smoothed with quadratic curves through the midpoints. */
function outlineToPath(outline) {
  const n = outline.length;
  if (n < 3) return '';
  const f = (v) => Math.round(v * 100) / 100;
  const d = [`M${f(outline[0][0])},${f(outline[0][1])}Q`];
  for (let i = 0; i < n; i++) {
    const [x0, y0] = outline[i];
    const [x1, y1] = outline[(i + 1) % n];
    d.push(`${f(x0)},${f(y0)} ${f((x0 + x1) / 2)},${f((y0 + y1) / 2)} `);
  }
  d.push('Z');
  return d.join('');
}

/** The outline of a freehand path as SVG path data (cached in meta until its points change). */
export function pathData(el, meta, complete = true) {
  if (meta && meta.pathFor === el.points.length && meta.pathComplete === complete) return meta.pathD;
  const points = cleanPoints(el.points);
  let d = '';
  if (points.length) {
    const pts = points.map((p) => (p.length > 2 ? [p[0], p[1], Math.min(Math.max(Number(p[2]) || 0, 0), 1)] : [p[0], p[1]]));
    d = outlineToPath(getStroke(pts, strokeOptions(el, pts, complete)));
  }
  if (meta) {
    meta.pathFor = el.points.length;
    meta.pathComplete = complete;
    meta.pathD = d;
    meta.path2d = null;
  }
  return d;
}

let measureCtx = null;
function measureText(text, size) {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  measureCtx.font = fontOf(size);
  let w = 0;
  for (const line of text.split('\n')) w = Math.max(w, measureCtx.measureText(line).width);
  return w;
}

/** Axis-aligned world bounds [minX, minY, maxX, maxY], padded by half the stroke. */
export function computeBounds(el) {
  switch (el.elementType) {
    case 'path': {
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const p of cleanPoints(el.points)) {
        if (p[0] < minX) minX = p[0];
        if (p[0] > maxX) maxX = p[0];
        if (p[1] < minY) minY = p[1];
        if (p[1] > maxY) maxY = p[1];
      }
      if (minX === Infinity) return null;
      const r = widthOf(el) * 1.6 + 2;
      return [minX - r, minY - r, maxX + r, maxY + r];
    }
    case 'text': {
      const size = fontSizeOf(el);
      const lines = el.text.split('\n').length;
      return [el.x1, el.y1, el.x1 + measureText(el.text, size), el.y1 + lines * size * LINE_HEIGHT];
    }
    default: {
      const r = widthOf(el) / 2 + 1;
      return [Math.min(el.x1, el.x2) - r, Math.min(el.y1, el.y2) - r, Math.max(el.x1, el.x2) + r, Math.max(el.y1, el.y2) + r];
    }
  }
}

function distToSegment(px, py, x1, y1, x2, y2) {
  const dx = x2 - x1, dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  let t = len2 ? ((px - x1) * dx + (py - y1) * dy) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/** Whether the world point (x, y) touches the element's ink, within tolerance tol (world units). */
export function hits(el, bounds, x, y, tol) {
  if (!bounds || x < bounds[0] - tol || x > bounds[2] + tol || y < bounds[1] - tol || y > bounds[3] + tol) return false;
  const r = widthOf(el) / 2 + tol;
  switch (el.elementType) {
    case 'line':
      return distToSegment(x, y, el.x1, el.y1, el.x2, el.y2) <= r;
    case 'rect': {
      const x1 = Math.min(el.x1, el.x2), x2 = Math.max(el.x1, el.x2);
      const y1 = Math.min(el.y1, el.y2), y2 = Math.max(el.y1, el.y2);
      return distToSegment(x, y, x1, y1, x2, y1) <= r || distToSegment(x, y, x2, y1, x2, y2) <= r
        || distToSegment(x, y, x2, y2, x1, y2) <= r || distToSegment(x, y, x1, y2, x1, y1) <= r;
    }
    case 'ellipse': {
      const cx = (el.x1 + el.x2) / 2, cy = (el.y1 + el.y2) / 2;
      const rx = Math.abs(el.x2 - el.x1) / 2, ry = Math.abs(el.y2 - el.y1) / 2;
      const N = 48;
      let px = cx + rx, py = cy;
      for (let i = 1; i <= N; i++) {
        const a = (i / N) * Math.PI * 2;
        const qx = cx + rx * Math.cos(a), qy = cy + ry * Math.sin(a);
        if (distToSegment(x, y, px, py, qx, qy) <= r) return true;
        px = qx; py = qy;
      }
      return false;
    }
    case 'path': {
      const pts = el.points;
      const pr = widthOf(el) * 0.8 + tol;
      if (pts.length === 1) return Math.hypot(x - pts[0][0], y - pts[0][1]) <= pr;
      for (let i = 1; i < pts.length; i++) {
        const a = pts[i - 1], b = pts[i];
        if (distToSegment(x, y, a[0], a[1], b[0], b[1]) <= pr) return true;
      }
      return false;
    }
    case 'text':
      return true; // inside the (tolerance-padded) box
    default:
      return false;
  }
}

/** Draws one element on a context whose transform maps world units to pixels. */
export function drawElement(ctx, el, meta, complete = true) {
  const color = colorOf(el);
  switch (el.elementType) {
    case 'path': {
      const d = pathData(el, meta, complete);
      if (!d) return;
      if (!meta.path2d) meta.path2d = new Path2D(d);
      ctx.fillStyle = color;
      ctx.fill(meta.path2d);
      return;
    }
    case 'line':
      ctx.strokeStyle = color;
      ctx.lineWidth = widthOf(el);
      ctx.lineCap = 'round';
      ctx.beginPath();
      ctx.moveTo(el.x1, el.y1);
      ctx.lineTo(el.x2, el.y2);
      ctx.stroke();
      return;
    case 'rect':
      ctx.strokeStyle = color;
      ctx.lineWidth = widthOf(el);
      ctx.lineJoin = 'round';
      ctx.strokeRect(Math.min(el.x1, el.x2), Math.min(el.y1, el.y2), Math.abs(el.x2 - el.x1), Math.abs(el.y2 - el.y1));
      return;
    case 'ellipse':
      ctx.strokeStyle = color;
      ctx.lineWidth = widthOf(el);
      ctx.beginPath();
      ctx.ellipse((el.x1 + el.x2) / 2, (el.y1 + el.y2) / 2, Math.abs(el.x2 - el.x1) / 2, Math.abs(el.y2 - el.y1) / 2, 0, 0, Math.PI * 2);
      ctx.stroke();
      return;
    case 'text': {
      const size = fontSizeOf(el);
      ctx.fillStyle = color;
      ctx.font = fontOf(size);
      ctx.textBaseline = 'top';
      el.text.split('\n').forEach((line, i) => ctx.fillText(line, el.x1, el.y1 + i * size * LINE_HEIGHT));
      return;
    }
    default:
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** One SVG node for an element (attributes set through the DOM, text through textContent). */
export function svgNode(doc, el, meta) {
  const color = colorOf(el);
  const make = (name, attrs) => {
    const n = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
    return n;
  };
  const stroke = { fill: 'none', stroke: color, 'stroke-width': widthOf(el) };
  switch (el.elementType) {
    case 'path': {
      const d = pathData(el, meta, true);
      return d ? make('path', { d, fill: color }) : null;
    }
    case 'line':
      return make('line', { x1: el.x1, y1: el.y1, x2: el.x2, y2: el.y2, ...stroke, 'stroke-linecap': 'round' });
    case 'rect':
      return make('rect', {
        x: Math.min(el.x1, el.x2), y: Math.min(el.y1, el.y2),
        width: Math.abs(el.x2 - el.x1), height: Math.abs(el.y2 - el.y1), ...stroke, 'stroke-linejoin': 'round',
      });
    case 'ellipse':
      return make('ellipse', {
        cx: (el.x1 + el.x2) / 2, cy: (el.y1 + el.y2) / 2,
        rx: Math.abs(el.x2 - el.x1) / 2, ry: Math.abs(el.y2 - el.y1) / 2, ...stroke,
      });
    case 'text': {
      const size = fontSizeOf(el);
      const t = make('text', { x: el.x1, y: el.y1, fill: color, 'font-size': size, 'font-family': FONT_FAMILY, 'dominant-baseline': 'text-before-edge' });
      t.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve');
      el.text.split('\n').forEach((line, i) => {
        const span = make('tspan', { x: el.x1, y: el.y1 + i * size * LINE_HEIGHT });
        span.textContent = line;
        t.append(span);
      });
      return t;
    }
    default:
      return null;
  }
}
