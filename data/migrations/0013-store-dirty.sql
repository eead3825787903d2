-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 13: adding team members, responsible periods, consents and assessments
-- without their sync_dirty triggers (issue 14, the benchmark's "encryption: demo data").
-- Written for SQLite 3.15 (SQLCipher 3.4), see 0007.

-- An INSERT into a table with an AFTER INSERT trigger is a statement that may write more than
-- one row, so inside a transaction SQLite opens a statement journal for it, and SQLCipher 3.4
-- encrypts every page written to that journal (see 0011, which did this for contacts, a
-- consent's organisations and parts, and plan versions). Each of these tables has one store
-- function that adds its rows, and it now marks the client in sync_dirty itself, in the same
-- transaction, as the trigger did: polku_team_store_add () (team_member; a pulled member is
-- marked by the sync store, src/core/sync/polku-sync-store.c), the responsible worker's
-- period (set_responsible_full_locked (), src/core/case/polku-team-store.c),
-- polku_consent_store_add () (src/core/case/polku-consent-store.c) and
-- polku_assessment_store_save () (src/core/measures/polku-assessment-store.c). What
-- sync_dirty holds after every change is the same as before. Changing or removing these rows
-- keeps its triggers (0009): those changes are rare, and an UPDATE needs a statement journal
-- for its constraints anyway. A responsible period's INSERT keeps one for its BEFORE INSERT
-- trigger (responsible_period_same_client, 0003). IF EXISTS: a profile whose triggers are
-- gone already (a benchmark's copy) still opens.
DROP TRIGGER IF EXISTS sync_dirty_team_insert;
DROP TRIGGER IF EXISTS sync_dirty_responsible_insert;
DROP TRIGGER IF EXISTS sync_dirty_consent_insert;
DROP TRIGGER IF EXISTS sync_dirty_assessment_insert;
