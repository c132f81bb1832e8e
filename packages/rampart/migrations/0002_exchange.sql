-- The exchange: organisations, their members and API keys, sharing groups, advisories with their
-- history, sightings, and the nonces that make signed submissions single-use.
-- Ids are UUIDs made by the application, so an advisory keeps its id across nodes.

-- One row; every publish, amend, retract and sighting takes the next seq from it inside its own
-- transaction. Its row lock makes those transactions commit in seq order, so a reader paging
-- "after seq N" never skips a row that commits later with a smaller seq (a SEQUENCE would allow that).
CREATE TABLE exchange_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  seq bigint NOT NULL CHECK (seq >= 0)
);
INSERT INTO exchange_head (singleton, seq) VALUES (true, 0);

CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  -- The organisation's Ed25519 verifier key in C2SP signed-note form: what its submissions are checked with.
  signing_key text NOT NULL,
  created timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
  id uuid PRIMARY KEY,
  org uuid NOT NULL REFERENCES organisations (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org, name)
);

-- Keys are shown once and stored as their SHA-256 only: a leaked table does not leak usable keys.
CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  member uuid NOT NULL REFERENCES members (id),
  -- The key's first 8 characters, so a person can tell their keys apart in a listing.
  prefix text NOT NULL CHECK (length(prefix) = 8),
  sha256 bytea NOT NULL UNIQUE CHECK (length(sha256) = 32),
  created timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE sharing_groups (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  created timestamptz NOT NULL DEFAULT now()
);

-- "group" is a reserved word, hence group_id.
CREATE TABLE group_members (
  group_id uuid NOT NULL REFERENCES sharing_groups (id),
  org uuid NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (group_id, org)
);
CREATE INDEX group_members_org ON group_members (org);

-- The current version of each advisory, at the seq of its latest change: a feed page lists each once.
CREATE TABLE advisories (
  id uuid PRIMARY KEY,
  seq bigint NOT NULL UNIQUE CHECK (seq > 0),
  version integer NOT NULL CHECK (version >= 1),
  creator_org uuid NOT NULL REFERENCES organisations (id),
  tlp text NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  -- Named recipient organisations and sharing groups; arrays, as they are read whole with the advisory.
  recipients uuid[] NOT NULL DEFAULT '{}',
  groups uuid[] NOT NULL DEFAULT '{}',
  embargo_until timestamptz,
  retracted boolean NOT NULL DEFAULT false,
  content jsonb NOT NULL,
  created timestamptz NOT NULL,
  modified timestamptz NOT NULL
);
-- modified is taken under the head lock, so it grows with seq: added_after maps onto the seq order.
CREATE INDEX advisories_modified ON advisories (modified);
CREATE INDEX advisories_creator_org ON advisories (creator_org, seq);

-- Every version ever published, amended or retracted: amendments keep history.
CREATE TABLE advisory_versions (
  id uuid NOT NULL REFERENCES advisories (id),
  version integer NOT NULL CHECK (version >= 1),
  seq bigint NOT NULL UNIQUE CHECK (seq > 0),
  content jsonb NOT NULL,
  -- {tlp, recipients, groups, embargoUntil} as they were at this version.
  distribution jsonb NOT NULL,
  retracted boolean NOT NULL,
  modified timestamptz NOT NULL,
  by_org uuid NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (id, version)
);

CREATE TABLE sightings (
  id uuid PRIMARY KEY,
  advisory uuid NOT NULL REFERENCES advisories (id),
  org uuid NOT NULL REFERENCES organisations (id),
  kind text NOT NULL CHECK (kind IN ('seen', 'true-positive', 'false-positive', 'expired')),
  note text CHECK (length(note) <= 5000),
  signature_ids text[] NOT NULL DEFAULT '{}',
  created timestamptz NOT NULL,
  seq bigint NOT NULL UNIQUE CHECK (seq > 0)
);
CREATE INDEX sightings_advisory ON sightings (advisory, seq);

-- A nonce is claimed in the same transaction as the write it authorises, so a replay changes nothing.
CREATE TABLE submission_nonces (
  org uuid NOT NULL REFERENCES organisations (id),
  nonce text NOT NULL CHECK (length(nonce) BETWEEN 1 AND 200),
  issued_at timestamptz NOT NULL,
  PRIMARY KEY (org, nonce)
);
-- Pruning drops nonces older than the submission window: they could not be replayed anyway.
CREATE INDEX submission_nonces_issued_at ON submission_nonces (issued_at);
