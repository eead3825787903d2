/* polku-backup.c: the whole profile in one encrypted file, and back
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A backup is an SQLCipher database like the profile's own (same cipher settings, so that it
 * opens with SQLCipher 3.4 and 4), keyed with a key derived from the profile's recovery key
 * (polku-recovery.c), not with the profile's database key: it restores on a machine that
 * has neither the keyring nor the passphrase. It holds every page of the profile's database,
 * copied with SQLite's online backup in one read transaction (consistent while other
 * connections write; no audit trigger fires, the chain is copied as it is), plus one table,
 * backup_info: the format, the profile's id, when the backup was made, by which Polku, the
 * schema version and the audit head at that moment.
 *
 * Nothing is ever written in plaintext: the copy is made in an encrypted file under a
 * temporary name beside the target (0600 from the start, its rollback journal in memory),
 * checked page by page, synced and only then renamed into place. A failure removes it.
 *
 * A restore opens the backup read-only with the recovery key, checks every page (SQLCipher's
 * HMAC finds a flipped byte, the page count a file cut short), copies it into a new
 * database keyed with a new key (a new random key in the keyring, or a passphrase) under a
 * temporary name in the new profile's folder, drops backup_info, links it into place
 * (refusing a profile that is already there), writes profile.ini and opens it as usual (an
 * older schema is migrated), then records "restored from backup" in the audit log (which
 * also writes the audit anchor for the restored head). Any failure removes what the restore
 * made, keyring item included: nothing is left half made.
 *
 * The restored profile gets a new profile id: the keyring finds a database key by the
 * profile's id, and the original profile may still exist on this machine, with its key in
 * the same keyring. The original id is kept in the audit entry of the restore.
 */

#define G_LOG_DOMAIN "polku-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "polku-audit-private.h"
#include "polku-backup.h"
#include "polku-keyring.h"
#include "polku-recovery.h"
#include "polku-store-private.h"

#define BACKUP_FORMAT 1
#define POLKU_APPLICATION_ID 0x504f4c4b /* "POLK", as in polku-store.c */
#define PROFILE_FILE_NAME "profile.ini"

G_DEFINE_QUARK (polku-backup-error-quark, polku_backup_error)

static void
wipe (char **secret)
{
  if (*secret != NULL)
    explicit_bzero (*secret, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

typedef char *PolkuSecret;

static void
secret_clear (PolkuSecret *secret)
{
  wipe (secret);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PolkuSecret, secret_clear)

/* A connection that is closed whatever happens. */
typedef sqlite3 *PolkuConnection;

static void
connection_clear (PolkuConnection *db)
{
  if (*db != NULL)
    sqlite3_close_v2 (*db);
  *db = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PolkuConnection, connection_clear)

/**
 * polku_backup_default_name:
 *
 * Returns: (transfer full): "polku-backup-YYYY-MM-DD.polkubackup" for today
 */
char *
polku_backup_default_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  return g_strconcat ("polku-backup-", date, POLKU_BACKUP_SUFFIX, NULL);
}

/* Removes a database file made under a temporary name, with whatever SQLite put beside it. */
static void
remove_with_companions (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/* A new empty file named @base + "XXXXXX", 0600 from the start. */
static char *
make_temporary (const char  *base,
                GError     **error)
{
  g_autofree char *path = g_strconcat (base, "XXXXXX", NULL);
  int fd;

  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *dir = g_path_get_dirname (base);

      g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_FAILED,
                   _("Could not write in the folder “%s”: %s. Nothing was changed."), dir,
                   g_strerror (saved_errno));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&path);
}

