-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 7: the case model as the practice describes it.
--   * the coordinator (asiakasvastaava, who owns the case and holds the caseload), one at a
--     time with history, apart from the plan's responsible workers (vastuutyöntekijät), of
--     whom a team may now have several at once;
--   * two consents: to be contacted and referred ('contact', the phase gate) and to share
--     the plan with named organisations and parts ('sharing'); organisations are ids of the
--     county's organisations file (data/organisations.json);
--   * the date the plan was agreed with the client (plan.agreed_on), the anchor of the
--     before/after periods; the case's review_on is the one review date;
--   * where a client comes from: the flagging sector, unit and person (a client or a
--     relative may flag themself);
--   * coded closing reasons (data/closing-reasons.json);
--   * contacts: inpatient days and a reason (repeats for the same issue).
-- What SQL cannot do here (reading plan documents) runs in C in the same transaction:
-- polku-store-migrate.c.
-- New rows get a random version 4 UUID made in SQL (randomblob, evaluated per row).
-- Written for SQLite 3.15 (SQLCipher 3.4): no UPSERT, JSON1, window functions, RETURNING,
-- generated columns, and no ALTER TABLE RENAME COLUMN. A table is rebuilt only when no other
-- table refers to it (RENAME of a referenced table behaves differently in SQLite ≥ 3.26).

-- 1. The coordinator. person is the worker's name as the profile records the actor, so that
-- "my clients" is the caseload of whoever is signed in.
CREATE TABLE coordinator_period (
  id          TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created     TEXT NOT NULL,
  modified    TEXT NOT NULL,
  client_id   TEXT NOT NULL REFERENCES client (id),
  person      TEXT NOT NULL CHECK (length (person) > 0),
  started_on  TEXT NOT NULL CHECK (date (started_on, '+0 days') IS started_on),
  ended_on    TEXT CHECK (ended_on IS NULL
                          OR (date (ended_on, '+0 days') IS ended_on AND ended_on >= started_on)),
  set_by      TEXT NOT NULL CHECK (length (set_by) > 0)
);

CREATE UNIQUE INDEX coordinator_period_one_current ON coordinator_period (client_id)
  WHERE ended_on IS NULL;
CREATE INDEX coordinator_period_person ON coordinator_period (person, client_id)
  WHERE ended_on IS NULL;
-- A client's history (the Overview, case show) and the queue's "last period ended".
CREATE INDEX coordinator_period_client ON coordinator_period (client_id, started_on);

CREATE TRIGGER coordinator_period_only_end BEFORE UPDATE ON coordinator_period
WHEN OLD.ended_on IS NOT NULL OR NEW.ended_on IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.client_id IS NOT OLD.client_id
  OR NEW.person IS NOT OLD.person OR NEW.started_on IS NOT OLD.started_on
  OR NEW.set_by IS NOT OLD.set_by
BEGIN
  SELECT RAISE (ABORT, 'a coordinator period can only be ended, once');
END;

CREATE TRIGGER coordinator_period_no_delete BEFORE DELETE ON coordinator_period
BEGIN
  SELECT RAISE (ABORT, 'the coordinator history cannot be deleted');
END;

-- Until now the one responsible worker was also the coordinator: their history becomes the
-- coordinator history (and stays the responsible-worker history).
INSERT INTO coordinator_period (id, created, modified, client_id, person, started_on, ended_on,
                                set_by)
SELECT lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4'
         || substr (lower (hex (randomblob (2))), 2) || '-'
         || substr ('89ab', 1 + abs (random ()) % 4, 1)
         || substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6))),
       rp.created, rp.modified, rp.client_id, tm.person,
       rp.started_on, rp.ended_on, rp.set_by
  FROM responsible_period rp JOIN team_member tm ON tm.id = rp.member_id
 ORDER BY rp.client_id, rp.started_on, rp.created;

-- Responsible workers: several at a time, each member at most once at a time.
DROP INDEX responsible_period_one_current;
CREATE UNIQUE INDEX responsible_period_one_open ON responsible_period (member_id)
  WHERE ended_on IS NULL;
