-- Where alerts go, and the durable outbox of what is owed to them. The alert evaluator inserts
-- one notifications row per channel of a rule in the transaction that claims a transition, so a
-- claimed transition is never without its notifications; the sender delivers pending rows (in
-- order per channel, rule and series), retrying with backoff until delivered or given up.
CREATE TABLE channels (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind = 'webhook'),
  url text NOT NULL,
  format text NOT NULL CHECK (format IN ('json', 'slack')),
  -- Key of the X-Pulseboard-Signature HMAC; generated when the channel is created without one.
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notifications (
  id bigserial PRIMARY KEY,
  channel_id bigint NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  -- The rule and the series whose transition this tells (rules come in a later migration).
  rule_id bigint NOT NULL,
  series_key text NOT NULL,
  transition_seq bigint NOT NULL,
  state text NOT NULL CHECK (state IN ('firing', 'resolved')),
  -- The JSON body without its "id", which the sender adds from this row's id.
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  last_status int,
  last_error text,
  delivered_at timestamptz,
  UNIQUE (channel_id, rule_id, series_key, transition_seq)
);

CREATE INDEX notifications_pending ON notifications (next_attempt_at) WHERE status = 'pending';
