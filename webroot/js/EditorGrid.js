// The editor's picture of a draft board: its sections with their headings, and a card per tile
// at the tile's size with its tools (drag handle, up, down, size, edit, remove). It only renders
// and reports what was asked for; BoardEditor changes the draft.
import { SIZES, localized, rangeMs } from './board.js';
import { labelValue, metricName } from './i18n.js';

const KIND_KEYS = { kpi: 'kindKpi', chart: 'kindChart', table: 'kindTable', text: 'kindText' };
const SIZE_KEYS = { s: 'sizeS', m: 'sizeM', l: 'sizeL', xl: 'sizeXl' };

function node(tag, className, text) {
  const el = document.createElement(tag);
  if (className) {
    el.className = className;
  }
  if (text !== undefined) {
    el.textContent = text;
  }
  return el;
}

function button(className, text, action, label) {
  const el = node('button', `board-editor__button ${className}`, text);
  el.type = 'button';
  el.dataset.action = action;
  if (label) {
    el.setAttribute('aria-label', label);
  }
  return el;
}

/** A tile's name as the editor shows it: its metric's name, or the start of its text. */
export function tileName(tile, metrics, lang) {
  if (tile.kind === 'text') {
    const text = localized(tile.text, lang);
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  }
  const metric = metrics.find((m) => m.id === tile.metric);
  return metric ? metricName(metric, lang) : tile.metric;
}

function tileDetail(tile, metrics, { t, lang }) {
  if (tile.kind === 'text') {
    return '';
  }
  const metric = metrics.find((m) => m.id === tile.metric);
  const parts = Object.entries(tile.labels || {}).map(([key, value]) =>
    `${key === 'region' ? t('region') : key}: ${value === '*' ? t('editLabelEach') : labelValue(value, lang, metric, key)}`);
  if (!parts.length) {
    parts.push(t('editAllSeries'));
  }
  if (tile.kind === 'table' && tile.by) {
    parts.push(`${t('editBy')}: ${tile.by === 'region' ? t('region') : tile.by}`);
  }
  if (tile.kind === 'chart') {
    const named = { '30d': 'range30d', '1y': 'range1y', all: 'rangeAll', P7D: 'rangeP7D', P90D: 'rangeP90D', P2Y: 'rangeP2Y' }[tile.range || '1y'];
    parts.push(named ? t(named) : `${tile.range} (${Math.round(rangeMs(tile.range) / 86400000)}d)`);
  }
  return parts.join(' · ');
}

/**
 * Mounts the grid into `el`; `onAction(action, {section, index, value})` gets every request:
 * 'up', 'down', 'size', 'edit', 'remove', 'move' (value = target), 'add-tile', 'add-text',
 * 'remove-section', 'section-title' (value = {lang, text}). render(board, {metrics, t, lang})
 * draws the draft; focus({section, index, action}) puts the focus back after a change.
 */
