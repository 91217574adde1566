-- A call of a few new points costs PostgreSQL less. A one-point request is the common write (a
-- producer sending each event as it happens); group commit gathers a few such requests into one
-- call, whose fixed part under the writers' lock bounded them (docs/performance.md, "Small writes,
-- eighth pass"). Two parts of it did work the call did not need:
--
-- * The label-set lookup tried to insert every set's series (INSERT ... ON CONFLICT DO NOTHING in a
--   data-modifying CTE) and read each series' last time, used only when a point may exist. It now
--   reads the sets' series first, and runs V025's insert only when a set has none; the last times
--   are read only on the correction path.
-- * The notification (V023) read the call's changes back from points joined to series by their seq
--   range, in a function of its own. For a call of new points only, its changes are the call's
--   points, their seqs from first_seq in their order, their series' metric and stored labels those
--   of their set: the payload is now built from the call's arguments, the same byte for byte
--   (values as exact text: extra_float_digits = 3 is now set for the whole call, which formats no
--   other value as text). A call that corrects points notifies as before.
--
-- Measured in docs/performance.md ("Small writes, ninth pass"): 513 to 394 us a call of six points in
-- six series (pg_stat_statements), the lookup 125 to 49 us, the notification 54 to 32 us.
CREATE OR REPLACE FUNCTION pulseboard_write_point_requests(set_metrics text[], set_labels text[], set_first timestamptz[],
                                                set_last timestamptz[], point_sets int[], tss timestamptz[],
                                                vals float8[], sources text[], writers bigint[], requests int[])
RETURNS TABLE (written_counts int[], top_seqs bigint[], set_docs text[], first_seq bigint, change_points int[],
               change_seqs bigint[], change_sources text[])
LANGUAGE plpgsql VOLATILE SET jit = off SET plan_cache_mode = force_generic_plan SET extra_float_digits = 3 AS $$
DECLARE
  set_ids bigint[];
  set_stored_last timestamptz[];
  found_all boolean;
  may_exist boolean;
  payload text;
  counts int[];
  tops bigint[];
  head bigint;
BEGIN
  -- 0x70756c7365000002: the writers' lock.
  PERFORM pg_advisory_xact_lock(8103502347394613250);
  -- Each set's series, and whether a point of the series lies within the times of the set's
  -- points in this call. A set without a series (new) has none; its series is made below.
  SELECT array_agg(s.id ORDER BY w.k), array_agg(s.labels::text ORDER BY w.k), bool_and(s.id IS NOT NULL),
         coalesce(bool_or(EXISTS (SELECT 1 FROM points p WHERE p.series_id = s.id
                                    AND p.ts >= w.first_ts AND p.ts <= w.last_ts)), false)
  INTO set_ids, set_docs, found_all, may_exist
  FROM unnest(set_metrics, set_labels, set_first, set_last) WITH ORDINALITY AS w(metric_id, labels, first_ts, last_ts, k)
  LEFT JOIN series s ON s.metric_id = w.metric_id AND s.labels = w.labels::jsonb;
  IF NOT found_all THEN
    -- V025's lookup: the sets' series, made when new (a new one has no points).
    WITH wanted AS MATERIALIZED (
      SELECT w.metric_id, w.labels::jsonb AS doc, w.first_ts, w.last_ts, w.k
      FROM unnest(set_metrics, set_labels, set_first, set_last) WITH ORDINALITY AS w(metric_id, labels, first_ts, last_ts, k)
    ), new_series AS (
      INSERT INTO series (metric_id, labels)
      SELECT w.metric_id, w.doc FROM wanted w
      ON CONFLICT (metric_id, labels) DO NOTHING
      RETURNING series.id, series.metric_id, series.labels
    )
    SELECT array_agg(coalesce(s.id, n.id) ORDER BY w.k), array_agg(w.doc::text ORDER BY w.k),
           coalesce(bool_or(o.overlaps), false)
    INTO set_ids, set_docs, may_exist
    FROM wanted w
    LEFT JOIN series s ON s.metric_id = w.metric_id AND s.labels = w.doc
    LEFT JOIN new_series n ON n.metric_id = w.metric_id AND n.labels = w.doc
    LEFT JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM points p WHERE p.series_id = s.id
                                        AND p.ts >= w.first_ts AND p.ts <= w.last_ts) AS overlaps) o ON true;
  END IF;
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
    -- V023's notification, built from the call's points: they are its changes, in seq order.
    IF cardinality(tss) <= 32 THEN
      SELECT json_build_object('head', head, 'changes', json_agg(json_build_object(
               'seq', first_seq + i.n - 1, 'metric', set_metrics[i.k], 'labels', set_docs[i.k]::json,
               'ts', to_char(i.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               'value', i.value::text, 'source', coalesce(i.source, ''), 'token_id', i.writer) ORDER BY i.n))::text
      INTO payload
      FROM unnest(point_sets, tss, vals, sources, writers) WITH ORDINALITY AS i(k, ts, value, source, writer, n);
    END IF;
    IF payload IS NULL OR octet_length(payload) > 7000 THEN
      payload := head::text;
    END IF;
    PERFORM pg_notify('pulseboard_changes', payload);
    RETURN NEXT;
    RETURN;
  END IF;
  -- The time of each set's last point: only a point not after it can exist.
  set_stored_last := ARRAY(SELECT (SELECT max(p.ts) FROM points p WHERE p.series_id = x.id)
                           FROM unnest(set_ids) WITH ORDINALITY AS x(id, k) ORDER BY x.k);
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
