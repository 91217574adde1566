-- Tracked metrics: what is measured, in which unit, and which label keys its series may carry.
CREATE TABLE metrics (
  id          text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9_]{0,62}$'),
  name        text NOT NULL,
  unit        text NOT NULL,
  description text NOT NULL DEFAULT '',
  labels      text[] NOT NULL DEFAULT '{}',
  cadence     text NOT NULL CHECK (cadence ~ '^P'),
  display     text NOT NULL CHECK (display IN ('number', 'multiple', 'percent')),
  goal        double precision,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
