import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boardTitle, expandTile, filterGroups, generatedBoard, keepFilters, layoutBoard, localized, matchesLabels,
  passesFilters, rangeMs, slugify, tileSize } from '../board.js';

const DAY = 86400000;

function metric(id, labels = ['region']) {
  return { id, labels, series: [] };
}

// Store entries as the page has them: {key, metric, series}.
function entries() {
  const users = metric('weekly_users');
  const offices = metric('offices');
  const orders = metric('orders', ['region', 'channel']);
  const out = [];
  const add = (m, labels) => {
    const series = { labels };
    m.series.push(series);
    out.push({ key: m.id + JSON.stringify(labels), metric: m, series });
  };
  add(users, { region: 'global' });
  add(users, { region: 'kr' });
  add(offices, { region: 'asia' });
  add(offices, { region: 'global' });
  add(orders, { region: 'kr', channel: 'web' });
  add(orders, { region: 'kr', channel: 'app' });
  add(orders, { region: 'jp', channel: 'web' });
  return out;
}

test('texts fall back to English, then to any language they have', () => {
  assert.equal(localized({ en: 'Korea launch', ko: '한국 출범' }, 'ko'), '한국 출범');
  assert.equal(localized({ en: 'Korea launch' }, 'ko'), 'Korea launch');
  assert.equal(localized({ ja: '発売' }, 'ko'), '発売');
  assert.equal(localized('plain', 'ko'), 'plain');
  assert.equal(localized(undefined, 'en'), '');
  assert.equal(boardTitle({ id: 'x', title: {} }, 'en'), 'x');
});

test('a label filter matches values, and * any value of a key the series has', () => {
  assert.equal(matchesLabels({ region: 'kr' }, { region: 'kr' }), true);
  assert.equal(matchesLabels({ region: 'kr' }, { region: 'jp' }), false);
  assert.equal(matchesLabels({ region: 'kr' }, { region: '*' }), true);
  assert.equal(matchesLabels({}, { region: '*' }), false);
  assert.equal(matchesLabels({ region: 'kr', channel: 'web' }, { channel: 'web' }), true);
  assert.equal(matchesLabels({ region: 'kr' }, {}), true);
  assert.equal(matchesLabels(undefined, undefined), true);
});

test('the filter bar keeps series with the chosen value of any key', () => {
  assert.equal(passesFilters({ channel: 'web' }, { channel: 'web', region: '' }), true);
  assert.equal(passesFilters({ channel: 'app' }, { channel: 'web' }), false);
  assert.equal(passesFilters({}, { region: 'kr' }), false);
});

test('a kpi tile with * gives one tile per value; without labels one per series', () => {
  const byMetric = entries().filter((e) => e.metric.id === 'orders');
  const each = expandTile({ kind: 'kpi', metric: 'orders', labels: { channel: '*', region: 'kr' } }, byMetric, { prefix: '' });
  assert.deepEqual(each.map((t) => t.series[0].series.labels.channel), ['web', 'app']);
  assert.equal(new Set(each.map((t) => t.key)).size, 2);
  assert.equal(expandTile({ kind: 'kpi', metric: 'orders' }, byMetric, { prefix: '' }).length, 3);
  assert.deepEqual(expandTile({ kind: 'kpi', metric: 'orders', labels: { region: 'de' } }, byMetric, { prefix: '' }), []);
});

test('a chart holds one series per value, a table one row per value of its key', () => {
  const byMetric = entries().filter((e) => e.metric.id === 'orders');
  const [chart] = expandTile({ kind: 'chart', metric: 'orders', labels: { channel: 'web', region: '*' }, range: '30d' }, byMetric, { prefix: '' });
  assert.equal(chart.kind, 'chart');
  assert.deepEqual(chart.series.map((e) => e.series.labels.region), ['kr', 'jp']);
  const [table] = expandTile({ kind: 'table', metric: 'orders', labels: { channel: 'web' }, by: 'region' }, byMetric, { prefix: '' });
  assert.deepEqual(table.series.map((e) => e.series.labels.region), ['jp', 'kr']);
  const [text] = expandTile({ kind: 'text', text: { en: 'Source' }, size: 'xl' }, [], { prefix: '' });
  assert.equal(text.columns, 4);
});

