-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 2: the audit log (who read or changed which client's data, and when).
-- Append-only: triggers refuse UPDATE and DELETE. Each entry carries the SHA-256 of its
-- content and of the previous entry (a hash chain), and audit_head keeps the newest entry's
-- sequence number and hash, so `polku-cli audit verify` finds an entry that was edited,
-- removed or added behind Polku's back (polku-audit.c says exactly what is hashed).

CREATE TABLE audit_entry (
  seq        INTEGER PRIMARY KEY NOT NULL CHECK (seq > 0),
  id         TEXT NOT NULL UNIQUE CHECK (length (id) = 36),
  created    TEXT NOT NULL,
  modified   TEXT NOT NULL,
  actor      TEXT NOT NULL CHECK (length (actor) > 0),
  action     TEXT NOT NULL CHECK (length (action) > 0),
  client_id  TEXT,
  detail     TEXT,
  prev_hash  TEXT NOT NULL CHECK (length (prev_hash) = 64),
  hash       TEXT NOT NULL CHECK (length (hash) = 64)
);

CREATE INDEX audit_entry_client ON audit_entry (client_id, seq);

-- One row: the newest entry. Updated in the same transaction as each append.
CREATE TABLE audit_head (
  one        INTEGER PRIMARY KEY NOT NULL CHECK (one = 1),
  seq        INTEGER NOT NULL,
  hash       TEXT NOT NULL
);
INSERT INTO audit_head (one, seq, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;
