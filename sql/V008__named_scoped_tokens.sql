-- Tokens as records: a name, scopes, an optional expiry, who made it, when it was last used and
-- when it was revoked. The secret itself is never stored: hash is its SHA-256.
-- Scopes (auth.Scope): admin, read, write, write:<metric id or prefix*>, board:<id>.
ALTER TABLE api_tokens
  ADD COLUMN name         text,
  ADD COLUMN scopes       text[],
  ADD COLUMN expires_at   timestamptz,
  ADD COLUMN created_by   text NOT NULL DEFAULT '',
  ADD COLUMN last_used_at timestamptz,
  ADD COLUMN revoked_at   timestamptz;
UPDATE api_tokens SET name = role || ' (generated at first start)', scopes = ARRAY[role], created_by = 'pulseboard';
ALTER TABLE api_tokens
  ALTER COLUMN name SET NOT NULL,
  ALTER COLUMN scopes SET NOT NULL,
  DROP COLUMN role,
  ADD CONSTRAINT api_tokens_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
  ADD CONSTRAINT api_tokens_some_scope CHECK (cardinality(scopes) >= 1);

-- Which token wrote each value, for "who changed this figure". No foreign key: tokens are
-- revoked, never deleted, and the write path stays one lookup lighter.
ALTER TABLE points ADD COLUMN token_id bigint;
ALTER TABLE point_revisions ADD COLUMN token_id bigint;
