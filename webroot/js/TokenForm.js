// Asks once for a read token when the API answers 401, and keeps it for the browser session.
const STORAGE_KEY = 'pulseboard.token';

/** The token kept for this session, or null. */
export function storedToken() {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token) {
  try {
    if (token) {
      sessionStorage.setItem(STORAGE_KEY, token);
    } else {
      sessionStorage.removeItem(STORAGE_KEY);
    }
  } catch {
    // storage can be unavailable (private modes); the token then lasts for this page only
  }
}

/**
 * Mounts the form into `el`. ask({t, rejected}) shows it and resolves with the token entered.
 */
export function TokenForm(el) {
  el.classList.add('token-form');
  el.innerHTML = `
    <form class="token-form__form" autocomplete="off">
      <h2 class="token-form__title" data-ref="title"></h2>
      <p class="token-form__help" data-ref="help"></p>
      <p class="token-form__error" data-ref="error" role="alert"></p>
      <label class="token-form__label" for="token-form-input" data-ref="label"></label>
      <input class="token-form__input" id="token-form-input" name="token" type="password" autocomplete="off" required spellcheck="false">
      <button class="token-form__submit" type="submit" data-ref="submit"></button>
    </form>`;
  const ref = {};
  for (const node of el.querySelectorAll('[data-ref]')) {
    ref[node.dataset.ref] = node;
  }
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