static void
sync_path (const char *path,
           int         flags)
{
  int fd = open (path, flags | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Copies every page of @src_name of @src into the main database of @dest, in one step: one
 * read transaction on the source, so the copy is what the source held at one moment. */
static gboolean
copy_database (sqlite3     *dest,
               sqlite3     *src,
               GError     **error)
{
  sqlite3_backup *backup;
  int rc;

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    return polku_store_set_sqlite_error (error, dest, _("Copying the database"));
  for (guint tries = 0; tries < 50; tries++)
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
        break;
      g_usleep (100 * 1000);
    }
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                   _("Copying the database failed: %s"), sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

/* Every page is read, so SQLCipher checks every page's HMAC. Returns the first problem. */
static char *
integrity_problem (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *problem = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check;", -1, &stmt, NULL);
  while (rc == SQLITE_OK || rc == SQLITE_ROW)
    {
      const char *text;

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        break;
      text = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (text, "ok") != 0 && problem == NULL)
        problem = g_strdup (text != NULL ? text : "?");
    }
  if (problem == NULL && rc != SQLITE_DONE)
    problem = g_strdup (sqlite3_errstr (rc));
  sqlite3_finalize (stmt);
  /* The first of what may be many lines. */
  if (problem != NULL)
    g_strdelimit (problem, "\n", '\0');
  return problem;
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           gint64      fallback)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = fallback;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* What backup_info says. */
typedef struct
{
  int     format;
  char   *profile_id;
  char   *created;
  char   *polku_version;
  int     schema_version;
  gint64  audit_seq;
  char   *audit_hash;
} BackupInfo;

static void
backup_info_clear (BackupInfo *info)
{
  g_clear_pointer (&info->profile_id, g_free);
  g_clear_pointer (&info->created, g_free);
  g_clear_pointer (&info->polku_version, g_free);
  g_clear_pointer (&info->audit_hash, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BackupInfo, backup_info_clear)

static gboolean
read_audit_head (sqlite3  *db,
                 gint64   *out_seq,
                 char    **out_hash,
                 GError  **error)
{
  sqlite3_stmt *stmt;
  gboolean found;

  stmt = polku_store_prepare (db, "SELECT seq, hash FROM audit_head WHERE one = 1;",
                              _("Reading the audit log"), error);
  if (stmt == NULL)
    return FALSE;
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *out_seq = sqlite3_column_int64 (stmt, 0);
      *out_hash = polku_store_column_dup (stmt, 1);
    }
  sqlite3_finalize (stmt);
  if (!found || *out_hash == NULL)
    {
      g_set_error_literal (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_DAMAGED,
                           _("The audit log’s head is missing from the copy."));
      return FALSE;
    }
  return TRUE;
}

/* Makes the fresh copy @dest a backup: out of WAL (the copied header says WAL; a backup is
 * one file), backup_info written, every page checked. */
static gboolean
finish_backup_file (sqlite3     *dest,
                    const char  *profile_id,
                    GError     **error)
{
  g_autofree char *journal = NULL;
  g_autofree char *now = polku_date_now_stamp ();
  g_autofree char *audit_hash = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *problem = NULL;
  sqlite3_stmt *stmt;
  gint64 audit_seq = 0;

  if (!polku_store_exec (dest, "PRAGMA journal_mode = DELETE;", _("Writing the backup"),
                         error)
      || !read_audit_head (dest, &audit_seq, &audit_hash, error))
    return FALSE;
  schema = g_strdup_printf ("%" G_GINT64_FORMAT, query_int (dest, "PRAGMA user_version;", -1));

  if (!polku_store_exec (dest,
                         "CREATE TABLE backup_info ("
                         "  one INTEGER PRIMARY KEY NOT NULL CHECK (one = 1),"
                         "  format INTEGER NOT NULL,"
                         "  profile_id TEXT,"
                         "  created TEXT NOT NULL,"
                         "  polku_version TEXT NOT NULL,"
                         "  schema_version INTEGER NOT NULL,"
                         "  audit_seq INTEGER NOT NULL,"
                         "  audit_hash TEXT NOT NULL);",
                         _("Writing the backup"), error))
    return FALSE;
  stmt = polku_store_prepare (dest,
                              "INSERT INTO backup_info (one, format, profile_id, created,"
                              " polku_version, schema_version, audit_seq, audit_hash)"
                              " VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7);",
                              _("Writing the backup"), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, BACKUP_FORMAT);
  polku_store_bind_texts (stmt, 2, 4, profile_id, now, PACKAGE_VERSION, schema);
  sqlite3_bind_int64 (stmt, 6, audit_seq);
  polku_store_bind_text_or_null (stmt, 7, audit_hash);
  if (!polku_store_step_done (dest, stmt, _("Writing the backup"), error))
    return FALSE;

  problem = integrity_problem (dest);
  if (problem != NULL)
    {
      g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_FAILED,
                   _("The backup did not read back correctly (%s). Nothing was saved."),
                   problem);
      return FALSE;
    }
  return TRUE;
}

