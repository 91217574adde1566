import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelValue, metricName, pickLanguage, translator } from '../i18n.js';

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

test('known metrics and regions have Korean names; others keep the server name', () => {
  assert.equal(metricName({ id: 'weekly_users', name: 'Weekly active users' }, 'ko'), '주간 활성 사용자');
  assert.equal(metricName({ id: 'weekly_users', name: 'Weekly active users' }, 'en'), 'Weekly active users');
  assert.equal(metricName({ id: 'new_metric', name: 'New metric' }, 'ko'), 'New metric');
  assert.equal(labelValue('kr', 'ko'), '한국');
  assert.equal(labelValue('kr', 'en'), 'kr');
});