test('sizes are grid columns, m by default', () => {
  assert.equal(tileSize({ size: 's' }), 's');
  assert.equal(tileSize({ size: 'huge' }), 'm');
  assert.equal(tileSize({}), 'm');
});

test('a board lays out its sections in order with titles in the language, filters applied', () => {
  const board = {
    id: 'b',
    title: { en: 'B' },
    sections: [
      { title: { en: 'Users', ko: '사용자' }, tiles: [{ kind: 'kpi', metric: 'weekly_users', labels: { region: '*' }, size: 'l' }] },
      { tiles: [{ kind: 'table', metric: 'offices', labels: {}, by: 'region' }, { kind: 'text', text: 'note', size: 's' },
        { kind: 'kpi', metric: 'no_such_metric' }] }
    ]
  };
  const layout = layoutBoard(board, entries(), { lang: 'ko' });
  assert.deepEqual(layout.sections.map((s) => s.title), ['사용자', '']);
  assert.deepEqual(layout.sections[0].tiles.map((t) => [t.kind, t.columns]), [['kpi', 3], ['kpi', 3]]);
  assert.deepEqual(layout.sections[1].tiles.map((t) => t.kind), ['table', 'text']);
  assert.equal(layout.count, 4);
  assert.equal(layout.defined, 4);
  const kr = layoutBoard(board, entries(), { filters: { region: 'kr' } });
  assert.equal(kr.sections[0].tiles.length, 1);
  assert.deepEqual(kr.sections[1].tiles.map((t) => t.kind), ['text'], 'a table with no row left is not shown');
});

test('the generated board is today\'s wall: every series as a kpi tile in the server\'s order', () => {
  const all = entries();
  const metrics = [...new Set(all.map((e) => e.metric))];
  const board = generatedBoard(metrics);
  assert.equal(board.id, 'all');
  const layout = layoutBoard(board, all);
  assert.deepEqual(layout.sections[0].tiles.map((t) => t.series[0].key), all.map((e) => e.key));
  assert.ok(layout.sections[0].tiles.every((t) => t.kind === 'kpi' && t.columns === 1));
});

test('tile keys stay the same across layouts, so tiles are kept', () => {
  const board = generatedBoard([...new Set(entries().map((e) => e.metric))]);
  const a = layoutBoard(board, entries()).sections[0].tiles.map((t) => t.key);
  const b = layoutBoard(board, entries()).sections[0].tiles.map((t) => t.key);
  assert.deepEqual(a, b);
  assert.equal(new Set(a).size, a.length);
});

test('the filter bar offers every label key of the board\'s metrics with their values', () => {
  const board = { sections: [{ tiles: [{ kind: 'kpi', metric: 'orders' }, { kind: 'chart', metric: 'offices' }] }] };
  assert.deepEqual(filterGroups(board, entries()), [
    { key: 'channel', values: ['app', 'web'] },
    { key: 'region', values: ['asia', 'global', 'jp', 'kr'] }
  ]);
  assert.deepEqual(keepFilters({ region: 'kr', channel: 'fax' }, filterGroups(board, entries())), { region: 'kr' });
});

test('chart ranges read as durations', () => {
  assert.equal(rangeMs('30d'), 30 * DAY);
  assert.equal(rangeMs('1y'), 365 * DAY);
  assert.equal(rangeMs('all'), null);
  assert.equal(rangeMs('P90D'), 90 * DAY);
  assert.equal(rangeMs('nonsense'), 365 * DAY);
});

test('board ids come from titles as slugs', () => {
  assert.equal(slugify('Korea launch'), 'korea-launch');
  assert.equal(slugify('  Café — Q3 / 2026!  '), 'cafe-q3-2026');
  assert.equal(slugify('한국 출범'), 'board');
  assert.equal(slugify('Korea launch', ['korea-launch', 'korea-launch-2']), 'korea-launch-3');
  assert.equal(slugify('All'), 'all-1', 'the generated board\'s id is reserved');
  assert.match(slugify('x'.repeat(100)), /^[a-z0-9][a-z0-9-]{0,62}$/);
});
