// Landing view: pick a name, create a fresh room or join one by code. On a server in links mode
// a room is created by the server, which returns its editor and view-only links; there is no
// joining by code there (a code alone grants nothing).
import { ROOM_RE, randomCode, roomUrl, roomLink, loadName, saveName, cleanName } from './ids.js';
import { accessMode, createRoom } from './access.js';

export function showLanding(badRoom) {
  const $ = (id) => document.getElementById(id);
  // The page shows at once as for an open server (usable straight away) and turns into the links
  // version when the server says so; its open-mode buttons wait for that answer before acting.
  // Unknown (server unreachable): the open page; joining then fails and says so in the room.
  const mode = accessMode().then((m) => m ?? 'open');
  $('landing').hidden = false;
  document.title = 'Inkroom';

  if (badRoom !== undefined) {
    const err = $('landing-error');
    err.textContent = `“${badRoom}” is not a valid room code. Codes use letters, digits, - and _ (up to 64).`;
    err.hidden = false;
  }

  const nameInput = $('landing-name');
  nameInput.value = loadName();
  const keepName = () => {
    const name = cleanName(nameInput.value);
    if (name) saveName(name);
  };
  nameInput.addEventListener('change', keepName);

  mode.then((m) => {
    $('landing').dataset.access = m;
    if (m === 'links') showLinksLanding($, keepName);
  });

  const code = randomCode();
  $('new-code').textContent = code;
  $('create-room').addEventListener('click', async () => {
    keepName();
    if ((await mode) === 'open') location.assign(roomUrl(code));
  });

  const joinInput = $('join-code');
  const joinError = $('join-error');
  $('join-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if ((await mode) !== 'open') return;
    const value = joinInput.value.trim();
    if (!ROOM_RE.test(value)) {
      joinError.textContent = value
        ? 'Room codes use only letters, digits, - and _ (1–64 characters).'
        : 'Type a room code first.';
      joinError.hidden = false;
      joinInput.setAttribute('aria-invalid', 'true');
      joinInput.focus();
      return;
    }
    keepName();
    location.assign(roomUrl(value));
  });
  joinInput.addEventListener('input', () => {
    joinError.hidden = true;
    joinInput.removeAttribute('aria-invalid');
  });
}

function showLinksLanding($, keepName) {
  // A focused field about to disappear would take the keyboard focus with it.
  if ($('join-form').contains(document.activeElement)) $('landing-name').focus();
  $('new-room-code').hidden = true;
  $('join-form').hidden = true;
  $('new-room-links').hidden = false;
  const button = $('create-link-room');
  const err = $('landing-error');
  button.addEventListener('click', async () => {
    keepName();
    button.disabled = true;
    err.hidden = true;
    try {
      const r = await createRoom();
      location.assign(roomLink(r.room, r.editor));
    } catch (e) {
      err.textContent = e.message;
      err.hidden = false;
      button.disabled = false;
    }
  });
}
