-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 4: the log of contacts and visits, and the mapping visit (kartoituskäynti).
-- Written for SQLite 3.15: no UPSERT, JSON1, window functions, RETURNING or generated columns.
-- Every row has a UUID and created/modified stamps (ISO 8601, UTC, millisecond precision).

-- One contact with services that the coordinator learns of or makes. The raw material of the
-- continuity indices and of the before/after visit counts. type_id names a type of
-- data/contact-types.json (checked by the core, not here, so that a county can add types).
CREATE TABLE contact (
  id                 TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created            TEXT NOT NULL,
  modified           TEXT NOT NULL,
  client_id          TEXT NOT NULL REFERENCES client (id) ON DELETE CASCADE,
  date               TEXT NOT NULL
                       CHECK (length (date) = 10 AND date GLOB
                              '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  time               TEXT CHECK (time IS NULL OR (length (time) = 5 AND time GLOB
                                                  '[0-2][0-9]:[0-5][0-9]')),
  type_id            TEXT NOT NULL CHECK (length (type_id) > 0),
  urgent             INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
  professional_id    TEXT CHECK (professional_id IS NULL OR length (professional_id) > 0),
  professional_name  TEXT,
  organisation       TEXT,
  no_show            INTEGER NOT NULL DEFAULT 0 CHECK (no_show IN (0, 1)),
  note               TEXT,
  source             TEXT NOT NULL DEFAULT 'entered' CHECK (source IN ('entered', 'imported'))
);

CREATE INDEX contact_client_date ON contact (client_id, date, time);
CREATE INDEX contact_professional ON contact (professional_id);

-- The mapping visit (about two hours, usually at the client's home): its agenda, a timer
-- that can be paused, and notes. A client may have more than one over the years; the newest
-- is the current one.
CREATE TABLE mapping_visit (
  id                 TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created            TEXT NOT NULL,
  modified           TEXT NOT NULL,
  client_id          TEXT NOT NULL REFERENCES client (id) ON DELETE CASCADE,
  scheduled          TEXT,                      -- YYYY-MM-DD or YYYY-MM-DDTHH:MM, local time
  place              TEXT,
  planned_minutes    INTEGER NOT NULL DEFAULT 120
                       CHECK (planned_minutes BETWEEN 1 AND 1440),
  elapsed_seconds    INTEGER NOT NULL DEFAULT 0 CHECK (elapsed_seconds >= 0),
  running_since      TEXT,                      -- UTC stamp while the timer runs, else NULL
  held_on            TEXT CHECK (held_on IS NULL OR (length (held_on) = 10 AND held_on GLOB
                                 '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')),
  notes              TEXT
);

CREATE INDEX mapping_visit_client ON mapping_visit (client_id, created);

-- The agenda of one visit: copied from data/mapping-visit-agenda.json when the visit is made,
-- so that a later change to the default agenda does not rewrite what was discussed.
CREATE TABLE mapping_visit_item (
  id                 TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created            TEXT NOT NULL,
  modified           TEXT NOT NULL,
  visit_id           TEXT NOT NULL REFERENCES mapping_visit (id) ON DELETE CASCADE,
  position           INTEGER NOT NULL CHECK (position >= 0),
  item_key           TEXT NOT NULL CHECK (length (item_key) > 0),
  title              TEXT NOT NULL CHECK (length (title) > 0),
  hint               TEXT,
  done               INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  done_at            TEXT,
  note               TEXT,
  UNIQUE (visit_id, item_key)
);

CREATE INDEX mapping_visit_item_visit ON mapping_visit_item (visit_id, position);
