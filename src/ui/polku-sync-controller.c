/* polku-sync-controller.c: when the window syncs, and what the last sync said
 *
 * One controller per window (and so per open profile). It runs polku_sync_run () in a
 * worker thread: when the window is unlocked, every POLKU_SYNC_INTERVAL_MINUTES while it
 * stays unlocked, when the network comes back (GNetworkMonitor) and on demand (win.sync).
 * Never two runs at once: a sync asked for during a run starts when it ends. Locking or
 * closing the window cancels the run in flight and drops what it would have reported.
 *
 * The password is read from the keyring in the same thread, with a timeout (a locked
 * keyring may show a prompt that nobody answers), and wiped after the run.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-sync-controller"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-conflicts-window.h"
#include "polku-couch.h"
#include "polku-date.h"
#include "polku-sync-controller.h"
#include "polku-sync-store.h"
#include "polku-sync.h"

/* How long the keyring may take to hand over the password. */
#define KEYRING_TIMEOUT_SECONDS 30
/* A sync after unlocking waits this long, so that opening the window stays quick. */
#define START_DELAY_SECONDS 2

G_DEFINE_ENUM_TYPE (PolkuSyncState, polku_sync_state,
                    G_DEFINE_ENUM_VALUE (POLKU_SYNC_STATE_NOT_SET_UP, "not-set-up"),
                    G_DEFINE_ENUM_VALUE (POLKU_SYNC_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (POLKU_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (POLKU_SYNC_STATE_SYNCED, "synced"),
                    G_DEFINE_ENUM_VALUE (POLKU_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (POLKU_SYNC_STATE_ERROR, "error"),
                    G_DEFINE_ENUM_VALUE (POLKU_SYNC_STATE_CONFLICTS, "conflicts"))

G_DEFINE_QUARK (polku-sync-controller-error-quark, polku_sync_controller_error)

struct _PolkuSyncController
{
  GObject            parent_instance;

  PolkuProfile      *profile;
  PolkuStore        *store;
  PolkuSyncSettings *settings;        /* NULL: not set up */
  gboolean           automatic;

  GNetworkMonitor   *monitor;
  gboolean           network_available;
  guint              periodic_source;
  guint              start_source;

  /* The run in flight */
  GCancellable      *cancellable;
  guint              serial;          /* a run reports only while it is the newest */
  gboolean           busy;
  gboolean           pending;
  guint              keyring_source;
  struct RunData    *run;

  PolkuSyncState     state;
  double             progress;
  char              *progress_text;
  char              *message;
  GDateTime         *last_synced;
  PolkuSyncSummary   summary;         /* of the last run that went through; no server, errors */
  gboolean           has_summary;
  guint              n_conflicts;
};

G_DEFINE_FINAL_TYPE (PolkuSyncController, polku_sync_controller, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_BUSY,
  PROP_PROGRESS,
  PROP_PROGRESS_TEXT,
  PROP_MESSAGE,
  PROP_LAST_SYNCED,
  PROP_N_CONFLICTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Every controller alive, so that Preferences can tell those of a profile. */
static GPtrArray *controllers;

typedef struct RunData
{
  PolkuStore        *store;
  PolkuSyncSettings *settings;
  char              *profile_id;
  char              *actor;
  guint              serial;
  gint               in_keyring;      /* atomic: the thread waits for the keyring */
  GWeakRef           controller;
} RunData;

typedef struct
{
  PolkuSyncSummary  *summary;
  guint              n_conflicts;
} RunResult;

typedef struct
{
  GWeakRef           controller;
  guint              serial;
  double             fraction;
  char              *what;
} Progress;

static PolkuSyncSettings *
settings_copy (const PolkuSyncSettings *s)
{
  PolkuSyncSettings *copy = g_new0 (PolkuSyncSettings, 1);

  copy->server = g_strdup (s->server);
  copy->account = g_strdup (s->account);
  copy->organisation = g_strdup (s->organisation);
  copy->trusted_certificate = g_strdup (s->trusted_certificate);
  copy->profile_id = g_strdup (s->profile_id);
  return copy;
}

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->settings, polku_sync_settings_free);
  g_free (data->profile_id);
  g_free (data->actor);
  g_weak_ref_clear (&data->controller);
  g_free (data);
}

static void
run_result_free (RunResult *result)
{
  g_clear_pointer (&result->summary, polku_sync_summary_free);
  g_free (result);
}

static void
progress_free (Progress *progress)
{
  g_weak_ref_clear (&progress->controller);
  g_free (progress->what);
  g_free (progress);
}

/* State */

static void
set_state (PolkuSyncController *self,
           PolkuSyncState       state,
           const char          *message)
{
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
set_busy (PolkuSyncController *self,
          gboolean             busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_progress (PolkuSyncController *self,
              double               fraction,
              const char          *what)
{
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (self->progress != fraction)
    {
      self->progress = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  if (g_strcmp0 (self->progress_text, what) != 0)
    {
      g_free (self->progress_text);
      self->progress_text = g_strdup (what);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TEXT]);
    }
}

static void
set_n_conflicts (PolkuSyncController *self,
                 guint                n)
{
  if (self->n_conflicts == n)
    return;
  self->n_conflicts = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
}

/* The state when no run is in flight and the last one (if any) went through. */
static void
settle_state (PolkuSyncController *self)
{
  if (self->settings == NULL)
    set_state (self, POLKU_SYNC_STATE_NOT_SET_UP, NULL);
  else if (self->n_conflicts > 0)
    set_state (self, POLKU_SYNC_STATE_CONFLICTS, NULL);
  else if (self->last_synced != NULL)
    set_state (self, POLKU_SYNC_STATE_SYNCED, NULL);
  else
    set_state (self, POLKU_SYNC_STATE_IDLE, NULL);
}

/* When the last sync with the server of the settings ran to its end, as the store's audit
 * log has it (a sync before this unlocking, or in another window or polku-cli). */
static void
read_last_synced (PolkuSyncController *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stamp = NULL;
  g_autoptr(GDateTime) utc = NULL;
  GDateTime *when = NULL;

  if (self->store != NULL && self->settings != NULL && polku_store_is_open (self->store))
    stamp = polku_sync_store_get_last_run (self->store, self->settings->server, &error);
  if (error != NULL)
    /* Not worth a dialog: the store may have just locked. */
    g_debug ("Could not read when the last sync was: %s", error->message);
  if (stamp != NULL)
    utc = g_date_time_new_from_iso8601 (stamp, NULL);
  if (utc != NULL)
    when = g_date_time_to_local (utc);

  if (when == NULL && self->last_synced == NULL)
    return;
  g_clear_pointer (&self->last_synced, g_date_time_unref);
  self->last_synced = when;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
}

/* Reads the profile's settings; FALSE (and the state says why) when sync is not set up. */
static gboolean
load_settings (PolkuSyncController *self)
{
  g_autoptr(GError) error = NULL;
  PolkuSyncSettings *settings;

  g_clear_pointer (&self->settings, polku_sync_settings_free);
  if (self->profile == NULL)
    return FALSE;

  settings = polku_sync_settings_load (self->profile, &error);
  if (settings == NULL)
    {
      g_debug ("Could not read the sync settings: %s", g_quark_to_string (error->domain));
      set_state (self, POLKU_SYNC_STATE_ERROR, error->message);
      return FALSE;
    }
  if (settings->server == NULL || settings->server[0] == '\0'
      || settings->account == NULL || settings->account[0] == '\0')
    {
      polku_sync_settings_free (settings);
      return FALSE;
    }
  self->settings = settings;
  return TRUE;
}

static void
count_conflicts (PolkuSyncController *self)
{
  g_autoptr(GError) error = NULL;
  guint n;

  if (self->store == NULL || !polku_store_is_open (self->store))
    {
      set_n_conflicts (self, 0);
      return;
    }
  n = polku_sync_conflict_count_open (self->store, &error);
  if (error != NULL)
    {
      /* A count in the header is not worth a dialog (the store may have just locked). */
      g_debug ("Could not count the sync conflicts: %s", error->message);
      return;
    }
  set_n_conflicts (self, n);
}

/* A run */

static gboolean
progress_idle (gpointer user_data)
{
  Progress *progress = user_data;
  g_autoptr(PolkuSyncController) self = g_weak_ref_get (&progress->controller);

  if (self != NULL && self->busy && self->serial == progress->serial)
    set_progress (self, progress->fraction, progress->what);
  return G_SOURCE_REMOVE;
}

/* Called from the sync's thread. */
static void
on_progress (double      fraction,
             const char *what,
             gpointer    user_data)
{
  RunData *data = user_data;
  Progress *progress = g_new0 (Progress, 1);

  g_weak_ref_init (&progress->controller, NULL);
  {
    g_autoptr(GObject) controller = g_weak_ref_get (&data->controller);

    g_weak_ref_set (&progress->controller, controller);
  }
  progress->serial = data->serial;
  progress->fraction = fraction;
  progress->what = g_strdup (what);
  g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle, progress, (GDestroyNotify) progress_free);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree RunResult *result = g_new0 (RunResult, 1);
  char *password;

  g_atomic_int_set (&data->in_keyring, 1);
  password = polku_sync_password_lookup (data->profile_id, data->settings->server,
                                         data->settings->account, cancellable, &error);
  g_atomic_int_set (&data->in_keyring, 0);
  if (password == NULL)
    {
      /* The engine's words name the keyring; these say where to put the password. */
      if (error == NULL || g_error_matches (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_NO_PASSWORD))
        {
          g_clear_error (&error);
          g_set_error (&error, POLKU_SYNC_CONTROLLER_ERROR,
                       POLKU_SYNC_CONTROLLER_ERROR_NO_PASSWORD,
                       _("No password for the account “%s” is saved on this computer. Enter "
                         "it in Preferences, under Sync."), data->settings->account);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result->summary = polku_sync_run (data->store, data->settings, password, data->actor,
                                    on_progress, data, cancellable, &error);
  explicit_bzero (password, strlen (password));
  g_free (password);
  if (result->summary == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result->n_conflicts = polku_sync_conflict_count_open (data->store, NULL);
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) run_result_free);
}

static gboolean
is_network_error (const GError *error)
{
  return g_error_matches (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_UNREACHABLE)
         || g_error_matches (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_TIMEOUT);
}

static void
keep_summary (PolkuSyncController     *self,
              const PolkuSyncSummary  *summary)
{
  self->summary.pulled = summary->pulled;
  self->summary.pushed = summary->pushed;
  self->summary.merged = summary->merged;
  self->summary.conflicts = summary->conflicts;
  self->summary.removed = summary->removed;
  self->has_summary = TRUE;
}

static void
run_done (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  PolkuSyncController *self = POLKU_SYNC_CONTROLLER (source);
  g_autoptr(GError) error = NULL;
  RunResult *result;
  guint serial = GPOINTER_TO_UINT (user_data);

  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (serial != self->serial)
    {
      /* Stopped (locked) or replaced: what this run found is not shown. */
      g_clear_pointer (&result, run_result_free);
      return;
    }

  g_clear_handle_id (&self->keyring_source, g_source_remove);
  g_clear_object (&self->cancellable);
  self->run = NULL;
  set_progress (self, 0, NULL);

  if (result == NULL)
    {
      g_debug ("Sync failed: %s %d", g_quark_to_string (error->domain), error->code);
      /* Nothing to tell of this run; when the last one went through still shows. */
      self->has_summary = FALSE;
      if (is_network_error (error))
        set_state (self, POLKU_SYNC_STATE_OFFLINE, error->message);
      else
        set_state (self, POLKU_SYNC_STATE_ERROR, error->message);
    }
  else
    {
      g_clear_pointer (&self->last_synced, g_date_time_unref);
      self->last_synced = polku_date_now_local ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
      keep_summary (self, result->summary);
      set_n_conflicts (self, result->n_conflicts);
      if (result->summary->errors != NULL && result->summary->errors->len > 0)
        {
          g_autoptr(GString) text = g_string_new (NULL);

          for (guint i = 0; i < result->summary->errors->len; i++)
            {
              if (i > 0)
                g_string_append_c (text, '\n');
              g_string_append (text, g_ptr_array_index (result->summary->errors, i));
            }
          set_state (self, POLKU_SYNC_STATE_ERROR, text->str);
        }
      else
        {
          settle_state (self);
        }
      run_result_free (result);
    }

  set_busy (self, FALSE);
  if (self->store != NULL)
    polku_conflicts_banner_reload_all (self->store);
  g_signal_emit (self, signals[FINISHED], 0);

  if (self->pending)
    {
      self->pending = FALSE;
      polku_sync_controller_sync_now (self);
    }
}

/* Cancels the run in flight; what it would report is dropped. */
static void
cancel_run (PolkuSyncController *self)
{
  g_clear_handle_id (&self->keyring_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->serial++;
  self->run = NULL;
  self->pending = FALSE;
  set_progress (self, 0, NULL);
  set_busy (self, FALSE);
}

static gboolean
keyring_timeout_cb (gpointer user_data)
{
  PolkuSyncController *self = user_data;

  self->keyring_source = 0;
  if (self->run != NULL && g_atomic_int_get (&self->run->in_keyring))
    {
      g_autofree char *message = NULL;

      g_debug ("The keyring did not answer; the sync is cancelled");
      message = g_strdup_printf (_("The keyring did not hand over the sync password within "
                                   "%d seconds. Unlock the keyring and sync again."),
                                 KEYRING_TIMEOUT_SECONDS);
      cancel_run (self);
      set_state (self, POLKU_SYNC_STATE_ERROR, message);
    }
  return G_SOURCE_REMOVE;
}

/**
 * polku_sync_controller_sync_now:
 *
 * Starts a sync in a worker thread, or, when one is running, another right after it.
 *
 * Returns: %FALSE when nothing starts: the window is locked or sync is not set up
 */
gboolean
polku_sync_controller_sync_now (PolkuSyncController *self)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_val_if_fail (POLKU_IS_SYNC_CONTROLLER (self), FALSE);

  if (self->store == NULL)
    return FALSE;
  if (self->busy)
    {
      self->pending = TRUE;
      return TRUE;
    }
  if (!load_settings (self))
    {
      if (self->state != POLKU_SYNC_STATE_ERROR)
        settle_state (self);
      return FALSE;
    }

  data = g_new0 (RunData, 1);
  data->store = g_object_ref (self->store);
  data->settings = settings_copy (self->settings);
  data->profile_id = g_strdup (polku_profile_get_id (self->profile));
  data->actor = polku_store_dup_actor (self->store);
  data->serial = ++self->serial;
  g_weak_ref_init (&data->controller, self);
  self->run = data;

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  set_progress (self, 0, _("Connecting to the server…"));
  set_state (self, POLKU_SYNC_STATE_SYNCING, NULL);

  g_debug ("Sync %u starts", data->serial);
  task = g_task_new (self, self->cancellable, run_done, GUINT_TO_POINTER (data->serial));
  g_task_set_source_tag (task, polku_sync_controller_sync_now);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
  self->keyring_source = g_timeout_add_seconds (KEYRING_TIMEOUT_SECONDS, keyring_timeout_cb,
                                                self);
  return TRUE;
}

/* Triggers */

static gboolean
periodic_cb (gpointer user_data)
{
  PolkuSyncController *self = user_data;

  if (self->settings != NULL || load_settings (self))
    polku_sync_controller_sync_now (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
start_cb (gpointer user_data)
{
  PolkuSyncController *self = user_data;

  self->start_source = 0;
  if (self->settings != NULL)
    polku_sync_controller_sync_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_network_changed (PolkuSyncController *self,
                    gboolean             available)
{
  gboolean came_back = available && !self->network_available;

  self->network_available = available;
  if (self->store == NULL || self->settings == NULL)
    return;

  if (!available && !self->busy)
    set_state (self, POLKU_SYNC_STATE_OFFLINE,
               _("This computer has no network. Sync starts again when it is back."));
  else if (came_back && self->automatic)
    polku_sync_controller_sync_now (self);
}

static void
schedule (PolkuSyncController *self)
{
  g_clear_handle_id (&self->periodic_source, g_source_remove);
  g_clear_handle_id (&self->start_source, g_source_remove);
  if (self->store == NULL || !self->automatic)
    return;

  self->periodic_source = g_timeout_add_seconds (POLKU_SYNC_INTERVAL_MINUTES * 60, periodic_cb,
                                                 self);
  g_source_set_name_by_id (self->periodic_source, "[polku] periodic sync");
  if (self->settings != NULL)
    {
      self->start_source = g_timeout_add_seconds (START_DELAY_SECONDS, start_cb, self);
      g_source_set_name_by_id (self->start_source, "[polku] sync after unlocking");
    }
}

/* Public */

/**
 * polku_sync_controller_start:
 * @profile: the window's profile (its settings and its id in the keyring)
 * @store: the open store
 *
 * The window was unlocked: counts the conflicts waiting, and syncs now and then.
 */
void
polku_sync_controller_start (PolkuSyncController *self,
                             PolkuProfile        *profile,
                             PolkuStore          *store)
{
  g_return_if_fail (POLKU_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (POLKU_IS_PROFILE (profile));
  g_return_if_fail (POLKU_IS_STORE (store));

  polku_sync_controller_stop (self);
  g_set_object (&self->profile, profile);
  g_set_object (&self->store, store);
  count_conflicts (self);
  if (load_settings (self))
    {
      read_last_synced (self);
      if (!self->network_available)
        set_state (self, POLKU_SYNC_STATE_OFFLINE,
                   _("This computer has no network. Sync starts again when it is back."));
      else
        settle_state (self);
    }
  else if (self->state != POLKU_SYNC_STATE_ERROR)
    {
      settle_state (self);
    }
  schedule (self);
}

/**
 * polku_sync_controller_stop:
 *
 * The window is locked or closed: cancels the run in flight (what it would report is
 * dropped) and every timer, and forgets the store.
 */
void
polku_sync_controller_stop (PolkuSyncController *self)
{
  g_return_if_fail (POLKU_IS_SYNC_CONTROLLER (self));

  g_clear_handle_id (&self->periodic_source, g_source_remove);
  g_clear_handle_id (&self->start_source, g_source_remove);
  cancel_run (self);

  g_clear_object (&self->store);
  self->has_summary = FALSE;
  /* The state first: a listener never sees "synced" without its time. */
  if (self->settings != NULL)
    set_state (self, POLKU_SYNC_STATE_IDLE, NULL);
  else
    set_state (self, POLKU_SYNC_STATE_NOT_SET_UP, NULL);
  set_n_conflicts (self, 0);
  g_clear_pointer (&self->last_synced, g_date_time_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
}

/* Preferences changed the server, the account or the organisation. */
void
polku_sync_controller_reload_settings (PolkuSyncController *self)
{
  gboolean was_set_up;

  g_return_if_fail (POLKU_IS_SYNC_CONTROLLER (self));

  if (self->store == NULL)
    return;
  was_set_up = self->settings != NULL;
  if (!load_settings (self))
    {
      if (self->state != POLKU_SYNC_STATE_ERROR || !self->busy)
        {
          set_state (self, POLKU_SYNC_STATE_IDLE, NULL);
          settle_state (self);
        }
      return;
    }
  if (!self->busy)
    {
      /* What the last run said was about the settings before. */
      self->has_summary = FALSE;
      set_state (self, POLKU_SYNC_STATE_IDLE, NULL);
      read_last_synced (self);
      settle_state (self);
    }
  if (!was_set_up)
    schedule (self);
}

/* A conflict was decided, here or elsewhere: the count follows. */
void
polku_sync_controller_refresh_conflicts (PolkuSyncController *self)
{
  g_return_if_fail (POLKU_IS_SYNC_CONTROLLER (self));

  count_conflicts (self);
  if (!self->busy && (self->state == POLKU_SYNC_STATE_CONFLICTS
                      || self->state == POLKU_SYNC_STATE_SYNCED))
    settle_state (self);
}

/**
 * polku_sync_controller_set_auto:
 * @automatic: whether to sync after unlocking, periodically and when the network comes back
 *   (%TRUE by default); on demand always works
 */
void
polku_sync_controller_set_auto (PolkuSyncController *self,
                                gboolean             automatic)
{
  g_return_if_fail (POLKU_IS_SYNC_CONTROLLER (self));

  self->automatic = !!automatic;
  schedule (self);
}

void
polku_sync_controller_settings_changed (const char *profile_id)
{
  g_return_if_fail (profile_id != NULL);

  for (guint i = 0; controllers != NULL && i < controllers->len; i++)
    {
      PolkuSyncController *self = g_ptr_array_index (controllers, i);

      if (self->profile != NULL
          && g_strcmp0 (polku_profile_get_id (self->profile), profile_id) == 0)
        polku_sync_controller_reload_settings (self);
    }
}

PolkuSyncState
polku_sync_controller_get_state (PolkuSyncController *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_CONTROLLER (self), POLKU_SYNC_STATE_NOT_SET_UP);
  return self->state;
}

gboolean
polku_sync_controller_get_busy (PolkuSyncController *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_CONTROLLER (self), FALSE);
  return self->busy;
}

double
polku_sync_controller_get_progress (PolkuSyncController *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_CONTROLLER (self), 0);
  return self->progress;
}

/* What the run in flight is doing, in words (NULL when none is). */
const char *
polku_sync_controller_get_progress_text (PolkuSyncController *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_CONTROLLER (self), NULL);
  return self->progress_text;
}

/* Why the last run failed or was offline (NULL otherwise). */
const char *
polku_sync_controller_get_message (PolkuSyncController *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_CONTROLLER (self), NULL);
  return self->message;
}

/* The server of the settings, NULL when sync is not set up. */
const char *
polku_sync_controller_get_server (PolkuSyncController *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_CONTROLLER (self), NULL);
  return self->settings != NULL ? self->settings->server : NULL;
}

/* When the last run with the server went through: this one, or as the audit log has it
 * (NULL when never). */
GDateTime *
polku_sync_controller_get_last_synced (PolkuSyncController *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_CONTROLLER (self), NULL);
  return self->last_synced;
}

guint
polku_sync_controller_get_n_conflicts (PolkuSyncController *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_CONTROLLER (self), 0);
  return self->n_conflicts;
}

