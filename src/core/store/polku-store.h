/* polku-store.h: the encrypted local case database (SQLCipher)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define POLKU_STORE_ERROR (polku_store_error_quark ())

typedef enum
{
  POLKU_STORE_ERROR_FAILED,
  POLKU_STORE_ERROR_NOT_ENCRYPTED,   /* SQLCipher is not the SQLite in use: refuse */
  POLKU_STORE_ERROR_WRONG_KEY,       /* wrong key/passphrase, or not a Polku database */
  POLKU_STORE_ERROR_PLAINTEXT_FILE,  /* an unencrypted SQLite file is in the way */
  POLKU_STORE_ERROR_TOO_NEW,         /* made by a newer Polku */
  POLKU_STORE_ERROR_NOT_FOUND,
  POLKU_STORE_ERROR_EXISTS,
  POLKU_STORE_ERROR_MIGRATION,
  POLKU_STORE_ERROR_CONSTRAINT,
  POLKU_STORE_ERROR_DAMAGED,         /* the file failed the integrity check: no writes */
} PolkuStoreError;

/* How the database key is given. */
typedef enum
{
  POLKU_KEY_RAW,         /* 64 hex digits: a random 256-bit key */
  POLKU_KEY_PASSPHRASE,  /* a passphrase, stretched by SQLCipher's PBKDF2 */
} PolkuKeyKind;

#define POLKU_STORE_SCHEMA_VERSION 13

#define POLKU_TYPE_STORE (polku_store_get_type ())
G_DECLARE_FINAL_TYPE (PolkuStore, polku_store, POLKU, STORE, GObject)

GQuark       polku_store_error_quark          (void);

char        *polku_store_generate_raw_key     (GError       **error);

PolkuStore  *polku_store_open                 (const char    *path,
                                               PolkuKeyKind   key_kind,
                                               const char    *key,
                                               gboolean       create,
                                               GError       **error);
void         polku_store_close                (PolkuStore    *self);
gboolean     polku_store_is_open              (PolkuStore    *self);
const char  *polku_store_get_path             (PolkuStore    *self);
int          polku_store_get_schema_version   (PolkuStore    *self);
char        *polku_store_dup_cipher_version   (PolkuStore    *self);
char        *polku_store_dup_journal_mode     (PolkuStore    *self);
gboolean     polku_store_get_foreign_keys     (PolkuStore    *self);
void         polku_store_set_actor            (PolkuStore    *self,
                                               const char    *actor);
char        *polku_store_dup_actor            (PolkuStore    *self);
gboolean     polku_store_check_integrity      (PolkuStore    *self,
                                               GError       **error);
gboolean     polku_store_is_damaged           (PolkuStore    *self);

/* Changes made by @func through the usual calls, in one transaction (polku-store.c). */
typedef gboolean (*PolkuStoreBatchFunc)       (PolkuStore    *store,
                                               gpointer       data,
                                               GError       **error);
gboolean     polku_store_run_batch            (PolkuStore    *self,
                                               PolkuStoreBatchFunc func,
                                               gpointer       data,
                                               GError       **error);
/* The same without a savepoint per change: the first failed change fails the batch. */
gboolean     polku_store_run_batch_whole      (PolkuStore    *self,
                                               PolkuStoreBatchFunc func,
                                               gpointer       data,
                                               GError       **error);

G_END_DECLS
