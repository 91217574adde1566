import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LiveClient } from '../live.js';

// A stand-in for the browser's WebSocket: records what the client sends and lets the test play
// the server. Node 20 has no WebSocket of its own; the browser tests run the real one.
class FakeSocket {
  static opened = [];

  constructor(url) {
    this.url = url;
    this.sent = [];
    this.readyState = 1;
    this.closed = false;
    FakeSocket.opened.push(this);
  }

  send(text) {
    this.sent.push(JSON.parse(text));
  }

  close() {
    this.closed = true;
  }

  serve(frame) {
    this.onmessage({ data: JSON.stringify(frame) });
  }
}

function client() {
  FakeSocket.opened = [];
  globalThis.WebSocket = FakeSocket;
  globalThis.WebSocket.OPEN = 1;
  return new LiveClient({ url: 'ws://pulseboard.test/ws', minBackoffMs: 1, maxBackoffMs: 4 });
}

function nextSocket(count) {
  return new Promise((resolve) => {
    const poll = () => (FakeSocket.opened.length >= count ? resolve(FakeSocket.opened[count - 1]) : setTimeout(poll, 1));
    poll();
  });
}

test('an unavailable answer to a resume replaces the socket and resumes from the same seq', async () => {
  const live = client();
  live.connect();
  const first = await nextSocket(1);
  first.serve({ op: 'hello', protocol: 1, seq: 7, heartbeat_ms: 60000 });
  first.serve({ op: 'snapshot', seq: 7, metrics: [] });
  first.onclose();

  const second = await nextSocket(2);
  second.serve({ op: 'hello', protocol: 1, seq: 7, heartbeat_ms: 60000 });
  assert.equal(second.sent.at(-1).since, 7);
  second.serve({ op: 'error', code: 'unavailable', detail: 'the database is unavailable' });
  assert.equal(second.closed, true);
  assert.equal(live.status, 'reconnecting');

  const third = await nextSocket(3);
  third.serve({ op: 'hello', protocol: 1, seq: 9, heartbeat_ms: 60000 });
  assert.deepEqual(third.sent.at(-1), { op: 'subscribe', metrics: '*', since: 7 });
  third.serve({ op: 'update', seq: 9, items: [] });
  assert.equal(live.status, 'live');
  assert.equal(live.seq, 9);
  live.close();
});

test('other error frames leave the socket open', async () => {
  const live = client();
  live.connect();
  const socket = await nextSocket(1);
  socket.serve({ op: 'hello', protocol: 1, seq: 1, heartbeat_ms: 60000 });
  socket.serve({ op: 'error', code: 'bad_frame', detail: 'x' });
  assert.equal(socket.closed, false);
  live.close();
});

test('watching resumes the event feed from the last event seq, and says when to load the state again', async () => {
  FakeSocket.opened = [];
  globalThis.WebSocket = FakeSocket;
  globalThis.WebSocket.OPEN = 1;
  const live = new LiveClient({ url: 'ws://pulseboard.test/ws', watch: ['boards'], minBackoffMs: 1, maxBackoffMs: 4 });
  const seen = [];
  live.addEventListener('events', (event) => seen.push(event.detail));
  live.connect();
  const first = await nextSocket(1);
  first.serve({ op: 'hello', protocol: 1, seq: 7, heartbeat_ms: 60000 });
  assert.deepEqual(first.sent.map((f) => f.op), ['watch', 'subscribe'], 'the watch first: its answer is immediate');
  assert.deepEqual(first.sent[0], { op: 'watch', topics: ['boards'] });
  first.serve({ op: 'events', seq: 3, items: [] });
  first.serve({ op: 'events', seq: 5, items: [{ seq: 5, topic: 'boards', subject: 'a', body: { id: 'a', version: 2 } }] });
  assert.equal(seen[0].start, true);
  assert.equal(seen[1].start, false);
  assert.equal(seen[1].items[0].subject, 'a');
  first.onclose();

  const second = await nextSocket(2);
  second.serve({ op: 'hello', protocol: 1, seq: 7, heartbeat_ms: 60000 });
  assert.deepEqual(second.sent[0], { op: 'watch', topics: ['boards'], since: 5 });
  second.serve({ op: 'events', seq: 9, items: [], reset: true });
  assert.equal(seen[2].reset, true);
  live.close();
});

test('a client that watches nothing sends no watch', async () => {
  const live = client();
  live.connect();
  const socket = await nextSocket(1);
  socket.serve({ op: 'hello', protocol: 1, seq: 7, heartbeat_ms: 60000 });
  assert.equal(socket.sent.filter((frame) => frame.op === 'watch').length, 0);
  live.close();
});