PolkuStore *
polku_sync_controller_get_store (PolkuSyncController *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_CONTROLLER (self), NULL);
  return self->store;
}

/**
 * polku_sync_controller_dup_summary:
 *
 * Returns: (transfer full) (nullable): what the last run did, in words
 */
char *
polku_sync_controller_dup_summary (PolkuSyncController *self)
{
  g_autofree char *received = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *removed = NULL;

  g_return_val_if_fail (POLKU_IS_SYNC_CONTROLLER (self), NULL);

  if (!self->has_summary)
    return NULL;

  received = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u plan received",
                                           "%u plans received", self->summary.pulled),
                              self->summary.pulled);
  sent = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sent", "%u sent",
                                       self->summary.pushed), self->summary.pushed);
  merged = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u merged", "%u merged",
                                         self->summary.merged), self->summary.merged);
  removed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u removed from the server",
                                          "%u removed from the server",
                                          self->summary.removed), self->summary.removed);
  /* Translators: the parts of a sync's summary, e.g. "3 plans received, 1 sent, 0 merged,
   * 0 removed from the server" */
  return g_strdup_printf (_("%s, %s, %s, %s"), received, sent, merged, removed);
}

/* GObject */

static void
polku_sync_controller_dispose (GObject *object)
{
  PolkuSyncController *self = (PolkuSyncController *) object;

  if (controllers != NULL)
    g_ptr_array_remove (controllers, self);
  g_clear_handle_id (&self->periodic_source, g_source_remove);
  g_clear_handle_id (&self->start_source, g_source_remove);
  g_clear_handle_id (&self->keyring_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->serial++;
  self->run = NULL;
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->store);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (polku_sync_controller_parent_class)->dispose (object);
}

