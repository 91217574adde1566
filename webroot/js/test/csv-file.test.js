import test from 'node:test';
import assert from 'node:assert/strict';
import { describeError, previewLines, rowCounter } from '../csv-file.js';

function count(...chunks) {
  const counter = rowCounter();
  chunks.forEach((c) => counter.add(c));
  return counter.count();
}

test('counts data rows, not the header, with LF, CRLF and no final newline', () => {
  assert.equal(count('metric,ts,value\na,1,2\nb,3,4\n'), 2);
  assert.equal(count('metric,ts,value\r\na,1,2\r\nb,3,4'), 2);
  assert.equal(count('metric,ts,value\n'), 0);
  assert.equal(count(''), 0);
});

test('a line break inside quotes does not end a row, even across chunks', () => {
  assert.equal(count('metric,ts,value,source\na,1,2,"x\n', 'y"\nb,1,2,"a ""q"""\n'), 2);
  assert.equal(count('h\r', '\na\r\n'), 1);
});

test('blank lines are skipped as the server skips them', () => {
  assert.equal(count('h\n\na\n\n\nb\n\n'), 2);
});

test('the preview is the first lines as text, without a byte order mark', () => {
  assert.equal(previewLines('\uFEFFh\r\na\r\nb\r\nc', 3), 'h\na\nb');
});

test('faults name the row and column, and the header', () => {
  const t = (key, p = {}) => ({ csvHeader: 'Header', csvRow: `Row ${p.row}`, csvRowColumn: `Row ${p.row}, ${p.column}` })[key];
  assert.equal(describeError({ pointer: '/rows/12/ts', detail: 'bad' }, t), 'Row 12, ts: bad');
  assert.equal(describeError({ pointer: '/rows/3', detail: 'cells' }, t), 'Row 3: cells');
  assert.equal(describeError({ pointer: '/rows/0', detail: 'no value' }, t), 'Header: no value');
  assert.equal(describeError({ pointer: '', detail: 'x' }, t), 'x');
});
