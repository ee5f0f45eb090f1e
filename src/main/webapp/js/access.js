// Who may join a room. With `inkroom.access=open` (the default) anyone who knows a room code may;
// with `links` only a signed link does, and a link says whether its holder is an editor or a
// viewer. The server decides; the page only asks first so it can say why it cannot join (a failed
// WebSocket handshake shows the browser nothing but code 1006).
import { apiUrl } from './ids.js';

const TIMEOUT_MS = 8000;

async function request(path, init = {}) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  try {
    const res = await fetch(apiUrl(path), { cache: 'no-store', credentials: 'omit', ...init, signal: abort.signal });
    let body = null;
    try { body = await res.json(); } catch { /* not JSON: keep null */ }
    return { status: res.status, body: body && typeof body === 'object' ? body : null };
  } catch {
    return { status: 0, body: null }; // network error or timeout
  } finally {
    clearTimeout(timer);
  }
}

/**
 * 'links' or 'open'. A server without the access API (404) is open; null when the server could
 * not be asked (offline), so the caller can decide.
 */
export async function accessMode() {
  const { status, body } = await request('config');
  if (status === 200) return body?.access === 'links' ? 'links' : 'open';
  if (status === 404) return 'open';
  return null;
}

/** A new room with its two links: {room, editor, viewer, expires}. Throws with a message to show. */
export async function createRoom() {
  const { status, body } = await request('rooms', { method: 'POST' });
  if (status === 201 || status === 200) {
    if (typeof body?.room === 'string' && typeof body.editor === 'string' && typeof body.viewer === 'string') return body;
  }
  if (status === 0) throw new Error('Could not reach the server. Check your connection and try again.');
  throw new Error(typeof body?.error === 'string' ? `Could not create a room: ${body.error}` : `Could not create a room (HTTP ${status}).`);
}

/**
 * What a link grants: {ok: true, role, editor?, viewer, expires} or {ok: false, status, problem}
 * where problem is a sentence for the user (null when the server could not be asked, status 0).
 */
export async function checkLink(roomId, token) {
  const { status, body } = await request(`rooms/${encodeURIComponent(roomId)}/links`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (status === 200 && (body?.role === 'editor' || body?.role === 'viewer')) return { ok: true, ...body };
  return { ok: false, status, problem: linkProblem(status, body?.error) };
}

/** The sentence for a refused link (HTTP 401/403 and the server's error), or null for other statuses. */
export function linkProblem(status, error) {
  if (status === 401) return 'You need a link to join this room';
  if (status !== 403) return null;
  if (typeof error === 'string' && /expired/i.test(error)) return 'This link has expired';
  return 'This link is not valid';
}
