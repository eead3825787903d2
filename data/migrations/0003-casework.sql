-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 3: case work. One case per client with its phase history, the warning
-- signs (herätteet) that identified the client, consents with their structured scope,
-- the multi-professional team with exactly one responsible worker at a time, follow-up
-- tasks and free-text notes.
-- Written for SQLite 3.15: no UPSERT, JSON1, window functions, RETURNING or generated
-- columns (partial indexes are fine: SQLite has them since 3.8).
-- Dates are ISO 8601 calendar dates, YYYY-MM-DD: `date (x, '+0 days') IS x` (plain date ()
-- lets impossible days such as 02-30 through). created/modified are stamps (ISO 8601, UTC,
-- milliseconds). Who did something is the store's actor.
-- History is never deleted: triggers refuse DELETE everywhere and UPDATE of the phase
-- history; a consent may only be updated once, to record its withdrawal.

CREATE TABLE client_case (
  id             TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created        TEXT NOT NULL,
  modified       TEXT NOT NULL,
  client_id      TEXT NOT NULL UNIQUE REFERENCES client (id),
  phase          TEXT NOT NULL CHECK (phase IN ('identified', 'consent', 'contacted',
                                                'visit_prepared', 'visit_held',
                                                'coordination', 'closed')),
  phase_since    TEXT NOT NULL CHECK (date (phase_since, '+0 days') IS phase_since),
  closed_reason  TEXT CHECK ((phase = 'closed') = (closed_reason IS NOT NULL)
                             AND (closed_reason IS NULL OR length (closed_reason) > 0)),
  review_on      TEXT CHECK (review_on IS NULL OR date (review_on, '+0 days') IS review_on)
);

CREATE INDEX client_case_phase ON client_case (phase);
CREATE INDEX client_case_review ON client_case (review_on);

CREATE TABLE case_phase_change (
  id             TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created        TEXT NOT NULL,
  modified       TEXT NOT NULL,
  case_id        TEXT NOT NULL REFERENCES client_case (id),
  client_id      TEXT NOT NULL REFERENCES client (id),
  from_phase     TEXT CHECK (from_phase IS NULL
                             OR from_phase IN ('identified', 'consent', 'contacted',
                                               'visit_prepared', 'visit_held',
                                               'coordination', 'closed')),
  to_phase       TEXT NOT NULL CHECK (to_phase IN ('identified', 'consent', 'contacted',
                                                   'visit_prepared', 'visit_held',
                                                   'coordination', 'closed')),
  changed_on     TEXT NOT NULL CHECK (date (changed_on, '+0 days') IS changed_on),
  actor          TEXT NOT NULL CHECK (length (actor) > 0),
  reason         TEXT CHECK (reason IS NULL OR length (reason) > 0),
  CHECK (to_phase <> 'closed' OR reason IS NOT NULL),
  CHECK (from_phase IS NOT to_phase)
);

CREATE INDEX case_phase_change_client ON case_phase_change (client_id, changed_on, created);

CREATE TRIGGER case_phase_change_no_update BEFORE UPDATE ON case_phase_change
BEGIN
  SELECT RAISE (ABORT, 'the phase history cannot be changed');
END;

CREATE TRIGGER case_phase_change_no_delete BEFORE DELETE ON case_phase_change
BEGIN
  SELECT RAISE (ABORT, 'the phase history cannot be changed');
END;

CREATE TRIGGER client_case_no_delete BEFORE DELETE ON client_case
BEGIN
  SELECT RAISE (ABORT, 'a case is never deleted');
END;

-- Identification: the checklist's group and item ids (data/checklists/), why, who flagged
-- the client and where. A sign flagged by mistake is retracted, not deleted.
CREATE TABLE warning_sign (
  id             TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created        TEXT NOT NULL,
  modified       TEXT NOT NULL,
  client_id      TEXT NOT NULL REFERENCES client (id),
  group_id       TEXT NOT NULL CHECK (length (group_id) > 0),
  item_id        TEXT NOT NULL CHECK (length (item_id) > 0),
  reason         TEXT NOT NULL CHECK (length (reason) > 0),
  flagged_by     TEXT NOT NULL CHECK (length (flagged_by) > 0),
  flagged_on     TEXT NOT NULL CHECK (date (flagged_on, '+0 days') IS flagged_on),
  service_point  TEXT NOT NULL CHECK (length (service_point) > 0),
  recorded_by    TEXT NOT NULL CHECK (length (recorded_by) > 0),
  retracted_on   TEXT CHECK (retracted_on IS NULL
                             OR date (retracted_on, '+0 days') IS retracted_on),
  retracted_by   TEXT,
  CHECK ((retracted_on IS NULL) = (retracted_by IS NULL))
);

