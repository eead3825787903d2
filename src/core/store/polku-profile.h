/* polku-profile.h: where a database lives and how its key is found
 *
 * A profile is a data directory holding `polku.db` (SQLCipher) and `profile.ini`
 * (no secrets: the profile id and whether the key is in the Secret Service or
 * derived from a passphrase).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_PROFILE_ERROR (polku_profile_error_quark ())

typedef enum
{
  POLKU_PROFILE_ERROR_FAILED,
  /* No Secret Service could be reached (or it has no key for this profile):
   * ask the user for a passphrase and call open again with it. */
  POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE,
  POLKU_PROFILE_ERROR_KEY_MISSING,
  POLKU_PROFILE_ERROR_BAD_PROFILE,
} PolkuProfileError;

typedef enum
{
  POLKU_KEY_SOURCE_NONE,            /* new profile: no database yet */
  POLKU_KEY_SOURCE_SECRET_SERVICE,
  POLKU_KEY_SOURCE_PASSPHRASE,
} PolkuKeySource;

#define POLKU_MIN_PASSPHRASE_LENGTH 8
#define POLKU_DATA_DIR_ENV "POLKU_DATA_DIR"

#define POLKU_TYPE_PROFILE (polku_profile_get_type ())
G_DECLARE_FINAL_TYPE (PolkuProfile, polku_profile, POLKU, PROFILE, GObject)

GQuark          polku_profile_error_quark          (void);
char           *polku_profile_default_data_dir     (void);

PolkuProfile   *polku_profile_new                  (const char     *data_dir);
const char     *polku_profile_get_data_dir         (PolkuProfile   *self);
const char     *polku_profile_get_database_path    (PolkuProfile   *self);
gboolean        polku_profile_database_exists      (PolkuProfile   *self);
const char     *polku_profile_get_settings_path    (PolkuProfile   *self);
PolkuKeySource  polku_profile_get_key_source       (PolkuProfile   *self);
const char     *polku_profile_get_id               (PolkuProfile   *self);
gboolean        polku_profile_check_passphrase     (const char     *passphrase,
                                                    GError        **error);
gboolean        polku_profile_save                 (PolkuProfile   *self,
                                                    const char     *id,
                                                    PolkuKeySource  source,
                                                    GError        **error);

/* Opens (or, for a new profile, creates) the store.
 * passphrase == NULL: use the Secret Service (a new profile gets a random key stored
 * there); fails with POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE when that is not possible.
 * passphrase != NULL: a passphrase profile (a new profile is created with it).
 * The Secret Service is given timeout_seconds before it counts as unreachable. */
void            polku_profile_open_async           (PolkuProfile        *self,
                                                    const char          *passphrase,
                                                    guint                timeout_seconds,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
PolkuStore     *polku_profile_open_finish          (PolkuProfile   *self,
                                                    GAsyncResult   *result,
                                                    GError        **error);
PolkuStore     *polku_profile_open_sync            (PolkuProfile   *self,
                                                    const char     *passphrase,
                                                    guint           timeout_seconds,
                                                    GCancellable   *cancellable,
                                                    GError        **error);

G_END_DECLS
