/* polku-store.c: the encrypted local case database (SQLCipher)
 *
 * Opening follows HACKING.md ("Rules that keep data safe"): refuse when the SQLite in this
 * process is not SQLCipher (PRAGMA cipher_version empty), never touch a file that is not ours
 * (plaintext SQLite, empty, wrong key), verify the key with a first read, then WAL,
 * foreign keys and migrations from the GResource (data/migrations/NNNN-*.sql).
 *
 * Cipher settings are pinned to SQLCipher 3 parameters (with a stronger KDF) so that a
 * file made with Debian 12's SQLCipher 3.4 opens with SQLCipher 4 and back: with
 * SQLCipher 4, `PRAGMA cipher_compatibility = 3` is issued right after the key.
 *
 * Here too are the store's lock (begin_use/end_use) and the one write transaction
 * (polku_store_write ()), which inside a batch (polku_store_run_batch ()) is a savepoint of
 * the batch's transaction; the SQL and row helpers are in polku-store-rows.c.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlcipher/sqlite3.h>
#include <string.h>
#include <sys/random.h>
#ifndef POLKU_BENCH_PLAIN_SQLITE
#include <openssl/evp.h>
#endif
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "polku-core-resources.h"
#include "polku-store.h"
#include "polku-store-private.h"

#define MIGRATIONS_PATH "/io/github/polku/Polku/core/migrations"
#define POLKU_APPLICATION_ID 0x504f4c4b /* "POLK" */
#define CIPHER_PAGE_SIZE 4096
#define KDF_ITERATIONS 256000
/* The page cache of a batch (KiB, as PRAGMA cache_size takes it when negative): a batch of a
 * hundred demo clients touches more pages than SQLite's default 2 MiB holds, and every page
 * that falls out is encrypted into the WAL mid-transaction and decrypted again when it is
 * next read. Given back when the batch ends, so the window's memory does not grow. */
#define BATCH_CACHE_KIB 65536
/* WAL pages (4 KiB) after which the commit of a whole batch (polku_store_run_batch_whole ())
 * checkpoints, instead of SQLite's 1,000. Bulk data is inserted under random ids (UUID
 * keys), so every batch touches pages all over the indexes: checkpointed after every batch,
 * each such page is copied into the file again and again. Let the WAL grow to 64 MiB
 * between checkpoints and a page is copied once for many batches. Every commit is still
 * synced (synchronous = FULL): what is in the WAL is as safe as what is in the file. */
#define BULK_WAL_CHECKPOINT_PAGES 16384

struct _PolkuStore
{
  GObject  parent_instance;

  /* Recursive, so that the thread running a batch (polku_store_run_batch ()) can read and
   * write through the usual calls while it holds the lock for the whole batch. */
  GRecMutex lock;
  /* Guards the actor for readers that do not hold the lock (polku_store_dup_actor ()):
   * asking who works, or whether the store is open or damaged, never waits for a long read
   * (the window asks on its main thread). A change takes both. */
  GMutex   actor_lock;
  sqlite3 *db;
  /* A second, read-only connection for the long reads (the file's integrity check, audit
   * verification: polku_store_begin_read ()), so that they never hold the lock the window's
   * reads and every write wait for. Opened with a store that has a raw key (the key is not
   * kept), guarded by its own lock. */
  GMutex   reader_lock;
  sqlite3 *reader;
  /* Guards writing the anchor file: a change writes it under the store's lock, an integrity
   * check on the reader without it. */
  GMutex   anchor_lock;
  char    *path;
  char    *actor;
  int      schema_version;
  int      cipher_major;

  /* The newest audit entry written by the change in progress (0: none). */
  gint64   pending_seq;
  char    *pending_hash;
  /* Inside polku_store_run_batch (): writes are savepoints in its one transaction. */
  guint    batch_depth;
  guint    savepoint;
  /* A batch without savepoints (polku_store_run_batch_whole ()), and whether one of its
   * writes failed: then it can only roll back. */
  gboolean batch_whole;
  gboolean batch_failed;
  /* Set when the integrity check failed: every write is refused. */
  char    *damage;
};

G_DEFINE_FINAL_TYPE (PolkuStore, polku_store, G_TYPE_OBJECT)

static void check_integrity_when_due (PolkuStore *self);
G_DEFINE_QUARK (polku-store-error-quark, polku_store_error)

static void
polku_store_finalize (GObject *object)
{
  PolkuStore *self = (PolkuStore *) object;

  polku_store_close (self);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->pending_hash, g_free);
  g_clear_pointer (&self->damage, g_free);
  g_rec_mutex_clear (&self->lock);
  g_mutex_clear (&self->actor_lock);
  g_mutex_clear (&self->reader_lock);
  g_mutex_clear (&self->anchor_lock);

  G_OBJECT_CLASS (polku_store_parent_class)->finalize (object);
}

static void
polku_store_class_init (PolkuStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_store_finalize;
}

/* Until the worker gives their name (Preferences, polku-cli --as), the log names the
 * account. */
static char *
default_actor (void)
{
  const char *real_name = g_get_real_name ();

  if (real_name != NULL && real_name[0] != '\0' && g_strcmp0 (real_name, "Unknown") != 0)
    return g_strdup (real_name);
  return g_strdup (g_get_user_name ());
}

static void
polku_store_init (PolkuStore *self)
{
  g_rec_mutex_init (&self->lock);
  g_mutex_init (&self->actor_lock);
  g_mutex_init (&self->reader_lock);
  g_mutex_init (&self->anchor_lock);
  self->actor = default_actor ();
}

/**
 * polku_store_set_actor:
 * @actor: (nullable): who works with the data (a worker's name or id), for the audit log;
 *   %NULL or empty for the account's name
 *
 * Sets who is recorded as the author of reads and changes made through this store.
 */
