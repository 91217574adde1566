-- The event feed: changes of things other than points (a board saved or deleted, an alert's
-- state), each with a seq of its own, told to every instance by NOTIFY 'pulseboard_events' and
-- replayed to a client that resumes with `since`. pulseboard_emit_event is called inside the
-- transaction that makes the change, so an event exists exactly when its change committed. It
-- takes the event writers' lock (held to commit), so seqs become visible in order and a reader of
-- `seq > S` never skips an event, as the writers' lock does for points.
CREATE SEQUENCE event_seq;

CREATE TABLE events (
  seq bigint PRIMARY KEY,
  topic text NOT NULL CHECK (topic IN ('boards', 'alerts')),
  subject text NOT NULL,
  body jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION pulseboard_emit_event(p_topic text, p_subject text, p_body jsonb)
RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  s bigint;
BEGIN
  -- 0x70756c7365000003: the event writers' lock (the points writers' lock ends in 02).
  PERFORM pg_advisory_xact_lock(8103502347394613251);
  s := nextval('event_seq');
  INSERT INTO events (seq, topic, subject, body) VALUES (s, p_topic, p_subject, p_body);
  PERFORM pg_notify('pulseboard_events', s::text);
  RETURN s;
END;
$$;
