/* polku-sync.h: one sync with a CouchDB-protocol server: pull, merge, push, remove; the
 * settings and the password
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Settings live in the profile (profile.ini, group [sync]: server, account, organisation,
 * trusted_certificate; nothing secret). The password is in the Secret Service (schema
 * io.github.polku.Polku.Sync, attributes profile, server, account), never in GSettings,
 * files or logs.
 *
 * A profile without an organisation is a coordinator's: it syncs every database of the
 * county's organisations file that a client's sharing consent covers, and removes what a
 * consent no longer covers. A profile with organisation X is a clinic's: it pulls only X's
 * access-group database, takes in the clients it receives and pushes its own edits back.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "polku-profile.h"
#include "polku-store.h"
#include "polku-sync-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *server;               /* https://… (http:// only for loopback tests) */
  char *account;
  char *organisation;         /* nullable: a coordinator's profile */
  char *trusted_certificate;  /* nullable: a pinned SHA-256 fingerprint */
  char *profile_id;           /* the profile's id: the server's checkpoints and the replica */
} PolkuSyncSettings;

PolkuSyncSettings *polku_sync_settings_load   (PolkuProfile             *profile,
                                               GError                  **error);
gboolean    polku_sync_settings_save          (PolkuProfile             *profile,
                                               const PolkuSyncSettings  *s,
                                               GError                  **error);
void        polku_sync_settings_free          (PolkuSyncSettings        *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolkuSyncSettings, polku_sync_settings_free)

/* The password in the Secret Service (asynchronous underneath, with a timeout). lookup
 * returns NULL with POLKU_SYNC_ERROR_NO_PASSWORD when the keyring has none. */
gboolean    polku_sync_password_store         (const char               *profile_id,
                                               const char               *server,
                                               const char               *account,
                                               const char               *password,
                                               GCancellable             *cancellable,
                                               GError                  **error);
char       *polku_sync_password_lookup        (const char               *profile_id,
                                               const char               *server,
                                               const char               *account,
                                               GCancellable             *cancellable,
                                               GError                  **error);

typedef struct
{
  char      *server;
  guint      pulled;     /* documents received and taken in */
  guint      pushed;     /* documents the server took */
  guint      merged;     /* received documents combined with local changes */
  guint      conflicts;  /* conflicts queued in this sync */
  guint      removed;    /* documents removed from the server */
  GPtrArray *errors;     /* of char *: what went wrong, in words; the sync went on */
} PolkuSyncSummary;

void        polku_sync_summary_free           (PolkuSyncSummary         *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolkuSyncSummary, polku_sync_summary_free)
/* {"server", "pulled", "pushed", "merged", "conflicts", "removed", "errors": […]} */
JsonNode   *polku_sync_summary_to_json        (const PolkuSyncSummary   *s);

/* Called from the sync's thread. */
typedef void (*PolkuSyncProgress) (double      fraction,
                                   const char *what,
                                   gpointer    user_data);

/* One sync. Blocking: run it in a thread (GTask) from the window. Returns NULL with @error
 * when the sync could not start or stopped (the server down, wrong password, …): what was
 * taken in before that is kept, and the next sync carries on from there. Errors about
 * single documents do not stop it: they are in the summary's errors. @actor: who is
 * syncing (the version author and changed_by of what goes out). */
PolkuSyncSummary *polku_sync_run              (PolkuStore               *store,
                                               const PolkuSyncSettings  *s,
                                               const char               *password,
                                               const char               *actor,
                                               PolkuSyncProgress         progress,
                                               gpointer                  user_data,
                                               GCancellable             *cancellable,
                                               GError                  **error);

G_END_DECLS