CREATE INDEX responsible_period_client_open ON responsible_period (client_id)
  WHERE ended_on IS NULL;

-- 2. Two consents. Every consent recorded so far let the case move on and scoped sharing:
-- it becomes a sharing consent, and a contact consent with the same dates is added beside it.
ALTER TABLE consent ADD COLUMN kind TEXT NOT NULL DEFAULT 'sharing'
  CHECK (kind IN ('contact', 'sharing'));

INSERT INTO consent (id, created, modified, client_id, given_on, given_by, representative,
                     method, valid_until, recorded_by, withdrawn_on, withdrawal_recorded_by,
                     kind)
SELECT lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4'
         || substr (lower (hex (randomblob (2))), 2) || '-'
         || substr ('89ab', 1 + abs (random ()) % 4, 1)
         || substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6))),
       created, modified, client_id, given_on, given_by,
       representative, method, valid_until, recorded_by, withdrawn_on,
       withdrawal_recorded_by, 'contact'
  FROM consent WHERE kind = 'sharing';

CREATE INDEX consent_client_kind ON consent (client_id, kind, given_on);

DROP TRIGGER consent_only_withdrawal;
CREATE TRIGGER consent_only_withdrawal BEFORE UPDATE ON consent
WHEN OLD.withdrawn_on IS NOT NULL
  OR NEW.withdrawn_on IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.created IS NOT OLD.created
  OR NEW.client_id IS NOT OLD.client_id OR NEW.given_on IS NOT OLD.given_on
  OR NEW.given_by IS NOT OLD.given_by OR NEW.representative IS NOT OLD.representative
  OR NEW.method IS NOT OLD.method OR NEW.valid_until IS NOT OLD.valid_until
  OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.kind IS NOT OLD.kind
BEGIN
  SELECT RAISE (ABORT, 'a consent can only be withdrawn, once');
END;

-- consent_organisation.organisation now holds an id of the organisations file. Rows written
-- before hold the name as typed; the core resolves those by name (any language).

-- 3. The date the plan was agreed with the client. Until now the periods started on the
-- first save's UTC date; the agreed date defaults to the first save's local date.
ALTER TABLE plan ADD COLUMN agreed_on TEXT
  CHECK (agreed_on IS NULL OR date (agreed_on, '+0 days') IS agreed_on);

UPDATE plan SET agreed_on = (SELECT date (min (v.created), 'localtime') FROM plan_version v
                              WHERE v.plan_id = plan.id);

CREATE INDEX plan_agreed_on ON plan (agreed_on);

-- 4. Where a client comes from. warning_sign is rebuilt (nothing refers to it) so that a
-- client or a relative can flag without a unit: source_sector is the flagging sector,
-- service_point the unit, flagged_by the person. Rows written before have no sector (NULL:
-- not recorded) and keep their unit and person.
CREATE TABLE warning_sign_new (
  id             TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created        TEXT NOT NULL,
  modified       TEXT NOT NULL,
  client_id      TEXT NOT NULL REFERENCES client (id),
  group_id       TEXT NOT NULL CHECK (length (group_id) > 0),
  item_id        TEXT NOT NULL CHECK (length (item_id) > 0),
  reason         TEXT NOT NULL CHECK (length (reason) > 0),
  source_sector  TEXT CHECK (source_sector IS NULL
                             OR source_sector IN ('health', 'social', 'third_sector', 'private',
                                                  'client', 'relative')),
  flagged_by     TEXT CHECK (flagged_by IS NULL OR length (flagged_by) > 0),
  flagged_on     TEXT NOT NULL CHECK (date (flagged_on, '+0 days') IS flagged_on),
  service_point  TEXT CHECK (service_point IS NULL OR length (service_point) > 0),
  recorded_by    TEXT NOT NULL CHECK (length (recorded_by) > 0),
  retracted_on   TEXT CHECK (retracted_on IS NULL
                             OR date (retracted_on, '+0 days') IS retracted_on),
  retracted_by   TEXT,
  CHECK ((retracted_on IS NULL) = (retracted_by IS NULL)),
  -- a professional's sign names the unit and the person; a client or relative may not
  CHECK (source_sector IN ('client', 'relative')
         OR (flagged_by IS NOT NULL AND service_point IS NOT NULL))
);