void
polku_store_set_actor (PolkuStore *self,
                       const char *actor)
{
  g_autofree char *stripped = g_strstrip (g_strdup (actor != NULL ? actor : ""));

  g_return_if_fail (POLKU_IS_STORE (self));

  /* The actor goes into every audit line: a line break or an escape in it would forge
   * entries in a text listing. Control characters become spaces. */
  for (char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      memset (p, ' ', g_utf8_next_char (p) - p);

  g_rec_mutex_lock (&self->lock);
  g_mutex_lock (&self->actor_lock);
  g_free (self->actor);
  self->actor = stripped[0] != '\0' ? g_steal_pointer (&stripped) : default_actor ();
  g_mutex_unlock (&self->actor_lock);
  g_rec_mutex_unlock (&self->lock);
}

/**
 * polku_store_dup_actor:
 *
 * Returns: (transfer full): who is recorded in the audit log for this store's work
 */
char *
polku_store_dup_actor (PolkuStore *self)
{
  char *actor;

  g_return_val_if_fail (POLKU_IS_STORE (self), NULL);

  g_mutex_lock (&self->actor_lock);
  actor = g_strdup (self->actor);
  g_mutex_unlock (&self->actor_lock);
  return actor;
}

/* Runs a one-row, one-column query. Returns NULL (no error) when there is no row. */
static char *
query_text (sqlite3     *db,
            const char  *sql,
            int         *out_rc)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, 0);
          result = g_strdup (text);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (out_rc != NULL)
    *out_rc = rc;
  return result;
}

/* @n bytes from the kernel's CSPRNG. */
static gboolean
random_bytes (guint8  *bytes,
              gsize    n,
              GError **error)
{
  gsize filled = 0;

  while (filled < n)
    {
      ssize_t got = getrandom (bytes + filled, n - filled, 0);

      if (got < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                       _("Could not make a random database key: %s"),
                       g_strerror (saved_errno));
          return FALSE;
        }
      filled += got;
    }
  return TRUE;
}

/**
 * polku_store_generate_raw_key:
 *
 * Returns: (transfer full): 64 hex digits: 256 bits from the kernel's CSPRNG.
 */
char *
polku_store_generate_raw_key (GError **error)
{
  guint8 bytes[32];
  GString *hex;

  if (!random_bytes (bytes, sizeof bytes, error))
    return NULL;

  hex = g_string_sized_new (64);
  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (hex, "%02X", bytes[i]);
  explicit_bzero (bytes, sizeof bytes);

  return g_string_free (hex, FALSE);
}

static gboolean
is_hex (const char *key,
        gsize       length)
{
  if (strlen (key) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (key[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_raw_key (const char *key)
{
  return is_hex (key, 64);
}

/* SQLCipher's raw key with its salt: 64 hex digits of key, 32 of salt (derive_key ()). */
#define KDF_SALT_SIZE 16
#define KDF_KEY_SIZE 32
#define SALTED_KEY_LENGTH (2 * (KDF_KEY_SIZE + KDF_SALT_SIZE))

static gboolean
is_raw_or_salted_key (const char *key)
{
  return is_hex (key, 64) || is_hex (key, SALTED_KEY_LENGTH);
}

#ifndef POLKU_BENCH_PLAIN_SQLITE
/* The key SQLCipher 3 derives from @passphrase and the file's @salt (PBKDF2-HMAC-SHA1,
 * KDF_ITERATIONS, 32 bytes), as a raw key with the salt that every connection of one open
 * takes: the passphrase is stretched once, not once per connection. The file stays one a
 * plain PRAGMA key with the passphrase opens (its salt is its first 16 bytes). */
static char *
derive_key (const char    *passphrase,
            const guint8  *salt,
            GError       **error)
{
  guint8 key[KDF_KEY_SIZE];
  GString *hex;

  if (PKCS5_PBKDF2_HMAC_SHA1 (passphrase, strlen (passphrase), salt, KDF_SALT_SIZE,
                              KDF_ITERATIONS, sizeof key, key) != 1)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                   _("Could not derive the database key from the passphrase."));
      return NULL;
    }
  /* Sized for the whole key: no reallocation leaves a copy behind. */
  hex = g_string_sized_new (SALTED_KEY_LENGTH + 1);
  for (gsize i = 0; i < sizeof key; i++)
    g_string_append_printf (hex, "%02x", key[i]);
  for (gsize i = 0; i < KDF_SALT_SIZE; i++)
    g_string_append_printf (hex, "%02x", salt[i]);
  explicit_bzero (key, sizeof key);
  return g_string_free (hex, FALSE);
}

/* The salt SQLCipher 3 keeps in the first 16 bytes of an existing file; FALSE when the file
 * is shorter (an interrupted creation: the passphrase is then used as it is). */
static gboolean
read_salt (const char *path,
           guint8     *salt)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gssize got;

  if (fd < 0)
    return FALSE;
  got = read (fd, salt, KDF_SALT_SIZE);
  close (fd);
  return got == KDF_SALT_SIZE;
}

/* Wipes and frees a key text. */
static void
free_key (char *key)
{
  explicit_bzero (key, strlen (key));
  g_free (key);
}
#endif

/* Looks at an existing file before SQLite does, so that nothing that is not ours is
 * opened for writing. */
static gboolean
check_existing_file (const char  *path,
                     GError     **error)
{
  static const char sqlite_magic[16] = "SQLite format 3";
  char header[16] = { 0 };
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize n_read = 0;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read,
                                   NULL, &local_error))
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                   _("Could not read the database file “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  if (n_read == 0)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY,
                   _("The database file “%s” is empty, so it is not a Polku database. "
                     "It was left untouched; move it away to start a new database."), path);
      return FALSE;
    }

#ifdef POLKU_BENCH_PLAIN_SQLITE
  return TRUE;  /* the benchmark's plain-SQLite build writes such files itself */
#endif
  if (n_read == sizeof header && memcmp (header, sqlite_magic, sizeof header) == 0)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_PLAINTEXT_FILE,
                   _("“%s” is an unencrypted SQLite database, not a Polku database. "
                     "It was left untouched; move it away to start a new database."), path);
      return FALSE;
    }

  return TRUE;
}

/* The guard against the plaintext trap (HACKING.md): if the sqlite3_* symbols of this
 * process come from plain SQLite, the database would be written in plaintext without any
 * error. */
static gboolean
check_cipher (sqlite3  *db,
              int      *out_major,
              GError  **error)
{
#ifdef POLKU_BENCH_PLAIN_SQLITE
  /* Only in the benchmark's second build of the core (tests/bench/meson.build), linked with
   * plain SQLite to measure what encryption costs; never in a program that is shipped. */
  *out_major = 0;
  return TRUE;
#else
  g_autofree char *version = query_text (db, "PRAGMA cipher_version;", NULL);

  if (version == NULL || version[0] == '\0')
    {
      g_critical ("SQLCipher is not the SQLite library in use; refusing to open a database");
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_ENCRYPTED,
                   _("This build of Polku is not using SQLCipher, so it cannot encrypt the "
                     "database. Nothing was opened or written. Reinstall Polku."));
      return FALSE;
    }

  *out_major = atoi (version);
  return TRUE;
