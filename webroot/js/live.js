// The live connection (WebSocket protocol v1): the only module that touches the socket.
// Events: 'snapshot' {seq, metrics, reset}, 'update' {seq, items}, 'status' {status}, 'error' {code, detail}.
// Status: 'connecting' (first attempt), 'live', 'reconnecting' (lost, retrying with backoff),
// 'offline' (the browser is offline, or close() was called).

export class LiveClient extends EventTarget {
  constructor({ url, token, metrics = '*', labels, minBackoffMs = 500, maxBackoffMs = 15000 }) {
    super();
    this.url = url;
    this.token = token;
    this.metrics = metrics;
    this.labels = labels;
    this.minBackoffMs = minBackoffMs;
    this.maxBackoffMs = maxBackoffMs;
    this.socket = null;
    this.timer = null;
    this.attempts = 0;
    this.closed = false;
    this.currentSeq = null;
    this.currentStatus = 'offline';
    this.onOnline = () => this.retryNow();
    this.onOffline = () => this.setStatus('offline');
  }

  get seq() {
    return this.currentSeq;
  }

  get status() {
    return this.currentStatus;
  }

  connect() {
    this.closed = false;
    globalThis.addEventListener?.('online', this.onOnline);
    globalThis.addEventListener?.('offline', this.onOffline);
    this.open();
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
    globalThis.removeEventListener?.('online', this.onOnline);
    globalThis.removeEventListener?.('offline', this.onOffline);
    if (this.socket) {
      this.socket.close(1000);
      this.socket = null;
    }
    this.setStatus('offline');
  }

  open() {
    this.setStatus(this.currentSeq === null && this.attempts === 0 ? 'connecting' : 'reconnecting');
    const url = new URL(this.url);
    if (this.token) {
      url.searchParams.set('token', this.token);
    }
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => {
      if (this.socket === socket) {
        this.socket = null;
        this.scheduleReconnect();
      }
    });
  }

  receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      this.emit('error', { code: 'bad_frame', detail: 'the server sent a frame that is not JSON' });
      return;
    }
    if (frame.op === 'hello') {
      const subscribe = { op: 'subscribe', metrics: this.metrics };
      if (this.labels) {
        subscribe.labels = this.labels;
      }
      if (this.currentSeq !== null) {
        subscribe.since = this.currentSeq;
      }
      this.socket.send(JSON.stringify(subscribe));
      if (this.currentSeq !== null) {
        this.live();
      }
    } else if (frame.op === 'snapshot') {
      this.currentSeq = frame.seq;
      this.live();
      this.emit('snapshot', { seq: frame.seq, metrics: frame.metrics, reset: Boolean(frame.reset) });
    } else if (frame.op === 'update') {
      this.currentSeq = frame.seq;
      this.live();
      this.emit('update', { seq: frame.seq, items: frame.items });
    } else if (frame.op === 'error') {
      this.emit('error', { code: frame.code, detail: frame.detail });
    }
  }

  live() {
    this.attempts = 0;
    this.setStatus('live');
  }

  scheduleReconnect() {
    if (this.closed) {
      return;
    }
    if (globalThis.navigator && navigator.onLine === false) {
      this.setStatus('offline');
      return;
    }
    this.setStatus('reconnecting');
    const ceiling = Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** this.attempts);
    this.attempts += 1;
    const delay = ceiling / 2 + Math.random() * ceiling / 2;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.open(), delay);
  }

  retryNow() {
    if (!this.closed && !this.socket) {
      clearTimeout(this.timer);
      this.open();
    }
  }

  setStatus(status) {
    if (status !== this.currentStatus) {
      this.currentStatus = status;
      this.emit('status', { status });
    }
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
