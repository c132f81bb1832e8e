-- Red-team runs: each attempt's outcome is stored when judged, so a run killed mid-way resumes
-- without redoing what it finished, and several workers can share one run.

CREATE TABLE redteam_runs (
  id uuid PRIMARY KEY,
  target text NOT NULL,
  seed bigint NOT NULL,
  -- What the run was asked to do (strategies, categories, limit, judge): a resumed run must match it.
  config jsonb NOT NULL,
  created timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE redteam_attempts (
  run uuid NOT NULL REFERENCES redteam_runs (id) ON DELETE CASCADE,
  key text NOT NULL,
  behavior_id text NOT NULL,
  category text NOT NULL,
  severity smallint NOT NULL CHECK (severity BETWEEN 1 AND 5),
  strategy text NOT NULL,
  prompt text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'error')),
  response text,
  judge text,
  reason text,
  error text,
  guard_explanation text,
  finished timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run, key)
);

CREATE TABLE redteam_controls (
  run uuid NOT NULL REFERENCES redteam_runs (id) ON DELETE CASCADE,
  id text NOT NULL,
  prompt text NOT NULL,
  refused boolean NOT NULL,
  error text,
  PRIMARY KEY (run, id)
);
