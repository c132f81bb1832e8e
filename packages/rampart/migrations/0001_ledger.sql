-- The ledger: one append-only RFC 9162 Merkle log per store.

-- One row; its lock serialises appends from every node sharing the database.
CREATE TABLE ledger_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  size bigint NOT NULL CHECK (size >= 0),
  -- The verifier key of the first signed tree head: a log never changes key silently.
  log_key text
);
INSERT INTO ledger_head (singleton, size) VALUES (true, 0);

CREATE TABLE ledger_entries (
  idx bigint PRIMARY KEY CHECK (idx >= 0),
  leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32),
  entry bytea NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now()
);
-- An entry is logged once: appending it again returns its first index.
CREATE UNIQUE INDEX ledger_entries_leaf_hash ON ledger_entries (leaf_hash);

-- Hashes of complete aligned subtrees (level 0 = leaves), written when a subtree completes,
-- so every proof reads O(log n) rows.
CREATE TABLE ledger_nodes (
  level smallint NOT NULL CHECK (level BETWEEN 0 AND 62),
  idx bigint NOT NULL CHECK (idx >= 0),
  hash bytea NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (level, idx)
);

-- Every signed tree head the log has issued, as C2SP checkpoint notes.
CREATE TABLE ledger_checkpoints (
  size bigint PRIMARY KEY CHECK (size >= 0),
  root bytea NOT NULL CHECK (length(root) = 32),
  note text NOT NULL,
  signed_at timestamptz NOT NULL DEFAULT now()
);
