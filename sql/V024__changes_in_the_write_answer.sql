-- The write answers with its changes. The change feed of the instance that wrote a commit read
-- its changes back from points after the NOTIFY, as every other instance does: a query per commit,
-- the largest part of a commit of many changes after the write itself (1.8 ms for 1 000 changes
-- against 7.7 ms for their write in pgbench, on two cores shared with the server). The write now
-- also returns the changes it made, in seq order, as the feed's read gives them (seq, metric,
-- labels as stored, time, value, source, writer), as arrays built from rows the call already holds
-- (about 0.5 ms for 1 000 in pgbench); the instance that wrote them publishes them when they
-- follow what its feed has published. The labels' stored text is made once per distinct label
-- set. A call of new points only takes its seqs as one range (one nextval and one setval under the
-- writers' lock) instead of a nextval per point (0.6 ms of 1 000 points). pulseboard_write_points
-- (V019) reads only the first two columns and is unchanged. Measured in docs/performance.md
-- ("Batch ingest, fifth pass").
DROP FUNCTION pulseboard_write_point_requests(text[], text[], timestamptz[], float8[], text[], bigint[], int[]);

CREATE FUNCTION pulseboard_write_point_requests(metric_ids text[], label_sets text[], tss timestamptz[],
                                                vals float8[], sources text[], writers bigint[], requests int[])
RETURNS TABLE (written_counts int[], top_seqs bigint[], change_seqs bigint[], change_metrics text[],
               change_labels text[], change_ts timestamptz[], change_values float8[], change_sources text[],
               change_writers bigint[])
LANGUAGE plpgsql VOLATILE SET jit = off SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  set_metrics text[];
  set_labels text[];
  set_ids bigint[];
  set_docs text[];
  set_last timestamptz[];
  may_exist boolean;
  counts int[];
  tops bigint[];
  head bigint;
  first_seq bigint;
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
         array_agg(w.doc::text), coalesce(bool_or(w.first_ts <= l.last_ts), false)
  INTO set_metrics, set_labels, set_ids, set_last, set_docs, may_exist
  FROM wanted w
  LEFT JOIN series s ON s.metric_id = w.metric_id AND s.labels = w.doc
  LEFT JOIN new_series n ON n.metric_id = w.metric_id AND n.labels = w.doc
  LEFT JOIN LATERAL (SELECT max(p.ts) AS last_ts FROM points p WHERE p.series_id = s.id) l ON true;
  IF NOT may_exist THEN
    -- Every point is new: insert them all, with the seqs from first_seq on, taken at once (under
    -- the writers' lock nothing else takes one) rather than by a nextval per point.
    first_seq := nextval('change_seq');
    IF cardinality(metric_ids) > 1 THEN
      PERFORM setval('change_seq', first_seq + cardinality(metric_ids) - 1);
    END IF;
    WITH changed AS MATERIALIZED (
      SELECT f.id AS series_id, i.metric_id, f.doc, i.ts, i.value, coalesce(i.source, '') AS source, i.writer,
             i.request, first_seq + i.n - 1 AS new_seq
      FROM unnest(metric_ids, label_sets, tss, vals, sources, writers, requests) WITH ORDINALITY
        AS i(metric_id, labels, ts, value, source, writer, request, n)
      JOIN unnest(set_metrics, set_labels, set_ids, set_docs) AS f(metric_id, labels, id, doc)
        ON f.metric_id = i.metric_id AND f.labels = i.labels
    ), inserted AS (
      INSERT INTO points (series_id, ts, value, source, seq, updated_at, token_id)
      SELECT c.series_id, c.ts, c.value, c.source, c.new_seq, now(), c.writer FROM changed c
    ), per_request AS (
      SELECT c.request, count(*)::int AS n, max(c.new_seq) AS top FROM changed c GROUP BY c.request
    ), listed AS (
      SELECT array_agg(c.new_seq) AS seq_list, array_agg(c.metric_id) AS metric_list,
             array_agg(c.doc) AS doc_list, array_agg(c.ts) AS ts_list,
             array_agg(c.value) AS value_list, array_agg(c.source) AS source_list,
             array_agg(c.writer) AS writer_list
      FROM changed c
    )
    SELECT array_agg(coalesce(r.n, 0) ORDER BY q.request), array_agg(r.top ORDER BY q.request),
           (SELECT l.seq_list FROM listed l), (SELECT l.metric_list FROM listed l), (SELECT l.doc_list FROM listed l),
           (SELECT l.ts_list FROM listed l), (SELECT l.value_list FROM listed l), (SELECT l.source_list FROM listed l),
           (SELECT l.writer_list FROM listed l)
    INTO counts, tops, change_seqs, change_metrics, change_labels, change_ts, change_values, change_sources,
         change_writers
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
      SELECT * FROM unnest(set_metrics, set_labels, set_ids, set_last, set_docs) AS f(metric_id, labels, id, last_ts, doc)
    ), incoming AS (
      SELECT f.id AS series_id, i.metric_id, f.doc, i.ts, i.value, coalesce(i.source, p.source, '') AS source,
             i.writer, i.request,
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
    ), listed AS (
      SELECT array_agg(c.new_seq) AS seq_list, array_agg(c.metric_id) AS metric_list,
             array_agg(c.doc) AS doc_list, array_agg(c.ts) AS ts_list,
             array_agg(c.value) AS value_list, array_agg(c.source) AS source_list,
             array_agg(c.writer) AS writer_list
      FROM changed c
    )
    SELECT array_agg(coalesce(r.n, 0) ORDER BY q.request), array_agg(r.top ORDER BY q.request),
           (SELECT l.seq_list FROM listed l), (SELECT l.metric_list FROM listed l), (SELECT l.doc_list FROM listed l),
           (SELECT l.ts_list FROM listed l), (SELECT l.value_list FROM listed l), (SELECT l.source_list FROM listed l),
           (SELECT l.writer_list FROM listed l)
    INTO counts, tops, change_seqs, change_metrics, change_labels, change_ts, change_values, change_sources,
         change_writers
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
