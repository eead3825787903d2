/* polku-profile.c: where a database lives and how its key is found
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-profile"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "polku-keyring.h"
#include "polku-profile.h"

#define PROFILE_GROUP "Profile"
#define DATABASE_NAME "polku.db"
#define PROFILE_NAME "profile.ini"

struct _PolkuProfile
{
  GObject         parent_instance;

  char           *data_dir;
  char           *database_path;
  char           *profile_path;
  char           *id;
  PolkuKeySource  key_source;
};

G_DEFINE_FINAL_TYPE (PolkuProfile, polku_profile, G_TYPE_OBJECT)
G_DEFINE_QUARK (polku-profile-error-quark, polku_profile_error)

static void
polku_profile_finalize (GObject *object)
{
  PolkuProfile *self = (PolkuProfile *) object;

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->profile_path, g_free);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (polku_profile_parent_class)->finalize (object);
}

static void
polku_profile_class_init (PolkuProfileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = polku_profile_finalize;
}

static void
polku_profile_init (PolkuProfile *self)
{
}

/**
 * polku_profile_default_data_dir:
 *
 * Returns: (transfer full): $POLKU_DATA_DIR if set, else $XDG_DATA_HOME/polku.
 */
char *
polku_profile_default_data_dir (void)
{
  const char *env = g_getenv (POLKU_DATA_DIR_ENV);

  if (env != NULL && env[0] != '\0')
    return g_canonicalize_filename (env, NULL);

  return g_build_filename (g_get_user_data_dir (), "polku", NULL);
}

/* Reads profile.ini if it is there; a broken one leaves the key source unknown. */
static void
load_profile_file (PolkuProfile *self)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *source = NULL;

  self->key_source = POLKU_KEY_SOURCE_NONE;
  g_clear_pointer (&self->id, g_free);

  if (!g_key_file_load_from_file (keyfile, self->profile_path, G_KEY_FILE_NONE, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_warning ("Could not read %s: %s", self->profile_path, error->message);
      return;
    }

  id = g_key_file_get_string (keyfile, PROFILE_GROUP, "id", NULL);
  source = g_key_file_get_string (keyfile, PROFILE_GROUP, "key-source", NULL);
  if (id == NULL || !g_uuid_string_is_valid (id))
    return;

  if (g_strcmp0 (source, "secret-service") == 0)
    self->key_source = POLKU_KEY_SOURCE_SECRET_SERVICE;
  else if (g_strcmp0 (source, "passphrase") == 0)
    self->key_source = POLKU_KEY_SOURCE_PASSPHRASE;
  else
    return;

  self->id = g_steal_pointer (&id);
}

