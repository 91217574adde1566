-- A series may only carry label keys its metric declares. Writers check this before they write,
-- but against the definition they read before taking the writers' lock; a PUT that drops a key
-- (MetricRepository, under the same lock) can commit in between. This trigger repeats the check
-- inside the write, where the definition read is the one in force: a PUT that dropped the key
-- has committed before the writer got the lock, or waits for the writer to commit and then sees
-- the series. AFTER INSERT fires only for series actually created, not for every existing series
-- a batch names, so steady ingest pays nothing.
CREATE FUNCTION pulseboard_check_series_labels() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  undeclared text;
BEGIN
  SELECT k INTO undeclared
  FROM metrics m, jsonb_object_keys(NEW.labels) AS k
  WHERE m.id = NEW.metric_id AND NOT (k = ANY (m.labels))
  LIMIT 1;
  IF undeclared IS NOT NULL THEN
    RAISE EXCEPTION 'metric % no longer declares the label key %', NEW.metric_id, undeclared
      USING ERRCODE = 'check_violation', CONSTRAINT = 'series_labels_declared';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER series_labels_declared AFTER INSERT OR UPDATE OF metric_id, labels ON series
  FOR EACH ROW EXECUTE FUNCTION pulseboard_check_series_labels();
