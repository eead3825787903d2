/* polku-keyring-private.h: a libsecret call made blocking, with a timeout
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the keys Polku keeps in the Secret Service (the database key, the sync password, the
 * county's pseudonymisation key): start the async libsecret call with call.cancellable,
 * polku_keyring_call_done and &call, wait, finish it with call.result, end.
 *
 *   PolkuKeyringCall call;
 *
 *   polku_keyring_call_begin (&call, cancellable);
 *   secret_password_lookup (schema, call.cancellable, polku_keyring_call_done, &call, …);
 *   polku_keyring_call_wait (&call, 10);
 *   secret = secret_password_lookup_finish (call.result, &error);  (call.timed_out says why)
 *   polku_keyring_call_end (&call);
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GMainContext *context;
  GCancellable *cancellable;   /* give this to libsecret */
  GCancellable *outer;
  gulong        outer_handler;
  GAsyncResult *result;        /* give this to the _finish () */
  gboolean      timed_out;
} PolkuKeyringCall;

void polku_keyring_call_begin (PolkuKeyringCall *call,
                               GCancellable     *cancellable);
void polku_keyring_call_done  (GObject          *source,
                               GAsyncResult     *result,
                               gpointer          user_data);
void polku_keyring_call_wait  (PolkuKeyringCall *call,
                               guint             timeout_seconds);
void polku_keyring_call_end   (PolkuKeyringCall *call);

G_END_DECLS
