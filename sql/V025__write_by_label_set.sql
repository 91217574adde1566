-- A write names each label set once. pulseboard_write_point_requests (V024) took each point's
-- metric and label text and, under the writers' lock, grouped the points by them, cast each set to
-- jsonb and joined every point back to its set by text; it answered with seven arrays of the changes
-- it made, most of them the points it was given. The server already knows the call's label sets (it
-- encodes each once): it now sends them once, with the first and last time of their points, and
-- each point says which set it is (1-based). Under the lock, the call finds each set's series and
-- inserts the points with their series by position. Its answer gives each set's labels as stored,
-- and for a call of new points only (the usual case) just the first seq: every point was written,
-- their seqs following in their order. Otherwise it says, as before, what each request wrote, and
-- which points changed with their seqs and sources. Time from the lock to the
-- commit for 1 000 new points: see docs/performance.md ("Batch ingest, sixth pass").
--
-- A set's points can exist only if a point of its series lies between their first and last time
-- (V024 asked whether any came at or before the series' last point, which concurrent writers of
-- adjacent batches, committing out of order, made true for a batch of new points).
--
-- The daily and hourly totals of inserted points (V019, V020) are merged as before, without two
-- costs per point: an aggregate in time order for each group's last value (now read from the
-- points at the group's last time, one index probe per group: an AFTER trigger sees the rows
-- its statement inserted) and date_trunc in a named zone, which looks the zone up for every point
-- (now date_bin from a UTC midnight, the same UTC hours and days, on times before the origin too).
-- 0.5 ms of a call of 1 000 points, under the writers' lock.
DROP FUNCTION pulseboard_write_point_requests(text[], text[], timestamptz[], float8[], text[], bigint[], int[]);

CREATE FUNCTION pulseboard_write_point_requests(set_metrics text[], set_labels text[], set_first timestamptz[],
                                                set_last timestamptz[], point_sets int[], tss timestamptz[],
                                                vals float8[], sources text[], writers bigint[], requests int[])
RETURNS TABLE (written_counts int[], top_seqs bigint[], set_docs text[], first_seq bigint, change_points int[],
               change_seqs bigint[], change_sources text[])
LANGUAGE plpgsql VOLATILE SET jit = off SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  set_ids bigint[];
  set_stored_last timestamptz[];
  may_exist boolean;
  counts int[];
  tops bigint[];
  head bigint;