#endif
}

static gboolean
apply_key (sqlite3       *db,
           int            cipher_major,
           PolkuKeyKind   key_kind,
           const char    *key,
           GError       **error)
{
  g_autofree char *pragma = NULL;
  int rc;

#ifdef POLKU_BENCH_PLAIN_SQLITE
  return TRUE;  /* the benchmark's plain-SQLite build: no key (see check_cipher ()) */
#endif
  if (key_kind == POLKU_KEY_RAW)
    {
      g_autofree char *spec = g_strdup_printf ("x'%s'", key);

      rc = sqlite3_key (db, spec, strlen (spec));
      explicit_bzero (spec, strlen (spec));
    }
  else
    {
      rc = sqlite3_key (db, key, strlen (key));
    }

  if (rc != SQLITE_OK)
    return polku_store_set_sqlite_error (error, db, _("Setting the database key"));

  /* Same file format with SQLCipher 3 and 4. These must come before the first read. */
  if (cipher_major >= 4
      && !polku_store_exec (db, "PRAGMA cipher_compatibility = 3;", _("Setting up encryption"),
                            error))
    return FALSE;

  pragma = g_strdup_printf ("PRAGMA cipher_page_size = %d; PRAGMA kdf_iter = %d;",
                            CIPHER_PAGE_SIZE, KDF_ITERATIONS);
  return polku_store_exec (db, pragma, _("Setting up encryption"), error);
}

/* The first read fails with SQLITE_NOTADB when the key is wrong (or the file is foreign). */
static gboolean
verify_key (sqlite3     *db,
            const char  *path,
            GError     **error)
{
  g_autofree char *count = NULL;
  int rc;

  count = query_text (db, "SELECT count(*) FROM sqlite_master;", &rc);
  if (rc == SQLITE_NOTADB)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY,
                   _("The key or passphrase is wrong, or “%s” is not a Polku database. "
                     "Nothing was changed."), path);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    return polku_store_set_sqlite_error (error, db, _("Reading the database"));

  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

typedef struct
{
  const char *sql;
  guint       version;
} Migration;

static gboolean
migration_body (PolkuStore  *store,
                sqlite3     *db,
                gpointer     data,
                GError     **error)
{
  Migration *migration = data;

  return polku_store_exec (db, migration->sql, _("Upgrading the database"), error)
         && polku_store_migrate_after (db, migration->version, error);
}

static gboolean
migrate (PolkuStore  *self,
         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) names = NULL;
  int version = -1;
  int app_id = -1;
  guint n_names;

  /* Through polku_core_get_resource (), not the global g_resources_*: that reference is what
   * makes the linker keep the resource object of the static core library. */
  names = g_resource_enumerate_children (polku_core_get_resource (), MIGRATIONS_PATH, 0,
                                         &local_error);
  if (names == NULL)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_MIGRATION,
                   _("The database migrations are missing from this build: %s"),
                   local_error->message);
      return FALSE;
    }
  n_names = g_strv_length (names);
  qsort (names, n_names, sizeof (char *), compare_strings);

  /* Each file is NNNN-name.sql, numbered from 1 without gaps. */
  for (guint i = 0; i < n_names; i++)
    if ((guint) atoi (names[i]) != i + 1)
      {
        g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_MIGRATION,
                     _("Database migration “%s” is out of sequence."), names[i]);
        return FALSE;
      }
  g_assert (n_names == POLKU_STORE_SCHEMA_VERSION);

  if (!polku_store_get_int_pragma (self->db, "user_version", &version) || version < 0)
    return polku_store_set_sqlite_error (error, self->db, _("Reading the schema version"));

  if (version > (int) n_names)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_TOO_NEW,
                   _("This database was made by a newer version of Polku (schema %d; this "
                     "version knows %u). Update Polku to open it. Nothing was changed."),
                   version, n_names);
      return FALSE;
    }

  if (version > 0
      && (!polku_store_get_int_pragma (self->db, "application_id", &app_id)
          || app_id != POLKU_APPLICATION_ID))
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY,
                   _("“%s” is an encrypted database, but not a Polku database. "
                     "Nothing was changed."), self->path);
      return FALSE;
    }

  for (guint i = version; i < n_names; i++)
    {
      g_autofree char *resource = g_strconcat (MIGRATIONS_PATH "/", names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;
      Migration migration;
      gboolean ok;

      bytes = g_resource_lookup_data (polku_core_get_resource (), resource, 0, &local_error);
      if (bytes == NULL)
        {
          g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_MIGRATION,
                       _("Could not load database migration “%s”: %s"),
                       names[i], local_error->message);
          return FALSE;
        }
      /* The migration and its number, in one transaction. */
      sql = g_strdup_printf ("%.*s\nPRAGMA application_id = %d; PRAGMA user_version = %u;",
                             (int) g_bytes_get_size (bytes),
                             (const char *) g_bytes_get_data (bytes, NULL),
                             POLKU_APPLICATION_ID, i + 1);

      g_debug ("Applying migration %s", names[i]);
      migration.sql = sql;
      migration.version = i + 1;
      ok = polku_store_write (self, migration_body, &migration, error);
      /* Statements prepared for the schema before this step are not kept. */
      polku_store_cache_clear (self->db);
      if (!ok)
        {
          g_prefix_error (error, _("Migration %s: "), names[i]);
          return FALSE;
        }
    }

  self->schema_version = n_names;
  return TRUE;
}

/* Before anything that changes the file (journal mode, migrations): is it ours? A database
 * that another program made with the same passphrase opens (the key is right) but has a
 * different application_id, or none with tables of its own. A file with no schema at all
 * (user_version 0, no tables) is an empty database: a creation that never finished. */
static gboolean
check_ours (PolkuStore  *self,
            GError     **error)
{
  int app_id = -1;
  int version = -1;
  g_autofree char *tables = query_text (self->db, "SELECT count (*) FROM sqlite_master;",
                                        NULL);

  if (!polku_store_get_int_pragma (self->db, "application_id", &app_id)
      || !polku_store_get_int_pragma (self->db, "user_version", &version)
      || app_id < 0 || version < 0 || tables == NULL)
    return polku_store_set_sqlite_error (error, self->db, _("Reading the database header"));
  if (app_id == POLKU_APPLICATION_ID
      || (app_id == 0 && version == 0 && atoi (tables) == 0))
    return TRUE;
  g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY,
               _("“%s” is an encrypted database, but not a Polku database. "
                 "Nothing was changed."), self->path);
  return FALSE;
}

