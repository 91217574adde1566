// Edit mode: a draft of a board (or a new one) changed through EditorGrid and TileForm, saved
// whole with If-Match on the version it started from. A stale version (412) offers to reload the
// other change or to overwrite it; Cancel drops the draft and the board stays as it was.
import { AdminPrompt } from './AdminPrompt.js';
import { ApiError } from './api.js';
import { GENERATED_ID, boardTitle, slugify } from './board.js';
import { addSection, addTile, boardForSave, draftProblems, newBoard, replaceTile, setTitle } from './board-edit.js';
import { applyGridAction } from './draft-actions.js';
import { EditorGrid, tileName } from './EditorGrid.js';
import { refs } from './refs.js';
import { boardHref } from './route.js';
import { TileForm } from './TileForm.js';

const TEMPLATE = `
  <div class="board-editor__bar">
    <h2 class="board-editor__heading" data-ref="heading" tabindex="-1"></h2>
    <form data-ref="admin" hidden></form>
    <div class="board-editor__body" data-ref="body">
      <div class="board-editor__titles">
        <label class="board-editor__field"><span data-ref="titleEnLabel"></span>
          <input class="board-editor__input" name="titleEn" maxlength="200" required data-ref="titleEn"></label>
        <label class="board-editor__field"><span data-ref="titleKoLabel"></span>
          <input class="board-editor__input" name="titleKo" maxlength="200" lang="ko" data-ref="titleKo"></label>
        <p class="board-editor__address" data-ref="address"></p>
      </div>
      <div class="board-editor__actions">
        <button type="button" class="board-editor__button" data-ref="addSection"></button>
        <button type="button" class="board-editor__button board-editor__primary board-editor__save" data-ref="save"></button>
        <button type="button" class="board-editor__button board-editor__cancel" data-ref="cancel"></button>
      </div>
      <p class="board-editor__notice" role="status" data-ref="notice" hidden></p>
      <p class="board-editor__status" role="status" data-ref="status"></p>
      <div class="board-editor__conflict" role="alert" data-ref="conflict" hidden>
        <p class="board-editor__conflict-text" data-ref="conflictText"></p>
        <button type="button" class="board-editor__button board-editor__reload" data-ref="reload"></button>
        <button type="button" class="board-editor__button board-editor__overwrite" data-ref="overwrite"></button>
        <div class="board-editor__confirm" data-ref="confirm" hidden>
          <p data-ref="confirmText"></p>
          <button type="button" class="board-editor__button board-editor__primary board-editor__overwrite-yes" data-ref="overwriteYes"></button>
          <button type="button" class="board-editor__button" data-ref="keep"></button>
        </div>
      </div>
    </div>
  </div>
  <div class="tile-form-box" data-ref="form" hidden></div>
  <div data-ref="grid"></div>`;

/**
 * Mounts the editor into `el`. open(board | null) starts editing a board or a new one (after
 * asking for an admin token when the page has none) and resolves with whether it opened;
 * changedElsewhere(id, board) tells it of a live change; isOpen() says whether a draft is open.
 * Options: api, view(), announce(text), metrics() (fallback), boards() (the list, for new ids),
 * useToken(admin) (keeps a token typed here), onClose(savedBoard | null).
 */
