-- Revisions and "as of": when was each value of a point written?
-- A correction keeps the old value in point_revisions with replaced_at = the time of the
-- correction, which is also the updated_at of the value that replaced it. So the time a value
-- was written is the previous revision's replaced_at, or, for a point's first value, the time
-- the point was first written: created_at below. The write function does not name created_at,
-- so its default stamps new points and an update keeps it.
-- Points written before this migration: without revisions, created_at = updated_at (exact); with
-- revisions, the first value's write time was never kept, so created_at stays NULL ("unknown",
-- treated as known since always by pulseboard_points_as_of).
ALTER TABLE points ADD COLUMN created_at timestamptz;
UPDATE points p SET created_at = p.updated_at
WHERE NOT EXISTS (SELECT 1 FROM point_revisions r WHERE r.series_id = p.series_id AND r.ts = p.ts);
ALTER TABLE points ALTER COLUMN created_at SET DEFAULT now();

-- The points as they were known at instant t, with the columns of points: a point's value at t
-- is the one written at or before t and not replaced at t (the earliest revision replaced after
-- t, else the current row); points first written after t are absent. updated_at is when that
-- value was written. A plain SQL function, so the planner inlines it and pushes a query's
-- series and time conditions down to the points index.
CREATE FUNCTION pulseboard_points_as_of(t timestamptz)
RETURNS TABLE (series_id bigint, ts timestamptz, value float8, source text, seq bigint,
               updated_at timestamptz, token_id bigint)
LANGUAGE sql STABLE AS $$
  SELECT p.series_id, p.ts,
         coalesce(r.value, p.value), coalesce(r.source, p.source), coalesce(r.seq, p.seq),
         CASE WHEN r.seq IS NULL THEN p.updated_at ELSE coalesce(r.written_at, p.created_at) END,
         CASE WHEN r.seq IS NULL THEN p.token_id ELSE r.token_id END
  FROM points p
  LEFT JOIN LATERAL (
    SELECT r1.value, r1.source, r1.seq, r1.token_id,
           (SELECT max(r0.replaced_at) FROM point_revisions r0
            WHERE r0.series_id = r1.series_id AND r0.ts = r1.ts AND r0.seq < r1.seq) AS written_at
    FROM point_revisions r1
    WHERE r1.series_id = p.series_id AND r1.ts = p.ts AND r1.replaced_at > t
    ORDER BY r1.seq
    LIMIT 1
  ) r ON p.updated_at > t
  WHERE coalesce(p.created_at, '-infinity'::timestamptz) <= t
$$;

-- Period totals: a metric whose points are amounts per period (sign-ups per day, revenue per
-- week) says aggregation = 'sum'; its summaries then carry the total so far this month and
-- quarter. 'last' (the default) is a level, such as weekly active users, where a total means
-- nothing.
ALTER TABLE metrics ADD COLUMN aggregation text NOT NULL DEFAULT 'last'
  CHECK (aggregation IN ('last', 'sum'));

-- Daily totals per series and UTC day, so that a monthly (quarterly, yearly, weekly) history of
-- hourly points reads one row per day instead of 24 (HistoryRepository): 10 years of hourly
-- points for 10 series in 0.1 s instead of 3 s (docs/performance.md). Kept exact by statement
-- triggers on points: every statement that inserts, updates or deletes points recomputes the
-- days it touched from the points themselves, in the same transaction, so a correction changes
-- the totals it belongs to. The current values only: "as of" queries read the points.
CREATE TABLE point_days (
  series_id  bigint NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  day        timestamptz NOT NULL,
  n          int NOT NULL,
  total      float8 NOT NULL,
  lo         float8 NOT NULL,
  hi         float8 NOT NULL,
  last_ts    timestamptz NOT NULL,
  last_value float8 NOT NULL,
  max_seq    bigint NOT NULL,
  PRIMARY KEY (series_id, day)
);

