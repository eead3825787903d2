/* polku-recovery.c: the profile's recovery key, which encrypts its backups
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A recovery key is 160 bits from the kernel's CSPRNG (the same source as the database keys,
 * polku_store_generate_raw_key ()), written for people: 32 characters of Crockford's base32
 * (digits and capital letters without I, L, O and U, so that nothing looks like anything
 * else) in eight groups of four. Reading one back forgives what people do when they type:
 * lower case, spaces or no dashes, O for 0 and I or L for 1.
 *
 * It lives in the profile's own database (table recovery_key, migration 0008), so that it
 * can be shown again while the profile is unlocked, and it is what a backup is encrypted
 * with (polku-backup.c): with the backup file and the key, the profile can be restored on
 * any machine without the original keyring or passphrase. Making it and showing it are
 * recorded in the audit log. The key itself is never logged.
 *
 * A backup's database key is derived from the recovery key with SHA-256 (domain-separated):
 * 160 random bits need no stretching, and SQLCipher still salts each file's HMAC key.
 */

#define G_LOG_DOMAIN "polku-recovery"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-audit-private.h"
#include "polku-id.h"
#include "polku-recovery.h"
#include "polku-store-private.h"

#define N_BYTES 20
#define N_CHARS 32
#define GROUP 4

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

G_DEFINE_QUARK (polku-recovery-error-quark, polku_recovery_error)

/* @chars: N_CHARS characters of the alphabet; returns them in groups of four. */
static char *
group_chars (const char *chars)
{
  GString *text = g_string_sized_new (POLKU_RECOVERY_KEY_LENGTH + 1);

  for (guint i = 0; i < N_CHARS; i++)
    {
      if (i > 0 && i % GROUP == 0)
        g_string_append_c (text, '-');
      g_string_append_c (text, chars[i]);
    }
  return g_string_free (text, FALSE);
}

/**
 * polku_recovery_key_generate:
 *
 * Returns: (transfer full): a new recovery key, "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
 */
char *
polku_recovery_key_generate (GError **error)
{
  g_autofree char *hex = polku_store_generate_raw_key (error);
  guint8 bytes[N_BYTES];
  char chars[N_CHARS];
  guint bits = 0;
  guint32 buffer = 0;
  guint n = 0;
  char *key;

  if (hex == NULL)
    return NULL;
  for (guint i = 0; i < N_BYTES; i++)
    bytes[i] = g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]);
  explicit_bzero (hex, strlen (hex));

  for (guint i = 0; i < N_BYTES; i++)
    {
      buffer = (buffer << 8) | bytes[i];
      bits += 8;
      while (bits >= 5)
        {
          chars[n++] = alphabet[(buffer >> (bits - 5)) & 0x1f];
          bits -= 5;
        }
    }
  g_assert (n == N_CHARS && bits == 0);

  key = group_chars (chars);
  explicit_bzero (bytes, sizeof bytes);
  explicit_bzero (chars, sizeof chars);
  buffer = 0;
  return key;
}

/**
 * polku_recovery_key_normalize:
 * @text: a recovery key as someone typed or pasted it
 *
 * Returns: (transfer full): the key in its written form (upper case, groups of four), or
 *   %NULL with %POLKU_RECOVERY_ERROR_INVALID when @text cannot be a recovery key. The error
 *   never quotes @text.
 */
char *
polku_recovery_key_normalize (const char  *text,
                              GError     **error)
{
  char chars[N_CHARS];
  guint n = 0;
  gboolean bad_char = FALSE;
  char *key;

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == '-' || g_ascii_isspace (c))
        continue;
      if (c == 'O')
        c = '0';
      else if (c == 'I' || c == 'L')
        c = '1';
      if (strchr (alphabet, c) == NULL)
        {
          bad_char = TRUE;
          break;
        }
      if (n < N_CHARS)
        chars[n] = c;
      n++;
    }

  if (bad_char)
    {
      explicit_bzero (chars, sizeof chars);
      g_set_error_literal (error, POLKU_RECOVERY_ERROR, POLKU_RECOVERY_ERROR_INVALID,
                           _("A recovery key has only the digits 0–9 and the letters A–Z "
                             "(no U). Check it for typos."));
      return NULL;
    }
  if (n != N_CHARS)
    {
      explicit_bzero (chars, sizeof chars);
      g_set_error (error, POLKU_RECOVERY_ERROR, POLKU_RECOVERY_ERROR_INVALID,
                   _("A recovery key has 32 letters and digits in eight groups of four; this "
                     "one has %u. Check it for typos."), n);
      return NULL;
    }

  key = group_chars (chars);
  explicit_bzero (chars, sizeof chars);
  return key;
}

/**
 * polku_recovery_key_derive:
 * @recovery_key: a recovery key in its written form (polku_recovery_key_normalize ())
 *
 * Returns: (transfer full): the raw database key (64 hex digits) of the backups it encrypts
 */
