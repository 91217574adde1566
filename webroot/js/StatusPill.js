// The live connection's state as a pill: live, reconnecting, offline.
const KEYS = { connecting: 'statusConnecting', live: 'statusLive', reconnecting: 'statusReconnecting', offline: 'statusOffline' };

/** Mounts the pill into `el`; update(status, t) shows one of the LiveClient's statuses. */
export function StatusPill(el) {
  el.classList.add('status-pill');
  el.setAttribute('role', 'status');
  const dot = document.createElement('span');
  dot.className = 'status-pill__dot';
  dot.setAttribute('aria-hidden', 'true');
  const text = document.createElement('span');
  text.className = 'status-pill__text';
  el.append(dot, text);

  return {
    update(status, t) {
      const label = t(KEYS[status] || 'statusOffline');
      el.dataset.status = status;
      el.setAttribute('aria-label', t('statusLabel', { status: label }));
      if (text.textContent !== label) {
        text.textContent = label;
      }
    }
  };
}
