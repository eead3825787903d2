/* polku-county-key.c: the county's pseudonymisation key in the Secret Service
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The key is kept as 64 lower-case hexadecimal digits (libsecret's password calls take text)
 * under its own schema, so it is never mistaken for a profile's database key. libsecret is
 * driven the way polku-keyring.c drives it, asynchronously on a private main context with a
 * timeout (that file's helpers are private to the database key's schema, so the few lines
 * are repeated here). Every buffer that held the key is wiped before it is freed.
 */

#define G_LOG_DOMAIN "polku-county-key"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "polku-county-key.h"
#include "polku-keyring-private.h"

G_DEFINE_QUARK (polku-county-key-error-quark, polku_county_key_error)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.polku.Polku.CountyKey", SECRET_SCHEMA_NONE,
    {
      { "county", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static const char *
county_or_default (const char *county)
{
  return county != NULL && county[0] != '\0' ? county : POLKU_COUNTY_KEY_DEFAULT_COUNTY;
}

/* --- Wiping bytes ------------------------------------------------------------------------ */

typedef struct
{
  gsize  length;
  guint8 data[];
} Wiped;

static void
wiped_free (gpointer data)
{
  Wiped *wiped = data;

  explicit_bzero (wiped->data, wiped->length);
  g_free (wiped);
}

static GBytes *
wiping_bytes_new (const guint8 *data,
                  gsize         length)
{
  Wiped *wiped = g_malloc (sizeof (Wiped) + length);

  wiped->length = length;
  memcpy (wiped->data, data, length);
  return g_bytes_new_with_free_func (wiped->data, length, wiped_free, wiped);
}

/* --- Parsing ------------------------------------------------------------------------------ */

static int
hex_value (guint8 c)
{
  return g_ascii_xdigit_value ((char) c);
}

/**
 * polku_county_key_parse:
 * @data: a key file's bytes
 * @length: how many
 * @error: POLKU_COUNTY_KEY_ERROR_INVALID when it is not a key
 *
 * Returns: (transfer full): the 32-byte key as a GBytes that wipes itself when freed
 */
GBytes *
polku_county_key_parse (const guint8  *data,
                        gsize          length,
                        GError       **error)
{
  guint8 key[POLKU_COUNTY_KEY_LENGTH];
  gsize start = 0, end = length;
  GBytes *result = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Exactly 32 bytes is the raw key, whatever the bytes are: a raw key may well begin or
   * end with what looks like white space. */
  if (length == POLKU_COUNTY_KEY_LENGTH)
    return wiping_bytes_new (data, length);

  while (start < end && g_ascii_isspace (data[start]))
    start++;
  while (end > start && g_ascii_isspace (data[end - 1]))
    end--;

  if (end - start == 2 * POLKU_COUNTY_KEY_LENGTH)
    {
      gboolean ok = TRUE;

      for (gsize i = 0; i < POLKU_COUNTY_KEY_LENGTH && ok; i++)
        {
          int hi = hex_value (data[start + 2 * i]);
          int lo = hex_value (data[start + 2 * i + 1]);

          if (hi < 0 || lo < 0)
            ok = FALSE;
          else
            key[i] = (guint8) (hi << 4 | lo);
        }
      if (ok)
        result = wiping_bytes_new (key, sizeof key);
    }
  else if (end - start >= 43 && end - start <= 64)
    {
      /* Base64 of 32 bytes is 44 characters (43 without its padding); anything that is
       * not strictly base64 is refused rather than decoded leniently. */
      char text[65];
      gsize n = end - start, decoded_length = 0;
      gboolean ok = TRUE;
      guchar *decoded;

      memcpy (text, data + start, n);
      text[n] = '\0';
      for (gsize i = 0; i < n && ok; i++)
        ok = g_ascii_isalnum (text[i]) || text[i] == '+' || text[i] == '/' || text[i] == '='
             || text[i] == '-' || text[i] == '_';
      for (gsize i = 0; i < n && ok; i++)
        {
          /* The URL-safe alphabet too, as some tools write it. */
          if (text[i] == '-')
            text[i] = '+';
          else if (text[i] == '_')
            text[i] = '/';
        }
      if (ok && n == 43)
        {
          text[43] = '=';
          text[44] = '\0';
          n = 44;
        }
      if (ok && n == 44)
        {
          decoded = g_base64_decode (text, &decoded_length);
          if (decoded_length == POLKU_COUNTY_KEY_LENGTH)
            result = wiping_bytes_new (decoded, decoded_length);
          explicit_bzero (decoded, decoded_length);
          g_free (decoded);
        }
      explicit_bzero (text, sizeof text);
    }

  explicit_bzero (key, sizeof key);
  if (result == NULL)
    g_set_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_INVALID,
                 _("This is not a county key. A county key file holds exactly 32 bytes, or "
                   "those bytes written as 64 hexadecimal digits or in base64. Ask the "
                   "wellbeing county for the key file again."));
  return result;
}

/**
 * polku_county_key_read_file:
 * @path: the key file a county handed out
 * @error: a file error, or POLKU_COUNTY_KEY_ERROR_INVALID
 *
 * Reads at most POLKU_COUNTY_KEY_MAX_FILE bytes (never trusting a stated size: a FIFO or
 * /dev/zero has none) into a buffer that is wiped afterwards.
 *
 * Returns: (transfer full): the key, or NULL
 */
GBytes *
polku_county_key_read_file (const char  *path,
                            GError     **error)
{
  guint8 buffer[POLKU_COUNTY_KEY_MAX_FILE + 1];
  gsize filled = 0;
  GBytes *key = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not read the county key file “%s”: %s"), display,
                   g_strerror (saved_errno));
      return NULL;
    }
  /* Opened without blocking so that a FIFO with no writer does not hang; reads block. */
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);

  while (filled < sizeof buffer)
    {
      ssize_t n = read (fd, buffer + filled, sizeof buffer - filled);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Could not read the county key file “%s”: %s"), display,
                       g_strerror (saved_errno));
          close (fd);
          explicit_bzero (buffer, sizeof buffer);
          return NULL;
        }
      if (n == 0)
        break;
      filled += n;
    }
  close (fd);

  if (filled > POLKU_COUNTY_KEY_MAX_FILE)
    g_set_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_INVALID,
                 _("This file is too large to be a county key. A county key file holds "
                   "exactly 32 bytes, or those bytes written as 64 hexadecimal digits or in "
                   "base64."));
  else
    key = polku_county_key_parse (buffer, filled, error);

  explicit_bzero (buffer, sizeof buffer);
  return key;
}

