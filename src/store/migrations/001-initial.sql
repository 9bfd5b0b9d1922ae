-- Versioned JSON documents, grouped by collection. "id" uses the C collation so
-- that list({ prefix }) (LIKE 'prefix%') can walk the primary key index.
CREATE TABLE docs (
  collection text NOT NULL,
  id text COLLATE "C" NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  updated_at timestamptz NOT NULL,
  -- json, not jsonb: keeps key order and the exact text, as the embedded store does.
  data json NOT NULL,
  PRIMARY KEY (collection, id)
);

-- The audit trail. "at" stays text: it is the caller's string, returned as given.
CREATE TABLE audit (
  seq bigserial PRIMARY KEY,
  at text NOT NULL,
  actor text NOT NULL,
  subject text NOT NULL,
  field text NOT NULL,
  old json,
  new json,
  via text NOT NULL,
  outcome text CHECK (outcome IN ('applied', 'refused')),
  note text
);
CREATE INDEX audit_subject ON audit (subject, seq);
CREATE INDEX audit_actor ON audit (actor, seq);

-- Append-only at the database level: no role, the bot's included, can change
-- or remove a row through UPDATE, DELETE or TRUNCATE.
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- botbuilder's dialog and user state, with the eTag of the last write.
CREATE TABLE bot_state (
  key text PRIMARY KEY,
  etag text NOT NULL,
  value json NOT NULL
);
