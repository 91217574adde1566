import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoardsState } from '../boards-state.js';
import { frameBatch } from '../frame.js';
import { parsePlaylist, parseRotate, playlistQuery } from '../playlist.js';

test('rotation times read as seconds, minutes, hours or ISO durations', () => {
  assert.equal(parseRotate('30s'), 30000);
  assert.equal(parseRotate('2m'), 120000);
  assert.equal(parseRotate('1h'), 3600000);
  assert.equal(parseRotate('45'), 45000);
  assert.equal(parseRotate('PT1M'), 60000);
  assert.equal(parseRotate('soon'), null);
});

test('a playlist comes from the query or the fragment, with sane rotation', () => {
  assert.deepEqual(parsePlaylist('?kiosk=1&boards=a,b,c&rotate=30s', ''), { boards: ['a', 'b', 'c'], rotateMs: 30000 });
  assert.deepEqual(parsePlaylist('', '#/?kiosk=1&boards=korea-launch,all&rotate=1m'), { boards: ['korea-launch', 'all'], rotateMs: 60000 });
  assert.deepEqual(parsePlaylist('?boards=a', ''), { boards: ['a'], rotateMs: 30000 });
  assert.deepEqual(parsePlaylist('?boards=a,,A B,a&rotate=1s', ''), { boards: ['a'], rotateMs: 5000 });
  assert.equal(parsePlaylist('?kiosk=1', '#/'), null);
  assert.equal(playlistQuery(['a', 'b'], '30s'), 'boards=a,b&rotate=30s');
});

test('many changes between two frames make one pass, each key once with its last work', () => {
  const frames = [];
  const batch = frameBatch((fn) => frames.push(fn), () => {});
  const ran = [];
  for (let i = 0; i < 10; i += 1) {
    batch.schedule('tile-1', () => ran.push(`1:${i}`));
    batch.schedule('tile-2', () => ran.push(`2:${i}`));
  }
  assert.equal(frames.length, 1);
  assert.equal(batch.pending(), true);
  frames[0]();
  assert.deepEqual(ran, ['1:9', '2:9']);
  assert.equal(batch.pending(), false);
  batch.schedule('tile-1', () => ran.push('again'));
  assert.equal(frames.length, 2);
  batch.clear();
  frames[1]();
  assert.deepEqual(ran, ['1:9', '2:9']);
});

test('board events replace a board only when newer, and deletions remove it', () => {
  const state = new BoardsState();
  state.setList([{ id: 'all', version: 0, generated: true }, { id: 'a', version: 2, title: { en: 'A' } }]);
  state.setBoard({ id: 'a', version: 2, title: { en: 'A' }, sections: [] });
  const event = (body, subject = body.id) => ({ topic: 'boards', subject, body });
  assert.deepEqual(state.applyEvents([event({ id: 'a', version: 2, title: { en: 'old echo' }, sections: [] })]),
    { changed: [], deleted: [] });
  assert.deepEqual(state.applyEvents([event({ id: 'a', version: 3, title: { en: 'A2' }, sections: [{ tiles: [{ kind: 'text', text: 'x' }] }] })]),
    { changed: ['a'], deleted: [] });
  assert.equal(state.boards.get('a').title.en, 'A2');
  assert.equal(state.list.find((b) => b.id === 'a').tiles, 1);
  assert.deepEqual(state.applyEvents([event({ id: 'b', version: 1, title: { en: 'B' }, sections: [] })]).changed, ['b']);
  assert.deepEqual(state.list.map((b) => b.id), ['all', 'a', 'b']);
  assert.deepEqual(state.applyEvents([event({ id: 'a', deleted: true })]), { changed: [], deleted: ['a'] });
  assert.deepEqual(state.list.map((b) => b.id), ['all', 'b']);
  assert.deepEqual(state.applyEvents([{ topic: 'alerts', subject: 'x', body: { id: 'x' } }]), { changed: [], deleted: [] });
});