/**
 * polku_county_key_generate:
 * @error: when the system has no random source
 *
 * Returns: (transfer full): 32 bytes from the kernel's CSPRNG, wiped when freed
 */
GBytes *
polku_county_key_generate (GError **error)
{
  guint8 bytes[POLKU_COUNTY_KEY_LENGTH];
  gsize filled = 0;
  GBytes *key;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  while (filled < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + filled, sizeof bytes - filled, 0);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_UNAVAILABLE,
                       _("Could not make a random county key: %s"), g_strerror (saved_errno));
          explicit_bzero (bytes, sizeof bytes);
          return NULL;
        }
      filled += n;
    }

  key = wiping_bytes_new (bytes, sizeof bytes);
  explicit_bzero (bytes, sizeof bytes);
  return key;
}

/**
 * polku_county_key_fingerprint:
 * @key: a county key
 *
 * Returns: (transfer full): the first 16 hexadecimal digits of the key's SHA-256
 */
char *
polku_county_key_fingerprint (GBytes *key)
{
  g_autoptr(GChecksum) checksum = NULL;
  gsize length = 0;
  const guint8 *data;

  g_return_val_if_fail (key != NULL, NULL);

  data = g_bytes_get_data (key, &length);
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, data, length);
  return g_strndup (g_checksum_get_string (checksum), 16);
}

/* --- The Secret Service ------------------------------------------------------------------- */

