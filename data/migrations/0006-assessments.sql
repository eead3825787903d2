-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 6: assessments (WHOQOL-BREF, client satisfaction, …). One row per
-- administration of an instrument: the answers as given (JSON TEXT: {"1": 4, "2": null, …}),
-- the scores computed by the instrument engine when it was completed (JSON TEXT, the same
-- shape as `polku-cli score`), its role in the plan (baseline or follow-up) and the plan it
-- belongs to (the plan module's stable UUID; TEXT, no foreign key, so that an assessment may
-- be entered before the plan exists or arrive by sync). A draft (status 'draft') is an
-- administration in progress: kept here, in the encrypted database, so that a home visit can
-- be resumed; it has no scores and `position` says which item to go back to.
-- Written for SQLite 3.15: no UPSERT, JSON1, window functions, RETURNING or generated
-- columns. Dates are YYYY-MM-DD (`date (x) IS x`); created/modified are stamps (ISO 8601,
-- UTC, milliseconds).

CREATE TABLE assessment (
  id                  TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created             TEXT NOT NULL,
  modified            TEXT NOT NULL,
  client_id           TEXT NOT NULL REFERENCES client (id),
  instrument_id       TEXT NOT NULL CHECK (length (instrument_id) > 0),
  instrument_version  TEXT NOT NULL CHECK (length (instrument_version) > 0),
  assessed_on         TEXT NOT NULL CHECK (date (assessed_on) IS assessed_on),
  role                TEXT NOT NULL CHECK (role IN ('baseline', 'follow-up')),
  plan_id             TEXT CHECK (plan_id IS NULL OR length (plan_id) = 36),
  status              TEXT NOT NULL CHECK (status IN ('draft', 'complete')),
  position            INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),
  answers             TEXT NOT NULL CHECK (length (answers) >= 2),
  scores              TEXT CHECK ((status = 'complete') = (scores IS NOT NULL)),
  CHECK (created <= modified)
);

CREATE INDEX assessment_client ON assessment (client_id, instrument_id, assessed_on, created);
CREATE INDEX assessment_plan ON assessment (plan_id);
CREATE INDEX assessment_status ON assessment (status);
