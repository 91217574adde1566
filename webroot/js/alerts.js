// The alerts the page knows, from GET /api/v1/alerts and the WebSocket's `alerts` events. Pure
// (no DOM), tested with `node --test`. An alert changes only by a newer transition: an event
// older than what the page holds (a replay after a resume, a late HTTP answer) changes nothing.

function transitionOf(alert) {
  return Number.isFinite(alert.transition) ? alert.transition : -1;
}

function sinceMs(alert) {
  const at = Date.parse(alert.since);
  return Number.isNaN(at) ? 0 : at;
}

export class AlertState {
  constructor() {
    this.byId = new Map();
  }

  /** Takes the alerts of an HTTP answer ({alerts:[…]}), keeping any newer transition already seen. */
  load(alerts) {
    const next = new Map();
    for (const alert of alerts || []) {
      const known = this.byId.get(String(alert.id));
      next.set(String(alert.id), known && transitionOf(known) > transitionOf(alert) ? known : alert);
    }
    for (const [id, known] of this.byId) {
      // An event that arrived while the answer was on its way is newer than the answer.
      if (!next.has(id) && known.state === 'firing' && known.fresh) {
        next.set(id, known);
      }
    }
    // Kept once: the next answer (after a reset, say) knows of it or it is gone.
    for (const alert of next.values()) {
      alert.fresh = false;
    }
    this.byId = next;
  }

  /**
   * Applies WebSocket event items ({topic, subject, body}); other topics are skipped. Returns the
   * alerts that started firing with these items, for announcing.
   */
  apply(items) {
    const started = [];
    for (const item of items || []) {
      if (item.topic !== 'alerts' || !item.body) {
        continue;
      }
      const id = String(item.subject ?? item.body.id);
      const known = this.byId.get(id);
      if (known && transitionOf(known) >= transitionOf(item.body)) {
        continue;
      }
      const alert = { ...item.body, fresh: true };
      this.byId.set(id, alert);
      if (alert.state === 'firing' && (!known || known.state !== 'firing')) {
        started.push(alert);
      }
    }
    return started;
  }

  /** The firing alerts, the latest to start first. */
  firing() {
    return [...this.byId.values()].filter((a) => a.state === 'firing').sort((a, b) => sinceMs(b) - sinceMs(a));
  }
}