static void
set_unavailable (GError   **error,
                 PolkuKeyringCall  *call,
                 GError    *cause)
{
  if (call->timed_out)
    g_set_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_UNAVAILABLE,
                 _("The keyring (Secret Service) did not answer within %u seconds. Unlock "
                   "the keyring and try again."),
                 (guint) POLKU_COUNTY_KEY_TIMEOUT_SECONDS);
  else
    g_set_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_UNAVAILABLE,
                 _("The keyring (Secret Service) cannot be used, so the county key cannot "
                   "be kept on this computer: %s"), cause->message);
}

/* The stored text, or NULL: with no error when nothing is stored. */
static char *
lookup_text (const char    *county,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  PolkuKeyringCall call;
  char *secret;
  char *copy = NULL;

  polku_keyring_call_begin (&call, cancellable);
  secret_password_lookup (get_schema (), call.cancellable, polku_keyring_call_done, &call,
                          "county", county, NULL);
  polku_keyring_call_wait (&call, POLKU_COUNTY_KEY_TIMEOUT_SECONDS);
  secret = secret_password_lookup_finish (call.result, &local_error);
  if (local_error != NULL)
    set_unavailable (error, &call, local_error);
  polku_keyring_call_end (&call);

  if (secret != NULL)
    {
      copy = g_strdup (secret);
      secret_password_free (secret);
    }
  return copy;
}

static void
wipe_string (char *text)
{
  if (text != NULL)
    {
      explicit_bzero (text, strlen (text));
      g_free (text);
    }
}

/**
 * polku_county_key_lookup:
 * @county: (nullable): the county, NULL for the default
 * @cancellable: (nullable)
 * @error: POLKU_COUNTY_KEY_ERROR_NOT_FOUND or _UNAVAILABLE
 *
 * Returns: (transfer full): the stored key, or NULL
 */
GBytes *
polku_county_key_lookup (const char    *county,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *text;
  GBytes *key = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = lookup_text (county_or_default (county), cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (text != NULL)
    key = polku_county_key_parse ((const guint8 *) text, strlen (text), NULL);
  wipe_string (text);

  if (key == NULL)
    g_set_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_NOT_FOUND,
                 _("There is no county key on this computer. Import the key file your "
                   "wellbeing county gave you (polku-cli report key import FILE, or "
                   "Preferences), or make one for this computer only (polku-cli report key "
                   "new)."));
  return key;
}

static char *
key_to_hex (GBytes *key)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (key, &length);
  char *hex = g_malloc (2 * length + 1);

  for (gsize i = 0; i < length; i++)
    {
      hex[2 * i] = "0123456789abcdef"[data[i] >> 4];
      hex[2 * i + 1] = "0123456789abcdef"[data[i] & 0xf];
    }
  hex[2 * length] = '\0';
  return hex;
}

/**
 * polku_county_key_store:
 * @county: (nullable): the county, NULL for the default
 * @key: the key (POLKU_COUNTY_KEY_LENGTH bytes)
 * @replace: whether a different stored key may be replaced
 * @cancellable: (nullable)
 * @error: POLKU_COUNTY_KEY_ERROR_INVALID, _EXISTS or _UNAVAILABLE
 *
 * Returns: whether @key is now the county's key
 */
