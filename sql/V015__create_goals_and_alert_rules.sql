-- Goals per series, alert rules, and the state of each rule on each series with its history.
--
-- A goal belongs to a metric and a label set; a series takes the goal whose labels it contains
-- with the most label pairs, else its metric's old single `goal` number (the default goal).
CREATE TABLE goals (
  id bigserial PRIMARY KEY,
  metric_id text NOT NULL REFERENCES metrics (id) ON DELETE CASCADE,
  labels jsonb NOT NULL DEFAULT '{}',
  target double precision NOT NULL,
  direction text NOT NULL CHECK (direction IN ('higher', 'lower')),
  due date,
  baseline_value double precision,
  baseline_date date,
  band_warn double precision,
  band_critical double precision,
  band_unit text NOT NULL DEFAULT 'fraction' CHECK (band_unit IN ('fraction', 'value')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (metric_id, labels),
  CHECK ((baseline_value IS NULL) = (baseline_date IS NULL))
);

CREATE TABLE alert_rules (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  metric_id text NOT NULL REFERENCES metrics (id) ON DELETE CASCADE,
  -- The series a rule watches: those whose labels contain these.
  labels jsonb NOT NULL DEFAULT '{}',
  kind text NOT NULL CHECK (kind IN ('threshold', 'goal_met', 'goal_band', 'change', 'missed_update')),
  above double precision,
  below double precision,
  band text CHECK (band IN ('warn', 'critical')),
  pct double precision,
  way text CHECK (way IN ('either', 'up', 'down')),
  -- An ISO-8601 duration, as given (PostgreSQL reads it as an interval).
  grace text,
  -- Ids of channels (V014), checked when the rule is written; a deleted channel drops out.
  channels bigint[] NOT NULL DEFAULT '{}',
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX alert_rules_metric ON alert_rules (metric_id);

-- The state of a rule on one series. `transition` counts its transitions so far; claiming the
-- next one is a compare-and-set on it, and alert_transitions' unique key makes it once-only
-- however many instances try.
CREATE TABLE alerts (
  id bigserial PRIMARY KEY,
  rule_id bigint NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
  series_id bigint NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  series_key text NOT NULL,
  state text NOT NULL DEFAULT 'ok' CHECK (state IN ('ok', 'firing', 'resolved')),
  transition bigint NOT NULL DEFAULT 0,
  since timestamptz NOT NULL DEFAULT now(),
  value double precision,
  summary text NOT NULL DEFAULT '',
  UNIQUE (rule_id, series_id)
);

CREATE INDEX alerts_series ON alerts (series_id);
CREATE INDEX alerts_firing ON alerts (rule_id) WHERE state = 'firing';

CREATE TABLE alert_transitions (
  alert_id bigint NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  rule_id bigint NOT NULL,
  series_key text NOT NULL,
  transition bigint NOT NULL,
  state text NOT NULL CHECK (state IN ('firing', 'resolved')),
  value double precision,
  summary text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (alert_id, transition),
  -- The claim: one row per rule, series and transition, whoever evaluates.
  UNIQUE (rule_id, series_key, transition)
);

-- A counter every change of goals, rules or metric definitions moves, so each instance reloads
-- its cached goals and rules with one tiny query instead of re-reading them all the time.
CREATE TABLE alert_config (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version bigint NOT NULL
);
INSERT INTO alert_config (version) VALUES (1);

CREATE FUNCTION pulseboard_alert_config_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE alert_config SET version = version + 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER goals_changed AFTER INSERT OR UPDATE OR DELETE ON goals
  FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_alert_config_changed();
CREATE TRIGGER alert_rules_changed AFTER INSERT OR UPDATE OR DELETE ON alert_rules
  FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_alert_config_changed();
CREATE TRIGGER metrics_changed_for_alerts AFTER INSERT OR UPDATE OR DELETE ON metrics
  FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_alert_config_changed();

-- The missed-update sweep's lease: each period one instance moves swept_at and does the sweep;
-- the others find it moved and skip theirs.
CREATE TABLE alert_sweep (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  swept_at timestamptz NOT NULL
);
INSERT INTO alert_sweep (swept_at) VALUES ('-infinity');
