// Landing view: pick a name, create a fresh room or join one by code.
import { ROOM_RE, randomCode, roomUrl, loadName, saveName, cleanName } from './ids.js';

export function showLanding(badRoom) {
  const $ = (id) => document.getElementById(id);
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