CREATE INDEX warning_sign_client ON warning_sign (client_id, flagged_on);

CREATE TRIGGER warning_sign_no_delete BEFORE DELETE ON warning_sign
BEGIN
  SELECT RAISE (ABORT, 'a warning sign is retracted, never deleted');
END;

-- Consent (suostumus). The scope is structured: the organisations that may receive the
-- client's data and the parts of the plan that may be shared, one row each.
CREATE TABLE consent (
  id                      TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created                 TEXT NOT NULL,
  modified                TEXT NOT NULL,
  client_id               TEXT NOT NULL REFERENCES client (id),
  given_on                TEXT NOT NULL CHECK (date (given_on, '+0 days') IS given_on),
  given_by                TEXT NOT NULL CHECK (given_by IN ('client', 'legal_representative')),
  representative          TEXT CHECK ((given_by = 'legal_representative')
                                      = (representative IS NOT NULL)
                                      AND (representative IS NULL
                                           OR length (representative) > 0)),
  method                  TEXT NOT NULL CHECK (method IN ('written', 'oral', 'electronic')),
  valid_until             TEXT CHECK (valid_until IS NULL
                                      OR (date (valid_until, '+0 days') IS valid_until
                                          AND valid_until >= given_on)),
  recorded_by             TEXT NOT NULL CHECK (length (recorded_by) > 0),
  withdrawn_on            TEXT CHECK (withdrawn_on IS NULL
                                      OR (date (withdrawn_on, '+0 days') IS withdrawn_on
                                          AND withdrawn_on >= given_on)),
  withdrawal_recorded_by  TEXT,
  CHECK ((withdrawn_on IS NULL) = (withdrawal_recorded_by IS NULL))
);

CREATE INDEX consent_client ON consent (client_id, given_on);

CREATE TABLE consent_organisation (
  id            TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created       TEXT NOT NULL,
  modified      TEXT NOT NULL,
  consent_id    TEXT NOT NULL REFERENCES consent (id),
  organisation  TEXT NOT NULL CHECK (length (organisation) > 0),
  UNIQUE (consent_id, organisation)
);

CREATE TABLE consent_part (
  id          TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created     TEXT NOT NULL,
  modified    TEXT NOT NULL,
  consent_id  TEXT NOT NULL REFERENCES consent (id),
  part        TEXT NOT NULL CHECK (part IN ('client_view', 'goals', 'actions', 'team',
                                            'contacts', 'measures')),
  UNIQUE (consent_id, part)
);

-- Withdrawal is the only change a consent allows: once, nothing else touched.
CREATE TRIGGER consent_only_withdrawal BEFORE UPDATE ON consent
WHEN OLD.withdrawn_on IS NOT NULL
  OR NEW.withdrawn_on IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.created IS NOT OLD.created
  OR NEW.client_id IS NOT OLD.client_id OR NEW.given_on IS NOT OLD.given_on
  OR NEW.given_by IS NOT OLD.given_by OR NEW.representative IS NOT OLD.representative
  OR NEW.method IS NOT OLD.method OR NEW.valid_until IS NOT OLD.valid_until
  OR NEW.recorded_by IS NOT OLD.recorded_by
BEGIN
  SELECT RAISE (ABORT, 'a consent can only be withdrawn, once');
END;

CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent
BEGIN
  SELECT RAISE (ABORT, 'a consent is withdrawn, never deleted');
END;

CREATE TRIGGER consent_organisation_no_change BEFORE UPDATE ON consent_organisation
BEGIN
  SELECT RAISE (ABORT, 'the scope of a consent cannot be changed');
END;

CREATE TRIGGER consent_organisation_no_delete BEFORE DELETE ON consent_organisation
BEGIN
  SELECT RAISE (ABORT, 'the scope of a consent cannot be changed');
END;

CREATE TRIGGER consent_part_no_change BEFORE UPDATE ON consent_part
BEGIN
  SELECT RAISE (ABORT, 'the scope of a consent cannot be changed');
END;

CREATE TRIGGER consent_part_no_delete BEFORE DELETE ON consent_part
BEGIN
  SELECT RAISE (ABORT, 'the scope of a consent cannot be changed');
END;

