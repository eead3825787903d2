-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 9: sync of the shared plan with a CouchDB-protocol server (issue 12,
-- src/core/sync/, README "Sync"). Written for SQLite 3.15 (SQLCipher 3.4), see 0007.
--
-- The server holds one document per client in every database (one per access group of the
-- county's organisations file) that the client's sharing consent covers. Locally:
--   sync_doc         per client and database: the server revision and the shared document
--                    last agreed with the server (the base of the three-way merge)
--   sync_dirty       clients whose shared data changed since their last push (triggers)
--   sync_checkpoint  per database: where the last pull ended (_changes last_seq, opaque)
--   sync_conflict    the review queue: a field both sides changed, or an element deleted on
--                    one side and edited on the other; both values kept until a person decides

-- 1. Plan versions made by sync: 'sync' (what a server brought, merged), 'resolve' (a person
-- decided a conflict). plan_version is rebuilt to widen its CHECK; nothing refers to it.
DROP TRIGGER plan_version_no_update;
DROP TRIGGER plan_version_no_delete;
DROP INDEX plan_version_plan;

CREATE TABLE plan_version_new (
  id             TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created        TEXT NOT NULL,
  modified       TEXT NOT NULL,
  plan_id        TEXT NOT NULL REFERENCES plan (id),
  version        INTEGER NOT NULL CHECK (version > 0),
  author         TEXT NOT NULL CHECK (length (author) > 0),
  -- 'create', 'edit' (the editor), 'patch' (a JSON merge patch), 'restore', 'template',
  -- 'sync' (merged from a server), 'resolve' (a sync conflict decided)
  origin         TEXT NOT NULL CHECK (origin IN ('create', 'edit', 'patch', 'restore',
                                                 'template', 'sync', 'resolve')),
  restored_from  INTEGER CHECK (restored_from IS NULL OR restored_from > 0),
  document       TEXT NOT NULL CHECK (length (document) > 1),
  UNIQUE (plan_id, version),
  CHECK ((origin = 'restore') = (restored_from IS NOT NULL))
);

INSERT INTO plan_version_new (id, created, modified, plan_id, version, author, origin,
                              restored_from, document)
  SELECT id, created, modified, plan_id, version, author, origin, restored_from, document
  FROM plan_version;
DROP TABLE plan_version;
ALTER TABLE plan_version_new RENAME TO plan_version;

CREATE INDEX plan_version_plan ON plan_version (plan_id, version);

CREATE TRIGGER plan_version_no_update BEFORE UPDATE ON plan_version
BEGIN
  SELECT RAISE (ABORT, 'plan versions cannot be changed');
END;

CREATE TRIGGER plan_version_no_delete BEFORE DELETE ON plan_version
BEGIN
  SELECT RAISE (ABORT, 'plan versions cannot be removed');
END;

-- 2. Per client and server database: the revision and the base. base is the shared document
-- (JSON, without _id/_rev) as last pushed or pulled; NULL before the first exchange. removed
-- is set when the consent no longer covers the database: the next sync deletes (and purges)
-- the server's document, then the row goes.
CREATE TABLE sync_doc (
  client_id   TEXT NOT NULL REFERENCES client (id),
  database    TEXT NOT NULL CHECK (length (database) > 0),
  doc_id      TEXT NOT NULL CHECK (length (doc_id) > 0),
  rev         TEXT,
  base        TEXT,
  removed     INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
  modified    TEXT NOT NULL,
  PRIMARY KEY (client_id, database)
);
CREATE UNIQUE INDEX sync_doc_id ON sync_doc (database, doc_id);

-- 3. What changed locally since the last push: filled by triggers, emptied by a push that
-- the server accepted. An incremental sync reads this table, not every plan.
CREATE TABLE sync_dirty (
  client_id  TEXT PRIMARY KEY NOT NULL REFERENCES client (id)
);

CREATE TRIGGER sync_dirty_plan AFTER INSERT ON plan_version
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id)
    SELECT client_id FROM plan WHERE id = NEW.plan_id;
