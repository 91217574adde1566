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
