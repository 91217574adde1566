-- Hourly totals per series and UTC hour, kept like the daily totals of point_days (V010, V019),
-- so that daily buckets in a zone whose midnights are not UTC's (Seoul, New York on either side
-- of a change of daylight saving time) read 24 rows a day instead of every point: a local day
-- there starts on a whole UTC hour, so every hour lies wholly inside one local day. A year of
-- minutely points in Seoul's days: 1.2 s before, see docs/performance.md ("History at length").
-- Zones whose offset is not a whole number of hours (Kolkata, +05:30) cut one hour at each
-- bucket edge; HistoryRepository reads the points of the hours it cuts, so the answer stays exact.
-- Exact under corrections as point_days is: the same statement triggers, in the same transaction.
-- New points only add to an hour, so inserts merge their totals into the hour's row; updates
-- recompute the hours they touched from the points; deletes drop emptied hours and recompute the
-- others. The current values only: "as of" queries read the points.
CREATE TABLE point_hours (
  series_id  bigint NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  hour       timestamptz NOT NULL,
  n          int NOT NULL,
  total      float8 NOT NULL,
  lo         float8 NOT NULL,
  hi         float8 NOT NULL,
  last_ts    timestamptz NOT NULL,
  last_value float8 NOT NULL,
  max_seq    bigint NOT NULL,
  PRIMARY KEY (series_id, hour)
);

CREATE FUNCTION pulseboard_roll_up_inserted_hours() RETURNS trigger
LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  INSERT INTO point_hours AS h (series_id, hour, n, total, lo, hi, last_ts, last_value, max_seq)
  SELECT c.series_id, date_trunc('hour', c.ts, 'UTC'), count(*)::int, sum(c.value), min(c.value), max(c.value),
         max(c.ts), (array_agg(c.value ORDER BY c.ts DESC))[1], max(c.seq)
  FROM changed_points c
  GROUP BY c.series_id, date_trunc('hour', c.ts, 'UTC')
  ON CONFLICT (series_id, hour) DO UPDATE SET n = h.n + excluded.n, total = h.total + excluded.total,
    lo = least(h.lo, excluded.lo), hi = greatest(h.hi, excluded.hi),
    last_value = CASE WHEN excluded.last_ts > h.last_ts THEN excluded.last_value ELSE h.last_value END,
    last_ts = greatest(h.last_ts, excluded.last_ts), max_seq = greatest(h.max_seq, excluded.max_seq)
  -- As in V019: if the statement's update trigger already recomputed the hour from the points,
  -- these rows are in it and its highest seq is at least theirs.
  WHERE h.max_seq < excluded.max_seq;
  RETURN NULL;
END;
$$;

-- The hours touched by changed_points, recomputed from the points: one aggregate per hour, each
-- a range read of the points index (see V010 for why not a join).
CREATE FUNCTION pulseboard_roll_up_hours() RETURNS trigger
LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM point_hours h
    USING (SELECT DISTINCT c.series_id, date_trunc('hour', c.ts, 'UTC') AS hour FROM changed_points c) t
    WHERE h.series_id = t.series_id AND h.hour = t.hour
      AND NOT EXISTS (SELECT 1 FROM points p WHERE p.series_id = t.series_id AND p.ts >= t.hour
                        AND p.ts < t.hour + interval '1 hour');
  END IF;
  -- The join with series skips series deleted by the statement (their rows go by the cascade).
  INSERT INTO point_hours AS h (series_id, hour, n, total, lo, hi, last_ts, last_value, max_seq)
  SELECT t.series_id, t.hour, a.n, a.total, a.lo, a.hi, a.last_ts, a.last_value, a.max_seq
  FROM (SELECT DISTINCT c.series_id, date_trunc('hour', c.ts, 'UTC') AS hour FROM changed_points c) t
  JOIN series s ON s.id = t.series_id
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS n, sum(p.value) AS total, min(p.value) AS lo, max(p.value) AS hi,
           max(p.ts) AS last_ts, (array_agg(p.value ORDER BY p.ts DESC))[1] AS last_value, max(p.seq) AS max_seq
    FROM points p
    WHERE p.series_id = t.series_id AND p.ts >= t.hour AND p.ts < t.hour + interval '1 hour') a
  WHERE a.n > 0
  ON CONFLICT (series_id, hour) DO UPDATE SET n = excluded.n, total = excluded.total, lo = excluded.lo,
    hi = excluded.hi, last_ts = excluded.last_ts, last_value = excluded.last_value, max_seq = excluded.max_seq;
  RETURN NULL;
END;
$$;

CREATE TRIGGER point_hours_on_insert AFTER INSERT ON points REFERENCING NEW TABLE AS changed_points
  FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_roll_up_inserted_hours();
CREATE TRIGGER point_hours_on_update AFTER UPDATE ON points REFERENCING NEW TABLE AS changed_points
  FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_roll_up_hours();
CREATE TRIGGER point_hours_on_delete AFTER DELETE ON points REFERENCING OLD TABLE AS changed_points
  FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_roll_up_hours();

INSERT INTO point_hours (series_id, hour, n, total, lo, hi, last_ts, last_value, max_seq)
SELECT series_id, date_trunc('hour', ts, 'UTC'), count(*), sum(value), min(value), max(value), max(ts),
       (array_agg(value ORDER BY ts DESC))[1], max(seq)
FROM points GROUP BY series_id, date_trunc('hour', ts, 'UTC');
