-- A notification that carries its changes. Every instance's change feed read the changes of each
-- commit back from points after its NOTIFY, a query per commit per instance, and a millisecond
-- between a commit and its fan-out. A commit of a few changes now sends them in the payload of
-- 'pulseboard_changes', read inside the writing transaction (under the writers' lock, so the seqs
-- from head - changed + 1 to head are exactly this call's changes), as
--   {"head": <top seq>, "changes": [{"seq", "metric", "labels", "ts", "value", "source", "token_id"}, ...]}
-- in seq order, times in UTC with microseconds, values as exact text (extra_float_digits; -0 kept,
-- which a JSON number would lose). A feed that has published up to the seq before the first takes
-- them as they are; any other feed reads as before. More than 32 changes, or a payload over 7 000
-- bytes (NOTIFY takes 8 000), send the top seq alone, as before. pulseboard_write_point_requests is V022's, but for the call that notifies.
CREATE OR REPLACE FUNCTION pulseboard_notify_changes(head bigint, changed int) RETURNS void
LANGUAGE plpgsql VOLATILE SET extra_float_digits = 3 AS $$
DECLARE
  payload text;
  carried int;
BEGIN
  IF changed BETWEEN 1 AND 32 THEN
    SELECT json_build_object('head', head, 'changes', json_agg(json_build_object(
             'seq', p.seq, 'metric', s.metric_id, 'labels', s.labels,
             'ts', to_char(p.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
             'value', p.value::text, 'source', p.source, 'token_id', p.token_id) ORDER BY p.seq))::text,
           count(*)
    INTO payload, carried
    FROM points p JOIN series s ON s.id = p.series_id
    WHERE p.seq BETWEEN head - changed + 1 AND head;
  END IF;
  IF payload IS NULL OR carried <> changed OR octet_length(payload) > 7000 THEN
    payload := head::text;
  END IF;
  PERFORM pg_notify('pulseboard_changes', payload);
END;
$$;

CREATE OR REPLACE FUNCTION pulseboard_write_point_requests(metric_ids text[], label_sets text[], tss timestamptz[],
                                                           vals float8[], sources text[], writers bigint[], requests int[])
RETURNS TABLE (written_counts int[], top_seqs bigint[])
LANGUAGE plpgsql VOLATILE SET jit = off SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  set_metrics text[];
  set_labels text[];
  set_ids bigint[];
  set_last timestamptz[];
  may_exist boolean;
  counts int[];
  tops bigint[];
  head bigint;
BEGIN
  -- 0x70756c7365000002: the writers' lock.
  PERFORM pg_advisory_xact_lock(8103502347394613250);
  -- Each distinct label set's series (made when new; a new one has no points), the time of its
  -- last point, and whether any point of the call is not after it: only such a point can exist.
  WITH wanted AS MATERIALIZED (
    SELECT t.metric_id, t.labels, t.labels::jsonb AS doc, t.first_ts
    FROM (SELECT u.metric_id, u.labels, min(u.ts) AS first_ts
          FROM unnest(metric_ids, label_sets, tss) AS u(metric_id, labels, ts) GROUP BY u.metric_id, u.labels) t
  ), new_series AS (
    INSERT INTO series (metric_id, labels)
    SELECT w.metric_id, w.doc FROM wanted w
    ON CONFLICT (metric_id, labels) DO NOTHING
    RETURNING series.id, series.metric_id, series.labels
  )
  SELECT array_agg(w.metric_id), array_agg(w.labels), array_agg(coalesce(s.id, n.id)), array_agg(l.last_ts),
         coalesce(bool_or(w.first_ts <= l.last_ts), false)
  INTO set_metrics, set_labels, set_ids, set_last, may_exist
  FROM wanted w
  LEFT JOIN series s ON s.metric_id = w.metric_id AND s.labels = w.doc
  LEFT JOIN new_series n ON n.metric_id = w.metric_id AND n.labels = w.doc
  LEFT JOIN LATERAL (SELECT max(p.ts) AS last_ts FROM points p WHERE p.series_id = s.id) l ON true;
  IF NOT may_exist THEN
    -- Every point is new: insert them all.
    WITH changed AS MATERIALIZED (
      SELECT f.id AS series_id, i.ts, i.value, coalesce(i.source, '') AS source, i.writer, i.request,
             nextval('change_seq') AS new_seq
      FROM unnest(metric_ids, label_sets, tss, vals, sources, writers, requests)
        AS i(metric_id, labels, ts, value, source, writer, request)
      JOIN unnest(set_metrics, set_labels, set_ids) AS f(metric_id, labels, id)
        ON f.metric_id = i.metric_id AND f.labels = i.labels
    ), inserted AS (
      INSERT INTO points (series_id, ts, value, source, seq, updated_at, token_id)
      SELECT c.series_id, c.ts, c.value, c.source, c.new_seq, now(), c.writer FROM changed c
    ), per_request AS (
      SELECT c.request, count(*)::int AS n, max(c.new_seq) AS top FROM changed c GROUP BY c.request
    )
    SELECT array_agg(coalesce(r.n, 0) ORDER BY q.request), array_agg(r.top ORDER BY q.request)
    INTO counts, tops
    FROM generate_series(0, coalesce((SELECT max(x) FROM unnest(requests) x), 0)) AS q(request)
    LEFT JOIN per_request r ON r.request = q.request;
  ELSE
    -- V019's statement, with the series found above: points that exist are corrected (their old
    -- value kept in point_revisions) or, unchanged, skipped.
    WITH input AS MATERIALIZED (
      SELECT t.metric_id, t.labels, t.ts, t.value, t.source, t.writer, t.request
      FROM unnest(metric_ids, label_sets, tss, vals, sources, writers, requests)
        AS t(metric_id, labels, ts, value, source, writer, request)
    ), found AS (
      SELECT * FROM unnest(set_metrics, set_labels, set_ids, set_last) AS f(metric_id, labels, id, last_ts)
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
  END IF;
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