static void
polku_sync_controller_finalize (GObject *object)
{
  PolkuSyncController *self = (PolkuSyncController *) object;

  g_clear_pointer (&self->settings, polku_sync_settings_free);
  g_clear_pointer (&self->last_synced, g_date_time_unref);
  g_free (self->progress_text);
  g_free (self->message);

  G_OBJECT_CLASS (polku_sync_controller_parent_class)->finalize (object);
}

static void
polku_sync_controller_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PolkuSyncController *self = POLKU_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_PROGRESS_TEXT:
      g_value_set_string (value, self->progress_text);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_LAST_SYNCED:
      g_value_set_boxed (value, self->last_synced);
      break;
    case PROP_N_CONFLICTS:
      g_value_set_uint (value, self->n_conflicts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_sync_controller_class_init (PolkuSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = polku_sync_controller_dispose;
  object_class->finalize = polku_sync_controller_finalize;
  object_class->get_property = polku_sync_controller_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, POLKU_TYPE_SYNC_STATE,
                       POLKU_SYNC_STATE_NOT_SET_UP, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_PROGRESS_TEXT] = g_param_spec_string ("progress-text", NULL, NULL, NULL,
                                                        flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_LAST_SYNCED] = g_param_spec_boxed ("last-synced", NULL, NULL,
                                                     G_TYPE_DATE_TIME, flags);
  properties[PROP_N_CONFLICTS] = g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT,
                                                    0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PolkuSyncController::finished:
   *
   * A run ended (went through, failed or was offline; not when it was cancelled).
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
polku_sync_controller_init (PolkuSyncController *self)
{
  self->automatic = TRUE;
  self->state = POLKU_SYNC_STATE_NOT_SET_UP;
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_available = g_network_monitor_get_network_available (self->monitor);
  g_signal_connect_swapped (self->monitor, "network-changed", G_CALLBACK (on_network_changed),
                            self);

  if (controllers == NULL)
    controllers = g_ptr_array_new ();
  g_ptr_array_add (controllers, self);
}

PolkuSyncController *
polku_sync_controller_new (void)
{
  return g_object_new (POLKU_TYPE_SYNC_CONTROLLER, NULL);
}
