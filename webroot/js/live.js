// Live changes from a Pulseboard server over WebSocket protocol v1 (see docs/websocket-protocol.md).
// Usable on its own: no dependency, no build step. It keeps the socket open, reconnects with
// exponential backoff and jitter, and resubscribes with the last seq it saw, so a reconnect
// replays only the changes it missed (or, when too far behind, delivers a reset snapshot).
// With `watch` (event topics: 'boards', 'alerts') it also follows the event feed, resuming with the
// last event seq it saw, and dispatches `events` ({ seq, items, reset, start }): `start` or `reset`
// means "load the state again" (the first answer, or a resume that could not be replayed).

const DEFAULT_HEARTBEAT_MS = 25000;

function defaultUrl() {
  const scheme = globalThis.location && globalThis.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${globalThis.location.host}/ws`;
}

function withToken(url, token) {
  if (!token) {
    return url;
  }
  const full = new URL(url, globalThis.location ? globalThis.location.href : undefined);
  full.searchParams.set('token', token);
  return full.toString();
}

function isOffline() {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

export class LiveClient extends EventTarget {
  constructor({ url, token, metrics = '*', labels, watch = [], minBackoffMs = 500, maxBackoffMs = 15000 } = {}) {
    super();
    this._watch = watch;
    this._eventSeq = null;
    this._url = url || defaultUrl();
    this._token = token;
    this._metrics = metrics;
    this._labels = labels;
    this._minBackoffMs = minBackoffMs;
    this._maxBackoffMs = maxBackoffMs;
    this._seq = null;
    this._status = 'offline';
    this._socket = null;
    this._attempt = 0;
    this._retryTimer = null;
    this._watchdog = null;
    this._pingTimer = null;
    this._heartbeatMs = DEFAULT_HEARTBEAT_MS;
    this._closed = true;
    this._onOnline = () => this._reconnectNow();
    this._onOffline = () => this._dropSocket('offline');
  }

  // The seq of the last snapshot or update received; null before the first.
  get seq() {
    return this._seq;
  }

  // 'connecting' | 'live' | 'reconnecting' | 'offline'
  get status() {
    return this._status;
  }

  connect() {
    if (!this._closed) {
      return;
    }
    this._closed = false;
    if (typeof globalThis.addEventListener === 'function') {
      globalThis.addEventListener('online', this._onOnline);
      globalThis.addEventListener('offline', this._onOffline);
    }
    this._open('connecting');
  }

  close() {
    this._closed = true;
    if (typeof globalThis.removeEventListener === 'function') {
      globalThis.removeEventListener('online', this._onOnline);
      globalThis.removeEventListener('offline', this._onOffline);
    }
    clearTimeout(this._retryTimer);
    this._dropSocket('offline');
  }

  _open(status) {
    if (isOffline()) {
      this._setStatus('offline');
      return;
    }
    this._setStatus(status);
    const socket = new WebSocket(withToken(this._url, this._token));
    this._socket = socket;
    socket.onmessage = (event) => {
      if (socket === this._socket) {
        this._receive(event.data);
      }
    };
    socket.onclose = () => {
      if (socket === this._socket) {
        this._socket = null;
        this._stopTimers();
        this._scheduleRetry();
      }
    };
  }

  _receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    this._armWatchdog();
    switch (frame.op) {
      case 'hello':
        this._heartbeatMs = frame.heartbeat_ms || DEFAULT_HEARTBEAT_MS;
        // The watch first: its answer is immediate, and a page waits for it before reading its
        // boards; the subscription's snapshot takes a query.
        this._watchEvents();
        this._subscribe();
        this._startPings();
        break;
      case 'snapshot':
        this._seq = frame.seq;
        this._attempt = 0;
        this._setStatus('live');
        this._emit('snapshot', { seq: frame.seq, metrics: frame.metrics, reset: frame.reset === true });
        break;
      case 'update':
        if (this._seq === null || frame.seq > this._seq) {
          this._seq = frame.seq;
        }
        this._attempt = 0;
        this._emit('update', { seq: frame.seq, items: frame.items });
        break;
      case 'events': {
        const start = this._eventSeq === null;
        if (start || frame.reset || frame.seq > this._eventSeq) {
          this._eventSeq = frame.seq;
        }
        this._emit('events', { seq: frame.seq, items: frame.items || [], reset: frame.reset === true, start });
        break;
      }
      case 'pong':
        this._attempt = 0;
        break;
      case 'error':
        this._emit('error', frame);
        if (frame.code === 'unavailable') {
          // The server could not start the subscription (its database is down): this socket
          // would stay open and silent, so replace it, backing off, and resume from our seq.
          this._dropSocket('reconnecting');
        }
        break;
      default:
        break;
    }
  }

  _subscribe() {
    const request = { op: 'subscribe', metrics: this._metrics };
    if (this._labels) {
      request.labels = this._labels;
    }
    if (this._seq !== null) {
      request.since = this._seq;
    }
    this._socket.send(JSON.stringify(request));
    if (this._seq !== null) {
      // A resume sends no frame when nothing was missed: the socket is live once subscribed.
      // The backoff is reset by the next update or pong, so a server that refuses resumes
      // (database down) is retried less and less often rather than twice a second.
      this._setStatus('live');
    }
  }

  _watchEvents() {
    if (this._watch.length === 0) {
      return;
    }
    const request = { op: 'watch', topics: this._watch };
    if (this._eventSeq !== null) {
      request.since = this._eventSeq;
    }
    this._socket.send(JSON.stringify(request));
  }

  _startPings() {
    clearInterval(this._pingTimer);
    this._pingTimer = setInterval(() => {
      if (this._socket && this._socket.readyState === WebSocket.OPEN) {
        this._socket.send(JSON.stringify({ op: 'ping', id: Date.now() }));
      }
    }, this._heartbeatMs);
  }

  // A socket that stays silent for two heartbeats (our pings get pongs) is dead: replace it.
  _armWatchdog() {
    clearTimeout(this._watchdog);
    this._watchdog = setTimeout(() => this._dropSocket('reconnecting'), 2 * this._heartbeatMs + 1000);
  }

  _scheduleRetry() {
    if (this._closed) {
      this._setStatus('offline');
      return;
    }
    if (isOffline()) {
      this._setStatus('offline');
      return;
    }
    this._setStatus('reconnecting');
    const ceiling = Math.min(this._maxBackoffMs, this._minBackoffMs * 2 ** this._attempt);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this._attempt += 1;
    clearTimeout(this._retryTimer);
    this._retryTimer = setTimeout(() => this._open('reconnecting'), delay);
  }

  _reconnectNow() {
    if (this._closed || this._socket) {
      return;
    }
    clearTimeout(this._retryTimer);
    this._attempt = 0;
    this._open('reconnecting');
  }

  _dropSocket(status) {
    const socket = this._socket;
    this._socket = null;
    this._stopTimers();
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.close();
    }
    if (status === 'offline' || this._closed) {
      this._setStatus('offline');
    } else {
      this._scheduleRetry();
    }
  }

  _stopTimers() {
    clearInterval(this._pingTimer);
    clearTimeout(this._watchdog);
  }

  _setStatus(status) {
    if (status !== this._status) {
      this._status = status;
      this._emit('status', { status });
    }
  }

  _emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
