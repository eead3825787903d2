-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 8: the profile's recovery key (issue 10). Backups are encrypted with it
-- (polku-backup.c), and it restores a profile on any machine without the original keyring
-- or passphrase. It is kept here, inside the encrypted database, so that it can be shown
-- again while the profile is unlocked. One row, made on demand or at the first backup
-- (polku-recovery.c); a profile made before this schema has none until then.

CREATE TABLE recovery_key (
  one        INTEGER PRIMARY KEY NOT NULL CHECK (one = 1),
  id         TEXT NOT NULL UNIQUE CHECK (length (id) = 36),
  created    TEXT NOT NULL,
  modified   TEXT NOT NULL,
  key        TEXT NOT NULL CHECK (length (key) = 39)
);