/* Opens @path (a new, empty file when @is_new), keys it, checks it is ours and brings the
 * schema up to date. */
static PolkuStore *
open_path (const char    *path,
           PolkuKeyKind   key_kind,
           const char    *key,
           gboolean       is_new,
           GError       **error)
{
  g_autoptr(PolkuStore) self = NULL;
  g_autofree char *journal = NULL;
  int cipher_major = 0;
  int rc;

  if (!is_new && !check_existing_file (path, error))
    return NULL;

  self = g_object_new (POLKU_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                   _("Could not open the database “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      goto fail;
    }
  sqlite3_extended_result_codes (self->db, 1);
  polku_store_cache_attach (self->db);

  /* The busy timeout comes right after the key and before the first read (verify_key):
   * otherwise an open fails with "database is locked" while another process writes. */
  if (!check_cipher (self->db, &cipher_major, error)
      || !apply_key (self->db, cipher_major, key_kind, key, error)
      || !polku_store_exec (self->db, "PRAGMA busy_timeout = 5000;",
                            _("Setting up the database"), error)
      || !verify_key (self->db, path, error)
      || !check_ours (self, error))
    goto fail;
  self->cipher_major = cipher_major;

  /* Temporary tables and indices stay in memory: no plaintext temp files. */
  if (!polku_store_exec (self->db,
                 "PRAGMA temp_store = MEMORY;"
                 "PRAGMA secure_delete = ON;"
                 "PRAGMA synchronous = FULL;"
                 "PRAGMA foreign_keys = ON;",
                 _("Setting up the database"), error))
    goto fail;

  journal = query_text (self->db, "PRAGMA journal_mode = WAL;", NULL);
  if (g_strcmp0 (journal, "wal") != 0)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                   _("Could not switch the database “%s” to write-ahead logging."), path);
      goto fail;
    }

  if (!migrate (self, error))
    goto fail;

  /* The reader sees the migrated schema; a new database (made under a temporary name) gets
   * one when it is opened under its own. Only with a raw key: the keyring's, or a
   * passphrase's derived once by polku_store_open () (given as it is, it would cost a
   * second key derivation, kdf_iter, at every open). Without a reader (it could not be
   * opened) the long reads take the store's lock in short parts, as they did before there
   * was one. */
  if (!is_new && key_kind == POLKU_KEY_RAW)
    {
      g_autoptr(GError) reader_error = NULL;

      self->reader = polku_store_open_connection (path, SQLITE_OPEN_READWRITE, key_kind, key,
                                                  &reader_error);
      if (self->reader != NULL
          && !polku_store_exec (self->reader, "PRAGMA query_only = 1;",
                                _("Setting up the database"), &reader_error))
        {
          sqlite3_close_v2 (self->reader);
          self->reader = NULL;
        }
      if (self->reader != NULL)
        polku_store_cache_attach (self->reader);
      else
        g_debug ("No reader connection: %s", reader_error->message);
    }
  if (!is_new)
    check_integrity_when_due (self);

  return g_steal_pointer (&self);

fail:
  polku_store_close (self);
  return NULL;
}

/**
 * polku_store_open_connection:
 * @flags: SQLITE_OPEN_* flags (READONLY, or READWRITE for an empty file)
 *
 * A bare connection to @path keyed as every store is (the same cipher settings, so that
 * pages copy between the two; busy timeout; the key checked with a first read; temporary
 * data in memory), for copying a whole database (polku-backup.c). Nothing else: no check
 * that the file is Polku's, no WAL, no migrations.
 *
 * Returns: the connection (close it with sqlite3_close_v2 ()), or %NULL with @error set
 *   (%POLKU_STORE_ERROR_WRONG_KEY when the key is wrong or the file is not a database)
 */
sqlite3 *
polku_store_open_connection (const char    *path,
                             int            flags,
                             PolkuKeyKind   key_kind,
                             const char    *key,
                             GError       **error)
{
  sqlite3 *db = NULL;
  int cipher_major = 0;
  int rc;

  g_return_val_if_fail (path != NULL && key != NULL, NULL);

  if (key_kind == POLKU_KEY_RAW && !is_raw_or_salted_key (key))
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY,
                   _("A database key must be 64 hexadecimal digits."));
      return NULL;
    }
  rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                   _("Could not open the database “%s”: %s"), path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  if (!check_cipher (db, &cipher_major, error)
      || !apply_key (db, cipher_major, key_kind, key, error)
      || !polku_store_exec (db, "PRAGMA busy_timeout = 5000;", _("Setting up the database"),
                            error)
      || !verify_key (db, path, error)
      || !polku_store_exec (db, "PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON;",
                            _("Setting up the database"), error))
    {
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

/* Removes @path and its -wal and -shm (only ever called on a name this process made). */
static void
remove_database_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* What a creation killed half-way left (encrypted, but clutter): "polku.db.new-XXXXXX"
 * files older than ten minutes. A younger one may be another process's creation in
 * progress (it takes well under a second). */
static void
remove_stale_temporaries (const char *path)
{
  g_autofree char *dir_name = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".new-", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_name, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *full = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix) || strlen (name) != strlen (prefix) + 6)
        continue;
      full = g_build_filename (dir_name, name, NULL);
      if (g_lstat (full, &st) == 0 && S_ISREG (st.st_mode) && now - st.st_mtime > 600)
        {
          g_debug ("Removing %s, left by an interrupted creation", full);
          remove_database_files (full);
        }
    }
}

/* A new database is made whole under a name of its own (0600 from the start) and then
 * linked to @path, which fails if anything is there by then: two processes creating the
 * same profile at once never write into or remove each other's files, and a kill during
 * creation leaves at most a stray "polku.db.new-XXXXXX", never a half-made polku.db. */