static gboolean
save_profile_file (PolkuProfile    *self,
                   const char      *id,
                   PolkuKeySource   source,
                   GError         **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize length;

  /* Other groups ([sync], polku-sync.c) stay as they are. */
  if (!g_key_file_load_from_file (keyfile, self->profile_path, G_KEY_FILE_KEEP_COMMENTS, NULL))
    g_debug ("No profile file to keep groups from at %s", self->profile_path);
  g_key_file_set_comment (keyfile, NULL, NULL,
                          " Polku profile: no secrets here. The database key is in the\n"
                          " Secret Service (key-source=secret-service) or derived from a\n"
                          " passphrase (key-source=passphrase).", NULL);
  g_key_file_set_integer (keyfile, PROFILE_GROUP, "format", 1);
  g_key_file_set_string (keyfile, PROFILE_GROUP, "id", id);
  g_key_file_set_string (keyfile, PROFILE_GROUP, "key-source",
                         source == POLKU_KEY_SOURCE_SECRET_SERVICE ? "secret-service"
                                                                   : "passphrase");
  data = g_key_file_to_data (keyfile, &length, NULL);

  if (!g_file_set_contents_full (self->profile_path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  g_free (self->id);
  self->id = g_strdup (id);
  self->key_source = source;
  return TRUE;
}

/**
 * polku_profile_save:
 * @id: the profile's id (a UUID; the keyring finds the key by it)
 * @source: where the key is
 *
 * Writes profile.ini (0600) for a database put in place by other means (a restore from a
 * backup, polku-backup.c).
 */
gboolean
polku_profile_save (PolkuProfile    *self,
                    const char      *id,
                    PolkuKeySource   source,
                    GError         **error)
{
  g_return_val_if_fail (POLKU_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (id != NULL && g_uuid_string_is_valid (id), FALSE);
  g_return_val_if_fail (source != POLKU_KEY_SOURCE_NONE, FALSE);

  return save_profile_file (self, id, source, error);
}

/**
 * polku_profile_new:
 * @data_dir: (nullable): the profile's directory; %NULL for the default
 */
PolkuProfile *
polku_profile_new (const char *data_dir)
{
  PolkuProfile *self = g_object_new (POLKU_TYPE_PROFILE, NULL);

  if (data_dir != NULL)
    self->data_dir = g_canonicalize_filename (data_dir, NULL);
  else
    self->data_dir = polku_profile_default_data_dir ();

  self->database_path = g_build_filename (self->data_dir, DATABASE_NAME, NULL);
  self->profile_path = g_build_filename (self->data_dir, PROFILE_NAME, NULL);
  load_profile_file (self);

  return self;
}

const char *
polku_profile_get_data_dir (PolkuProfile *self)
{
  g_return_val_if_fail (POLKU_IS_PROFILE (self), NULL);
  return self->data_dir;
}

const char *
polku_profile_get_database_path (PolkuProfile *self)
{
  g_return_val_if_fail (POLKU_IS_PROFILE (self), NULL);
  return self->database_path;
}

gboolean
polku_profile_database_exists (PolkuProfile *self)
{
  g_return_val_if_fail (POLKU_IS_PROFILE (self), FALSE);
  return g_file_test (self->database_path, G_FILE_TEST_EXISTS);
}

/* profile.ini: no secrets; other modules keep their own groups in it ([sync]). */
const char *
polku_profile_get_settings_path (PolkuProfile *self)
{
  g_return_val_if_fail (POLKU_IS_PROFILE (self), NULL);
  return self->profile_path;
}

PolkuKeySource
polku_profile_get_key_source (PolkuProfile *self)
{
  g_return_val_if_fail (POLKU_IS_PROFILE (self), POLKU_KEY_SOURCE_NONE);
  return self->key_source;
}

const char *
polku_profile_get_id (PolkuProfile *self)
{
  g_return_val_if_fail (POLKU_IS_PROFILE (self), NULL);
  return self->id;
}

/**
 * polku_profile_check_passphrase:
 *
 * Checks a passphrase chosen for a new database.
 */
gboolean
polku_profile_check_passphrase (const char  *passphrase,
                                GError     **error)
{
  g_return_val_if_fail (passphrase != NULL, FALSE);

  if (g_utf8_strlen (passphrase, -1) < POLKU_MIN_PASSPHRASE_LENGTH)
    {
      g_set_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_FAILED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The passphrase must have at least %d character.",
                                "The passphrase must have at least %d characters.",
                                POLKU_MIN_PASSPHRASE_LENGTH),
                   POLKU_MIN_PASSPHRASE_LENGTH);
      return FALSE;
    }

  /* Length alone lets "        " or "aaaaaaaa" through. */
  {
    g_autofree char *stripped = g_strstrip (g_strdup (passphrase));
    gunichar first = g_utf8_get_char (passphrase);
    gboolean all_same = TRUE;

    for (const char *p = passphrase; *p != '\0'; p = g_utf8_next_char (p))
      if (g_utf8_get_char (p) != first)
        all_same = FALSE;
    if (g_utf8_strlen (stripped, -1) < POLKU_MIN_PASSPHRASE_LENGTH || all_same)
      {
        g_set_error_literal (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_FAILED,
                             _("The passphrase is too easy to guess: use several different "
                               "characters, not only spaces or one character repeated."));
        return FALSE;
      }
  }

  return TRUE;
}

static gboolean
ensure_data_dir (PolkuProfile  *self,
                 GError       **error)
{
  if (g_mkdir_with_parents (self->data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_FAILED,
                   _("Could not create the folder “%s”: %s"), self->data_dir,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static PolkuStore *
create_new (PolkuProfile  *self,
            const char    *passphrase,
            guint          timeout_seconds,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(PolkuStore) store = NULL;

  if (!ensure_data_dir (self, error))
    return NULL;

  if (passphrase != NULL)
    {
      if (!polku_profile_check_passphrase (passphrase, error))
        return NULL;
      store = polku_store_open (self->database_path, POLKU_KEY_PASSPHRASE, passphrase, TRUE,
                                error);
      if (store == NULL)
        return NULL;
      if (!save_profile_file (self, id, POLKU_KEY_SOURCE_PASSPHRASE, error))
        {
          g_autofree char *wal = g_strconcat (self->database_path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (self->database_path, "-shm", NULL);

          polku_store_close (store);
          g_unlink (self->database_path);
          g_unlink (wal);
          g_unlink (shm);
          return NULL;
        }
      return g_steal_pointer (&store);
    }
  else
    {
      g_autofree char *key = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GError) keyring_error = NULL;

      key = polku_store_generate_raw_key (error);
      if (key == NULL)
        return NULL;

      label = g_strdup_printf (_("Polku database key (%s)"), self->data_dir);
      if (!polku_keyring_store_key (id, label, key, timeout_seconds, cancellable,
                                    &keyring_error))
        {
          explicit_bzero (key, strlen (key));
          g_debug ("No Secret Service for a new profile: %s", keyring_error->message);
          g_set_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE,
                       _("%s Choose a passphrase to protect the new database."),
                       keyring_error->message);
          return NULL;
        }

      store = polku_store_open (self->database_path, POLKU_KEY_RAW, key, TRUE, error);
      explicit_bzero (key, strlen (key));
      if (store == NULL || !save_profile_file (self, id, POLKU_KEY_SOURCE_SECRET_SERVICE, error))
        {
          if (store != NULL)
            {
              g_autofree char *wal = g_strconcat (self->database_path, "-wal", NULL);
              g_autofree char *shm = g_strconcat (self->database_path, "-shm", NULL);

              polku_store_close (store);
              g_unlink (self->database_path);
              g_unlink (wal);
              g_unlink (shm);
            }
          polku_keyring_clear_key (id, timeout_seconds, NULL, NULL);
          return NULL;
        }
      return g_steal_pointer (&store);
    }
}

/**
 * polku_profile_open_sync:
 *
 * See polku_profile_open_async(). Blocks for at most about @timeout_seconds on the
 * Secret Service, plus the time SQLCipher needs to derive a key from a passphrase.
 *
 * Returns: (transfer full): the open store
 */
PolkuStore *
polku_profile_open_sync (PolkuProfile  *self,
                         const char    *passphrase,
                         guint          timeout_seconds,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GError) keyring_error = NULL;
  g_autofree char *key = NULL;
  PolkuStore *store;

  g_return_val_if_fail (POLKU_IS_PROFILE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  load_profile_file (self);

  if (!polku_profile_database_exists (self))
    {
      if (self->key_source != POLKU_KEY_SOURCE_NONE)
        {
          g_set_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_BAD_PROFILE,
                       _("The database “%s” is missing although its profile is there. "
                         "Restore the file from a backup, or remove “%s” to start anew."),
                       self->database_path, self->profile_path);
          return NULL;
        }
      return create_new (self, passphrase, timeout_seconds, cancellable, error);
    }

  switch (self->key_source)
    {
    case POLKU_KEY_SOURCE_SECRET_SERVICE:
      key = polku_keyring_lookup_key (self->id, timeout_seconds, cancellable, &keyring_error);
      if (keyring_error != NULL)
        {
          g_set_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_KEY_MISSING,
                       _("%s The key of this database is kept there: unlock your keyring "
                         "and try again."), keyring_error->message);
          return NULL;
        }
      if (key == NULL)
        {
          g_set_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_KEY_MISSING,
                       _("The key of this database is not in your keyring. Without it the "
                         "database cannot be opened; restore the keyring from a backup."));
          return NULL;
        }
      store = polku_store_open (self->database_path, POLKU_KEY_RAW, key, FALSE, error);
      explicit_bzero (key, strlen (key));
      return store;

    case POLKU_KEY_SOURCE_PASSPHRASE:
      if (passphrase == NULL)
        {
          g_set_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE,
                       _("This database is protected by a passphrase."));
          return NULL;
        }
      return polku_store_open (self->database_path, POLKU_KEY_PASSPHRASE, passphrase, FALSE,
                               error);

    case POLKU_KEY_SOURCE_NONE:
    default:
      /* A database without (a readable) profile.ini: only a passphrase can open it, and
       * the profile is written again once it did. */
      if (passphrase == NULL)
        {
          g_set_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE,
                       _("The profile file “%s” is missing or damaged. Enter the "
                         "database’s passphrase to open it."), self->profile_path);
          return NULL;
        }
      store = polku_store_open (self->database_path, POLKU_KEY_PASSPHRASE, passphrase, FALSE,
                                error);
      if (store != NULL)
        {
          g_autofree char *id = g_uuid_string_random ();
          g_autoptr(GError) save_error = NULL;

          if (!save_profile_file (self, id, POLKU_KEY_SOURCE_PASSPHRASE, &save_error))
            g_warning ("Could not write the profile file: %s", save_error->message);
        }
      return store;
    }
}

typedef struct
{
  char  *passphrase;
  guint  timeout_seconds;
} OpenData;

static void
open_data_free (OpenData *data)
{
  if (data->passphrase != NULL)
    {
      explicit_bzero (data->passphrase, strlen (data->passphrase));
      g_free (data->passphrase);
    }
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  PolkuStore *store;

  store = polku_profile_open_sync (source_object, data->passphrase, data->timeout_seconds,
                                   cancellable, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/**
 * polku_profile_open_async:
 * @passphrase: (nullable): %NULL to use the Secret Service
 *
 * Opens the profile's store in a worker thread. See the header for the rules.
 */
void
polku_profile_open_async (PolkuProfile        *self,
                          const char          *passphrase,
                          guint                timeout_seconds,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (POLKU_IS_PROFILE (self));

  data = g_new0 (OpenData, 1);
  data->passphrase = g_strdup (passphrase);
  data->timeout_seconds = timeout_seconds;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, polku_profile_open_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * polku_profile_open_finish:
 *
 * Returns: (transfer full): the open store, or %NULL with @error set
 */
PolkuStore *
polku_profile_open_finish (PolkuProfile  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