gboolean
polku_county_key_store (const char    *county,
                        GBytes        *key,
                        gboolean       replace,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *fingerprint = NULL;
  char *hex;
  char *stored;
  PolkuKeyringCall call;
  gboolean ok;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_bytes_get_size (key) != POLKU_COUNTY_KEY_LENGTH)
    {
      g_set_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_INVALID,
                   _("A county key is exactly %u bytes."), (guint) POLKU_COUNTY_KEY_LENGTH);
      return FALSE;
    }

  county = county_or_default (county);
  hex = key_to_hex (key);

  stored = lookup_text (county, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      wipe_string (hex);
      return FALSE;
    }
  if (stored != NULL && g_ascii_strcasecmp (stored, hex) == 0)
    {
      wipe_string (stored);
      wipe_string (hex);
      return TRUE;
    }
  if (stored != NULL && !replace)
    {
      g_autoptr(GBytes) old = polku_county_key_parse ((const guint8 *) stored, strlen (stored),
                                                      NULL);
      g_autofree char *old_print = old != NULL ? polku_county_key_fingerprint (old) : NULL;

      wipe_string (stored);
      wipe_string (hex);
      g_set_error (error, POLKU_COUNTY_KEY_ERROR, POLKU_COUNTY_KEY_ERROR_EXISTS,
                   _("This computer already has a different county key (fingerprint %s). "
                     "Files made with it could not be combined with files made with a new "
                     "one; replace it only if the county has changed its key."),
                   old_print != NULL ? old_print : "?");
      return FALSE;
    }
  /* Replacing: the old item is removed first. Storing over it made Debian 12's
   * gnome-keyring-daemon drop off the bus (NoReply) once other items of the collection had
   * been deleted (test-report-keyring, /county-key/replace after /county-key/round-trip). */
  if (stored != NULL && !polku_county_key_delete (county, cancellable, error))
    {
      wipe_string (stored);
      wipe_string (hex);
      return FALSE;
    }
  wipe_string (stored);

  fingerprint = polku_county_key_fingerprint (key);
  /* TRANSLATORS: the name of the keyring item; %s is the key's fingerprint */
  label = g_strdup_printf (_("Polku county pseudonymisation key %s"), fingerprint);

  polku_keyring_call_begin (&call, cancellable);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, hex,
                         call.cancellable, polku_keyring_call_done, &call, "county", county, NULL);
  polku_keyring_call_wait (&call, POLKU_COUNTY_KEY_TIMEOUT_SECONDS);
  ok = secret_password_store_finish (call.result, &local_error);
  if (!ok)
    set_unavailable (error, &call, local_error);
  polku_keyring_call_end (&call);
  wipe_string (hex);

  return ok;
}

/**
 * polku_county_key_delete:
 * @county: (nullable): the county, NULL for the default
 * @cancellable: (nullable)
 * @error: POLKU_COUNTY_KEY_ERROR_UNAVAILABLE
 *
 * Returns: whether no key of @county is stored any more
 */
gboolean
polku_county_key_delete (const char    *county,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  PolkuKeyringCall call;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  polku_keyring_call_begin (&call, cancellable);
  secret_password_clear (get_schema (), call.cancellable, polku_keyring_call_done, &call,
                         "county", county_or_default (county), NULL);
  polku_keyring_call_wait (&call, POLKU_COUNTY_KEY_TIMEOUT_SECONDS);
  secret_password_clear_finish (call.result, &local_error);
  if (local_error != NULL)
    set_unavailable (error, &call, local_error);
  polku_keyring_call_end (&call);

  return local_error == NULL;
}

/**
 * polku_county_key_import_file:
 * @county: (nullable): the county, NULL for the default
 * @path: the key file
 * @replace: whether a different stored key may be replaced
 * @cancellable: (nullable)
 * @error: a file error or POLKU_COUNTY_KEY_ERROR_*; nothing changed
 *
 * Returns: (transfer full): the fingerprint of the key now stored, or NULL
 */
char *
polku_county_key_import_file (const char    *county,
                              const char    *path,
                              gboolean       replace,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GBytes) key = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = polku_county_key_read_file (path, error);
  if (key == NULL || !polku_county_key_store (county, key, replace, cancellable, error))
    return NULL;
  return polku_county_key_fingerprint (key);
}

/**
 * polku_county_key_new:
 * @county: (nullable): the county, NULL for the default
 * @replace: whether a different stored key may be replaced
 * @cancellable: (nullable)
 * @error: POLKU_COUNTY_KEY_ERROR_*; nothing changed
 *
 * Returns: (transfer full): the fingerprint of the new key, or NULL
 */
char *
polku_county_key_new (const char    *county,
                      gboolean       replace,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GBytes) key = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = polku_county_key_generate (error);
  if (key == NULL || !polku_county_key_store (county, key, replace, cancellable, error))
    return NULL;
  return polku_county_key_fingerprint (key);
}