static PolkuStore *
create_path (const char    *path,
             PolkuKeyKind   key_kind,
             const char    *key,
             GError       **error)
{
  g_autofree char *temporary = g_strconcat (path, ".new-XXXXXX", NULL);
  g_autoptr(PolkuStore) store = NULL;
  int saved_errno;
  int fd;

  remove_stale_temporaries (path);
  fd = g_mkstemp_full (temporary, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                   _("Could not create a database next to “%s”: %s"), path,
                   g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  store = open_path (temporary, key_kind, key, TRUE, error);
  if (store == NULL)
    {
      remove_database_files (temporary);
      return NULL;
    }
  /* The last connection to close checkpoints the WAL into the file and removes it. */
  polku_store_close (store);
  g_clear_object (&store);

  if (link (temporary, path) != 0)
    {
      saved_errno = errno;
      remove_database_files (temporary);
      if (saved_errno == EEXIST)
        g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_EXISTS,
                     _("Will not create a database at “%s”: a file is already there."), path);
      else
        g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                     _("Could not create the database “%s”: %s"), path,
                     g_strerror (saved_errno));
      return NULL;
    }
  remove_database_files (temporary);

  return open_path (path, key_kind, key, FALSE, error);
}

#ifndef POLKU_BENCH_PLAIN_SQLITE
/* Creates or opens with @key (transfer full: wiped and freed here). */
static PolkuStore *
open_with_key (const char    *path,
               PolkuKeyKind   key_kind,
               char          *key,
               gboolean       create,
               GError       **error)
{
  PolkuStore *store = create ? create_path (path, key_kind, key, error)
                             : open_path (path, key_kind, key, FALSE, error);

  free_key (key);
  return store;
}
#endif

/**
 * polku_store_open:
 * @path: the database file
 * @key_kind: whether @key is a raw key or a passphrase
 * @key: 64 hex digits, or a passphrase
 * @create: %TRUE to create a new database (fails if @path exists); %FALSE to open an
 *   existing one (fails if it does not exist)
 *
 * Opens the encrypted database and brings its schema up to date. Never overwrites a file
 * that it did not create: a wrong key, a foreign or plaintext file gives an error and
 * leaves the file untouched. Creation is atomic (create_path ()).
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
PolkuStore *
polku_store_open (const char    *path,
                  PolkuKeyKind   key_kind,
                  const char    *key,
                  gboolean       create,
                  GError       **error)
{
  gboolean exists;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (key_kind == POLKU_KEY_RAW && !is_raw_key (key))
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY,
                   _("A database key must be 64 hexadecimal digits."));
      return NULL;
    }
  if (key_kind == POLKU_KEY_PASSPHRASE && key[0] == '\0')
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_WRONG_KEY,
                   _("The passphrase is empty."));
      return NULL;
    }

  /* From here on the process holds client data: no core dump may carry it to disk. */
#ifdef __linux__
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (create && exists)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_EXISTS,
                   _("Will not create a database at “%s”: a file is already there."), path);
      return NULL;
    }
  if (!create && !exists)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND,
                   _("There is no database at “%s”."), path);
      return NULL;
    }
#ifndef POLKU_BENCH_PLAIN_SQLITE
  /* A passphrase is stretched here, once, and every connection of this open (both opens of
   * a creation, the reader) takes the result as a raw key with the salt. A new file gets a
   * random salt; an existing one keeps its own. */
  if (key_kind == POLKU_KEY_PASSPHRASE)
    {
      guint8 salt[KDF_SALT_SIZE];

      if (create ? random_bytes (salt, sizeof salt, error) : read_salt (path, salt))
        {
          char *salted = derive_key (key, salt, error);

          if (salted == NULL)
            return NULL;
          return open_with_key (path, POLKU_KEY_RAW, salted, create, error);
        }
      if (create)
        return NULL;
    }
#endif
  return create ? create_path (path, key_kind, key, error)
                : open_path (path, key_kind, key, FALSE, error);
}

/**
 * polku_store_close:
 *
 * Closes the database (checkpointing the WAL). Later calls fail cleanly.
 */
void
polku_store_close (PolkuStore *self)
{
  g_return_if_fail (POLKU_IS_STORE (self));

  /* The store's lock first, then the reader's: the order of a write body that reads on the
   * reader (nobody holding the reader's lock waits for the store's). */
  g_rec_mutex_lock (&self->lock);
  g_mutex_lock (&self->reader_lock);
  if (self->reader != NULL)
    {
      polku_store_cache_detach (self->reader);
      sqlite3_close_v2 (self->reader);
      self->reader = NULL;
    }
  g_mutex_unlock (&self->reader_lock);
  if (self->db != NULL)
    {
      polku_store_cache_detach (self->db);
      sqlite3_close_v2 (self->db);
      g_atomic_pointer_set (&self->db, NULL);
    }
  g_rec_mutex_unlock (&self->lock);
}

gboolean
polku_store_is_open (PolkuStore *self)
{
  g_return_val_if_fail (POLKU_IS_STORE (self), FALSE);

  /* Without the lock: the answer may be out of date at once either way. */
  return g_atomic_pointer_get (&self->db) != NULL;
}

const char *
polku_store_get_path (PolkuStore *self)
{
  g_return_val_if_fail (POLKU_IS_STORE (self), NULL);
  return self->path;
}

int
polku_store_get_schema_version (PolkuStore *self)
{
  g_return_val_if_fail (POLKU_IS_STORE (self), -1);
  return self->schema_version;
}

static char *
locked_query_text (PolkuStore *self,
                   const char *sql)
{
  char *result = NULL;

  g_rec_mutex_lock (&self->lock);
  if (self->db != NULL)
    result = query_text (self->db, sql, NULL);
  g_rec_mutex_unlock (&self->lock);
  return result;
}

char *
polku_store_dup_cipher_version (PolkuStore *self)
{
  g_return_val_if_fail (POLKU_IS_STORE (self), NULL);
  return locked_query_text (self, "PRAGMA cipher_version;");
}

char *
polku_store_dup_journal_mode (PolkuStore *self)
{
  g_return_val_if_fail (POLKU_IS_STORE (self), NULL);
  return locked_query_text (self, "PRAGMA journal_mode;");
}

gboolean
polku_store_get_foreign_keys (PolkuStore *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (POLKU_IS_STORE (self), FALSE);

  value = locked_query_text (self, "PRAGMA foreign_keys;");
  return g_strcmp0 (value, "1") == 0;
}

/**
 * polku_store_begin_use:
 *
 * Takes the store's lock for a domain module (see polku-store-private.h).
 *
 * Returns: (transfer none): the connection, or %NULL with @error set when the store is
 *   closed (Polku is locked)
 */
