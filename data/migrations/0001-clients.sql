-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 1: clients.
-- Written for SQLite 3.15 (what Debian 12's SQLCipher 3.4 contains): no UPSERT, no JSON1,
-- no window functions, no RETURNING, no generated columns.
-- Every row has a UUID and created/modified stamps (ISO 8601, UTC, millisecond precision).

CREATE TABLE client (
  id            TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created       TEXT NOT NULL,
  modified      TEXT NOT NULL,
  given_name    TEXT NOT NULL CHECK (length (given_name) > 0),
  family_name   TEXT NOT NULL CHECK (length (family_name) > 0),
  hetu          TEXT UNIQUE,
  birth_date    TEXT,
  language      TEXT NOT NULL DEFAULT 'fi' CHECK (language IN ('fi', 'sv', 'other')),
  phone         TEXT,
  email         TEXT,
  address       TEXT,
  municipality  TEXT,
  archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

CREATE INDEX client_family_name ON client (family_name, given_name);
CREATE INDEX client_archived ON client (archived);