/* Puts @temporary in place as @path: never over an existing file unless @replace. Where the
 * file system has no hard links (a FAT-formatted USB stick) the check and the rename are
 * two steps. */
static gboolean
install_file (const char  *temporary,
              const char  *path,
              gboolean     replace,
              GError     **error)
{
  if (!replace)
    {
      if (link (temporary, path) == 0)
        {
          g_unlink (temporary);
          return TRUE;
        }
      if (errno == EEXIST || g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_EXISTS,
                       _("“%s” is already there. Choose another name; nothing was changed."),
                       path);
          return FALSE;
        }
    }
  if (g_rename (temporary, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_FAILED,
                   _("Could not save the backup as “%s”: %s. Nothing was changed."), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* The audit detail names the file without control characters (they would forge lines in a
 * text listing of the log). */
static char *
backup_detail (const char *path)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *detail = g_strconcat ("to=", display, NULL);

  for (char *p = detail; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      memset (p, '?', g_utf8_next_char (p) - p);
  return g_steal_pointer (&detail);
}

/**
 * polku_backup_create:
 * @profile_id: (nullable): the profile's id, kept in the backup
 * @path: the backup file to write
 * @replace: %TRUE to replace a file that is already at @path (the user said so)
 *
 * Writes the whole profile to @path, encrypted with its recovery key (made first when the
 * profile has none), atomically, and records it in the audit log. On failure nothing is
 * left at @path (or the file that was there is untouched).
 */
gboolean
polku_backup_create (PolkuStore  *store,
                     const char  *profile_id,
                     const char  *path,
                     gboolean     replace,
                     GError     **error)
{
  g_auto(PolkuSecret) recovery_key = NULL;
  g_auto(PolkuSecret) raw_key = NULL;
  g_auto(PolkuConnection) dest = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *base = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *detail = NULL;
  sqlite3 *src;
  gboolean ok;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!replace && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_EXISTS,
                   _("“%s” is already there. Choose another name; nothing was changed."), path);
      return FALSE;
    }
  if (polku_store_is_damaged (store))
    {
      g_set_error_literal (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_FAILED,
                           _("The database file is damaged, so a backup of it would be too. "
                             "Nothing was written; restore the profile from an earlier "
                             "backup."));
      return FALSE;
    }

  recovery_key = polku_recovery_key_ensure (store, NULL, error);
  if (recovery_key == NULL)
    return FALSE;
  raw_key = polku_recovery_key_derive (recovery_key);

  base = g_strconcat (path, ".tmp-", NULL);
  temporary = make_temporary (base, error);
  if (temporary == NULL)
    return FALSE;

  dest = polku_store_open_connection (temporary, SQLITE_OPEN_READWRITE, POLKU_KEY_RAW, raw_key,
                                      error);
  wipe (&raw_key);
  ok = dest != NULL
       && polku_store_exec (dest, "PRAGMA journal_mode = MEMORY;", _("Writing the backup"),
                            error);
  if (ok)
    {
      src = polku_store_begin_use (store, error);
      ok = src != NULL;
      if (ok)
        {
          ok = copy_database (dest, src, error);
          polku_store_end_use (store);
        }
    }
  ok = ok && finish_backup_file (dest, profile_id, error);
  connection_clear (&dest);
  if (ok)
    {
      sync_path (temporary, O_RDONLY);
      ok = install_file (temporary, path, replace, error);
    }
  if (!ok)
    {
      remove_with_companions (temporary);
      g_prefix_error (error, _("No backup was made: "));
      return FALSE;
    }
  dir = g_path_get_dirname (path);
  sync_path (dir, O_RDONLY | O_DIRECTORY);

  /* Every backup is in the log: a backup that could not be recorded is removed. */
  detail = backup_detail (path);
  if (!polku_audit_record (store, POLKU_AUDIT_BACKUP_CREATE, NULL, detail, error))
    {
      g_unlink (path);
      g_prefix_error (error, _("No backup was made: "));
      return FALSE;
    }
  g_debug ("Backup written to %s", path);
  return TRUE;
}

