-- pulseboard_write_points (V006) again, now also taking the id of the token that writes
-- (writer; null for the server's own writes: the seeded figures, the demo feed). Each changed
-- point keeps it in points.token_id, and a replaced value keeps the token_id it had in
-- point_revisions, so "who changed this figure" has an answer. Everything else is as in V006:
-- the writers' lock, one statement for the batch, NOTIFY 'pulseboard_changes' with the top seq.
-- The five-argument function is dropped, so no caller can write without saying who writes.
DROP FUNCTION pulseboard_write_points(text[], text[], timestamptz[], float8[], text[]);

CREATE FUNCTION pulseboard_write_points(metric_ids text[], label_sets text[], tss timestamptz[],
                                        vals float8[], sources text[], writer bigint)
RETURNS TABLE (written int, seq bigint)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  n int;
  top bigint;
BEGIN
  -- 0x70756c7365000002: the writers' lock.
  PERFORM pg_advisory_xact_lock(8103502347394613250);
  WITH input AS (
    SELECT t.metric_id, t.labels::jsonb AS labels, t.ts, t.value, t.source
    FROM unnest(metric_ids, label_sets, tss, vals, sources) AS t(metric_id, labels, ts, value, source)
  ), new_series AS (
    INSERT INTO series (metric_id, labels)
    SELECT DISTINCT i.metric_id, i.labels FROM input i
    ON CONFLICT (metric_id, labels) DO NOTHING
    RETURNING series.id, series.metric_id, series.labels
  ), all_series AS (
    SELECT n.id, n.metric_id, n.labels FROM new_series n
    UNION ALL
    SELECT s.id, s.metric_id, s.labels FROM series s
    WHERE (s.metric_id, s.labels) IN (SELECT i.metric_id, i.labels FROM input i)
  ), incoming AS (
    SELECT s.id AS series_id, i.ts, i.value, coalesce(i.source, p.source, '') AS source,
           p.value AS old_value, p.source AS old_source, p.seq AS old_seq, p.token_id AS old_token_id,
           p.seq IS NOT NULL AS existed
    FROM input i
    JOIN all_series s ON s.metric_id = i.metric_id AND s.labels = i.labels
    LEFT JOIN points p ON p.series_id = s.id AND p.ts = i.ts
  ), changed AS (
    SELECT * FROM incoming c
    WHERE NOT c.existed OR c.old_value IS DISTINCT FROM c.value OR c.old_source IS DISTINCT FROM c.source
  ), revised AS (
    INSERT INTO point_revisions (series_id, ts, value, source, seq, token_id)
    SELECT c.series_id, c.ts, c.old_value, c.old_source, c.old_seq, c.old_token_id FROM changed c WHERE c.existed
  ), done AS (
    INSERT INTO points AS p (series_id, ts, value, source, seq, updated_at, token_id)
    SELECT c.series_id, c.ts, c.value, c.source, nextval('change_seq'), now(), writer FROM changed c
    ON CONFLICT (series_id, ts) DO UPDATE SET value = excluded.value, source = excluded.source,
      seq = excluded.seq, updated_at = excluded.updated_at, token_id = excluded.token_id
    RETURNING p.seq
  )
  SELECT count(*)::int, max(d.seq) INTO n, top FROM done d;
  IF n > 0 THEN
    PERFORM pg_notify('pulseboard_changes', top::text);
  ELSE
    SELECT coalesce(max(p.seq), 0) INTO top FROM points p;
  END IF;
  written := n;
  seq := top;
  RETURN NEXT;
END;
$$;