END;
CREATE TRIGGER sync_dirty_client AFTER UPDATE ON client
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (NEW.id);
END;
CREATE TRIGGER sync_dirty_team_insert AFTER INSERT ON team_member
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (NEW.client_id);
END;
CREATE TRIGGER sync_dirty_team_update AFTER UPDATE ON team_member
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (NEW.client_id);
END;
CREATE TRIGGER sync_dirty_responsible_insert AFTER INSERT ON responsible_period
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (NEW.client_id);
END;
CREATE TRIGGER sync_dirty_responsible_update AFTER UPDATE ON responsible_period
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (NEW.client_id);
END;
CREATE TRIGGER sync_dirty_consent_insert AFTER INSERT ON consent
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (NEW.client_id);
END;
CREATE TRIGGER sync_dirty_consent_update AFTER UPDATE ON consent
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (NEW.client_id);
END;
CREATE TRIGGER sync_dirty_consent_organisation AFTER INSERT ON consent_organisation
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id)
    SELECT client_id FROM consent WHERE id = NEW.consent_id;
END;
CREATE TRIGGER sync_dirty_consent_part AFTER INSERT ON consent_part
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id)
    SELECT client_id FROM consent WHERE id = NEW.consent_id;
END;

-- Contacts and measures travel only where the consent names them, but a new one must reach
-- the server without waiting for another change of the client's.
CREATE TRIGGER sync_dirty_contact_insert AFTER INSERT ON contact
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (NEW.client_id);
END;
CREATE TRIGGER sync_dirty_contact_update AFTER UPDATE ON contact
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (NEW.client_id);
END;
CREATE TRIGGER sync_dirty_contact_delete AFTER DELETE ON contact
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (OLD.client_id);
END;
CREATE TRIGGER sync_dirty_assessment_insert AFTER INSERT ON assessment
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (NEW.client_id);
END;
CREATE TRIGGER sync_dirty_assessment_update AFTER UPDATE ON assessment
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (NEW.client_id);
END;
CREATE TRIGGER sync_dirty_assessment_delete AFTER DELETE ON assessment
BEGIN
  INSERT OR IGNORE INTO sync_dirty (client_id) VALUES (OLD.client_id);
END;

-- Every client with a plan starts dirty: the first sync considers all of them.
INSERT OR IGNORE INTO sync_dirty (client_id) SELECT client_id FROM plan;

-- 4. Pull checkpoints, per server and database (a new server URL starts from the beginning).
-- since is the server's last_seq as JSON text: PouchDB Server's are numbers, CouchDB's strings.
CREATE TABLE sync_checkpoint (
  server    TEXT NOT NULL CHECK (length (server) > 0),
  database  TEXT NOT NULL CHECK (length (database) > 0),
  since     TEXT NOT NULL,
  modified  TEXT NOT NULL,
  PRIMARY KEY (server, database)
);

-- 5. The review queue. id is shared with the other side: it travels in the document's
-- "conflicts" member, so both sides hold the same conflict. Values are JSON text (NULL:
-- absent, i.e. deleted on that side). A resolved row stays as history.
CREATE TABLE sync_conflict (
  id              TEXT PRIMARY KEY NOT NULL CHECK (length (id) = 36),
  created         TEXT NOT NULL,
  modified        TEXT NOT NULL,
  client_id       TEXT NOT NULL REFERENCES client (id),
  database        TEXT NOT NULL CHECK (length (database) > 0),
  path            TEXT NOT NULL CHECK (length (path) > 0),
  base_value      TEXT,
  local_value     TEXT,
  remote_value    TEXT,
  local_by        TEXT,
  local_at        TEXT,
  remote_by       TEXT,
  remote_at       TEXT,
  remote_rev      TEXT,
  resolved_at     TEXT,
  resolved_by     TEXT,
  resolution      TEXT CHECK (resolution IS NULL OR resolution IN ('local', 'remote', 'edited')),
  resolved_value  TEXT,
  CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
CREATE INDEX sync_conflict_open ON sync_conflict (client_id) WHERE resolved_at IS NULL;