sqlite3 *
polku_store_begin_use (PolkuStore  *self,
                       GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (self->db == NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                   _("The database is locked. Unlock Polku and try again."));
      return NULL;
    }
  return self->db;
}

/**
 * polku_store_begin_read:
 *
 * The connection for a long read that changes nothing (see polku-store-private.h): the
 * store's reader, under its own lock, so that the store's lock stays free for the window
 * and for writes. Falls back to polku_store_begin_use () when the store has no reader.
 *
 * Returns: (transfer none): the connection, or %NULL with @error set when the store is
 *   closed
 */
sqlite3 *
polku_store_begin_read (PolkuStore  *self,
                        GError     **error)
{
  g_return_val_if_fail (POLKU_IS_STORE (self), NULL);

  g_mutex_lock (&self->reader_lock);
  if (self->reader != NULL)
    return self->reader;
  g_mutex_unlock (&self->reader_lock);
  return polku_store_begin_use (self, error);
}

void
polku_store_end_read (PolkuStore *self,
                      sqlite3    *db)
{
  g_return_if_fail (POLKU_IS_STORE (self));

  /* The reader is set only at the open and cleared under reader_lock, which this thread
   * holds when @db is the reader. */
  if (db != NULL && db == self->reader)
    g_mutex_unlock (&self->reader_lock);
  else
    polku_store_end_use (self);
}

const char *
polku_store_get_actor_locked (PolkuStore *self)
{
  return self->actor;
}

void
polku_store_end_use (PolkuStore *self)
{
  g_return_if_fail (POLKU_IS_STORE (self));

  g_rec_mutex_unlock (&self->lock);
}

/* The audit anchor: a small key file beside the database ("polku.db.anchor"; no client
 * data: a sequence number, a hash and when the file's integrity was last checked). */
static char *
anchor_path (PolkuStore *self)
{
  return g_strconcat (self->path, ".anchor", NULL);
}

static GKeyFile *
read_anchor_file (PolkuStore *self)
{
  g_autofree char *path = anchor_path (self);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_steal_pointer (&keyfile);
}

/* Writes the anchor with @checked (an integrity check's time) or the pending audit head;
 * never moves the anchor back (another process may have written a newer one). Failing to
 * write it loses nothing but the proof, so it is only reported in debug output. It is
 * replaced by rename but not fsynced (that doubled the cost of every change): the commit it
 * follows was synced first (synchronous = FULL), so after a crash the anchor is at most
 * behind the log, or unreadable (verify then says it cannot prove the end), never ahead. */
static void
write_anchor_file (PolkuStore *self,
                   const char *checked,
                   gint64      seq,
                   const char *hash)
{
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autofree char *path = anchor_path (self);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_mutex_lock (&self->anchor_lock);
  keyfile = read_anchor_file (self);
  if (keyfile == NULL)
    keyfile = g_key_file_new ();
  if (seq > 0 && seq > g_key_file_get_int64 (keyfile, "Audit", "seq", NULL))
    {
      g_key_file_set_int64 (keyfile, "Audit", "seq", seq);
      g_key_file_set_string (keyfile, "Audit", "hash", hash);
    }
  if (checked != NULL)
    g_key_file_set_string (keyfile, "Integrity", "checked", checked);
  contents = g_key_file_to_data (keyfile, &length, NULL);
  if (!g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE,
                                 0600, &local_error))
    g_debug ("Could not write the audit anchor: %s", local_error->message);
  g_mutex_unlock (&self->anchor_lock);
}

/* The pending audit head, with the store's lock held. Inside a batch the pending head is not
 * committed yet: never anchor it early. */
static void
write_audit_anchor (PolkuStore *self,
                    const char *checked)
{
  gboolean anchor_head = self->pending_seq > 0 && self->batch_depth == 0;

  write_anchor_file (self, checked, anchor_head ? self->pending_seq : 0,
                     anchor_head ? self->pending_hash : NULL);
}

void
polku_store_note_audit_head_locked (PolkuStore *self,
                                    gint64      seq,
                                    const char *hash)
{
  self->pending_seq = seq;
  g_free (self->pending_hash);
  self->pending_hash = g_strdup (hash);
}

gboolean
polku_store_get_audit_head_locked (PolkuStore  *self,
                                   sqlite3     *db,
                                   gint64      *out_seq,
                                   const char **out_hash)
{
  /* pending_seq is set by an entry of the current write (polku_store_write (), a batch),
   * reset when it begins and ends, and put back when a savepoint of a batch rolls back. */
  if (self->pending_seq <= 0 || self->pending_hash == NULL || sqlite3_get_autocommit (db))
    return FALSE;
  *out_seq = self->pending_seq;
  *out_hash = self->pending_hash;
  return TRUE;
}

/**
 * polku_store_read_audit_anchor:
 *
 * Returns: FALSE when there is no anchor (a profile made before anchors, or the file was
 *   removed)
 */
gboolean
polku_store_read_audit_anchor (PolkuStore  *self,
                               gint64      *out_seq,
                               char       **out_hash)
{
  g_autoptr(GKeyFile) keyfile = read_anchor_file (self);
  gint64 seq;

  if (keyfile == NULL)
    return FALSE;
  seq = g_key_file_get_int64 (keyfile, "Audit", "seq", NULL);
  if (seq <= 0)
    return FALSE;
  *out_seq = seq;
  *out_hash = g_key_file_get_string (keyfile, "Audit", "hash", NULL);
  return *out_hash != NULL;
}

/* PRAGMA quick_check reads every page, so SQLCipher checks every page's HMAC: a flipped
 * byte anywhere fails it. SQLCipher 4 adds cipher_integrity_check, which also names the
 * page. Both return "ok" (or no rows) when all is well. Runs on @db, held by the caller (the
 * reader: a county's file takes seconds, and the store's lock stays free meanwhile). */
