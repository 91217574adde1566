-- The global change sequence: every write of a point takes the next value.
CREATE SEQUENCE change_seq AS bigint;

-- A series is a metric plus a canonical label set (jsonb keeps one form per set).
CREATE TABLE series (
  id        bigserial PRIMARY KEY,
  metric_id text NOT NULL REFERENCES metrics (id) ON DELETE CASCADE,
  labels    jsonb NOT NULL DEFAULT '{}',
  UNIQUE (metric_id, labels)
);

-- The current value of each point; seq is the change that last wrote it.
CREATE TABLE points (
  series_id  bigint NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  ts         timestamptz NOT NULL,
  value      double precision NOT NULL,
  source     text NOT NULL DEFAULT '',
  seq        bigint NOT NULL UNIQUE,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (series_id, ts)
);

-- Values replaced by corrections, with the change that replaced them.
CREATE TABLE point_revisions (
  series_id   bigint NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  ts          timestamptz NOT NULL,
  value       double precision NOT NULL,
  source      text NOT NULL,
  seq         bigint NOT NULL,
  replaced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (series_id, ts, seq)
);
