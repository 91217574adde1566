-- Writes of new points skip what only corrections need. Every guarantee of V019 is kept: the
-- writers' lock, all or nothing per call, idempotent writes, revisions of corrected points, a new
-- seq per changed point, NOTIFY 'pulseboard_changes' with the top seq.
--
-- V019 wrote every call with one statement that also held the UPDATE of corrected points and
-- the INSERT of their revisions. An UPDATE fires the statement triggers of point_days and
-- point_hours even when it changes no row, and the statement looked up the points of every label
-- set. Live data is appended: the usual call holds only points after the last point of their
-- series. The call now finds its series first (made when new, with the time of each one's last
-- point and of the call's first point for it) and, when no point of the call can exist already,
-- writes them with a plain INSERT; otherwise with V019's statement, unchanged. Labels are cast to
-- jsonb once per distinct label set, not once per point. The plan of each statement is made once
-- per connection (plan_cache_mode), not at every call. Measured in docs/performance.md
-- ("Batch ingest, third pass").
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
    PERFORM pg_notify('pulseboard_changes', head::text);
  ELSE
    SELECT coalesce(max(p.seq), 0) INTO head FROM points p;
  END IF;
  written_counts := counts;
  top_seqs := array(SELECT coalesce(x, head) FROM unnest(tops) WITH ORDINALITY AS u(x, k) ORDER BY k);
  RETURN NEXT;
END;
$$;
