-- The foreign key from points to series goes, with what it guaranteed kept another way; and the
-- metrics table tells every instance when a definition changes.
--
-- 1. The key was the largest cost left in a write of new points (docs/performance.md, "Batch
--    ingest": the same calls of 1 000 points ran 27-42 ms without it against 49-70 ms with it):
--    one RI check per inserted row. What it guaranteed is that no point outlives its series,
--    also when a metric is deleted while a writer writes. That is kept by the writers' lock:
--    a statement that deletes metrics or series first takes the lock every write takes, so no
--    write is between its lock and its commit, and the series' points are deleted with them by
--    the trigger below. A writer that got the lock first has committed its points before the
--    delete goes on (the cascade to series and the delete of points read what is committed by
--    then); a writer that waits for the lock finds the metric gone (its new series is refused by
--    the key from series to metrics) or the series gone (it creates a new one). Points are
--    written only by pulseboard_write_point_requests, which finds their series under the lock.
-- 2. NOTIFY 'pulseboard_metrics' after every statement that changes metrics, so that each
--    instance drops the metric definitions it keeps in memory to check writes against.

-- Taken before any row is deleted: a writer holding the lock may be inserting a series of the
-- metric (its key check waits for the metric's row), so the lock must come first.
CREATE FUNCTION pulseboard_lock_writers() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- 0x70756c7365000002: the writers' lock.
  PERFORM pg_advisory_xact_lock(8103502347394613250);
  RETURN NULL;
END;
$$;

CREATE TRIGGER metrics_delete_locks_writers BEFORE DELETE ON metrics
  FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_lock_writers();
CREATE TRIGGER series_delete_locks_writers BEFORE DELETE ON series
  FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_lock_writers();

CREATE FUNCTION pulseboard_delete_series_points() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(8103502347394613250);
  DELETE FROM points p USING gone_series g WHERE p.series_id = g.id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER series_delete_points AFTER DELETE ON series REFERENCING OLD TABLE AS gone_series
  FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_delete_series_points();

ALTER TABLE points DROP CONSTRAINT points_series_id_fkey;

CREATE FUNCTION pulseboard_notify_metrics() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('pulseboard_metrics', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER metrics_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON metrics
  FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_notify_metrics();

-- TRUNCATE does not fire delete triggers; a truncate of series (or of metrics, cascading to it)
-- empties points as the key's cascade did.
CREATE FUNCTION pulseboard_truncate_points() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE points;
  RETURN NULL;
END;
$$;

CREATE TRIGGER series_truncate_points AFTER TRUNCATE ON series
  FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_truncate_points();