-- The team around the client. A member who leaves keeps the row, with left_on.
CREATE TABLE team_member (
  id            TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created       TEXT NOT NULL,
  modified      TEXT NOT NULL,
  client_id     TEXT NOT NULL REFERENCES client (id),
  person        TEXT NOT NULL CHECK (length (person) > 0),
  role          TEXT NOT NULL CHECK (length (role) > 0),
  organisation  TEXT NOT NULL CHECK (length (organisation) > 0),
  sector        TEXT NOT NULL CHECK (sector IN ('social', 'health', 'other', 'third_sector')),
  contact       TEXT,
  joined_on     TEXT NOT NULL CHECK (date (joined_on, '+0 days') IS joined_on),
  left_on       TEXT CHECK (left_on IS NULL
                            OR (date (left_on, '+0 days') IS left_on AND left_on >= joined_on))
);

CREATE INDEX team_member_client ON team_member (client_id);
CREATE INDEX team_member_person ON team_member (person);

CREATE TRIGGER team_member_no_delete BEFORE DELETE ON team_member
BEGIN
  SELECT RAISE (ABORT, 'a team member leaves the team, the row stays');
END;

-- Who has been the responsible worker (vastuutyöntekijä) and when. The partial unique
-- index allows one open period (ended_on IS NULL) per client: one responsible worker at a
-- time; a new one ends the previous period in the same transaction.
CREATE TABLE responsible_period (
  id          TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created     TEXT NOT NULL,
  modified    TEXT NOT NULL,
  client_id   TEXT NOT NULL REFERENCES client (id),
  member_id   TEXT NOT NULL REFERENCES team_member (id),
  started_on  TEXT NOT NULL CHECK (date (started_on, '+0 days') IS started_on),
  ended_on    TEXT CHECK (ended_on IS NULL
                          OR (date (ended_on, '+0 days') IS ended_on AND ended_on >= started_on)),
  set_by      TEXT NOT NULL CHECK (length (set_by) > 0)
);

CREATE UNIQUE INDEX responsible_period_one_current ON responsible_period (client_id)
  WHERE ended_on IS NULL;
CREATE INDEX responsible_period_member ON responsible_period (member_id);

CREATE TRIGGER responsible_period_same_client BEFORE INSERT ON responsible_period
WHEN (SELECT client_id FROM team_member WHERE id = NEW.member_id) IS NOT NEW.client_id
  OR (SELECT left_on FROM team_member WHERE id = NEW.member_id) IS NOT NULL
BEGIN
  SELECT RAISE (ABORT, 'the responsible worker must be a current member of the client''s team');
END;

CREATE TRIGGER responsible_period_only_end BEFORE UPDATE ON responsible_period
WHEN OLD.ended_on IS NOT NULL OR NEW.ended_on IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.client_id IS NOT OLD.client_id
  OR NEW.member_id IS NOT OLD.member_id OR NEW.started_on IS NOT OLD.started_on
  OR NEW.set_by IS NOT OLD.set_by
BEGIN
  SELECT RAISE (ABORT, 'a responsible period can only be ended, once');
END;

CREATE TRIGGER responsible_period_no_delete BEFORE DELETE ON responsible_period
BEGIN
  SELECT RAISE (ABORT, 'the responsible worker history cannot be deleted');
END;

-- Follow-up tasks with due dates (seuranta).
CREATE TABLE followup (
  id          TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created     TEXT NOT NULL,
  modified    TEXT NOT NULL,
  client_id   TEXT NOT NULL REFERENCES client (id),
  title       TEXT NOT NULL CHECK (length (title) > 0),
  due_on      TEXT NOT NULL CHECK (date (due_on, '+0 days') IS due_on),
  assignee    TEXT CHECK (assignee IS NULL OR length (assignee) > 0),
  created_by  TEXT NOT NULL CHECK (length (created_by) > 0),
  done_on     TEXT CHECK (done_on IS NULL OR date (done_on, '+0 days') IS done_on),
  done_by     TEXT,
  CHECK ((done_on IS NULL) = (done_by IS NULL))
);

CREATE INDEX followup_open_due ON followup (due_on) WHERE done_on IS NULL;
CREATE INDEX followup_client ON followup (client_id, due_on);

CREATE TRIGGER followup_no_delete BEFORE DELETE ON followup
BEGIN
  SELECT RAISE (ABORT, 'a follow-up is marked done, never deleted');
END;

-- Free-text notes. Measures, goals, contacts and assessments have structured places of
-- their own; a note is only what fits nowhere else.
CREATE TABLE case_note (
  id          TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created     TEXT NOT NULL,
  modified    TEXT NOT NULL,
  client_id   TEXT NOT NULL REFERENCES client (id),
  author      TEXT NOT NULL CHECK (length (author) > 0),
  body        TEXT NOT NULL CHECK (length (body) > 0)
);

CREATE INDEX case_note_client ON case_note (client_id, created);

CREATE TRIGGER case_note_no_delete BEFORE DELETE ON case_note
BEGIN
  SELECT RAISE (ABORT, 'a note is never deleted');
END;