INSERT INTO warning_sign_new (id, created, modified, client_id, group_id, item_id, reason,
                              source_sector, flagged_by, flagged_on, service_point,
                              recorded_by, retracted_on, retracted_by)
SELECT id, created, modified, client_id, group_id, item_id, reason, NULL, flagged_by,
       flagged_on, service_point, recorded_by, retracted_on, retracted_by
  FROM warning_sign;

DROP TRIGGER warning_sign_no_delete;
DROP INDEX warning_sign_client;
DROP TABLE warning_sign;
ALTER TABLE warning_sign_new RENAME TO warning_sign;

CREATE INDEX warning_sign_client ON warning_sign (client_id, flagged_on);
CREATE INDEX warning_sign_sector ON warning_sign (source_sector);

CREATE TRIGGER warning_sign_no_delete BEFORE DELETE ON warning_sign
BEGIN
  SELECT RAISE (ABORT, 'a warning sign is retracted, never deleted');
END;

-- A retraction is the only change a sign allows.
CREATE TRIGGER warning_sign_only_retraction BEFORE UPDATE ON warning_sign
WHEN OLD.retracted_on IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.created IS NOT OLD.created
  OR NEW.client_id IS NOT OLD.client_id OR NEW.group_id IS NOT OLD.group_id
  OR NEW.item_id IS NOT OLD.item_id OR NEW.reason IS NOT OLD.reason
  OR NEW.source_sector IS NOT OLD.source_sector OR NEW.flagged_by IS NOT OLD.flagged_by
  OR NEW.flagged_on IS NOT OLD.flagged_on OR NEW.service_point IS NOT OLD.service_point
  OR NEW.recorded_by IS NOT OLD.recorded_by
BEGIN
  SELECT RAISE (ABORT, 'a warning sign can only be retracted, once');
END;

-- 6. Coded closing reasons: an id of data/closing-reasons.json. closed_reason (and the
-- closing phase change's reason) stay required by their CHECKs: they hold the words given,
-- or the code itself when none were. Cases closed before are 'other' with their text.
ALTER TABLE client_case ADD COLUMN closed_code TEXT
  CHECK (closed_code IS NULL OR length (closed_code) > 0);
UPDATE client_case SET closed_code = 'other' WHERE phase = 'closed';

DROP TRIGGER case_phase_change_no_update;
ALTER TABLE case_phase_change ADD COLUMN reason_code TEXT
  CHECK (reason_code IS NULL OR length (reason_code) > 0);
UPDATE case_phase_change SET reason_code = 'other' WHERE to_phase = 'closed';
CREATE TRIGGER case_phase_change_no_update BEFORE UPDATE ON case_phase_change
BEGIN
  SELECT RAISE (ABORT, 'the phase history cannot be changed');
END;

CREATE INDEX client_case_closed_code ON client_case (closed_code) WHERE closed_code IS NOT NULL;

-- 5. Contacts: the days of an inpatient stay (NULL: not recorded) and an optional reason, so
-- that repeated contacts for the same issue can be counted.
ALTER TABLE contact ADD COLUMN days INTEGER CHECK (days IS NULL OR days BETWEEN 1 AND 3660);
ALTER TABLE contact ADD COLUMN reason TEXT CHECK (reason IS NULL OR length (reason) > 0);
CREATE INDEX contact_client_type ON contact (client_id, type_id, date);

-- The coordinator's own calls were logged as 'phone', like the telephone service's: a call
-- by the client's coordinator becomes 'coordinator-call'. Both count for continuity.
UPDATE contact SET type_id = 'coordinator-call'
 WHERE type_id = 'phone' AND professional_name IS NOT NULL
   AND professional_name IN (SELECT cp.person FROM coordinator_period cp
                              WHERE cp.client_id = contact.client_id);

