// An admin's "Create TV link": makes a read token named "TV …" with an admin token (which is
// used for this one request and never kept), then shows the link with the key in its fragment.
import { createToken } from './api.js';
import { tvLink } from './link.js';
import { refs } from './refs.js';

/** Longest name typed here; the server has the last word on names. */
const NAME_MAX = 60;

/** Mounts the panel into `el`; open(t) shows it. Every text goes in as text. */
export function TvLink(el) {
  el.classList.add('form-panel', 'tv-link');
  el.innerHTML = `
    <form class="form-panel__form tv-link__form" autocomplete="off">
      <h2 class="form-panel__title tv-link__title" data-ref="title"></h2>
      <p class="form-panel__help tv-link__help" data-ref="help"></p>
      <label class="form-panel__label tv-link__label" for="tv-link-name" data-ref="nameLabel"></label>
      <input class="form-panel__input tv-link__input" id="tv-link-name" name="name" required spellcheck="false">
      <label class="form-panel__label tv-link__label" for="tv-link-admin" data-ref="adminLabel"></label>
      <input class="form-panel__input tv-link__input" id="tv-link-admin" name="admin" type="password" autocomplete="off" required spellcheck="false">
      <p class="form-panel__error tv-link__error" data-ref="error" role="alert"></p>
      <div class="tv-link__actions">
        <button class="tv-link__create" type="submit" data-ref="create"></button>
        <button class="tv-link__close" type="button" data-ref="close"></button>
      </div>
      <div class="tv-link__result" data-ref="result" hidden>
        <label class="form-panel__label tv-link__label" for="tv-link-url" data-ref="urlLabel"></label>
        <input class="form-panel__input tv-link__input tv-link__url" id="tv-link-url" readonly spellcheck="false">
        <button class="tv-link__copy" type="button" data-ref="copy"></button>
        <p class="tv-link__status" data-ref="status" role="status"></p>
      </div>
    </form>`;
  const ref = refs(el);
  const form = el.querySelector('form');
  const name = el.querySelector('#tv-link-name');
  const admin = el.querySelector('#tv-link-admin');
  const url = el.querySelector('#tv-link-url');
  name.maxLength = NAME_MAX;
  let t = (key) => key;

  function close() {
    el.hidden = true;
    admin.value = '';
    url.value = '';
    ref.result.hidden = true;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    ref.error.textContent = '';
    ref.result.hidden = true;
    ref.create.disabled = true;
    try {
      const created = await createToken({ adminToken: admin.value.trim(), name: `TV ${name.value.trim()}`, scopes: ['read'] });
      url.value = tvLink(location.href, created.token);
      ref.status.textContent = '';
      ref.result.hidden = false;
      url.focus();
      url.select();
    } catch (error) {
      ref.error.textContent = t('tvLinkFailed', { detail: error.message });
    } finally {
      admin.value = '';
      ref.create.disabled = false;
    }
  });
  ref.copy.addEventListener('click', async () => {
    url.select();
    try {
      await navigator.clipboard.writeText(url.value);
      ref.status.textContent = t('tvLinkCopied');
    } catch {
      ref.status.textContent = t('tvLinkCopyByHand');
    }
  });
  ref.close.addEventListener('click', close);
  el.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      close();
    }
  });

  return {
    open(translate) {
      t = translate;
      ref.title.textContent = t('tvLinkTitle');
      ref.help.textContent = t('tvLinkHelp');
      ref.nameLabel.textContent = t('tvLinkName');
      ref.adminLabel.textContent = t('tvLinkAdmin');
      ref.create.textContent = t('tvLinkCreate');
      ref.close.textContent = t('tvLinkClose');
      ref.urlLabel.textContent = t('tvLinkUrl');
      ref.copy.textContent = t('tvLinkCopy');
      ref.error.textContent = '';
      if (!name.value) {
        name.value = t('tvLinkDefaultName');
      }
      el.hidden = false;
      name.focus();
    }
  };
}
