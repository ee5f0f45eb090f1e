// Landing view: pick a name, create a fresh room or join one by code. On a server in links mode
// a room is created by the server, which returns its editor and view-only links; there is no
// joining by code there (a code alone grants nothing).
import { ROOM_RE, randomCode, roomUrl, roomLink, loadName, saveName, cleanName } from './ids.js';
import { accessMode, createRoom } from './access.js';

export async function showLanding(badRoom) {
  const $ = (id) => document.getElementById(id);
  // Unknown (server unreachable): today's page; joining then fails and says so in the room.
  const mode = (await accessMode()) ?? 'open';
  $('landing').hidden = false;
  $('landing').dataset.access = mode;
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

  if (mode === 'links') {
    showLinksLanding($, keepName);
    return;
  }

  const code = randomCode();
  $('new-code').textContent = code;
  $('create-room').addEventListener('click', () => {
    keepName();
    location.assign(roomUrl(code));
  });

  const joinInput = $('join-code');
  const joinError = $('join-error');
  $('join-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
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
