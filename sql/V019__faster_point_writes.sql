-- Faster point writes, with every guarantee of V009 kept: the writers' lock, all or nothing per
-- call, idempotent (an unchanged point is not written), the old value of a corrected point kept
-- in point_revisions, a new seq per changed point, NOTIFY 'pulseboard_changes' with the top seq.
-- Found with EXPLAIN (ANALYZE, BUFFERS) of the statement inside pulseboard_write_points and of
-- its triggers (docs/performance.md, "Batch ingest"):
--
-- 1. The daily totals' insert trigger (V010) recomputed every touched day from the points, so a
--    batch of 1 000 new points into a day that already held 20 000 read those 20 000 again:
--    each write into a busy day cost more than the one before it. New points can only add to a
--    day, so the insert trigger now merges the new rows' totals into the day's row without
--    reading the points. Updates (corrections) and deletes still recompute the day from the
--    points, so a correction moves the totals exactly as before. Sums added up in another order
--    may differ in the last bits from a sum recomputed from the points.
-- 2. The statement looked up every incoming point to keep a revision or skip an unchanged
--    value, even where none can exist: a new series, or a time after the series' last point
--    (the usual case for live data). It now reads the series' last time once (one probe of the
--    points index) and looks a point up only when it is not after it (OFFSET 0 keeps the lookup a
--    subquery, so that the planner makes the time test a one-time filter before the index scan
--    instead of a join filter after it).
-- 3. Labels were cast to jsonb and matched to series once per point; now once per distinct
--    metric and label set, and points find their series by the label text.
-- 4. INSERT ... ON CONFLICT DO UPDATE inserted each new point speculatively; new points are now
--    a plain INSERT and changed ones an UPDATE (under the writers' lock nothing else writes points
--    between the lookup and the write).
--
-- pulseboard_write_point_requests writes the points of several requests in one call and one
-- transaction (group commit): requests[i] says which request point i belongs to (0, 1, ...), and
-- the answer says, per request, how many of its points changed and the highest seq it wrote (the
-- head when none). The server groups only requests whose points are distinct, validated first;
-- if the call fails it writes each request on its own, so one bad request fails alone.
-- pulseboard_write_points (V009's signature) is the one-request case of it.

CREATE FUNCTION pulseboard_roll_up_inserted_days() RETURNS trigger
LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  INSERT INTO point_days AS d (series_id, day, n, total, lo, hi, last_ts, last_value, max_seq)
  SELECT c.series_id, date_trunc('day', c.ts, 'UTC'), count(*)::int, sum(c.value), min(c.value), max(c.value),
         max(c.ts), (array_agg(c.value ORDER BY c.ts DESC))[1], max(c.seq)
  FROM changed_points c
  GROUP BY c.series_id, date_trunc('day', c.ts, 'UTC')
  ON CONFLICT (series_id, day) DO UPDATE SET n = d.n + excluded.n, total = d.total + excluded.total,
    lo = least(d.lo, excluded.lo), hi = greatest(d.hi, excluded.hi),
    last_value = CASE WHEN excluded.last_ts > d.last_ts THEN excluded.last_value ELSE d.last_value END,
    last_ts = greatest(d.last_ts, excluded.last_ts), max_seq = greatest(d.max_seq, excluded.max_seq)
  -- A statement that also updated points of the day may have recomputed it (its update trigger
  -- can fire first) with these rows in: then the day's highest seq is at least theirs. Otherwise
  -- it is lower, as every seq these rows took is newer than the points the day held.
  WHERE d.max_seq < excluded.max_seq;
  RETURN NULL;
END;
$$;

DROP TRIGGER point_days_on_insert ON points;
CREATE TRIGGER point_days_on_insert AFTER INSERT ON points REFERENCING NEW TABLE AS changed_points
  FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_roll_up_inserted_days();

CREATE FUNCTION pulseboard_write_point_requests(metric_ids text[], label_sets text[], tss timestamptz[],
                                                vals float8[], sources text[], writers bigint[], requests int[])
RETURNS TABLE (written_counts int[], top_seqs bigint[])
LANGUAGE plpgsql VOLATILE SET jit = off AS $$
DECLARE
  counts int[];
  tops bigint[];
  head bigint;
BEGIN
  -- 0x70756c7365000002: the writers' lock.
  PERFORM pg_advisory_xact_lock(8103502347394613250);
  WITH input AS MATERIALIZED (
    SELECT t.metric_id, t.labels, t.ts, t.value, t.source, t.writer, t.request
    FROM unnest(metric_ids, label_sets, tss, vals, sources, writers, requests)
      AS t(metric_id, labels, ts, value, source, writer, request)
  ), wanted AS MATERIALIZED (
    SELECT DISTINCT i.metric_id, i.labels, i.labels::jsonb AS doc FROM input i
  ), new_series AS (
    INSERT INTO series (metric_id, labels)
    SELECT w.metric_id, w.doc FROM wanted w
    ON CONFLICT (metric_id, labels) DO NOTHING
    RETURNING series.id, series.metric_id, series.labels
  ), found AS (
    SELECT w.metric_id, w.labels, s.id,
           (SELECT max(p.ts) FROM points p WHERE p.series_id = s.id) AS last_ts
    FROM wanted w JOIN series s ON s.metric_id = w.metric_id AND s.labels = w.doc
    UNION ALL
    SELECT w.metric_id, w.labels, n.id, NULL FROM wanted w JOIN new_series n ON n.metric_id = w.metric_id AND n.labels = w.doc
  ), incoming AS (
    SELECT f.id AS series_id, i.ts, i.value, coalesce(i.source, p.source, '') AS source, i.writer, i.request,
           p.value AS old_value, p.source AS old_source, p.seq AS old_seq, p.token_id AS old_token_id,
           p.seq IS NOT NULL AS existed
    FROM input i
    JOIN found f ON f.metric_id = i.metric_id AND f.labels = i.labels
    LEFT JOIN LATERAL (
      SELECT p.value, p.source, p.seq, p.token_id FROM points p
      WHERE i.ts <= f.last_ts AND p.series_id = f.id AND p.ts = i.ts OFFSET 0) p ON true
  ), changed AS MATERIALIZED (
    SELECT c.*, nextval('change_seq') AS new_seq FROM incoming c
    WHERE NOT c.existed OR c.old_value IS DISTINCT FROM c.value OR c.old_source IS DISTINCT FROM c.source
  ), revised AS (
    INSERT INTO point_revisions (series_id, ts, value, source, seq, token_id)
    SELECT c.series_id, c.ts, c.old_value, c.old_source, c.old_seq, c.old_token_id FROM changed c WHERE c.existed
  ), inserted AS (
    INSERT INTO points (series_id, ts, value, source, seq, updated_at, token_id)
    SELECT c.series_id, c.ts, c.value, c.source, c.new_seq, now(), c.writer FROM changed c WHERE NOT c.existed
  ), updated AS (
    UPDATE points p SET value = c.value, source = c.source, seq = c.new_seq, updated_at = now(), token_id = c.writer
    FROM changed c WHERE c.existed AND p.series_id = c.series_id AND p.ts = c.ts
  ), per_request AS (
    SELECT c.request, count(*)::int AS n, max(c.new_seq) AS top FROM changed c GROUP BY c.request
  )
  SELECT array_agg(coalesce(r.n, 0) ORDER BY q.request), array_agg(r.top ORDER BY q.request)
  INTO counts, tops
  FROM generate_series(0, coalesce((SELECT max(x) FROM unnest(requests) x), 0)) AS q(request)
  LEFT JOIN per_request r ON r.request = q.request;
  SELECT max(x) INTO head FROM unnest(tops) x;
  IF head IS NOT NULL THEN
    PERFORM pg_notify('pulseboard_changes', head::text);
  ELSE
    SELECT coalesce(max(p.seq), 0) INTO head FROM points p;
  END IF;
  written_counts := counts;
  top_seqs := array(SELECT coalesce(x, head) FROM unnest(tops) WITH ORDINALITY AS u(x, k) ORDER BY k);
  RETURN NEXT;
END;
$$;

CREATE OR REPLACE FUNCTION pulseboard_write_points(metric_ids text[], label_sets text[], tss timestamptz[],
                                                   vals float8[], sources text[], writer bigint)
RETURNS TABLE (written int, seq bigint)
LANGUAGE sql VOLATILE AS $$
  SELECT r.written_counts[1], r.top_seqs[1]
  FROM pulseboard_write_point_requests(metric_ids, label_sets, tss, vals, sources,
    array_fill(writer, ARRAY[cardinality(metric_ids)]), array_fill(0, ARRAY[cardinality(metric_ids)])) r
$$;
