// Asks for an admin token before editing when the page has none (or only a read token). The
// token is kept for the browser session by the caller, as a token typed in the token form is.
import { refs } from './refs.js';

/**
 * Mounts the prompt into `el` (a form). ask(t) shows it and resolves with the token typed, or
 * null when cancelled; reject(t) says the token was not an admin's and asks again.
 */
export function AdminPrompt(el) {
  el.classList.add('board-editor__admin');
  el.setAttribute('autocomplete', 'off');
  el.innerHTML = `
    <p class="board-editor__admin-help" data-ref="help"></p>
    <label class="board-editor__field"><span data-ref="label"></span>
      <input class="board-editor__input" type="password" name="admin" required spellcheck="false" data-ref="input"></label>
    <button type="submit" class="board-editor__button board-editor__primary" data-ref="submit"></button>
    <button type="button" class="board-editor__button" data-ref="cancel"></button>
    <p class="board-editor__error" role="alert" data-ref="error"></p>`;
  const ref = refs(el);
  let finish = () => {};

  el.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = ref.input.value.trim();
    ref.input.value = '';
    finish(token);
  });
  ref.cancel.addEventListener('click', () => finish(null));

  function show(t, error) {
    ref.help.textContent = t('editNeedAdmin');
    ref.label.textContent = t('editAdminLabel');
    ref.submit.textContent = t('editAdminSubmit');
    ref.cancel.textContent = t('editCancel');
    ref.error.textContent = error;
    el.hidden = false;
    ref.input.focus();
    return new Promise((resolve) => {
      finish = (token) => {
        finish = () => {};
        el.hidden = true;
        resolve(token);
      };
    });
  }

  return {
    ask: (t) => show(t, ''),
    reject: (t) => show(t, t('tokenRejected'))
  };
}