typedef struct
{
  char     *profile_id;
  char     *path;
  gboolean  replace;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->profile_id);
  g_free (data->path);
  g_free (data);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  GError *error = NULL;

  if (polku_backup_create (source_object, data->profile_id, data->path, data->replace, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
polku_backup_create_async (PolkuStore          *store,
                           const char          *profile_id,
                           const char          *path,
                           gboolean             replace,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CreateData *data;

  g_return_if_fail (POLKU_IS_STORE (store));
  g_return_if_fail (path != NULL);

  data = g_new0 (CreateData, 1);
  data->profile_id = g_strdup (profile_id);
  data->path = g_strdup (path);
  data->replace = replace;
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, polku_backup_create_async);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

gboolean
polku_backup_create_finish (PolkuStore    *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Restoring */

/* Opens @path read-only with the recovery key and checks that it is a whole Polku backup
 * this Polku can restore. */
static sqlite3 *
open_backup (const char  *path,
             const char  *recovery_key,
             BackupInfo  *info,
             GError     **error)
{
  g_auto(PolkuSecret) raw_key = polku_recovery_key_derive (recovery_key);
  g_auto(PolkuConnection) db = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *head_hash = NULL;
  sqlite3_stmt *stmt;
  gint64 version;
  gint64 head_seq = 0;
  gboolean found;
  GStatBuf st;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_NOT_FOUND,
                   _("There is no backup file at “%s”. Nothing was created."), path);
      return NULL;
    }

  if (g_access (path, R_OK) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_FAILED,
                   _("Could not read the backup “%s”: %s. Nothing was created."), path,
                   g_strerror (saved_errno));
      return NULL;
    }
  db = polku_store_open_connection (path, SQLITE_OPEN_READONLY, POLKU_KEY_RAW, raw_key,
                                    &local_error);
  if (db == NULL)
    {
      if (g_error_matches (local_error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY))
        g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_WRONG_KEY,
                     _("The recovery key does not open “%s”: the key is wrong, or the file is "
                       "not a Polku backup or is damaged. Nothing was created."), path);
      else
        /* It could be read (g_access () above), so the file itself is wrong. */
        g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_DAMAGED,
                     _("The backup “%s” is damaged or incomplete (%s). Nothing was created; "
                       "use another copy of the backup."), path, local_error->message);
      return NULL;
    }

  /* A file cut short by less than a page may still read (SQLite fills the rest with zeros,
   * and a page's last bytes are padding), so the size must be the pages' exactly. */
  problem = integrity_problem (db);
  if (problem == NULL
      && (g_stat (path, &st) != 0
          || st.st_size != query_int (db, "PRAGMA page_count;", -1)
                           * query_int (db, "PRAGMA page_size;", -1)))
    problem = g_strdup (_("its size is not that of its pages"));
  if (problem != NULL)
    {
      g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_DAMAGED,
                   _("The backup “%s” is damaged or incomplete (%s). Nothing was created; "
                     "use another copy of the backup."), path, problem);
      return NULL;
    }

  stmt = polku_store_prepare (db, "SELECT format, profile_id, created, polku_version,"
                                  " schema_version, audit_seq, audit_hash"
                                  " FROM backup_info WHERE one = 1;", NULL, NULL);
  found = stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      info->format = sqlite3_column_int (stmt, 0);
      info->profile_id = polku_store_column_dup (stmt, 1);
      info->created = polku_store_column_dup (stmt, 2);
      info->polku_version = polku_store_column_dup (stmt, 3);
      info->schema_version = sqlite3_column_int (stmt, 4);
      info->audit_seq = sqlite3_column_int64 (stmt, 5);
      info->audit_hash = polku_store_column_dup (stmt, 6);
    }
  sqlite3_finalize (stmt);
  if (!found || query_int (db, "PRAGMA application_id;", 0) != POLKU_APPLICATION_ID)
    {
      g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_WRONG_KEY,
                   _("“%s” is not a Polku backup. Nothing was created."), path);
      return NULL;
    }

  version = query_int (db, "PRAGMA user_version;", -1);
  if (info->format > BACKUP_FORMAT || version > POLKU_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_TOO_NEW,
                   _("The backup “%s” was made by a newer version of Polku (%s). Update Polku "
                     "to restore it. Nothing was created."), path,
                   info->polku_version != NULL ? info->polku_version : "?");
      return NULL;
    }

  /* backup_info was written with the copy: the two must agree. */
  if (version != info->schema_version
      || !read_audit_head (db, &head_seq, &head_hash, NULL)
      || head_seq != info->audit_seq || g_strcmp0 (head_hash, info->audit_hash) != 0)
    {
      g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_DAMAGED,
                   _("The backup “%s” is inconsistent: its audit log or schema does not match "
                     "its description. Nothing was created; use another copy of the "
                     "backup."), path);
      return NULL;
    }

  return g_steal_pointer (&db);
}