static char *
integrity_problem (sqlite3 *db,
                   int      cipher_major)
{
  const char *pragmas[] = { "PRAGMA quick_check;",
                            cipher_major >= 4 ? "PRAGMA cipher_integrity_check;" : NULL };

  for (guint i = 0; i < G_N_ELEMENTS (pragmas) && pragmas[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = NULL;
      char *problem = NULL;
      int rc;

      rc = sqlite3_prepare_v2 (db, pragmas[i], -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = SQLITE_ROW;
      while (rc == SQLITE_ROW && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, 0);

          if (g_strcmp0 (text, "ok") != 0 && problem == NULL)
            problem = g_strdup (text != NULL ? text : "?");
        }
      if (problem == NULL && rc != SQLITE_DONE)
        problem = g_strdup (sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      if (problem != NULL)
        return problem;
    }
  return NULL;
}

/**
 * polku_store_check_integrity:
 *
 * Checks every page of the file. A failure marks the store damaged: from then on every
 * write is refused with %POLKU_STORE_ERROR_DAMAGED (reads go on, so that what can be read
 * can be saved).
 */
gboolean
polku_store_check_integrity (PolkuStore  *self,
                             GError     **error)
{
  g_autofree char *problem = NULL;
  sqlite3 *db;

  db = polku_store_begin_read (self, error);
  if (db == NULL)
    return FALSE;
  problem = integrity_problem (db, self->cipher_major);
  polku_store_end_read (self, db);

  /* Without the store's lock: the anchor file has its own, and damage is only ever set. */
  if (problem == NULL)
    {
      g_autofree char *now = polku_date_now_stamp ();

      write_anchor_file (self, now, 0, NULL);
    }
  else
    {
      char *damage = g_strdup (problem);

      if (!g_atomic_pointer_compare_and_exchange (&self->damage, NULL, damage))
        g_free (damage);
    }

  if (problem != NULL)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_DAMAGED,
                   _("The database file is damaged: %s. Polku will not write to it; restore "
                     "the profile from a backup."), problem);
      return FALSE;
    }
  return TRUE;
}

gboolean
polku_store_is_damaged (PolkuStore *self)
{
  g_return_val_if_fail (POLKU_IS_STORE (self), FALSE);

  /* Without the lock: damage is only ever set, never cleared. */
  return g_atomic_pointer_get (&self->damage) != NULL;
}

/* On a schedule: at an open when the last check is more than a day old. */
static void
check_integrity_when_due (PolkuStore *self)
{
  g_autoptr(GKeyFile) keyfile = read_anchor_file (self);
  g_autofree char *checked = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (keyfile != NULL)
    checked = g_key_file_get_string (keyfile, "Integrity", "checked", NULL);
  if (checked != NULL)
    when = g_date_time_new_from_iso8601 (checked, NULL);
  if (when != NULL && g_date_time_difference (now, when) < G_TIME_SPAN_DAY
      && g_date_time_difference (now, when) >= 0)
    return;
  polku_store_check_integrity (self, NULL);
}

/* BEGIN IMMEDIATE: a write transaction, so a change and its audit entry go together. */
static gboolean
begin_write (sqlite3  *db,
             GError  **error)
{
  return polku_store_exec (db, "BEGIN IMMEDIATE;", _("Starting a change"), error);
}

/* Commits when @ok is TRUE, else rolls back. Returns TRUE only when @ok and the commit
 * succeeded; @error is left as it is when @ok is FALSE (the caller's error stands). */
static gboolean
end_write (sqlite3   *db,
           gboolean   ok,
           GError   **error)
{
  if (ok && polku_store_exec (db, "COMMIT;", _("Saving the change"), error))
    return TRUE;
  sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
  return FALSE;
}

/* A write inside a batch: a savepoint, so that a failed write undoes only itself (the
 * batch's function decides whether the batch goes on) and the audit head it noted is
 * forgotten with it. */
static gboolean
write_in_batch (PolkuStore          *self,
                sqlite3             *db,
                PolkuStoreWriteFunc  body,
                gpointer             data,
                GError             **error)
{
  g_autofree char *name = g_strdup_printf ("polku_write_%u", ++self->savepoint);
  g_autofree char *begin = g_strdup_printf ("SAVEPOINT %s;", name);
  g_autofree char *release = g_strdup_printf ("RELEASE %s;", name);
  g_autofree char *undo = g_strdup_printf ("ROLLBACK TO %s; RELEASE %s;", name, name);
  g_autofree char *saved_hash = g_strdup (self->pending_hash);
  gint64 saved_seq = self->pending_seq;

  if (!polku_store_exec (db, begin, _("Starting a change"), error))
    return FALSE;
  if (body (self, db, data, error)
      && polku_store_exec (db, release, _("Saving the change"), error))
    return TRUE;
  sqlite3_exec (db, undo, NULL, NULL, NULL);
  self->pending_seq = saved_seq;
  g_free (self->pending_hash);
  self->pending_hash = g_steal_pointer (&saved_hash);
  return FALSE;
}

/**
 * polku_store_write:
 * @body: the change, run inside the transaction; returns FALSE with @error to roll back
 *
 * The one way a domain module writes: takes the store's lock, BEGIN IMMEDIATE, runs @body,
 * COMMIT when it returned TRUE (ROLLBACK otherwise) and lets the lock go, whatever happens.
 * Inside polku_store_run_batch () (on the batch's thread: others wait for the lock) it
 * starts no transaction of its own: @body runs in a savepoint of the batch's transaction,
 * undone alone when it fails, and committed with the batch.
 *
 * Returns: TRUE when @body succeeded and the commit did
 */
gboolean
polku_store_write (PolkuStore          *self,
                   PolkuStoreWriteFunc  body,
                   gpointer             data,
                   GError             **error)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (POLKU_IS_STORE (self), FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  db = polku_store_begin_use (self, error);
  if (db == NULL)
    return FALSE;
  if (self->damage != NULL)
    {
      polku_store_end_use (self);
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_DAMAGED,
                   _("The database file is damaged (%s), so Polku will not write to it. "
                     "Nothing was changed. Restore the profile from a backup; what can still "
                     "be read stays readable."), self->damage);
      return FALSE;
    }
  if (self->batch_depth > 0 && self->batch_whole)
    {
      /* No savepoint: a failed write leaves its half in the transaction, so the batch
       * cannot commit any more. */
      if (self->batch_failed)
        {
          g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                       _("An earlier change of this batch failed, so the batch is undone. "
                         "Nothing was changed."));
          ok = FALSE;
        }
      else if (!(ok = body (self, db, data, error)))
        self->batch_failed = TRUE;
      polku_store_end_use (self);
      return ok;
    }
  if (self->batch_depth > 0)
    {
      ok = write_in_batch (self, db, body, data, error);
      polku_store_end_use (self);
      return ok;
    }
  self->pending_seq = 0;
  ok = begin_write (db, error) && end_write (db, body (self, db, data, error), error);
  if (ok && self->pending_seq > 0)
    write_audit_anchor (self, NULL);
  self->pending_seq = 0;
  g_clear_pointer (&self->pending_hash, g_free);
  polku_store_end_use (self);
  return ok;
}

