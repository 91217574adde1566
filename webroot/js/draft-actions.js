// What each request of the editor's grid does to a draft board: the new draft, where the focus
// goes and what is said. Pure (no DOM), so `node --test` checks every action.
import { moveTile, removeSection, removeTile, resizeTile, setSectionTitle, stepTile } from './board-edit.js';

export const SIZE_KEYS = { s: 'sizeS', m: 'sizeM', l: 'sizeL', xl: 'sizeXl' };

/**
 * Applies a grid request ('up', 'down', 'move', 'size', 'remove', 'remove-section',
 * 'section-title', 'edit', 'add-tile', 'add-text') to `draft`; `name` is the tile's name as the
 * editor shows it. Returns {draft, render, focus, say, moved, form}: render says whether the grid
 * is drawn again (then with the focus on `focus`, when given); say(t) is the announcement;
 * moved is where a moved tile landed; form asks for the tile form: {at, tile, title(t)}.
 */
export function applyGridAction(draft, action, { section, index, value }, name) {
  const at = { section, index };
  const none = { draft, render: false, focus: null, say: null, moved: null, form: null };
  switch (action) {
    case 'up':
    case 'down': {
      const step = stepTile(draft, at, action === 'up' ? -1 : 1);
      return step.moved
        ? { ...none, draft: step.board, render: true, focus: { ...step.at, action }, moved: step.at }
        : { ...none, say: (t) => t('editAtEnd', { name }) };
    }
    case 'move': {
      const result = moveTile(draft, at, value);
      return { ...none, draft: result.board, render: true, moved: result.at };
    }
    case 'size':
      return { ...none, draft: resizeTile(draft, at, value), render: true, focus: { ...at, action: 'size' },
        say: (t) => t('editResized', { name, size: t(SIZE_KEYS[value]) }) };
    case 'remove': {
      const next = removeTile(draft, at);
      const left = next.sections[section].tiles.length;
      return { ...none, draft: next, render: true, say: (t) => t('editRemoved', { name }),
        focus: left ? { section, index: Math.min(index, left - 1), action: 'remove' } : { section, index: -1, action: 'add-tile' } };
    }
    case 'remove-section':
      return { ...none, draft: removeSection(draft, section), render: true,
        focus: { section: Math.max(0, section - 1), index: -1, action: 'add-tile' } };
    case 'section-title':
      return { ...none, draft: setSectionTitle(draft, section, value.lang, value.text) };
    case 'edit':
      return { ...none, form: { at, tile: draft.sections[section].tiles[index], title: (t) => `${t('editTile')}: ${name}` } };
    case 'add-tile':
      return { ...none, form: { at: { section, index: -1 }, tile: { kind: 'kpi', labels: {}, size: 'm' }, title: (t) => t('editAddTile') } };
    case 'add-text':
      return { ...none, form: { at: { section, index: -1 }, tile: { kind: 'text', text: {}, size: 'm' }, title: (t) => t('editAddText') } };
    default:
      return none;
  }
}
