/* polku-keyring.c: database keys in the Secret Service (libsecret)
 *
 * libsecret is driven asynchronously on a private main context with a timeout, because
 * a locked keyring on a machine with a display waits for a password prompt forever
 * (HACKING.md, "Rules that keep data safe"). Every failure is reported as
 * POLKU_KEYRING_ERROR_UNAVAILABLE so that callers can fall back to a passphrase.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-keyring"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "polku-keyring.h"
#include "polku-keyring-private.h"

G_DEFINE_QUARK (polku-keyring-error-quark, polku_keyring_error)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.polku.Polku.DatabaseKey", SECRET_SCHEMA_NONE,
    {
      { "profile-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* A libsecret call made blocking, with a timeout and an outer cancellable
 * (polku-keyring-private.h): the keyring may never answer (a locked or absent Secret
 * Service), and a worker thread must not wait for ever. */

static void
on_outer_cancelled (GCancellable *outer,
                    gpointer      inner)
{
  g_cancellable_cancel (inner);
}

void
polku_keyring_call_done (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  PolkuKeyringCall *call = user_data;

  call->result = g_object_ref (result);
  g_main_context_wakeup (call->context);
}

static gboolean
call_timeout (gpointer user_data)
{
  PolkuKeyringCall *call = user_data;

  call->timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);
  return G_SOURCE_REMOVE;
}

void
polku_keyring_call_begin (PolkuKeyringCall *call,
                          GCancellable     *cancellable)
{
  call->context = g_main_context_new ();
  call->cancellable = g_cancellable_new ();
  call->result = NULL;
  call->timed_out = FALSE;
  call->outer = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  call->outer_handler = 0;
  g_main_context_push_thread_default (call->context);

  if (cancellable != NULL)
    call->outer_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_outer_cancelled),
                                                 g_object_ref (call->cancellable),
                                                 g_object_unref);
}

void
polku_keyring_call_wait (PolkuKeyringCall *call,
                         guint             timeout_seconds)
{
  GSource *timeout = g_timeout_source_new_seconds (MAX (timeout_seconds, 1));

  g_source_set_callback (timeout, call_timeout, call, NULL);
  g_source_attach (timeout, call->context);

  while (call->result == NULL)
    g_main_context_iteration (call->context, TRUE);

  g_source_destroy (timeout);
  g_source_unref (timeout);
}

void
polku_keyring_call_end (PolkuKeyringCall *call)
{
  if (call->outer != NULL)
    g_cancellable_disconnect (call->outer, call->outer_handler);
  g_clear_object (&call->outer);
  g_main_context_pop_thread_default (call->context);
  /* Let libsecret finish whatever it scheduled on this context. */
  while (g_main_context_iteration (call->context, FALSE))
    ;
  g_clear_object (&call->result);
  g_clear_object (&call->cancellable);
  g_clear_pointer (&call->context, g_main_context_unref);
}

static void
set_unavailable (GError   **error,
                 PolkuKeyringCall  *call,
                 GError    *cause,
                 guint      timeout_seconds)
{
  if (call->timed_out)
    g_set_error (error, POLKU_KEYRING_ERROR, POLKU_KEYRING_ERROR_UNAVAILABLE,
                 _("The keyring (Secret Service) did not answer within %u seconds."),
                 timeout_seconds);
  else
    g_set_error (error, POLKU_KEYRING_ERROR, POLKU_KEYRING_ERROR_UNAVAILABLE,
                 _("The keyring (Secret Service) cannot be used: %s"), cause->message);
}

char *
polku_keyring_lookup_key (const char    *profile_id,
                          guint          timeout_seconds,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  PolkuKeyringCall call;
  char *secret;

  g_return_val_if_fail (profile_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  polku_keyring_call_begin (&call, cancellable);
  secret_password_lookup (get_schema (), call.cancellable, polku_keyring_call_done, &call,
                          "profile-id", profile_id, NULL);
  polku_keyring_call_wait (&call, timeout_seconds);
  secret = secret_password_lookup_finish (call.result, &local_error);
  if (local_error != NULL)
    set_unavailable (error, &call, local_error, timeout_seconds);
  polku_keyring_call_end (&call);

  if (secret == NULL)
    return NULL;

  {
    char *copy = g_strdup (secret);

    secret_password_free (secret);
    return copy;
  }
}

gboolean
polku_keyring_store_key (const char    *profile_id,
                         const char    *label,
                         const char    *key,
                         guint          timeout_seconds,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  PolkuKeyringCall call;
  gboolean ok;

  g_return_val_if_fail (profile_id != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  polku_keyring_call_begin (&call, cancellable);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, key,
                         call.cancellable, polku_keyring_call_done, &call,
                         "profile-id", profile_id, NULL);
  polku_keyring_call_wait (&call, timeout_seconds);
  ok = secret_password_store_finish (call.result, &local_error);
  if (!ok)
    set_unavailable (error, &call, local_error, timeout_seconds);
  polku_keyring_call_end (&call);

  return ok;
}

gboolean
polku_keyring_clear_key (const char    *profile_id,
                         guint          timeout_seconds,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  PolkuKeyringCall call;

  g_return_val_if_fail (profile_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  polku_keyring_call_begin (&call, cancellable);
  secret_password_clear (get_schema (), call.cancellable, polku_keyring_call_done, &call,
                         "profile-id", profile_id, NULL);
  polku_keyring_call_wait (&call, timeout_seconds);
  secret_password_clear_finish (call.result, &local_error);
  if (local_error != NULL)
    set_unavailable (error, &call, local_error, timeout_seconds);
  polku_keyring_call_end (&call);

  return local_error == NULL;
}