-- The totals of the days touched by the rows in changed_points (a transition table), recomputed
-- from the points. An aggregate per touched day, so each is one range read of the points index:
-- a plain join with the transition table (which has no statistics) was planned as a scan of all
-- points, 100 times slower. The planner still guesses about 1 000 points per day and would
-- JIT-compile the statement on every write (10 ms each); jit is off inside. Inserts and updates
-- only add or change points, so no day empties.
CREATE FUNCTION pulseboard_roll_up_days() RETURNS trigger
LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  INSERT INTO point_days AS d (series_id, day, n, total, lo, hi, last_ts, last_value, max_seq)
  SELECT t.series_id, t.day, a.n, a.total, a.lo, a.hi, a.last_ts, a.last_value, a.max_seq
  FROM (SELECT DISTINCT c.series_id, date_trunc('day', c.ts, 'UTC') AS day FROM changed_points c) t
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS n, sum(p.value) AS total, min(p.value) AS lo, max(p.value) AS hi,
           max(p.ts) AS last_ts, (array_agg(p.value ORDER BY p.ts DESC))[1] AS last_value, max(p.seq) AS max_seq
    FROM points p
    WHERE p.series_id = t.series_id AND p.ts >= t.day AND p.ts < t.day + interval '1 day') a
  WHERE a.n > 0
  ON CONFLICT (series_id, day) DO UPDATE SET n = excluded.n, total = excluded.total, lo = excluded.lo,
    hi = excluded.hi, last_ts = excluded.last_ts, last_value = excluded.last_value, max_seq = excluded.max_seq;
  RETURN NULL;
END;
$$;

-- After deletes: days left without points go, the others are recomputed. (Deleting a metric
-- deletes its series, whose point_days go by their own cascade.)
CREATE FUNCTION pulseboard_roll_up_deleted_days() RETURNS trigger
LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  DELETE FROM point_days d
  USING (SELECT DISTINCT c.series_id, date_trunc('day', c.ts, 'UTC') AS day FROM changed_points c) t
  WHERE d.series_id = t.series_id AND d.day = t.day
    AND NOT EXISTS (SELECT 1 FROM points p WHERE p.series_id = t.series_id AND p.ts >= t.day
                      AND p.ts < t.day + interval '1 day');
  INSERT INTO point_days AS d (series_id, day, n, total, lo, hi, last_ts, last_value, max_seq)
  SELECT t.series_id, t.day, a.n, a.total, a.lo, a.hi, a.last_ts, a.last_value, a.max_seq
  FROM (SELECT DISTINCT c.series_id, date_trunc('day', c.ts, 'UTC') AS day FROM changed_points c) t
  JOIN series s ON s.id = t.series_id
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS n, sum(p.value) AS total, min(p.value) AS lo, max(p.value) AS hi,
           max(p.ts) AS last_ts, (array_agg(p.value ORDER BY p.ts DESC))[1] AS last_value, max(p.seq) AS max_seq
    FROM points p
    WHERE p.series_id = t.series_id AND p.ts >= t.day AND p.ts < t.day + interval '1 day') a
  WHERE a.n > 0
  ON CONFLICT (series_id, day) DO UPDATE SET n = excluded.n, total = excluded.total, lo = excluded.lo,
    hi = excluded.hi, last_ts = excluded.last_ts, last_value = excluded.last_value, max_seq = excluded.max_seq;
  RETURN NULL;
END;
$$;

CREATE TRIGGER point_days_on_insert AFTER INSERT ON points REFERENCING NEW TABLE AS changed_points
  FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_roll_up_days();
CREATE TRIGGER point_days_on_update AFTER UPDATE ON points REFERENCING NEW TABLE AS changed_points
  FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_roll_up_days();
CREATE TRIGGER point_days_on_delete AFTER DELETE ON points REFERENCING OLD TABLE AS changed_points
  FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_roll_up_deleted_days();

INSERT INTO point_days (series_id, day, n, total, lo, hi, last_ts, last_value, max_seq)
SELECT series_id, date_trunc('day', ts, 'UTC'), count(*), sum(value), min(value), max(value), max(ts),
       (array_agg(value ORDER BY ts DESC))[1], max(seq)
FROM points GROUP BY series_id, date_trunc('day', ts, 'UTC');
