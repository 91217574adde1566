// Asks for a read token when the API answers 401, and keeps it. A token typed here lasts for the
// browser session; the key of a TV link lasts in this origin's storage until it is forgotten.
import { refs } from './refs.js';
const STORAGE_KEY = 'pulseboard.token';

function read(storage) {
  try {
    return storage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function write(storage, token) {
  try {
    if (token) {
      storage.setItem(STORAGE_KEY, token);
    } else {
      storage.removeItem(STORAGE_KEY);
    }
  } catch {
    // storage can be unavailable (private modes); the token then lasts for this page only
  }
}

/** The token to use: one typed in this session, else a link's kept key, else null. */
export function storedToken() {
  return read(sessionStorage) || read(localStorage);
}

/** Keeps a typed token for this browser session. */
export function storeToken(token) {
  write(sessionStorage, token);
}

/** Keeps a TV link's key across browser restarts (localStorage of this origin). */
export function keepLinkKey(token) {
  write(localStorage, token);
  write(sessionStorage, null);
}

/** Forgets every kept token, typed or from a link. */
export function forgetToken() {
  write(sessionStorage, null);
  write(localStorage, null);
}

/**
 * Mounts the form into `el`. ask({t, rejected}) shows it and resolves with the token entered.
 */
export function TokenForm(el) {
  el.classList.add('form-panel', 'token-form');
  el.innerHTML = `
    <form class="form-panel__form token-form__form" autocomplete="off">
      <h2 class="form-panel__title token-form__title" data-ref="title"></h2>
      <p class="form-panel__help token-form__help" data-ref="help"></p>
      <p class="form-panel__error token-form__error" data-ref="error" role="alert"></p>
      <label class="form-panel__label token-form__label" for="token-form-input" data-ref="label"></label>
      <input class="form-panel__input token-form__input" id="token-form-input" name="token" type="password" autocomplete="off" required spellcheck="false">
      <button class="token-form__submit" type="submit" data-ref="submit"></button>
    </form>`;
  const ref = refs(el);
  const form = el.querySelector('form');
  const input = el.querySelector('input');

  return {
    ask({ t, rejected = false }) {
      ref.title.textContent = t('tokenTitle');
      ref.help.textContent = t('tokenHelp');
      ref.label.textContent = t('tokenLabel');
      ref.submit.textContent = t('tokenSubmit');
      ref.error.textContent = rejected ? t('tokenRejected') : '';
      el.hidden = false;
      input.value = '';
      input.focus();
      return new Promise((resolve) => {
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          const token = input.value.trim();
          el.hidden = true;
          resolve(token);
        }, { once: true });
      });
    }
  };
}