BEGIN
  -- 0x70756c7365000002: the writers' lock.
  PERFORM pg_advisory_xact_lock(8103502347394613250);
  -- Each set's series (made when new; a new one has no points), the time of its last point, and
  -- whether a point of the series lies within the times of the set's points in this call.
  WITH wanted AS MATERIALIZED (
    SELECT w.metric_id, w.labels::jsonb AS doc, w.first_ts, w.last_ts, w.k
    FROM unnest(set_metrics, set_labels, set_first, set_last) WITH ORDINALITY AS w(metric_id, labels, first_ts, last_ts, k)
  ), new_series AS (
    INSERT INTO series (metric_id, labels)
    SELECT w.metric_id, w.doc FROM wanted w
    ON CONFLICT (metric_id, labels) DO NOTHING
    RETURNING series.id, series.metric_id, series.labels
  )
  SELECT array_agg(coalesce(s.id, n.id) ORDER BY w.k), array_agg(l.last_ts ORDER BY w.k),
         array_agg(w.doc::text ORDER BY w.k), coalesce(bool_or(o.overlaps), false)
  INTO set_ids, set_stored_last, set_docs, may_exist
  FROM wanted w
  LEFT JOIN series s ON s.metric_id = w.metric_id AND s.labels = w.doc
  LEFT JOIN new_series n ON n.metric_id = w.metric_id AND n.labels = w.doc
  LEFT JOIN LATERAL (SELECT max(p.ts) AS last_ts FROM points p WHERE p.series_id = s.id) l ON true
  LEFT JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM points p WHERE p.series_id = s.id
                                      AND p.ts >= w.first_ts AND p.ts <= w.last_ts) AS overlaps) o ON true;
  IF NOT may_exist AND cardinality(tss) > 0 THEN
    -- Every point is new: insert them all, with the seqs from first_seq on in their order, taken at
    -- once (under the writers' lock nothing else takes one). Every point is written, so first_seq
    -- alone says each request's count and top seq: the answer leaves them out.
    first_seq := nextval('change_seq');
    head := first_seq + cardinality(tss) - 1;
    IF head > first_seq THEN
      PERFORM setval('change_seq', head);
    END IF;
    INSERT INTO points (series_id, ts, value, source, seq, updated_at, token_id)
    SELECT set_ids[i.k], i.ts, i.value, coalesce(i.source, ''), first_seq + i.n - 1, now(), i.writer
    FROM unnest(point_sets, tss, vals, sources, writers) WITH ORDINALITY AS i(k, ts, value, source, writer, n);
    PERFORM pulseboard_notify_changes(head, cardinality(tss));
    RETURN NEXT;
    RETURN;
  END IF;
  -- V019's statement: points that exist are corrected (their old value kept in point_revisions)
  -- or, unchanged, skipped; a new point is inserted. Only a point not after its series' last point
  -- is looked up.
  WITH incoming AS (
    SELECT set_ids[i.k] AS series_id, i.ts, i.value, coalesce(i.source, p.source, '') AS source, i.writer,
           i.request, i.n, p.value AS old_value, p.source AS old_source, p.seq AS old_seq,
           p.token_id AS old_token_id, p.seq IS NOT NULL AS existed
    FROM unnest(point_sets, tss, vals, sources, writers, requests) WITH ORDINALITY
      AS i(k, ts, value, source, writer, request, n)
    LEFT JOIN LATERAL (
      SELECT p.value, p.source, p.seq, p.token_id FROM points p
      WHERE i.ts <= set_stored_last[i.k] AND p.series_id = set_ids[i.k] AND p.ts = i.ts OFFSET 0) p ON true
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
  ), listed AS (
    SELECT array_agg(c.n::int) AS point_list, array_agg(c.new_seq) AS seq_list, array_agg(c.source) AS source_list
    FROM changed c
  )
  SELECT array_agg(coalesce(r.n, 0) ORDER BY q.request), array_agg(r.top ORDER BY q.request),
         (SELECT l.point_list FROM listed l), (SELECT l.seq_list FROM listed l), (SELECT l.source_list FROM listed l)
  INTO counts, tops, change_points, change_seqs, change_sources
  FROM generate_series(0, coalesce((SELECT max(x) FROM unnest(requests) x), 0)) AS q(request)
  LEFT JOIN per_request r ON r.request = q.request;
  SELECT max(x) INTO head FROM unnest(tops) x;
  IF head IS NOT NULL THEN
    PERFORM pulseboard_notify_changes(head, (SELECT sum(x) FROM unnest(counts) x)::int);
  ELSE
    SELECT coalesce(max(p.seq), 0) INTO head FROM points p;
  END IF;
  written_counts := counts;
  top_seqs := array(SELECT coalesce(x, head) FROM unnest(tops) WITH ORDINALITY AS u(x, k) ORDER BY k);
  RETURN NEXT;
END;
$$;

-- One request's points by metric and label text per point, as before: the same call, with each
-- distinct metric and text one set, in the order of their first point.
CREATE OR REPLACE FUNCTION pulseboard_write_points(metric_ids text[], label_sets text[], tss timestamptz[],
                                                   vals float8[], sources text[], writer bigint)
RETURNS TABLE (written int, seq bigint)
LANGUAGE sql VOLATILE AS $$
  WITH given AS (
    SELECT u.metric_id, u.labels, u.ts, u.n FROM unnest(metric_ids, label_sets, tss) WITH ORDINALITY AS u(metric_id, labels, ts, n)
  ), sets AS (
    SELECT g.metric_id, g.labels, min(g.ts) AS first_ts, max(g.ts) AS last_ts,
           (row_number() OVER (ORDER BY min(g.n)))::int AS k
    FROM given g GROUP BY g.metric_id, g.labels
  )
  SELECT coalesce(r.written_counts[1], cardinality(metric_ids)),
         coalesce(r.top_seqs[1], r.first_seq + cardinality(metric_ids) - 1)
  FROM (SELECT array_agg(s.metric_id ORDER BY s.k) AS m, array_agg(s.labels ORDER BY s.k) AS l,
               array_agg(s.first_ts ORDER BY s.k) AS f, array_agg(s.last_ts ORDER BY s.k) AS t FROM sets s) s,
       (SELECT array_agg(s.k ORDER BY g.n) AS k FROM given g JOIN sets s USING (metric_id, labels)) p,
       pulseboard_write_point_requests(s.m, s.l, s.f, s.t, p.k, tss, vals, sources,
         array_fill(writer, ARRAY[cardinality(metric_ids)]), array_fill(0, ARRAY[cardinality(metric_ids)])) r
$$;

CREATE OR REPLACE FUNCTION pulseboard_roll_up_inserted_days() RETURNS trigger
LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  INSERT INTO point_days AS d (series_id, day, n, total, lo, hi, last_ts, last_value, max_seq)
  SELECT g.series_id, g.day, g.n, g.total, g.lo, g.hi, g.last_ts,
         (SELECT p.value FROM points p WHERE p.series_id = g.series_id AND p.ts = g.last_ts), g.max_seq
  FROM (SELECT c.series_id, date_bin(interval '1 day', c.ts, timestamptz '2000-01-01 00:00:00+00') AS day,
               count(*)::int AS n, sum(c.value) AS total, min(c.value) AS lo, max(c.value) AS hi,
               max(c.ts) AS last_ts, max(c.seq) AS max_seq
        FROM changed_points c GROUP BY 1, 2) g
  ON CONFLICT (series_id, day) DO UPDATE SET n = d.n + excluded.n, total = d.total + excluded.total,
    lo = least(d.lo, excluded.lo), hi = greatest(d.hi, excluded.hi),
    last_value = CASE WHEN excluded.last_ts > d.last_ts THEN excluded.last_value ELSE d.last_value END,
    last_ts = greatest(d.last_ts, excluded.last_ts), max_seq = greatest(d.max_seq, excluded.max_seq)
  -- As in V019: a day the statement's update trigger recomputed holds these rows already.
  WHERE d.max_seq < excluded.max_seq;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION pulseboard_roll_up_inserted_hours() RETURNS trigger
LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  INSERT INTO point_hours AS h (series_id, hour, n, total, lo, hi, last_ts, last_value, max_seq)
  SELECT g.series_id, g.hour, g.n, g.total, g.lo, g.hi, g.last_ts,
         (SELECT p.value FROM points p WHERE p.series_id = g.series_id AND p.ts = g.last_ts), g.max_seq
  FROM (SELECT c.series_id, date_bin(interval '1 hour', c.ts, timestamptz '2000-01-01 00:00:00+00') AS hour,
               count(*)::int AS n, sum(c.value) AS total, min(c.value) AS lo, max(c.value) AS hi,
               max(c.ts) AS last_ts, max(c.seq) AS max_seq
        FROM changed_points c GROUP BY 1, 2) g
  ON CONFLICT (series_id, hour) DO UPDATE SET n = h.n + excluded.n, total = h.total + excluded.total,
    lo = least(h.lo, excluded.lo), hi = greatest(h.hi, excluded.hi),
    last_value = CASE WHEN excluded.last_ts > h.last_ts THEN excluded.last_value ELSE h.last_value END,
    last_ts = greatest(h.last_ts, excluded.last_ts), max_seq = greatest(h.max_seq, excluded.max_seq)
  -- As in V019: an hour the statement's update trigger recomputed holds these rows already.
  WHERE h.max_seq < excluded.max_seq;
  RETURN NULL;
END;
$$;
