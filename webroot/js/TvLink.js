// An admin's "Create TV link": makes a read token named "TV …" with an admin token (which is
// used for this one request and never kept), then shows the link with the key in its fragment,
// for the default board, one board, or a playlist of boards that rotates.
import { createToken } from './api.js';
import { boardTitle } from './board.js';
import { tvLink } from './link.js';
import { refs } from './refs.js';

const ROTATIONS = [['30s', 'rotate30s'], ['1m', 'rotate1m'], ['5m', 'rotate5m']];
const PLAYLIST = '*playlist';

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
      <label class="form-panel__label tv-link__label" for="tv-link-show" data-ref="showLabel"></label>
      <select class="form-panel__input tv-link__input" id="tv-link-show" name="show" data-ref="show"></select>
      <fieldset class="tv-link__playlist" data-ref="playlist" hidden>
        <legend class="form-panel__label" data-ref="boardsLegend"></legend>
        <div class="tv-link__boards" data-ref="boards"></div>
        <label class="form-panel__label tv-link__label" for="tv-link-rotate" data-ref="rotateLabel"></label>
        <select class="form-panel__input tv-link__input" id="tv-link-rotate" name="rotate" data-ref="rotate"></select>
      </fieldset>
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

  function option(value, text) {
    const node = document.createElement('option');
    node.value = value;
    node.textContent = text;
    return node;
  }

  function target() {
    if (ref.show.value === PLAYLIST) {
      const boards = [...ref.boards.querySelectorAll('input:checked')].map((input) => input.value);
      return boards.length ? { boards, rotate: ref.rotate.value } : null;
    }
    return ref.show.value || null;
  }

  function showBoards(boards, lang) {
    const named = boards.filter((b) => !b.generated);
    ref.show.replaceChildren(option('', t('tvLinkDefault')),
      ...named.map((b) => option(b.id, boardTitle(b, lang))),
      ...(named.length ? [option(PLAYLIST, t('tvLinkPlaylist'))] : []));
    ref.boards.replaceChildren(...boards.map((b) => {
      const label = document.createElement('label');
      label.className = 'tv-link__board';
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = b.id;
      input.checked = !b.generated;
      const text = document.createElement('span');
      text.textContent = b.generated ? t('tvLinkDefault') : boardTitle(b, lang);
      label.append(input, text);
      return label;
    }));
    ref.rotate.replaceChildren(...ROTATIONS.map(([value, key]) => option(value, t(key))));
    ref.playlist.hidden = true;
  }

  ref.show.addEventListener('change', () => {
    ref.playlist.hidden = ref.show.value !== PLAYLIST;
  });

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
      url.value = tvLink(location.href, created.token, target());
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
    /** Shows the panel; `boards` (GET /api/v1/boards's list) are offered as what to show. */
    open(translate, { boards = [], lang = 'en' } = {}) {
      t = translate;
      ref.showLabel.textContent = t('tvLinkShow');
      ref.boardsLegend.textContent = t('tvLinkBoards');
      ref.rotateLabel.textContent = t('tvLinkRotate');
      showBoards(boards, lang);
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
