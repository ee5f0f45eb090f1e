// The admin console (/admin): rooms on this node, one room's members, close / clear / remove.
// Talks to /admin/api with the token as a Bearer header; the token lives in sessionStorage only
// (this tab, until it is closed). Everything the server sends reaches the page as text.

const TOKEN_KEY = 'inkroom.admin.token';
const REFRESH_MS = 5000;

const $ = (id) => document.getElementById(id);

/** A refusal or failure from the API, with the server's reason. */
class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(method, path, token = sessionStorage.getItem(TOKEN_KEY)) {
  let response;
  try {
    response = await fetch(new URL('admin/api/' + path, document.baseURI), {
      method,
      headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached.');
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // no JSON body (a proxy's error page): the status says enough
  }
  if (!response.ok) {
    throw new ApiError(response.status, (body && typeof body.error === 'string') ? body.error : 'HTTP ' + response.status);
  }
  return body;
}

// ---- formatting ----------------------------------------------------------------------------------

const number = new Intl.NumberFormat();

function ago(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.floor(s / 60) + ' min ago';
  if (s < 86400) return Math.floor(s / 3600) + ' h ago';
  return Math.floor(s / 86400) + ' d ago';
}

function bytes(n) {
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KB';
  return (n / (1024 * 1024)).toFixed(1) + ' MB';
}

/** An element with text content (never HTML) and optional class. */
function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}

function cell(text, numeric) {
  return el('td', text, numeric ? 'num' : undefined);
}

function toast(text, error = false) {
  const t = el('div', text, error ? 'toast error' : 'toast');
  $('toasts').append(t);
  setTimeout(() => t.remove(), 4000);
}

function setStatus(text) {
  $('status').textContent = text;
}

// ---- views ---------------------------------------------------------------------------------------

/** A link to a view of this page: absolute, since relative links resolve against <base href>, not the page. */
function here(hash) {
  return location.pathname + location.search + hash;
}

/** The room in the address (#room/<id>), or null for the list. */
function currentRoom() {
  const m = /^#room\/(.+)$/.exec(location.hash);
  return m ? decodeURIComponent(m[1]) : null;
}

function show(view) {
  $('sign-in').hidden = view !== 'sign-in';
  $('rooms-view').hidden = view !== 'rooms';
  $('room-view').hidden = view !== 'room';
  $('sign-out').hidden = view === 'sign-in';
}

function renderRooms(list) {
  const body = $('rooms').tBodies[0];
  const rows = list.rooms.map((r) => {
    const tr = document.createElement('tr');
    const name = el('td');
    const link = el('a', r.room);
    link.href = here('#room/' + encodeURIComponent(r.room));
    link.setAttribute('aria-label', 'Room ' + r.room + ': details and actions');
    name.append(link);
    const last = cell(ago(list.serverTime - r.lastActivityMillis));
    last.title = new Date(r.lastActivityMillis).toLocaleString();
    tr.append(name, cell(number.format(r.members), true), cell(number.format(r.remoteMembers), true),
      cell(number.format(r.elements), true), cell(number.format(r.seq), true), last,
      cell(bytes(r.approximateBytes), true));
    return tr;
  });
  body.replaceChildren(...rows);
  $('rooms').hidden = rows.length === 0;
  $('no-rooms').hidden = rows.length !== 0;
  $('rooms-updated').textContent = 'updated ' + new Date().toLocaleTimeString();
}

function fact(dl, term, value, title) {
  const dd = el('dd', value);
  if (title) dd.title = title;
  const pair = el('div'); // a name-value group: valid inside <dl>, one grid cell
  pair.append(el('dt', term), dd);
  dl.append(pair);
}

function renderRoom(detail) {
  const r = detail.room;
  $('room-name').textContent = r.room;
  document.title = 'Room ' + r.room + ' · Inkroom admin';
  $('open-room').href = 'room/' + encodeURIComponent(r.room);
  const facts = $('room-facts');
  facts.replaceChildren();
  fact(facts, 'Members here', number.format(r.members));
  fact(facts, 'Elsewhere', number.format(r.remoteMembers));
  fact(facts, 'Elements', number.format(r.elements));
  fact(facts, 'Seq', number.format(r.seq));
  fact(facts, 'Epoch', r.epoch, r.epoch);
  fact(facts, 'Last activity', ago(detail.serverTime - r.lastActivityMillis), new Date(r.lastActivityMillis).toLocaleString());
  fact(facts, 'Size', bytes(r.approximateBytes));

  const members = detail.members.map((m) => {
    const tr = document.createElement('tr');
    const user = el('td', null, 'user');
    const swatch = el('span', null, 'swatch');
    swatch.style.backgroundColor = m.color; // a CSSOM property: never parsed as markup
    swatch.setAttribute('aria-hidden', 'true');
    user.append(swatch, el('span', m.userId));
    const remove = el('button', 'Remove', 'danger small');
    remove.type = 'button';
    remove.setAttribute('aria-label', 'Remove ' + m.userId);
    remove.addEventListener('click', () => removeMember(r.room, m.userId));
    const action = el('td');
    action.append(remove);
    tr.append(user, cell(m.address || '—'), cell(number.format(m.queued), true), action);
    return tr;
  });
  $('members').tBodies[0].replaceChildren(...members);
  $('members').hidden = members.length === 0;
  $('no-members').hidden = members.length !== 0;

  const remote = detail.remoteMembers.map((m) => {
    const li = el('li', null, 'user');
    const swatch = el('span', null, 'swatch');
    swatch.style.backgroundColor = m.color;
    swatch.setAttribute('aria-hidden', 'true');
    li.append(swatch, el('span', m.userId));
    return li;
  });
  $('remote-members').replaceChildren(...remote);
  $('no-remote').hidden = remote.length !== 0;
  $('room-updated').textContent = 'updated ' + new Date().toLocaleTimeString();
}

// ---- refreshing ----------------------------------------------------------------------------------

let timer = null;
let generation = 0; // a newer refresh (a click, the address changing) supersedes one still waiting

async function refresh() {
  clearTimeout(timer);
  timer = null;
  if (!sessionStorage.getItem(TOKEN_KEY)) return;
  const mine = ++generation;
  const room = currentRoom();
  try {
    if (room) {
      const detail = await api('GET', 'rooms/' + encodeURIComponent(room));
      if (mine !== generation) return;
      renderRoom(detail);
      show('room');
    } else {
      const list = await api('GET', 'rooms');
      if (mine !== generation) return;
      document.title = 'Inkroom admin';
      renderRooms(list);
      show('rooms');
    }
    setStatus('');
  } catch (e) {
    if (mine !== generation || handleRefusal(e)) return;
    if (room && e.status === 404) {
      toast('Room ' + room + ' is not open on this node any more.');
      location.hash = '';
      return;
    }
    setStatus(e.message);
  }
  if (mine === generation && sessionStorage.getItem(TOKEN_KEY) && !document.hidden) {
    timer = setTimeout(refresh, REFRESH_MS);
  }
}

/** 401/403: the token no longer works (or the console is off); back to signing in. */
function handleRefusal(e) {
  if (e.status !== 401 && e.status !== 403) return false;
  signOut(e.status === 401 ? 'The token was not accepted.' : e.message);
  return true;
}

function signOut(reason) {
  sessionStorage.removeItem(TOKEN_KEY);
  generation++; // nothing still on its way is shown any more
  clearTimeout(timer);
  timer = null;
  $('rooms').tBodies[0].replaceChildren();
  $('members').tBodies[0].replaceChildren();
  show('sign-in');
  setStatus('');
  const error = $('sign-in-error');
  error.textContent = reason || '';
  error.hidden = !reason;
  $('token').value = '';
  $('token').focus();
}

// ---- actions -------------------------------------------------------------------------------------

async function act(method, path, done) {
  try {
    const result = await api(method, path);
    toast(done(result));
  } catch (e) {
    if (!handleRefusal(e)) toast(e.message, true);
  }
  refresh();
}

function closeRoom(room) {
  if (!confirm('Close room ' + room + '? Everyone connected here is disconnected (1001) and their pages reconnect.')) return;
  act('POST', 'rooms/' + encodeURIComponent(room) + '/close',
    (r) => 'Room ' + r.room + ' closed: ' + r.members + ' disconnected.');
}

function clearRoom(room) {
  if (!confirm('Clear the canvas of room ' + room + ' for everyone? This cannot be undone.')) return;
  act('POST', 'rooms/' + encodeURIComponent(room) + '/clear', (r) => 'Room ' + r.room + ' cleared.');
}

function removeMember(room, userId) {
  if (!confirm('Remove ' + userId + ' from room ' + room + '? Their page is closed (1008) and does not reconnect.')) return;
  act('DELETE', 'rooms/' + encodeURIComponent(room) + '/members/' + encodeURIComponent(userId),
    (r) => r.userId + ' removed from room ' + r.room + '.');
}

// ---- wiring --------------------------------------------------------------------------------------

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const token = $('token').value.trim();
  const error = $('sign-in-error');
  if (!token) {
    error.textContent = 'Enter the admin token.';
    error.hidden = false;
    return;
  }
  $('sign-in-button').disabled = true;
  try {
    await api('GET', 'rooms', token);
    sessionStorage.setItem(TOKEN_KEY, token);
    $('token').value = '';
    error.hidden = true;
    refresh();
  } catch (e) {
    error.textContent = e.status === 401 ? 'That token is not right.' : e.message;
    error.hidden = false;
    $('token').select();
  } finally {
    $('sign-in-button').disabled = false;
  }
});

$('back').href = here('#');
$('sign-out').addEventListener('click', () => signOut(null));
$('refresh').addEventListener('click', () => refresh());
$('back').addEventListener('click', (event) => {
  event.preventDefault();
  location.hash = '';
});
$('close-room').addEventListener('click', () => closeRoom(currentRoom()));
$('clear-room').addEventListener('click', () => clearRoom(currentRoom()));
addEventListener('hashchange', () => refresh());
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) refresh();
});

if (sessionStorage.getItem(TOKEN_KEY)) {
  refresh();
} else {
  show('sign-in');
  $('token').focus();
}