/* What a restore made, so that a failure can take it all away. */
typedef struct
{
  char       *data_dir;
  gboolean    made_dir;
  char       *temporary;
  char       *database;
  gboolean    linked;
  char       *profile_file;
  gboolean    wrote_profile;
  char       *keyring_id;
  guint       timeout_seconds;
} Made;

static void
undo_made (Made *made)
{
  if (made->temporary != NULL)
    remove_with_companions (made->temporary);
  if (made->linked)
    {
      g_autofree char *anchor = g_strconcat (made->database, ".anchor", NULL);

      remove_with_companions (made->database);
      g_unlink (anchor);
    }
  if (made->wrote_profile)
    g_unlink (made->profile_file);
  if (made->keyring_id != NULL)
    polku_keyring_clear_key (made->keyring_id, made->timeout_seconds, NULL, NULL);
  if (made->made_dir)
    g_rmdir (made->data_dir);
}

static void
made_clear (Made *made)
{
  g_clear_pointer (&made->data_dir, g_free);
  g_clear_pointer (&made->temporary, g_free);
  g_clear_pointer (&made->database, g_free);
  g_clear_pointer (&made->profile_file, g_free);
  g_clear_pointer (&made->keyring_id, g_free);
}

static gboolean
record_restore_body (PolkuStore  *store,
                     sqlite3     *db,
                     gpointer     data,
                     GError     **error)
{
  const BackupInfo *info = data;
  g_autofree char *detail = NULL;

  detail = g_strdup_printf ("from-profile=%s backup-made=%s entries=%" G_GINT64_FORMAT,
                            info->profile_id != NULL ? info->profile_id : "-",
                            info->created != NULL ? info->created : "-", info->audit_seq);
  return polku_audit_append_locked (store, db, POLKU_AUDIT_BACKUP_RESTORE, NULL, detail,
                                    error);
}