char *
polku_recovery_key_derive (const char *recovery_key)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char chars[N_CHARS];
  guint n = 0;

  g_return_val_if_fail (recovery_key != NULL, NULL);
  g_return_val_if_fail (strlen (recovery_key) == POLKU_RECOVERY_KEY_LENGTH, NULL);

  for (const char *p = recovery_key; *p != '\0' && n < N_CHARS; p++)
    if (*p != '-')
      chars[n++] = *p;
  g_checksum_update (checksum, (const guchar *) "polku-backup-key-1\n", -1);
  g_checksum_update (checksum, (const guchar *) chars, n);
  explicit_bzero (chars, sizeof chars);
  return g_strdup (g_checksum_get_string (checksum));
}

/* Reads the key with the connection the caller holds: TRUE with *out_key NULL when the
 * profile has none yet. */
static gboolean
read_key_locked (sqlite3  *db,
                 char    **out_key,
                 GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_key = NULL;
  stmt = polku_store_prepare (db, "SELECT key FROM recovery_key WHERE one = 1;",
                              _("Reading the recovery key"), error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_key = polku_store_column_dup (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return polku_store_set_sqlite_error (error, db, _("Reading the recovery key"));
  return TRUE;
}

typedef struct
{
  gboolean  show;
  gboolean  created;
  char     *key;
} EnsureData;

static gboolean
ensure_body (PolkuStore  *store,
             sqlite3     *db,
             gpointer     user_data,
             GError     **error)
{
  EnsureData *data = user_data;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;

  if (!read_key_locked (db, &data->key, error))
    return FALSE;

  if (data->key == NULL)
    {
      data->key = polku_recovery_key_generate (error);
      if (data->key == NULL)
        return FALSE;
      id = polku_id_new ();
      now = polku_date_now_stamp ();
      if (!polku_store_run (db, "INSERT INTO recovery_key (one, id, created, modified, key)"
                                " VALUES (1, ?1, ?2, ?2, ?3);",
                            _("Saving the recovery key"), error, 3, id, now, data->key)
          || !polku_audit_append_locked (store, db, POLKU_AUDIT_RECOVERY_KEY_CREATE, NULL,
                                         NULL, error))
        return FALSE;
      data->created = TRUE;
    }

  if (data->show
      && !polku_audit_append_locked (store, db, POLKU_AUDIT_RECOVERY_KEY_SHOW, NULL, NULL,
                                     error))
    return FALSE;
  return TRUE;
}

static void
wipe_key (char **key)
{
  if (*key != NULL)
    explicit_bzero (*key, strlen (*key));
  g_clear_pointer (key, g_free);
}

static char *
ensure (PolkuStore  *store,
        gboolean     show,
        gboolean    *out_created,
        GError     **error)
{
  EnsureData data = { show, FALSE, NULL };

  if (!polku_store_write (store, ensure_body, &data, error))
    {
      wipe_key (&data.key);
      return NULL;
    }
  if (out_created != NULL)
    *out_created = data.created;
  return data.key;
}

/**
 * polku_recovery_key_ensure:
 * @out_created: (out) (optional): TRUE when the key was made now
 *
 * The profile's recovery key, made (and the making recorded in the audit log) when it has
 * none. Reading an existing key this way is not recorded: it is for making a backup.
 *
 * Returns: (transfer full): the key in its written form; wipe it after use
 */
char *
polku_recovery_key_ensure (PolkuStore  *store,
                           gboolean    *out_created,
                           GError     **error)
{
  char *key = NULL;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_created != NULL)
    *out_created = FALSE;
  db = polku_store_begin_use (store, error);
  if (db == NULL)
    return NULL;
  ok = read_key_locked (db, &key, error);
  polku_store_end_use (store);
  if (!ok)
    return NULL;
  if (key != NULL)
    return key;
  return ensure (store, FALSE, out_created, error);
}

/**
 * polku_recovery_key_show:
 *
 * The profile's recovery key to show to the user (made first when the profile has none),
 * recorded in the audit log. On a damaged database, which takes no writes, the key is still
 * given (unrecorded) when there is one: it is what restores the profile from a backup.
 *
 * Returns: (transfer full): the key in its written form; wipe it after use
 */
char *
polku_recovery_key_show (PolkuStore  *store,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *key;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = ensure (store, TRUE, NULL, &local_error);
  if (key == NULL && g_error_matches (local_error, POLKU_STORE_ERROR,
                                      POLKU_STORE_ERROR_DAMAGED))
    {
      sqlite3 *db = polku_store_begin_use (store, NULL);

      if (db != NULL)
        {
          if (!read_key_locked (db, &key, NULL))
            key = NULL;
          polku_store_end_use (store);
        }
      if (key != NULL)
        g_debug ("The database is damaged: the recovery key is shown without an audit entry");
    }
  if (key == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return key;
}

/**
 * polku_recovery_key_exists:
 *
 * Returns: 1 when the profile has a recovery key, 0 when not, -1 with @error on failure
 */
int
polku_recovery_key_exists (PolkuStore  *store,
                           GError     **error)
{
  gint64 n = polku_store_count (store, "SELECT count (*) FROM recovery_key;", NULL,
                                _("Reading the recovery key"), error);

  return n < 0 ? -1 : n > 0;
}
