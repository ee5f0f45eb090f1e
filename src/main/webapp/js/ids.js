// Room ids, names and URLs. Everything is resolved against document.baseURI
// because the app may be deployed under any servlet context path.

export const ROOM_RE = /^[A-Za-z0-9_-]{1,64}$/;

// No 0/O/1/l/I: codes are meant to be read aloud or typed from a screen.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export function randomCode(length = 8) {
  const out = [];
  const buf = new Uint8Array(1);
  // Rejection sampling keeps the distribution uniform (256 % 57 != 0).
  const limit = 256 - (256 % CODE_ALPHABET.length);
  while (out.length < length) {
    crypto.getRandomValues(buf);
    if (buf[0] < limit) out.push(CODE_ALPHABET[buf[0] % CODE_ALPHABET.length]);
  }
  return out.join('');
}

/** Returns {roomId} for /room/{id}, {invalid: raw} for a bad id, or null for the landing page. */
export function roomFromLocation() {
  const base = new URL(document.baseURI).pathname;
  const path = location.pathname;
  if (!path.startsWith(base)) return null;
  const rest = path.slice(base.length);
  if (!rest.startsWith('room/')) return null;
  let raw = rest.slice('room/'.length).replace(/\/+$/, '');
  try { raw = decodeURIComponent(raw); } catch { return { invalid: raw }; }
  return ROOM_RE.test(raw) ? { roomId: raw } : { invalid: raw };
}

export function roomUrl(roomId) {
  return new URL('room/' + encodeURIComponent(roomId), document.baseURI).href;
}

/**
 * The socket URL. ack=1 asks the server to acknowledge each stroke once stored; since+epoch ask
 * for only what was missed since the last sequence number this page saw.
 */
export function socketUrl(roomId, name, resume) {
  const url = new URL('ws/' + encodeURIComponent(roomId), document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const params = new URLSearchParams({ ack: '1' });
  if (name) params.set('userId', name);
  if (resume?.epoch && Number.isSafeInteger(resume.seq)) {
    params.set('since', String(resume.seq));
    params.set('epoch', resume.epoch);
  }
  url.search = params.toString();
  return url.href;
}

const NAME_KEY = 'inkroom.name';

// localStorage can throw (privacy modes, disabled storage); the name is then per-tab only.
export function loadName() {
  let name = '';
  try { name = localStorage.getItem(NAME_KEY) || ''; } catch { /* ignore */ }
  return cleanName(name) || 'Guest-' + randomCode(4);
}

export function saveName(name) {
  try { localStorage.setItem(NAME_KEY, name); } catch { /* ignore */ }
}

export function cleanName(name) {
  return String(name).replace(/\s+/g, ' ').trim().slice(0, 32);
}