static PolkuStore *
restore (const char    *backup_path,
         const char    *recovery_key,
         const char    *data_dir,
         const char    *passphrase,
         const char    *actor,
         Made          *made,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(PolkuProfile) profile = polku_profile_new (data_dir);
  g_auto(BackupInfo) info = { 0 };
  g_auto(PolkuConnection) src = NULL;
  g_auto(PolkuConnection) dest = NULL;
  g_auto(PolkuSecret) key = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *base = NULL;
  PolkuKeyKind key_kind = passphrase != NULL ? POLKU_KEY_PASSPHRASE : POLKU_KEY_RAW;

  made->data_dir = g_strdup (polku_profile_get_data_dir (profile));
  made->database = g_strdup (polku_profile_get_database_path (profile));
  made->profile_file = g_build_filename (made->data_dir, PROFILE_FILE_NAME, NULL);

  if (polku_profile_database_exists (profile) || g_file_test (made->profile_file,
                                                              G_FILE_TEST_EXISTS))
    {
      g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_EXISTS,
                   _("There is already a profile in “%s”. A backup is restored into a new "
                     "folder; nothing was changed."), made->data_dir);
      return NULL;
    }
  if (passphrase != NULL && !polku_profile_check_passphrase (passphrase, error))
    return NULL;

  src = open_backup (backup_path, recovery_key, &info, error);
  if (src == NULL)
    return NULL;

  /* The new database key: a random one in the keyring, or the passphrase. */
  if (passphrase != NULL)
    key = g_strdup (passphrase);
  else
    {
      g_autoptr(GError) keyring_error = NULL;
      g_autofree char *label = NULL;

      key = polku_store_generate_raw_key (error);
      if (key == NULL)
        return NULL;
      label = g_strdup_printf (_("Polku database key (%s)"), made->data_dir);
      if (!polku_keyring_store_key (id, label, key, made->timeout_seconds, cancellable,
                                    &keyring_error))
        {
          g_debug ("No Secret Service for the restored profile: %s", keyring_error->message);
          g_set_error (error, POLKU_PROFILE_ERROR, POLKU_PROFILE_ERROR_NEEDS_PASSPHRASE,
                       _("%s Choose a passphrase to protect the restored profile. Nothing was "
                         "created."), keyring_error->message);
          return NULL;
        }
      made->keyring_id = g_strdup (id);
    }

  if (!g_file_test (made->data_dir, G_FILE_TEST_IS_DIR))
    {
      if (g_mkdir_with_parents (made->data_dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_FAILED,
                       _("Could not create the folder “%s”: %s. Nothing was created."),
                       made->data_dir, g_strerror (saved_errno));
          return NULL;
        }
      made->made_dir = TRUE;
    }

  base = g_strconcat (made->database, ".restore-", NULL);
  made->temporary = make_temporary (base, error);
  if (made->temporary == NULL)
    return NULL;
  dest = polku_store_open_connection (made->temporary, SQLITE_OPEN_READWRITE, key_kind, key,
                                      error);
  if (dest == NULL
      || !polku_store_exec (dest, "PRAGMA journal_mode = MEMORY;", _("Restoring the backup"),
                            error)
      || !copy_database (dest, src, error)
      || !polku_store_exec (dest, "DROP TABLE backup_info;", _("Restoring the backup"), error))
    return NULL;
  connection_clear (&src);
  connection_clear (&dest);
  sync_path (made->temporary, O_RDONLY);

  /* Linked, not renamed: a profile that appeared meanwhile is never replaced. */
  if (link (made->temporary, made->database) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == EEXIST)
        g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_EXISTS,
                     _("There is already a profile in “%s”. A backup is restored into a new "
                       "folder; nothing was changed."), made->data_dir);
      else
        g_set_error (error, POLKU_BACKUP_ERROR, POLKU_BACKUP_ERROR_FAILED,
                     _("Could not put the restored database in “%s”: %s. Nothing was "
                       "created."), made->data_dir, g_strerror (saved_errno));
      return NULL;
    }
  made->linked = TRUE;
  remove_with_companions (made->temporary);
  g_clear_pointer (&made->temporary, g_free);

  if (!polku_profile_save (profile, id, passphrase != NULL ? POLKU_KEY_SOURCE_PASSPHRASE
                                                           : POLKU_KEY_SOURCE_SECRET_SERVICE,
                           error))
    return NULL;
  made->wrote_profile = TRUE;

  store = polku_store_open (made->database, key_kind, key, FALSE, error);
  if (store == NULL)
    return NULL;
  if (actor != NULL)
    polku_store_set_actor (store, actor);
  if (!polku_store_write (store, record_restore_body, &info, error))
    {
      polku_store_close (store);
      return NULL;
    }
  g_debug ("Profile %s restored into %s as %s", info.profile_id, made->data_dir, id);
  return g_steal_pointer (&store);
}

