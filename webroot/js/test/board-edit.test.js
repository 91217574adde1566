import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addSection, addTile, boardForSave, draftProblems, makeTile, moveTile, newBoard, removeSection, removeTile,
  replaceTile, resizeTile, setSectionTitle, setTitle, stepTile } from '../board-edit.js';

function board() {
  return {
    id: 'b', title: { en: 'B' }, version: 3, updated_at: '2026-11-30T09:00:00Z',
    sections: [
      { title: { en: 'One' }, tiles: [{ kind: 'text', text: 'a' }, { kind: 'text', text: 'b' }] },
      { tiles: [{ kind: 'text', text: 'c' }] }
    ]
  };
}

const texts = (b) => b.sections.map((s) => s.tiles.map((t) => t.text).join(''));

test('edits give a new board and leave the shown one untouched', () => {
  const shown = board();
  const before = JSON.stringify(shown);
  removeTile(shown, { section: 0, index: 0 });
  setTitle(shown, 'en', 'New');
  moveTile(shown, { section: 0, index: 0 }, { section: 1, index: 0 });
  assert.equal(JSON.stringify(shown), before);
});

test('tiles move by drag (anywhere) and by step (across sections at the ends)', () => {
  assert.deepEqual(texts(moveTile(board(), { section: 0, index: 0 }, { section: 1, index: 1 }).board), ['b', 'ca']);
  let step = stepTile(board(), { section: 0, index: 1 }, 1);
  assert.deepEqual([texts(step.board), step.at, step.moved], [['a', 'bc'], { section: 1, index: 0 }, true]);
  step = stepTile(step.board, step.at, 1);
  assert.deepEqual([texts(step.board), step.at], [['a', 'cb'], { section: 1, index: 1 }]);
  step = stepTile(step.board, step.at, 1);
  assert.equal(step.moved, false);
  step = stepTile(board(), { section: 1, index: 0 }, -1);
  assert.deepEqual([texts(step.board), step.at], [['abc', ''], { section: 0, index: 2 }]);
  assert.equal(stepTile(board(), { section: 0, index: 0 }, -1).moved, false);
});

test('tiles are added, replaced, resized and removed', () => {
  const added = addTile(board(), 1, { kind: 'text', text: 'd' });
  assert.deepEqual([texts(added.board), added.at], [['ab', 'cd'], { section: 1, index: 1 }]);
  assert.deepEqual(texts(addTile(board(), 0, { kind: 'text', text: 'z' }, 0).board), ['zab', 'c']);
  assert.deepEqual(texts(replaceTile(board(), { section: 0, index: 1 }, { kind: 'text', text: 'x' })), ['ax', 'c']);
  assert.equal(resizeTile(board(), { section: 1, index: 0 }, 'xl').sections[1].tiles[0].size, 'xl');
  assert.deepEqual(texts(removeTile(board(), { section: 0, index: 0 })), ['b', 'c']);
});

test('sections are added, titled and removed; the last one stays', () => {
  let b = addSection(board(), { en: 'Three', ko: '셋' });
  assert.deepEqual(b.sections[2], { title: { en: 'Three', ko: '셋' }, tiles: [] });
  b = setSectionTitle(b, 1, 'ko', '둘');
  assert.deepEqual(b.sections[1].title, { ko: '둘', en: '둘' });
  b = setSectionTitle(setSectionTitle(b, 1, 'ko', ''), 1, 'en', '');
  assert.equal(b.sections[1].title, undefined);
  b = removeSection(b, 0);
  assert.equal(b.sections.length, 2);
  const single = removeSection(removeSection(b, 0), 0);
  assert.deepEqual(single.sections, [{ tiles: [] }]);
});

test('the board is renamed per language; English stays', () => {
  const b = setTitle(setTitle(board(), 'ko', '비'), 'en', 'Bee');
  assert.deepEqual(b.title, { en: 'Bee', ko: '비' });
  assert.deepEqual(setTitle(b, 'ko', '').title, { en: 'Bee' });
});

test('a tile from the form keeps only its kind\'s fields', () => {
  assert.deepEqual(makeTile({ kind: 'kpi', metric: 'm', labels: { region: 'kr', channel: '' }, range: '30d', by: 'x', size: 's' }),
    { kind: 'kpi', metric: 'm', labels: { region: 'kr' }, size: 's' });
  assert.deepEqual(makeTile({ kind: 'chart', metric: 'm', labels: { region: '*' } }),
    { kind: 'chart', metric: 'm', labels: { region: '*' }, size: 'm', range: '1y' });
  assert.deepEqual(makeTile({ kind: 'table', metric: 'm', labels: { region: 'kr' }, by: 'region' }),
    { kind: 'table', metric: 'm', labels: {}, size: 'm', by: 'region' });
  assert.deepEqual(makeTile({ kind: 'text', text: { en: 'Hi', ko: '' }, metric: 'm', size: 'xl' }),
    { kind: 'text', text: { en: 'Hi' }, size: 'xl' });
});

test('a save sends the board without the server\'s fields', () => {
  const out = boardForSave({ ...setTitle(board(), 'ko', ''), generated: false });
  assert.equal(out.version, undefined);
  assert.equal(out.updated_at, undefined);
  assert.equal(out.generated, undefined);
  assert.deepEqual(out.title, { en: 'B' });
});

test('a draft without an English title, with a bad id or too long a text cannot be saved', () => {
  assert.deepEqual(draftProblems(board()), []);
  assert.deepEqual(draftProblems(newBoard('x', { en: '' })).map((p) => p.key), ['editNeedTitle']);
  assert.deepEqual(draftProblems(newBoard('Bad Id', { en: 'T' })).map((p) => p.key), ['editBadId']);
  const long = addTile(board(), 0, { kind: 'text', text: { en: 'x'.repeat(1001) } }).board;
  assert.deepEqual(draftProblems(long).map((p) => p.key), ['editBadText']);
});
