-- API tokens, stored only as SHA-256 hashes.
CREATE TABLE api_tokens (
  id         bigserial PRIMARY KEY,
  role       text NOT NULL CHECK (role IN ('admin', 'read')),
  hash       bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