/**
 * polku_backup_restore:
 * @backup_path: a backup file (polku_backup_create ())
 * @recovery_key: the profile's recovery key as the user typed it
 * @data_dir: the new profile's folder: it must hold no profile
 * @passphrase: (nullable): %NULL for a new random key in the keyring; else the passphrase
 *   that will protect the restored profile
 * @actor: (nullable): who restores, for the audit log
 *
 * Restores the profile of @backup_path into a new profile in @data_dir with a new database
 * key. A wrong recovery key, a damaged backup or an existing profile is refused with
 * nothing created.
 *
 * Returns: (transfer full): the restored profile's open store, or %NULL with @error set
 */
PolkuStore *
polku_backup_restore (const char    *backup_path,
                      const char    *recovery_key,
                      const char    *data_dir,
                      const char    *passphrase,
                      const char    *actor,
                      guint          timeout_seconds,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_auto(PolkuSecret) key = NULL;
  Made made = { 0 };
  PolkuStore *store;

  g_return_val_if_fail (backup_path != NULL, NULL);
  g_return_val_if_fail (recovery_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = polku_recovery_key_normalize (recovery_key, error);
  if (key == NULL)
    return NULL;

  made.timeout_seconds = timeout_seconds;
  store = restore (backup_path, key, data_dir, passphrase, actor, &made, cancellable, error);
  if (store == NULL)
    undo_made (&made);
  made_clear (&made);
  return store;
}

typedef struct
{
  char  *backup_path;
  char  *recovery_key;
  char  *data_dir;
  char  *passphrase;
  char  *actor;
  guint  timeout_seconds;
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_free (data->backup_path);
  wipe (&data->recovery_key);
  g_free (data->data_dir);
  wipe (&data->passphrase);
  g_free (data->actor);
  g_free (data);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreData *data = task_data;
  GError *error = NULL;
  PolkuStore *store;

  store = polku_backup_restore (data->backup_path, data->recovery_key, data->data_dir,
                                data->passphrase, data->actor, data->timeout_seconds,
                                cancellable, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
polku_backup_restore_async (const char          *backup_path,
                            const char          *recovery_key,
                            const char          *data_dir,
                            const char          *passphrase,
                            const char          *actor,
                            guint                timeout_seconds,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RestoreData *data;

  g_return_if_fail (backup_path != NULL);
  g_return_if_fail (recovery_key != NULL);

  data = g_new0 (RestoreData, 1);
  data->backup_path = g_strdup (backup_path);
  data->recovery_key = g_strdup (recovery_key);
  data->data_dir = g_strdup (data_dir);
  data->passphrase = g_strdup (passphrase);
  data->actor = g_strdup (actor);
  data->timeout_seconds = timeout_seconds;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, polku_backup_restore_async);
  g_task_set_task_data (task, data, (GDestroyNotify) restore_data_free);
  g_task_run_in_thread (task, restore_thread);
}

/**
 * polku_backup_restore_finish:
 *
 * Returns: (transfer full): the restored profile's open store, or %NULL with @error set
 */
PolkuStore *
polku_backup_restore_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
