import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelsText, labelValue, metricDescription, metricName, pickLanguage, translator } from '../i18n.js';

test('the lang parameter wins over the browser', () => {
  assert.equal(pickLanguage('?lang=ko', ['en-US']), 'ko');
  assert.equal(pickLanguage('?kiosk=1&lang=en', ['ko-KR']), 'en');
});

test('without a parameter the browser preference decides', () => {
  assert.equal(pickLanguage('', ['ko-KR', 'en']), 'ko');
  assert.equal(pickLanguage('', ['fr-FR', 'ko']), 'ko');
  assert.equal(pickLanguage('', ['fr-FR']), 'en');
});

test('an unknown lang parameter falls back to the browser, then English', () => {
  assert.equal(pickLanguage('?lang=xx', ['ko']), 'ko');
  assert.equal(pickLanguage('?lang=xx', []), 'en');
});

test('messages fill in their parameters', () => {
  assert.equal(translator('en')('goal', { goal: '1B users' }), 'Goal 1B users');
  assert.equal(translator('ko')('source', { source: 'report' }), '출처: report');
});

test('missing messages fall back to English, then to the key', () => {
  assert.equal(translator('fr')('stale'), 'Stale');
  assert.equal(translator('ko')('no_such_key'), 'no_such_key');
});

test('Korean and English have the same messages', async () => {
  const en = translator('en');
  const ko = translator('ko');
  for (const key of ['stale', 'vsPrevious', 'vsYearAgo', 'statusLive', 'statusReconnecting', 'statusOffline', 'downloadCsv']) {
    assert.notEqual(ko(key), en(key), key);
  }
});

const weeklyUsers = {
  id: 'weekly_users',
  name: 'Weekly active users',
  names: { en: 'Weekly active users', ko: '주간 활성 사용자' },
  description: 'Users per week.',
  descriptions: { en: 'Users per week.', ko: '주간 사용자 수.' },
  label_values: { region: { kr: { en: 'Korea', ko: '한국' }, global: { ko: '전 세계' } } }
};

test('a metric is named in the language the server has a name in, else in English', () => {
  assert.equal(metricName(weeklyUsers, 'ko'), '주간 활성 사용자');
  assert.equal(metricName(weeklyUsers, 'en'), 'Weekly active users');
  assert.equal(metricName({ id: 'new_metric', name: 'New metric', names: { en: 'New metric' } }, 'ko'), 'New metric');
  assert.equal(metricName({ id: 'old_server', name: 'Old server' }, 'ko'), 'Old server', 'a server without names');
  assert.equal(metricDescription(weeklyUsers, 'ko'), '주간 사용자 수.');
  assert.equal(metricDescription({ description: 'Only English' }, 'ko'), 'Only English');
  assert.equal(metricDescription({}, 'ko'), '');
});

test('label values are named by the metric, else shown as stored', () => {
  assert.equal(labelValue('kr', 'ko', weeklyUsers, 'region'), '한국');
  assert.equal(labelValue('kr', 'en', weeklyUsers, 'region'), 'Korea');
  assert.equal(labelValue('global', 'en', weeklyUsers, 'region'), 'global', 'no English name');
  assert.equal(labelValue('jp', 'ko', weeklyUsers, 'region'), 'jp', 'no name at all');
  assert.equal(labelValue('kr', 'ko', weeklyUsers, 'plan'), 'kr', 'another key');
  assert.equal(labelValue('kr', 'ko'), 'kr', 'no metric');
  assert.equal(labelValue('kr', 'ko', [{ id: 'a' }, weeklyUsers], 'region'), '한국', 'the first metric that names it');
  assert.equal(labelsText(weeklyUsers, { region: 'kr' }, 'ko'), '한국');
  assert.equal(labelsText(weeklyUsers, { region: 'global', channel: 'web' }, 'ko'), 'web · 전 세계');
  assert.equal(labelsText(weeklyUsers, {}, 'ko'), '');
});
