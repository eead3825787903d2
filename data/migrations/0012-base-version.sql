-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 12: a sync base may refer to a plan version instead of holding the plan
-- (issue 12, the first pull's speed).
-- Written for SQLite 3.15 (SQLCipher 3.4), see 0007.

-- 1. Nothing in the tables changes shape: since this schema a pulled plan saved as a version
-- exactly as it came has a base (sync_base.document) with "_plan_version": N in place of
-- "plan", version N of the client's plan (polku_sync_store_get_doc () reads it back in,
-- src/core/sync/polku-sync-store.c); bases written before hold the plan and are read as they
-- are. The number is raised so that a Polku of schema 11 refuses this file ("made by a newer
-- version of Polku") instead of reading such a base as one without a plan, which would make
-- every difference of the next merge a conflict.

-- 2. plan_version_plan (0009) is the same index as the table's UNIQUE (plan_id, version):
-- every plan version written kept both up to date (about 1 % of a first pull's CPU and of
-- its pages). Queries use the UNIQUE constraint's index in its place.
DROP INDEX IF EXISTS plan_version_plan;
