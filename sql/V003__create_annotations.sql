-- Events worth marking on charts.
CREATE TABLE annotations (
  id          bigserial PRIMARY KEY,
  ts          timestamptz NOT NULL,
  title       text NOT NULL,
  description text NOT NULL DEFAULT '',
  metrics     text[] NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX annotations_ts ON annotations (ts);
