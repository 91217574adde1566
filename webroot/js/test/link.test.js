import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKiosk, takeKey, tvLink } from '../link.js';

test('the key is taken out of the fragment and the rest is kept in order', () => {
  assert.deepEqual(takeKey('#/?kiosk=1&key=pb_abc-DEF_123'), { key: 'pb_abc-DEF_123', hash: '#/?kiosk=1' });
  assert.deepEqual(takeKey('#/boards/korea-launch?key=pb_x&kiosk=1&lang=ko'),
    { key: 'pb_x', hash: '#/boards/korea-launch?kiosk=1&lang=ko' });
  assert.deepEqual(takeKey('#/?key=pb_only'), { key: 'pb_only', hash: '#/' });
});

test('a fragment without a key comes back unchanged', () => {
  assert.deepEqual(takeKey(''), { key: null, hash: '' });
  assert.deepEqual(takeKey('#/metrics/offices?range=30d'), { key: null, hash: '#/metrics/offices?range=30d' });
  assert.deepEqual(takeKey('#/keys?monkey=1'), { key: null, hash: '#/keys?monkey=1' });
});

test('an empty key is no key but is still removed', () => {
  assert.deepEqual(takeKey('#/?kiosk=1&key='), { key: null, hash: '#/?kiosk=1' });
  assert.deepEqual(takeKey('#/?key=%20%20'), { key: null, hash: '#/' });
});

test('an encoded key is decoded', () => {
  assert.equal(takeKey('#/?key=pb_a%2Bb%2Fc').key, 'pb_a+b/c');
});

test('kiosk mode comes from the query or the fragment', () => {
  assert.equal(isKiosk('?kiosk=1', ''), true);
  assert.equal(isKiosk('', '#/?kiosk=1'), true);
  assert.equal(isKiosk('?lang=ko', '#/boards/x?kiosk=1&key=pb_1'), true);
  assert.equal(isKiosk('', '#/?kiosk=0'), false);
  assert.equal(isKiosk('', '#/metrics/offices'), false);
});

test('a TV link puts the key in the fragment of this page, and takeKey reads it back', () => {
  const link = tvLink('https://kpi.example.com/?lang=ko#/metrics/offices', 'pb_a+b');
  assert.equal(link, 'https://kpi.example.com/?lang=ko#/?kiosk=1&key=pb_a%2Bb');
  const fragment = link.slice(link.indexOf('#'));
  assert.deepEqual(takeKey(fragment), { key: 'pb_a+b', hash: '#/?kiosk=1' });
  assert.equal(tvLink('http://h:8080/', 'pb_1', 'korea-launch'), 'http://h:8080/#/boards/korea-launch?kiosk=1&key=pb_1');
});

test('a TV link can carry a playlist of boards', () => {
  assert.equal(tvLink('http://h:8080/?lang=ko#/x', 'pb_1', { boards: ['a', 'korea-launch'], rotate: '1m' }),
    'http://h:8080/?lang=ko#/?kiosk=1&boards=a,korea-launch&rotate=1m&key=pb_1');
  assert.equal(tvLink('http://h:8080/', 'pb_1', 'all'), 'http://h:8080/#/?kiosk=1&key=pb_1');
  const link = tvLink('http://h/', 'pb_1', { boards: ['a', 'b'], rotate: '30s' });
  assert.deepEqual(takeKey(link.slice(link.indexOf('#'))), { key: 'pb_1', hash: '#/?kiosk=1&boards=a,b&rotate=30s' });
});
