/* polku-keyring.h: database keys in the Secret Service (libsecret)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define POLKU_KEYRING_ERROR (polku_keyring_error_quark ())

typedef enum
{
  POLKU_KEYRING_ERROR_UNAVAILABLE,  /* no Secret Service, locked keyring, or timeout */
} PolkuKeyringError;

GQuark   polku_keyring_error_quark   (void);

/* Both block on a private main context for at most timeout_seconds.
 * lookup: returns NULL with no error when the service has no key for profile_id. */
char    *polku_keyring_lookup_key    (const char    *profile_id,
                                      guint          timeout_seconds,
                                      GCancellable  *cancellable,
                                      GError       **error);
gboolean polku_keyring_store_key     (const char    *profile_id,
                                      const char    *label,
                                      const char    *key,
                                      guint          timeout_seconds,
                                      GCancellable  *cancellable,
                                      GError       **error);
gboolean polku_keyring_clear_key     (const char    *profile_id,
                                      guint          timeout_seconds,
                                      GCancellable  *cancellable,
                                      GError       **error);

G_END_DECLS
