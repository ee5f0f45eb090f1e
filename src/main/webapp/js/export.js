// Export the whole board (its bounding box plus a margin, white background) as PNG or SVG.
import { svgNode } from './shapes.js';

const MARGIN = 24;
const MAX_PNG_SIDE = 8192;   // browsers refuse canvases much larger than this
const MAX_PNG_PIXELS = 40e6;

function exportBox(board) {
  const b = board.contentBounds() ?? [0, 0, 400, 300];
  return { x: b[0] - MARGIN, y: b[1] - MARGIN, w: b[2] - b[0] + 2 * MARGIN, h: b[3] - b[1] + 2 * MARGIN };
}

/** The board as a PNG Blob, at 2x where it fits (sharp on HiDPI screens and in print). */
export function exportPng(board) {
  const box = exportBox(board);
  let scale = Math.min(2, MAX_PNG_SIDE / box.w, MAX_PNG_SIDE / box.h, Math.sqrt(MAX_PNG_PIXELS / (box.w * box.h)));
  scale = Math.max(scale, 0.01);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.ceil(box.w * scale));
  canvas.height = Math.max(1, Math.ceil(box.h * scale));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(scale, 0, 0, scale, -box.x * scale, -box.y * scale);
  board.paintAll(ctx);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png');
  });
}

/** The board as an SVG Blob, built with DOM APIs (user text only ever as text nodes). */
export function exportSvg(board) {
  const box = exportBox(board);
  const NS = 'http://www.w3.org/2000/svg';
  const doc = document.implementation.createDocument(NS, 'svg', null);
  const svg = doc.documentElement;
  svg.setAttribute('width', String(Math.ceil(box.w)));
  svg.setAttribute('height', String(Math.ceil(box.h)));
  svg.setAttribute('viewBox', `${box.x} ${box.y} ${box.w} ${box.h}`);
  const bg = doc.createElementNS(NS, 'rect');
  for (const [k, v] of Object.entries({ x: box.x, y: box.y, width: box.w, height: box.h, fill: '#ffffff' })) bg.setAttribute(k, String(v));
  svg.append(bg);
  for (const el of board.elements) {
    const m = board.metaFor(el);
    if (!m.bounds) continue;
    const node = svgNode(doc, el, m);
    if (node) svg.append(node);
  }
  const text = new XMLSerializer().serializeToString(doc);
  return new Blob([text], { type: 'image/svg+xml' });
}

export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