export function BoardEditor(el, { api, view, announce, metrics: storeMetrics, boards, useToken, onClose }) {
  el.classList.add('board-editor');
  el.innerHTML = TEMPLATE;
  const ref = refs(el);
  const form = TileForm(ref.form);
  const admin = AdminPrompt(ref.admin);
  const grid = EditorGrid(ref.grid, act);
  let draft = null;
  let base = null;
  let fresh = false;
  let metrics = [];
  let busy = false;

  const t = (key, params) => view().t(key, params);

  function ctx() {
    return { t: view().t, lang: view().lang, metrics };
  }

  function render(focus) {
    ref.titleEn.value = draft.title.en || '';
    ref.titleKo.value = draft.title.ko || '';
    ref.heading.textContent = t('editing', { title: boardTitle(draft, view().lang) || t('newBoardTitle') });
    ref.address.textContent = fresh ? '' : t('editBoardId', { href: boardHref(draft.id) });
    grid.render(draft, ctx());
    if (focus) {
      grid.focus(focus);
    }
  }

  function sectionName(s) {
    const section = draft.sections[s];
    const title = section.title && (section.title[view().lang] || section.title.en);
    return title || t('editSectionName', { n: s + 1 });
  }

  function moved(at, name) {
    announce(t('editMoved', { name, position: at.index + 1, count: draft.sections[at.section].tiles.length, section: sectionName(at.section) }));
  }

  async function editTile(at, tile, title) {
    const result = await form.open(tile, { ...ctx(), title });
    if (!result) {
      grid.focus({ ...at, action: 'edit' });
      return;
    }
    if (at.index < 0) {
      const added = addTile(draft, at.section, result);
      draft = added.board;
      render({ ...added.at, action: 'edit' });
      announce(t('editAdded', { name: tileName(result, metrics, view().lang) }));
    } else {
      draft = replaceTile(draft, at, result);
      render({ ...at, action: 'edit' });
    }
  }

  function act(action, request) {
    const tile = request.index >= 0 ? draft.sections[request.section].tiles[request.index] : null;
    const name = tile ? tileName(tile, metrics, view().lang) : '';
    const result = applyGridAction(draft, action, request, name);
    draft = result.draft;
    if (result.render) {
      render(result.focus);
    }
    if (result.moved) {
      moved(result.moved, name);
    }
    if (result.say) {
      announce(result.say(t));
    }
    if (result.form) {
      editTile(result.form.at, result.form.tile, result.form.title(t));
    }
  }

  function showStatus(text) {
    ref.status.textContent = text;
  }

  function close(saved) {
    form.close();
    el.hidden = true;
    draft = null;
    base = null;
    onClose(saved);
  }

  async function put(overwrite) {
    if (!fresh) {
      return api.putBoard(draft.id, boardForSave(draft), overwrite ? undefined : base.version);
    }
    const taken = boards().map((b) => b.id);
    for (;;) {
      draft = { ...draft, id: slugify(draft.title.en, taken) };
      try {
        // Create only: a board made meanwhile under the same id is never replaced.
        return await api.putBoard(draft.id, boardForSave(draft), undefined, { create: true });
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 412 || taken.length > 1000) {
          throw error;
        }
        taken.push(draft.id);
      }
    }
  }

  async function save(overwrite) {
    if (busy) {
      return;
    }
    const problems = draftProblems(fresh ? { ...draft, id: slugify(draft.title.en, []) } : draft);
    if (problems.length) {
      showStatus(problems.map((p) => t(p.key, p.params)).join(' '));
      return;
    }
    busy = true;
    ref.conflict.hidden = true;
    showStatus(t('editSaving'));
    try {
      const answer = await put(overwrite);
      const saved = answer && answer.id ? answer : await api.board(draft.id);
      showStatus(t('editSaved'));
      announce(t('editSaved'));
      close(saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        showStatus('');
        ref.conflictText.textContent = t('editConflict');
        ref.confirm.hidden = true;
        ref.conflict.hidden = false;
        ref.reload.focus();
      } else if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        showStatus(t('editNeedAdmin'));
      } else {
        showStatus(t('editFailed', { detail: error.message }));
      }
    } finally {
      busy = false;
    }
  }

  async function reload() {
    try {
      const latest = await api.board(draft.id);
      base = latest;
      draft = JSON.parse(JSON.stringify(latest));
      ref.conflict.hidden = true;
      ref.notice.hidden = true;
      showStatus('');
      render();
      ref.heading.focus();
    } catch (error) {
      showStatus(t('editFailed', { detail: error.message }));
    }
  }

  function begin(board) {
    const { t: tr } = view();
    fresh = !board || board.id === GENERATED_ID || board.generated;
    base = fresh ? null : board;
    draft = fresh
      ? { ...newBoard('', { en: tr('newBoardTitle') }), sections: board ? JSON.parse(JSON.stringify(board.sections)) : [{ tiles: [] }] }
      : JSON.parse(JSON.stringify(board));
    if (typeof draft.title === 'string') {
      draft.title = { en: draft.title };
    }
    ref.body.hidden = false;
    ref.grid.hidden = false;
    ref.conflict.hidden = true;
    ref.notice.hidden = true;
    showStatus('');
    render();
    (fresh ? ref.titleEn : ref.heading).focus();
    if (fresh) {
      ref.titleEn.select();
    }
  }

  async function loadMetrics() {
    try {
      metrics = (await api.metrics()).metrics;
    } catch {
      metrics = storeMetrics();
    }
  }

  /** Asks for an admin token until one is given (resolves true) or the prompt is cancelled. */
  async function askAdmin() {
    ref.heading.textContent = t('editBoard');
    ref.body.hidden = true;
    ref.grid.hidden = true;
    let token = await admin.ask(view().t);
    while (token) {
      if (await api.isAdmin(token)) {
        useToken(token);
        return true;
      }
      token = await admin.reject(view().t);
    }
    return false;
  }

  ref.titleEn.addEventListener('input', () => {
    draft = setTitle(draft, 'en', ref.titleEn.value.trim());
  });
  ref.titleKo.addEventListener('input', () => {
    draft = setTitle(draft, 'ko', ref.titleKo.value.trim());
  });
  ref.addSection.addEventListener('click', () => {
    draft = addSection(draft);
    render({ section: draft.sections.length - 1, index: -1, action: 'add-tile' });
  });
  ref.save.addEventListener('click', () => save(false));
  ref.cancel.addEventListener('click', () => close(null));
  ref.reload.addEventListener('click', reload);
  ref.overwrite.addEventListener('click', () => {
    ref.confirm.hidden = false;
    ref.overwriteYes.focus();
  });
  ref.overwriteYes.addEventListener('click', () => save(true));
  ref.keep.addEventListener('click', () => {
    ref.conflict.hidden = true;
    ref.save.focus();
  });

  return {
    async open(board) {
      ref.addSection.textContent = t('editAddSection');
      ref.save.textContent = t('editSave');
      ref.cancel.textContent = t('editCancel');
      ref.titleEnLabel.textContent = t('editTitleEn');
      ref.titleKoLabel.textContent = t('editTitleKo');
      ref.reload.textContent = t('editReload');
      ref.overwrite.textContent = t('editOverwrite');
      ref.confirmText.textContent = t('editOverwriteConfirm');
      ref.overwriteYes.textContent = t('editOverwriteYes');
      ref.keep.textContent = t('editKeep');
      el.hidden = false;
      draft = { sections: [] };
      if (!(await api.isAdmin()) && !(await askAdmin())) {
        close(null);
        return false;
      }
      await loadMetrics();
      begin(board);
      return true;
    },

    isOpen: () => !el.hidden,

    /** A live change of a board: while its draft is open, say so rather than replace the draft. */
    changedElsewhere(id, board) {
      if (el.hidden || !base || base.id !== id || !board || board.version <= base.version) {
        return;
      }
      ref.notice.textContent = t('editChangedElsewhere', { version: board.version });
      ref.notice.hidden = false;
    }
  };
}