/* One transaction for the changes @func makes; @whole: without a savepoint per change. */
static gboolean
run_batch (PolkuStore           *self,
           gboolean              whole,
           PolkuStoreBatchFunc   func,
           gpointer              data,
           GError              **error)
{
  sqlite3 *db;
  gboolean ok;
  gboolean have_cache_size;
  int cache_size = 0;
  int checkpoint_pages = -1;

  g_return_val_if_fail (POLKU_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db = polku_store_begin_use (self, error);
  if (db == NULL)
    return FALSE;
  if (self->batch_depth > 0)
    {
      polku_store_end_use (self);
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                   _("A batch of changes cannot start inside another. Nothing was changed."));
      return FALSE;
    }
  if (self->damage != NULL)
    {
      polku_store_end_use (self);
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_DAMAGED,
                   _("The database file is damaged (%s), so Polku will not write to it. "
                     "Nothing was changed. Restore the profile from a backup; what can still "
                     "be read stays readable."), self->damage);
      return FALSE;
    }
  self->pending_seq = 0;
  if (!begin_write (db, error))
    {
      polku_store_end_use (self);
      return FALSE;
    }
  self->batch_depth = 1;
  self->savepoint = 0;
  self->batch_whole = whole;
  self->batch_failed = FALSE;
  have_cache_size = polku_store_get_int_pragma (db, "cache_size", &cache_size);
  sqlite3_exec (db, "PRAGMA cache_size = -" G_STRINGIFY (BATCH_CACHE_KIB) ";", NULL, NULL, NULL);
  ok = func (self, data, error);
  if (ok && self->batch_failed)
    {
      /* @func went on after a failed write, whose half cannot be committed. */
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                   _("A change of the batch failed, so the whole batch was undone. Nothing "
                     "was changed."));
      ok = FALSE;
    }
  if (!ok && error != NULL && *error == NULL)
    g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                 _("A batch of changes failed. Nothing was changed."));
  self->batch_depth = 0;
  self->batch_whole = FALSE;
  self->batch_failed = FALSE;
  if (whole)
    {
      if (!polku_store_get_int_pragma (db, "wal_autocheckpoint", &checkpoint_pages))
        checkpoint_pages = -1;
      sqlite3_wal_autocheckpoint (db, BULK_WAL_CHECKPOINT_PAGES);
    }
  ok = end_write (db, ok, error);
  if (whole && checkpoint_pages >= 0)
    sqlite3_wal_autocheckpoint (db, checkpoint_pages);
  if (have_cache_size)
    {
      g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %d;", cache_size);

      sqlite3_exec (db, restore, NULL, NULL, NULL);
    }
  if (ok && self->pending_seq > 0)
    write_audit_anchor (self, NULL);
  self->pending_seq = 0;
  g_clear_pointer (&self->pending_hash, g_free);
  polku_store_end_use (self);
  return ok;
}

/**
 * polku_store_run_batch:
 * @func: makes the batch's changes through the usual calls (every polku_store_write ())
 * @data: for @func
 *
 * Runs @func in one write transaction that holds the store's lock throughout: each change
 * @func makes (each with its audit entry, as always) is a savepoint instead of a
 * transaction of its own, so a thousand changes cost one commit. When @func returns FALSE,
 * or the commit fails, every change of the batch is rolled back; the lock is let go
 * whatever happens. Other threads wait for the whole batch, so keep batches short (a few
 * hundred clients of demo data, not a county). Batches do not nest: a batch started inside
 * another fails and changes nothing, and the outer one goes on.
 *
 * Returns: TRUE when @func succeeded and the batch was committed
 */
gboolean
polku_store_run_batch (PolkuStore           *self,
                       PolkuStoreBatchFunc   func,
                       gpointer              data,
                       GError              **error)
{
  return run_batch (self, FALSE, func, data, error);
}

/**
 * polku_store_run_batch_whole:
 * @func: makes the batch's changes through the usual calls
 * @data: for @func
 *
 * polku_store_run_batch () without a savepoint per change: the batch goes whole or not at
 * all. The first change that fails makes the batch fail (every later change is refused, and
 * the batch rolls back even when @func returns TRUE). A savepoint costs more than it seems
 * with SQLCipher 3: every page a change touches is encrypted once more into the savepoint's
 * journal. For bulk writes that cannot fail half-way (the demo data), not for changes a
 * person makes.
 *
 * Returns: TRUE when @func and every change succeeded and the batch was committed
 */
gboolean
polku_store_run_batch_whole (PolkuStore           *self,
                             PolkuStoreBatchFunc   func,
                             gpointer              data,
                             GError              **error)
{
  return run_batch (self, TRUE, func, data, error);
}

typedef struct
{
  PolkuStoreWriteFunc  body;
  gpointer             data;
  PolkuStoreGetFunc    get;
  const char          *id;
  gpointer             result;
} WriteGet;

static gboolean
write_get_body (PolkuStore  *store,
                sqlite3     *db,
                gpointer     data,
                GError     **error)
{
  WriteGet *write = data;

  if (!write->body (store, db, write->data, error))
    return FALSE;
  write->result = write->get (db, write->id, error);
  return write->result != NULL;
}

/**
 * polku_store_write_get:
 * @body: the change, as for polku_store_write ()
 * @get: reads the changed object by @id
 *
 * polku_store_write () that reads the changed object back in the same transaction, so
 * that what is returned is what was written. When the read fails, nothing is written.
 *
 * Returns: (transfer full): the object from @get, or %NULL with @error set
 */
gpointer
polku_store_write_get (PolkuStore           *self,
                       PolkuStoreWriteFunc   body,
                       gpointer              data,
                       PolkuStoreGetFunc     get,
                       const char           *id,
                       GError              **error)
{
  WriteGet write = { body, data, get, id, NULL };

  g_return_val_if_fail (get != NULL, NULL);

  if (!polku_store_write (self, write_get_body, &write, error))
    {
      g_clear_object (&write.result);
      return NULL;
    }
  return write.result;
}
