import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyGridAction } from '../draft-actions.js';

function board() {
  return {
    id: 'b', title: { en: 'B' }, version: 3,
    sections: [
      { title: { en: 'One' }, tiles: [{ kind: 'text', text: 'a', size: 'm' }, { kind: 'text', text: 'b', size: 'm' }] },
      { tiles: [{ kind: 'text', text: 'c', size: 'm' }] }
    ]
  };
}

const texts = (b) => b.sections.map((s) => s.tiles.map((t) => t.text).join(''));
const t = (key, params = {}) => `${key}${Object.keys(params).length ? JSON.stringify(params) : ''}`;

test('up and down move a tile and keep the focus on the button used; at the end they only say so', () => {
  const down = applyGridAction(board(), 'down', { section: 0, index: 1 }, 'b');
  assert.deepEqual(texts(down.draft), ['a', 'bc']);
  assert.deepEqual([down.render, down.focus, down.moved], [true, { section: 1, index: 0, action: 'down' }, { section: 1, index: 0 }]);
  const top = applyGridAction(board(), 'up', { section: 0, index: 0 }, 'a');
  assert.deepEqual(texts(top.draft), ['ab', 'c']);
  assert.equal(top.render, false);
  assert.equal(top.say(t), 'editAtEnd{"name":"a"}');
});

test('a drag moves across sections and says where the tile landed', () => {
  const moved = applyGridAction(board(), 'move', { section: 0, index: 0, value: { section: 1, index: 1 } }, 'a');
  assert.deepEqual(texts(moved.draft), ['b', 'ca']);
  assert.deepEqual(moved.moved, { section: 1, index: 1 });
});

test('resizing and removing say what happened; the focus goes to a neighbour or to "add tile"', () => {
  const resized = applyGridAction(board(), 'size', { section: 0, index: 1, value: 'xl' }, 'b');
  assert.equal(resized.draft.sections[0].tiles[1].size, 'xl');
  assert.equal(resized.say(t), 'editResized{"name":"b","size":"sizeXl"}');
  const removed = applyGridAction(board(), 'remove', { section: 0, index: 1 }, 'b');
  assert.deepEqual(texts(removed.draft), ['a', 'c']);
  assert.deepEqual(removed.focus, { section: 0, index: 0, action: 'remove' });
  const last = applyGridAction(board(), 'remove', { section: 1, index: 0 }, 'c');
  assert.deepEqual(last.focus, { section: 1, index: -1, action: 'add-tile' });
});

test('sections are removed and retitled; edit and add ask for the tile form', () => {
  const gone = applyGridAction(board(), 'remove-section', { section: 1, index: -1 });
  assert.equal(gone.draft.sections.length, 1);
  const titled = applyGridAction(board(), 'section-title', { section: 1, index: -1, value: { lang: 'ko', text: '둘' } });
  assert.equal(titled.draft.sections[1].title.ko, '둘');
  assert.equal(titled.render, false, 'typing a heading does not redraw the field being typed in');
  const edit = applyGridAction(board(), 'edit', { section: 0, index: 1 }, 'b');
  assert.deepEqual([edit.form.at, edit.form.tile.text, edit.form.title(t)], [{ section: 0, index: 1 }, 'b', 'editTile: b']);
  const add = applyGridAction(board(), 'add-text', { section: 1, index: -1 });
  assert.deepEqual([add.form.at, add.form.tile.kind], [{ section: 1, index: -1 }, 'text']);
  assert.equal(applyGridAction(board(), 'unknown', { section: 0, index: 0 }).render, false);
});
