-- The attempt log of the notifications outbox (V014): one row per delivery attempt, written when
-- the attempt ends, so the delivery log can show what each receiver answered and when. An attempt
-- cut short by a crash of its instance leaves no row; its number is skipped and the next instance
-- to claim the notification tries again (delivery is at least once).
CREATE TABLE notification_attempts (
  notification_id bigint NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
  attempt int NOT NULL CHECK (attempt >= 1),
  started_at timestamptz NOT NULL,
  -- delivered: 2xx; retried: failed, tried again later; refused: the target resolved to an address
  -- the SSRF policy forbids (tried again later, as the channel may be fixed); failed: given up.
  outcome text NOT NULL CHECK (outcome IN ('delivered', 'retried', 'refused', 'failed')),
  status_code int,
  error text,
  duration_ms int NOT NULL CHECK (duration_ms >= 0),
  PRIMARY KEY (notification_id, attempt)
);

-- The delivery log lists newest first, optionally of one channel.
CREATE INDEX notifications_by_channel ON notifications (channel_id, id);
