// Room ids, names and URLs. Everything is resolved against document.baseURI
// because the app may be deployed under any servlet context path.

export const ROOM_RE = /^[A-Za-z0-9_-]{1,64}$/;

// Room codes are meant to be read out loud: consonant-vowel syllables in groups of four letters,
// e.g. "kavo-tebu-rimo" (15 consonants x 5 vowels, 6 syllables: about 1.8e11 codes).
const CONSONANTS = 'bdfgjkmnprstvwz';
const VOWELS = 'aeiou';

function pick(alphabet) {
  const buf = new Uint8Array(1);
  // Rejection sampling keeps the distribution uniform.
  const limit = 256 - (256 % alphabet.length);
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0] < limit) return alphabet[buf[0] % alphabet.length];
  }
}

export function randomCode(syllables = 6) {
  const groups = [];
  for (let i = 0; i < syllables; i += 2) {
    let g = '';
    for (let j = i; j < Math.min(i + 2, syllables); j++) g += pick(CONSONANTS) + pick(VOWELS);
    groups.push(g);
  }
  return groups.join('-');
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
 * A capability link: the token rides in the fragment, which the browser never sends to the server
 * (no access log, no Referer), and stays in the address bar so a reload keeps working.
 */
export function roomLink(roomId, token) {
  return `${roomUrl(roomId)}#t=${encodeURIComponent(token)}`;
}

/** The link token in this page's fragment (`#t=...`), or null. */
export function tokenFromLocation() {
  const t = new URLSearchParams(location.hash.slice(1)).get('t');
  return t ? t : null;
}

/** An application endpoint under this deployment's context path, e.g. apiUrl('config'). */
export function apiUrl(path) {
  return new URL('api/' + path, document.baseURI).href;
}

/**
 * The socket URL. ack=1 asks the server to acknowledge each op once stored; since+epoch ask
 * for only what was missed since the last sequence number this page saw; token is the link's
 * (links mode), checked by the server before the upgrade.
 */
export function socketUrl(roomId, name, resume, token) {
  const url = new URL('ws/' + encodeURIComponent(roomId), document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  // batch=1: several messages may arrive in one frame (a JSON array), far fewer frames under load.
  const params = new URLSearchParams({ ack: '1', batch: '1' });
  if (name) params.set('userId', name);
  if (token) params.set('token', token);
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
  return cleanName(name) || 'Guest-' + randomCode(2);
}

export function saveName(name) {
  try { localStorage.setItem(NAME_KEY, name); } catch { /* ignore */ }
}

export function cleanName(name) {
  return String(name).replace(/\s+/g, ' ').trim().slice(0, 32);
}