export function EditorGrid(el, onAction) {
  el.classList.add('board-editor__grid');
  el.addEventListener('click', (event) => {
    const target = event.target.closest('button[data-action]');
    if (target && el.contains(target)) {
      onAction(target.dataset.action, where(target));
    }
  });
  el.addEventListener('change', (event) => {
    const target = event.target;
    if (target.dataset.action === 'size') {
      onAction('size', { ...where(target), value: target.value });
    } else if (target.dataset.action === 'section-title') {
      onAction('section-title', { ...where(target), value: { lang: target.dataset.lang, text: target.value.trim() } });
    }
  });
  let sortables = [];

  // A tile list whose cards move by their handle with a pointer (SortableJS, in its pointer-event
  // mode: touch screens and HTML drag and drop's absence alike), across sections too. The move
  // is reported, and the draft's new picture replaces what SortableJS rearranged.
  function sortable(list) {
    const sectionOf = (node) => Number(node.closest('[data-section]').dataset.section);
    return globalThis.Sortable.create(list, {
      group: 'board-tiles',
      handle: '.board-editor__handle',
      draggable: '.board-editor__tile',
      forceFallback: true,
      chosenClass: 'is-chosen',
      ghostClass: 'is-drop-place',
      fallbackClass: 'is-dragging',
      onEnd: (event) => {
        const from = { section: sectionOf(event.from), index: event.oldDraggableIndex };
        const to = { section: sectionOf(event.to), index: event.newDraggableIndex };
        if (from.section !== to.section || from.index !== to.index) {
          // After SortableJS has finished with the drop: the report re-renders the grid.
          setTimeout(() => onAction('move', { ...from, value: to }));
        }
      }
    });
  }

  function where(target) {
    const section = target.closest('[data-section]');
    const tile = target.closest('[data-index]');
    return { section: section ? Number(section.dataset.section) : -1, index: tile ? Number(tile.dataset.index) : -1 };
  }

  function card(tile, index, count, ctx) {
    const { t, lang, metrics } = ctx;
    const name = tileName(tile, metrics, lang);
    const size = Object.hasOwn(SIZES, tile.size) ? tile.size : 'm';
    const item = node('li', `board-editor__tile board-tile board-tile--${size}`);
    item.dataset.index = String(index);
    item.dataset.kind = tile.kind;
    if (tile.metric) {
      item.dataset.metric = tile.metric;
    }
    const grip = node('span', 'board-editor__handle');
    grip.title = t('editDrag', { name });
    grip.setAttribute('aria-hidden', 'true');
    const head = node('p', 'board-editor__tile-kind', t(KIND_KEYS[tile.kind] || 'kindKpi'));
    const title = node('p', 'board-editor__tile-name', name);
    const detail = node('p', 'board-editor__tile-detail', tileDetail(tile, metrics, ctx));
    const tools = node('div', 'board-editor__tools');
    const up = button('board-editor__up', '↑', 'up', `${t('editMoveUp')}: ${name}`);
    up.disabled = ctx.first && index === 0;
    const down = button('board-editor__down', '↓', 'down', `${t('editMoveDown')}: ${name}`);
    down.disabled = ctx.last && index === count - 1;
    const sizeSelect = node('select', 'board-editor__size');
    sizeSelect.dataset.action = 'size';
    sizeSelect.setAttribute('aria-label', `${t('editSize')}: ${name}`);
    sizeSelect.append(...Object.keys(SIZES).map((s) => {
      const option = node('option', '', t(SIZE_KEYS[s]));
      option.value = s;
      return option;
    }));
    sizeSelect.value = size;
    tools.append(up, down, sizeSelect,
      button('board-editor__edit', t('editTile'), 'edit', `${t('editTile')}: ${name}`),
      button('board-editor__remove', t('editRemove'), 'remove', `${t('editRemove')}: ${name}`));
    item.append(grip, head, title, detail, tools);
    return item;
  }

  function titleInput(section, s, lang, label) {
    const field = node('label', 'board-editor__field');
    const input = node('input', 'board-editor__input');
    input.dataset.action = 'section-title';
    input.dataset.lang = lang;
    input.lang = lang;
    input.maxLength = 200;
    input.value = (typeof section.title === 'string' ? { en: section.title } : section.title || {})[lang] || '';
    field.append(node('span', '', label), input);
    return field;
  }

  return {
    render(board, ctx) {
      const { t } = ctx;
      const count = board.sections.length;
      sortables.forEach((instance) => instance.destroy());
      el.replaceChildren(...board.sections.map((section, s) => {
        const box = node('section', 'board-editor__section');
        box.dataset.section = String(s);
        box.setAttribute('aria-label', localized(section.title, ctx.lang) || t('editSectionName', { n: s + 1 }));
        const head = node('div', 'board-editor__section-head');
        head.append(titleInput(section, s, 'en', t('editSectionEn')), titleInput(section, s, 'ko', t('editSectionKo')),
          button('board-editor__remove-section', t('editRemoveSection'), 'remove-section'));
        const list = node('ol', 'board-editor__tiles');
        const tiles = section.tiles.map((tile, i) => card(tile, i, section.tiles.length,
          { ...ctx, first: s === 0, last: s === count - 1 }));
        list.append(...tiles);
        const empty = node('p', 'board-editor__empty', t('editEmptySection'));
        empty.hidden = tiles.length > 0;
        const add = node('div', 'board-editor__section-actions');
        add.append(button('board-editor__add-tile', t('editAddTile'), 'add-tile'),
          button('board-editor__add-text', t('editAddText'), 'add-text'));
        box.append(head, list, empty, add);
        return box;
      }));
      sortables = globalThis.Sortable ? [...el.querySelectorAll('.board-editor__tiles')].map(sortable) : [];
    },

    /** Puts the focus on a control after a re-render (the moved tile's button, …). */
    focus({ section, index, action }) {
      const box = el.querySelector(`[data-section="${section}"]`);
      const tile = box && (index >= 0 ? box.querySelector(`[data-index="${index}"]`) : box);
      const target = tile && tile.querySelector(`[data-action="${action}"]:not(:disabled)`);
      const fallback = tile && tile.querySelector('button:not(:disabled)');
      if (target || fallback) {
        (target || fallback).focus();
      }
    }
  };
}
