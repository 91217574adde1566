-- Boards: dashboards people compose (db.Board, docs/boards.md). The sections and their tiles are
-- kept as the API gives them (jsonb), checked against the metrics by the server before they are
-- written. version grows by one on every save; a deleted board stays as a tombstone (deleted_at
-- set, sections emptied), so a board made again under the same id continues its versions and a
-- client that kept the old ETag, or applies events by version, never takes the new board for an
-- older one. updated_by is the id of the token that saved it (no foreign key: tokens are revoked,
-- never deleted); null for the seeded boards. The id 'all' is the generated board's, never stored.
CREATE TABLE boards (
  id         text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$' AND id <> 'all'),
  title      jsonb NOT NULL CHECK (jsonb_typeof(title) = 'object' AND title ? 'en'),
  sections   jsonb NOT NULL CHECK (jsonb_typeof(sections) = 'array'),
  version    bigint NOT NULL CHECK (version >= 1),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint,
  deleted_at timestamptz
);
