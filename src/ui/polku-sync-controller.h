/* polku-sync-controller.h: when the window syncs, and what the last sync said
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "polku-profile.h"
#include "polku-store.h"

G_BEGIN_DECLS

typedef enum
{
  POLKU_SYNC_STATE_NOT_SET_UP,  /* no server or account in the profile */
  POLKU_SYNC_STATE_IDLE,        /* set up; never synced with this server */
  POLKU_SYNC_STATE_SYNCING,     /* a run in flight: see progress and progress-text */
  POLKU_SYNC_STATE_SYNCED,      /* the last run went through: see last-synced */
  POLKU_SYNC_STATE_OFFLINE,     /* no network, or the server did not answer */
  POLKU_SYNC_STATE_ERROR,       /* the last run failed, or some documents did: see message */
  POLKU_SYNC_STATE_CONFLICTS,   /* synced, and conflicts wait for a decision */
} PolkuSyncState;

#define POLKU_TYPE_SYNC_STATE (polku_sync_state_get_type ())
GType polku_sync_state_get_type (void);

#define POLKU_SYNC_CONTROLLER_ERROR (polku_sync_controller_error_quark ())

typedef enum
{
  POLKU_SYNC_CONTROLLER_ERROR_NO_PASSWORD,  /* none in the keyring for this server and account */
  POLKU_SYNC_CONTROLLER_ERROR_KEYRING,      /* the keyring did not answer in time */
} PolkuSyncControllerError;

GQuark polku_sync_controller_error_quark (void);

/* How often a sync runs while the window is unlocked. */
#define POLKU_SYNC_INTERVAL_MINUTES 15

#define POLKU_TYPE_SYNC_CONTROLLER (polku_sync_controller_get_type ())
G_DECLARE_FINAL_TYPE (PolkuSyncController, polku_sync_controller, POLKU, SYNC_CONTROLLER,
                      GObject)

PolkuSyncController *polku_sync_controller_new               (void);

void            polku_sync_controller_start                  (PolkuSyncController *self,
                                                              PolkuProfile        *profile,
                                                              PolkuStore          *store);
void            polku_sync_controller_stop                   (PolkuSyncController *self);
gboolean        polku_sync_controller_sync_now               (PolkuSyncController *self);
void            polku_sync_controller_reload_settings        (PolkuSyncController *self);
void            polku_sync_controller_refresh_conflicts      (PolkuSyncController *self);
void            polku_sync_controller_set_auto               (PolkuSyncController *self,
                                                              gboolean             automatic);

PolkuSyncState  polku_sync_controller_get_state              (PolkuSyncController *self);
gboolean        polku_sync_controller_get_busy               (PolkuSyncController *self);
double          polku_sync_controller_get_progress           (PolkuSyncController *self);
const char     *polku_sync_controller_get_progress_text      (PolkuSyncController *self);
const char     *polku_sync_controller_get_message            (PolkuSyncController *self);
const char     *polku_sync_controller_get_server             (PolkuSyncController *self);
GDateTime      *polku_sync_controller_get_last_synced        (PolkuSyncController *self);
guint           polku_sync_controller_get_n_conflicts        (PolkuSyncController *self);
char           *polku_sync_controller_dup_summary            (PolkuSyncController *self);
PolkuStore     *polku_sync_controller_get_store              (PolkuSyncController *self);

/* Every controller of @profile_id reads its settings again (Preferences saved them). */
void            polku_sync_controller_settings_changed       (const char          *profile_id);

G_END_DECLS
