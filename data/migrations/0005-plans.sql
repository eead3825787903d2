-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 5: the shared care-and-service plan (yhteinen hoito- ja palvelusuunnitelma).
-- One plan per client. The plan is a self-contained JSON document (TEXT, parsed by json-glib,
-- shape and rules in src/core/polku-plan.c) with stable UUIDs for every goal and action: the
-- unit that syncs. Every saved change is a new, immutable row of plan_version; restoring an
-- earlier version makes a new version too. plan_draft keeps what the editor has typed but
-- not saved yet, so that a crash or a dead battery loses nothing.

CREATE TABLE plan (
  id               TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created          TEXT NOT NULL,
  modified         TEXT NOT NULL,
  client_id        TEXT NOT NULL UNIQUE REFERENCES client (id),
  language         TEXT NOT NULL CHECK (language IN ('fi', 'sv')),
  current_version  INTEGER NOT NULL CHECK (current_version > 0)
);

CREATE TABLE plan_version (
  id             TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created        TEXT NOT NULL,
  modified       TEXT NOT NULL,
  plan_id        TEXT NOT NULL REFERENCES plan (id),
  version        INTEGER NOT NULL CHECK (version > 0),
  author         TEXT NOT NULL CHECK (length (author) > 0),
  -- 'create', 'edit' (the editor), 'patch' (a JSON merge patch), 'restore', 'template'
  origin         TEXT NOT NULL CHECK (origin IN ('create', 'edit', 'patch', 'restore',
                                                 'template')),
  restored_from  INTEGER CHECK (restored_from IS NULL OR restored_from > 0),
  document       TEXT NOT NULL CHECK (length (document) > 1),
  UNIQUE (plan_id, version),
  CHECK ((origin = 'restore') = (restored_from IS NOT NULL))
);

CREATE INDEX plan_version_plan ON plan_version (plan_id, version);

-- Versions are history: never changed, never removed.
CREATE TRIGGER plan_version_no_update BEFORE UPDATE ON plan_version
BEGIN
  SELECT RAISE (ABORT, 'plan versions cannot be changed');
END;

CREATE TRIGGER plan_version_no_delete BEFORE DELETE ON plan_version
BEGIN
  SELECT RAISE (ABORT, 'plan versions cannot be removed');
END;

-- The editor's unsaved work, one per client; base_version is the version it started from
-- (NULL for a plan not saved yet).
CREATE TABLE plan_draft (
  id            TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created       TEXT NOT NULL,
  modified      TEXT NOT NULL,
  client_id     TEXT NOT NULL UNIQUE REFERENCES client (id),
  base_version  INTEGER CHECK (base_version IS NULL OR base_version > 0),
  author        TEXT NOT NULL CHECK (length (author) > 0),
  document      TEXT NOT NULL CHECK (length (document) > 1)
);
