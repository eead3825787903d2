/* polku-backup.h: the whole profile in one encrypted file, and back
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "polku-profile.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_BACKUP_ERROR (polku_backup_error_quark ())

typedef enum
{
  POLKU_BACKUP_ERROR_FAILED,
  POLKU_BACKUP_ERROR_EXISTS,     /* the backup file, or a profile where one is restored */
  POLKU_BACKUP_ERROR_NOT_FOUND,  /* no backup file there */
  POLKU_BACKUP_ERROR_WRONG_KEY,  /* the recovery key does not open it (or it is no backup) */
  POLKU_BACKUP_ERROR_DAMAGED,    /* the file is damaged or cut short */
  POLKU_BACKUP_ERROR_TOO_NEW,    /* made by a newer Polku */
} PolkuBackupError;

#define POLKU_BACKUP_SUFFIX ".polkubackup"

#define POLKU_AUDIT_BACKUP_CREATE  "backup.create"
#define POLKU_AUDIT_BACKUP_RESTORE "backup.restore"

GQuark       polku_backup_error_quark     (void);

char        *polku_backup_default_name    (void);

gboolean     polku_backup_create          (PolkuStore           *store,
                                           const char           *profile_id,
                                           const char           *path,
                                           gboolean              replace,
                                           GError              **error);
void         polku_backup_create_async    (PolkuStore           *store,
                                           const char           *profile_id,
                                           const char           *path,
                                           gboolean              replace,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean     polku_backup_create_finish   (PolkuStore           *store,
                                           GAsyncResult         *result,
                                           GError              **error);

/* Restores into a new profile in @data_dir: the database key goes to the keyring when
 * @passphrase is NULL (failing with POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE when there is
 * none), else the passphrase protects it. */
PolkuStore  *polku_backup_restore         (const char           *backup_path,
                                           const char           *recovery_key,
                                           const char           *data_dir,
                                           const char           *passphrase,
                                           const char           *actor,
                                           guint                 timeout_seconds,
                                           GCancellable         *cancellable,
                                           GError              **error);
void         polku_backup_restore_async   (const char           *backup_path,
                                           const char           *recovery_key,
                                           const char           *data_dir,
                                           const char           *passphrase,
                                           const char           *actor,
                                           guint                 timeout_seconds,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
PolkuStore  *polku_backup_restore_finish  (GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
