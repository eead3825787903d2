/* polku-recovery.h: the profile's recovery key, which encrypts its backups
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_RECOVERY_ERROR (polku_recovery_error_quark ())

typedef enum
{
  POLKU_RECOVERY_ERROR_INVALID,  /* not the form of a recovery key (a typo) */
} PolkuRecoveryError;

/* 160 random bits as 32 characters of Crockford's base32 in eight groups of four:
 * "7K3Q-M2XD-…" (39 characters with the dashes). */
#define POLKU_RECOVERY_KEY_LENGTH 39

#define POLKU_AUDIT_RECOVERY_KEY_CREATE "recovery_key.create"
#define POLKU_AUDIT_RECOVERY_KEY_SHOW   "recovery_key.show"

GQuark    polku_recovery_error_quark      (void);

char     *polku_recovery_key_generate     (GError      **error);
char     *polku_recovery_key_normalize    (const char   *text,
                                           GError      **error);
char     *polku_recovery_key_derive       (const char   *recovery_key);

char     *polku_recovery_key_ensure       (PolkuStore   *store,
                                           gboolean     *out_created,
                                           GError      **error);
char     *polku_recovery_key_show         (PolkuStore   *store,
                                           GError      **error);
int       polku_recovery_key_exists       (PolkuStore   *store,
                                           GError      **error);

G_END_DECLS
