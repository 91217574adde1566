// The board view: which board is shown (the generated one at "/", any other at /#/boards/{id}),
// its picker and filter bar, the tiles (BoardView), and the board kept current by live events.
import { BoardPicker } from './BoardPicker.js';
import { BoardsState } from './boards-state.js';
import { BoardView } from './BoardView.js';
import { GENERATED_ID, boardMetricIds, boardTitle, filterGroups, generatedBoard, keepFilters, layoutBoard } from './board.js';
import { LabelFilterBar } from './LabelFilterBar.js';
import { boardHref } from './route.js';

/**
 * Mounts the view. `els`: {board (the tiles' container), title, picker, filters, message};
 * `store` holds the metrics and series; `view()` gives {lang, locale, t, now, zone, asOf};
 * `announce(text)` speaks through the page's live region; `onPick(id)` follows the picker
 * (a playlist pins the board and passes null).
 */
export function BoardPage({ els, api, store, view, announce }) {
  const state = new BoardsState();
  const boardView = BoardView(els.board, { api, view });
  const picker = BoardPicker(els.picker, (id) => {
    location.hash = boardHref(id);
  });
  let filters = {};
  const filterBar = LabelFilterBar(els.filters, (next) => {
    filters = next;
    render();
  });
  let current = null;
  let showId = 0;
  let listLoaded = false;
  let listLoading = null;
  let onBoardChanged = () => {};

  function board() {
    if (!current) {
      return null;
    }
    if (current.id === GENERATED_ID) {
      const { t } = view();
      return generatedBoard(store.metrics, { en: t('boardAll') });
    }
    return state.boards.get(current.id) || null;
  }

  function listForPicker() {
    const list = state.list.length ? state.list : [];
    return list.some((b) => b.id === GENERATED_ID) ? list : [{ id: GENERATED_ID, generated: true }, ...list];
  }

  function renderPicker() {
    picker.update(listForPicker(), current ? current.id : GENERATED_ID, view());
  }

  function render() {
    const shown = board();
    const now = view();
    renderPicker();
    if (!shown) {
      filterBar.update([], {}, now);
      return;
    }
    const entries = store.list();
    const groups = filterGroups(shown, entries);
    filters = keepFilters(filters, groups);
    filterBar.update(groups, filters, { ...now, metrics: store.metrics });
    const title = shown.id === GENERATED_ID ? now.t('tagline') : boardTitle(shown, now.lang);
    els.title.textContent = title;
    els.title.classList.toggle('visually-hidden', shown.id === GENERATED_ID);
    const lang = now.lang;
    const active = filters;
    boardView.show(() => {
      const layout = layoutBoard(board() || shown, store.list(), { filters: active, lang });
      els.message.textContent = layout.defined === 0 ? view().t('boardEmpty')
        : layout.count === 0 && store.list().length ? view().t('empty') : '';
      return layout;
    });
  }

  function loadList() {
    listLoading = api.boards().then((answer) => {
      state.setList(answer.boards);
      listLoaded = true;
    }).catch(() => {
      // a server without boards still shows the generated one
    }).finally(renderPicker);
    return listLoading;
  }

  async function load(id) {
    if (id === GENERATED_ID || state.boards.has(id)) {
      return true;
    }
    await (listLoading || loadList());
    if (listLoaded && !state.list.some((b) => b.id === id)) {
      // Not among the boards this token may see: no request that would only answer 404.
      return false;
    }
    try {
      state.setBoard(await api.board(id));
      return true;
    } catch (error) {
      if (error.status === 404) {
        return false;
      }
      throw error;
    }
  }

  return {
    state,
    boardView,

    /** Loads the list of boards for the picker (once; events keep it current). */
    loadList: () => (listLoaded ? Promise.resolve() : loadList()),

    /** Shows a board by id (loading it when needed); resolves with whether it exists. */
    async show(id) {
      const ticket = ++showId;
      const target = id || GENERATED_ID;
      if (!current || current.id !== target) {
        boardView.clear();
        filters = {};
      }
      current = { id: target };
      let found;
      try {
        found = await load(target);
      } catch (error) {
        els.message.textContent = view().t('loadFailed', { detail: error.message });
        return false;
      }
      if (ticket !== showId) {
        return found;
      }
      if (!found) {
        boardView.clear();
        els.title.textContent = '';
        els.message.textContent = view().t('boardNotFound', { id: target });
        renderPicker();
        return false;
      }
      render();
      return true;
    },

    /** The board shown (the generated one made from the metrics), or null. */
    current: board,

    /** The ids of the metrics the board shown uses (none without a board). */
    metricIds() {
      const shown = board();
      return shown ? boardMetricIds(shown) : new Set();
    },

    /** Lays the board out again (new metrics or series, language, clock). */
    render,

    /** The store's entries changed by live items: their tiles re-render in the next frame. */
    changed(entries) {
      boardView.changed(entries);
    },

    /** Which of these entries are on the board shown (to announce them). */
    shown(entries) {
      return entries.filter((e) => boardView.shows(e.key));
    },

    applyItems(items) {
      boardView.applyItems(items);
    },

    /** Keeps a board as saved (the editor's answer) and shows it if it is the one shown. */
    saved(saved) {
      state.setBoard(saved);
      if (current && current.id === saved.id) {
        render();
      }
    },

    /** Called with (id, board) when live events changed a board. */
    onBoardChanged(callback) {
      onBoardChanged = callback;
    },

    /**
     * `boards` events of the live feed: newer boards replace older ones; the one shown re-renders
     * (a reset reloads the list and the board shown).
     */
    async applyEvents(items, reset) {
      if (reset) {
        listLoaded = false;
        state.boards.clear();
        await loadList();
        if (current && current.id !== GENERATED_ID) {
          await this.show(current.id);
        }
        return;
      }
      const { changed, deleted } = state.applyEvents(items);
      renderPicker();
      for (const id of changed) {
        onBoardChanged(id, state.boards.get(id));
      }
      if (current && changed.includes(current.id)) {
        render();
        announce(view().t('boardUpdated', { title: boardTitle(state.boards.get(current.id), view().lang) }));
      }
      if (current && deleted.includes(current.id)) {
        boardView.clear();
        els.message.textContent = view().t('boardNotFound', { id: current.id });
      }
    },

    redraw() {
      boardView.redraw();
    },

    reloadCharts() {
      boardView.reloadCharts();
    },

    hide() {
      boardView.clear();
      current = null;
    }
  };
}
