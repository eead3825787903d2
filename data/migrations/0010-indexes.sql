-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 10: indexes that county-sized data showed were missing (issue 14; the
-- benchmark tests/bench/bench-county.py, "Speed at county size" in README).
--
-- A client's assessments (the Measures tab, polku_assessment_store_list ()) were read
-- through assessment_status: with the instrument an optional parameter
-- ("?2 IS NULL OR instrument_id = ?2") assessment_client cannot be searched past its first
-- column, and the planner, without statistics, took the one-column index on status,
-- which nearly every row shares: 114 ms per client with 10,000 clients against 0.4 ms with
-- 40. With both equalities in one index it searches the client's few rows.

CREATE INDEX assessment_client_status ON assessment (client_id, status, assessed_on);
