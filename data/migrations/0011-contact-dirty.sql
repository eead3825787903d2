-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 11: adding contacts and consents without a statement journal per row
-- (issue 14, the benchmark's "encryption: demo data"), and no open coordinator period on a
-- closed case.
-- Written for SQLite 3.15 (SQLCipher 3.4), see 0007.

-- 1. An INSERT into a table with an AFTER INSERT trigger is a statement that writes more
-- than one row, so inside a transaction SQLite opens a statement journal for it, and
-- SQLCipher 3.4 encrypts every page written to that journal: about 50 µs more per contact
-- (three times the cost of the INSERT itself; a batch of demo data or a CSV import adds
-- dozens per client). The one code that adds contacts, polku_contact_store_add_all ()
-- (src/core/contacts/polku-contact-store.c), marks the client in sync_dirty itself, once
-- per client, in the same transaction: what sync_dirty holds after every change is the same
-- as before. Changing and removing a contact keep their triggers (0009). IF EXISTS: a
-- profile whose triggers are gone already (a benchmark's copy) still opens.
DROP TRIGGER IF EXISTS sync_dirty_contact_insert;

-- A consent's organisations and parts are written only with the consent, in the same
-- transaction (polku_consent_store_add (); afterwards they cannot change, 0003), and the
-- consent's own INSERT marks the client (sync_dirty_consent_insert): their triggers marked
-- the same client again, each with a statement journal.
DROP TRIGGER IF EXISTS sync_dirty_consent_organisation;
DROP TRIGGER IF EXISTS sync_dirty_consent_part;

-- A plan version is written only by save_locked () (src/core/plan/polku-plan-store.c), which
-- marks the client itself, in the same transaction: the trigger's statement journal cost
-- 107 µs of the 124 µs of each version's INSERT (a first pull of 10,000 plans, issue 12).
DROP TRIGGER IF EXISTS sync_dirty_plan;

-- 2. Closing a case ends its coordinator period (since schema 10's code), but a case closed
-- before that may still hold an open one, which kept it in its coordinator's caseload.
-- Each is ended on the day the case was closed (or on the day it began, when the case was
-- closed earlier: ended_on >= started_on). Like migration 7, this writes no audit entry:
-- the schema change is the record; the period's modified stamp says when.
UPDATE coordinator_period
  SET modified = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'),
      ended_on = max (started_on,
                      (SELECT c.phase_since FROM client_case c
                       WHERE c.client_id = coordinator_period.client_id))
  WHERE ended_on IS NULL
    AND client_id IN (SELECT client_id FROM client_case WHERE phase = 'closed');
