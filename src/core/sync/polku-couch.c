/* polku-couch.c: the HTTP client of a CouchDB-protocol sync server
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup 3's synchronous API (soup_session_send ()) in the caller's thread: the sync runs
 * in a worker thread, and one PolkuCouch is used by one thread at a time. The session has a
 * timeout (a server that accepts the connection and never answers, or stalls in the middle
 * of an answer, ends in POLKU_COUCH_ERROR_TIMEOUT) and a cookie jar for the AuthSession
 * cookie of POST /_session. Answers are read in a loop that stops at the bound (a stated
 * Content-Length over it is refused before reading anything), then parsed with the nesting
 * check of polku-json.
 *
 * PouchDB Server answers 401, not 403, when an authenticated account is not a member of a
 * database, and its cookies expire after ten minutes. So a 401 leads to one new login: if
 * the login fails, the account or password is wrong (UNAUTHORIZED); if it succeeds and the
 * request still gets 401, the account is not a member (NO_ACCESS).
 *
 * What the debug log shows: the method, the path without the query and the status. Never the
 * password, the cookie, a query's values or a body.
 */

#define G_LOG_DOMAIN "polku-couch"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "polku-couch.h"
#include "polku-json.h"

G_DEFINE_QUARK (polku-couch-error-quark, polku_couch_error)

#define MAX_DB_NAME 238
#define MAX_DOC_ID  1024

struct _PolkuCouch
{
  GObject      parent_instance;

  GUri        *base;          /* scheme, host, port and a path ending in '/' */
  char        *url;           /* what people read: the base without user info */
  char        *account;       /* NULL: anonymous */
  char        *password;
  char        *pin;           /* normalised "AB:CD:…" or NULL */
  SoupSession *session;
  guint        timeout;
  gsize        max_answer;
  gboolean     logged_in;

  GMutex       lock;
  char        *peer_fingerprint;  /* of the last certificate libsoup asked us about */
};

G_DEFINE_FINAL_TYPE (PolkuCouch, polku_couch, G_TYPE_OBJECT)

static void
polku_couch_finalize (GObject *object)
{
  PolkuCouch *self = POLKU_COUCH (object);

  g_clear_pointer (&self->base, g_uri_unref);
  g_free (self->url);
  g_free (self->account);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->pin);
  g_clear_object (&self->session);
  g_mutex_clear (&self->lock);
  g_free (self->peer_fingerprint);

  G_OBJECT_CLASS (polku_couch_parent_class)->finalize (object);
}

static void
polku_couch_class_init (PolkuCouchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = polku_couch_finalize;
}

static void
polku_couch_init (PolkuCouch *self)
{
  g_mutex_init (&self->lock);
  self->timeout = POLKU_COUCH_TIMEOUT;
  self->max_answer = POLKU_COUCH_MAX_ANSWER;
}

/* ---- helpers ------------------------------------------------------------------------- */

char *
polku_couch_normalize_fingerprint (const char *text)
{
  g_autoptr(GString) out = NULL;
  guint digits = 0;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ':' || *p == ' ' || *p == '-' || *p == '\t')
        continue;
      if (!g_ascii_isxdigit (*p))
        return NULL;
      if (digits > 0 && digits % 2 == 0)
        g_string_append_c (out, ':');
      g_string_append_c (out, g_ascii_toupper (*p));
      digits++;
    }
  if (digits != 64)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
fingerprint_of (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = NULL;

  if (certificate == NULL)
    return NULL;
  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, der->data, der->len);
  return polku_couch_normalize_fingerprint (g_checksum_get_string (checksum));
}

gboolean
polku_couch_check_db_name (const char  *db,
                           GError     **error)
{
  gsize length = db != NULL ? strlen (db) : 0;
  gboolean ok = length > 0 && length <= MAX_DB_NAME && db[0] >= 'a' && db[0] <= 'z';

  for (gsize i = 1; ok && i < length; i++)
    ok = (db[i] >= 'a' && db[i] <= 'z') || g_ascii_isdigit (db[i])
         || strchr ("_$()+-/", db[i]) != NULL;
  if (!ok)
    g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID,
                 _("“%s” is not a valid sync database name: it must start with a lowercase "
                   "letter and have only lowercase letters, digits and _$()+-/ (at most %d "
                   "characters). Check the access groups in the organisations file."),
                 db != NULL ? db : "", MAX_DB_NAME);
  return ok;
}

static gboolean
check_doc_id (const char  *id,
              GError     **error)
{
  gsize length = id != NULL ? strlen (id) : 0;
  gboolean ok = length > 0 && length <= MAX_DOC_ID && g_utf8_validate (id, length, NULL);

  if (ok && id[0] == '_')
    ok = (g_str_has_prefix (id, "_local/") && id[7] != '\0')
         || (g_str_has_prefix (id, "_design/") && id[8] != '\0');
  if (!ok)
    g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID,
                 _("“%s” is not a valid document id for the sync server."),
                 id != NULL && g_utf8_validate (id, -1, NULL) ? id : "");
  return ok;
}

/* "db/id" with both escaped (a _local/ or _design/ prefix kept as a path segment). */
static char *
doc_path (const char *db,
          const char *id)
{
  g_autofree char *e_db = g_uri_escape_string (db, NULL, FALSE);
  const char *prefix = "";
  g_autofree char *e_id = NULL;

  if (g_str_has_prefix (id, "_local/"))
    prefix = "_local/";
  else if (g_str_has_prefix (id, "_design/"))
    prefix = "_design/";
  e_id = g_uri_escape_string (id + strlen (prefix), NULL, FALSE);
  return g_strconcat (e_db, "/", prefix, e_id, NULL);
}

static char *
db_path (const char *db,
         const char *rest)
{
  g_autofree char *e_db = g_uri_escape_string (db, NULL, FALSE);

  return rest != NULL ? g_strconcat (e_db, "/", rest, NULL) : g_steal_pointer (&e_db);
}

/* The database a path is about (its first segment, unescaped), or NULL for the server's own
 * endpoints (_session, _all_dbs, …). */
static char *
db_of_path (const char *path)
{
  g_autofree char *first = NULL;
  const char *slash;

  while (*path == '/')
    path++;
  slash = strchr (path, '/');
  first = slash != NULL ? g_strndup (path, slash - path) : g_strdup (path);
  if (first[0] == '\0' || first[0] == '_')
    return NULL;
  return g_uri_unescape_string (first, NULL);
}

/* ---- construction -------------------------------------------------------------------- */

PolkuCouch *
polku_couch_new (const char  *url,
                 const char  *account,
                 const char  *password,
                 const char  *trusted_sha256,
                 GError     **error)
{
  g_autoptr(PolkuCouch) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  const char *scheme;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (url != NULL)
    uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL
      || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
      || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0'
      || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID,
                   _("“%s” is not a valid sync server address: write it as "
                     "https://server.example:6984/ (http:// only for a server on this "
                     "computer or in tests)."),
                   url != NULL && g_utf8_validate (url, -1, NULL) ? url : "");
      return NULL;
    }
  if (g_uri_get_user (uri) != NULL || g_uri_get_password (uri) != NULL)
    {
      g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID,
                   _("The sync server address must not contain an account or a password: "
                     "give them in Preferences instead."));
      return NULL;
    }
  if (account != NULL && account[0] == '\0')
    account = NULL;
  if (account != NULL && password == NULL)
    {
      g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID,
                   _("No password was given for the sync account “%s”."), account);
      return NULL;
    }

  self = g_object_new (POLKU_TYPE_COUCH, NULL);
  if (trusted_sha256 != NULL && trusted_sha256[0] != '\0')
    {
      self->pin = polku_couch_normalize_fingerprint (trusted_sha256);
      if (self->pin == NULL)
        {
          g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID,
                       _("The trusted certificate fingerprint is not a SHA-256 fingerprint: "
                         "it has 64 hexadecimal digits, usually in pairs separated by "
                         "colons (AB:CD:…)."));
          return NULL;
        }
    }

  path = g_str_has_suffix (g_uri_get_path (uri), "/")
         ? g_strdup (g_uri_get_path (uri))
         : g_strconcat (g_uri_get_path (uri), "/", NULL);
  self->base = g_uri_build (G_URI_FLAGS_ENCODED,
                            g_ascii_strcasecmp (scheme, "https") == 0 ? "https" : "http", NULL, g_uri_get_host (uri), g_uri_get_port (uri), path,
                            NULL, NULL);
  self->url = g_uri_to_string (self->base);
  self->account = g_strdup (account);
  self->password = g_strdup (account != NULL ? password : NULL);
  self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                 "user-agent", "Polku/" PACKAGE_VERSION " ",
                                                 NULL);
  soup_session_add_feature_by_type (self->session, SOUP_TYPE_COOKIE_JAR);
  return g_steal_pointer (&self);
}

const char *
polku_couch_get_url (PolkuCouch *self)
{
  g_return_val_if_fail (POLKU_IS_COUCH (self), NULL);
  return self->url;
}

void
polku_couch_set_timeout (PolkuCouch *self,
                         guint       seconds)
{
  g_return_if_fail (POLKU_IS_COUCH (self));
  self->timeout = MAX (seconds, 1);
  g_object_set (self->session, "timeout", self->timeout, NULL);
}

void
polku_couch_set_max_answer (PolkuCouch *self,
                            gsize       max_bytes)
{
  g_return_if_fail (POLKU_IS_COUCH (self));
  self->max_answer = MAX (max_bytes, 1024);
}

/* ---- errors for people --------------------------------------------------------------- */

static void
set_transport_error (PolkuCouch  *self,
                     GError      *cause,
                     gboolean     reading_body,
                     GError     **error)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (cause));
      return;
    }
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_TIMEOUT,
                   _("The sync server %s did not answer within %u s. Sync will try again; "
                     "if this goes on, the server may be overloaded: tell its "
                     "administrator."),
                   self->url, self->timeout);
      return;
    }
  if (cause->domain == G_TLS_ERROR)
    {
      g_autofree char *fingerprint = NULL;

      g_mutex_lock (&self->lock);
      fingerprint = g_strdup (self->peer_fingerprint);
      g_mutex_unlock (&self->lock);
      if (fingerprint != NULL
          && (g_error_matches (cause, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE)
              || g_error_matches (cause, G_TLS_ERROR, G_TLS_ERROR_HANDSHAKE)))
        g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_TLS,
                     _("The certificate of the sync server %s is not trusted. Its SHA-256 "
                       "fingerprint is %s. Trust it in Preferences only if the server's "
                       "administrator confirms this fingerprint."),
                     self->url, fingerprint);
      else
        g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_TLS,
                     _("A secure connection to the sync server %s could not be set up. "
                       "Check that the address starts with the right https:// or http:// "
                       "and port."),
                     self->url);
      return;
    }
  if (reading_body)
    {
      g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_MALFORMED,
                   _("The answer from the sync server %s was cut short: the connection broke "
                     "in the middle of it. Nothing was changed from it; sync will try "
                     "again."),
                   self->url);
      return;
    }
  g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_UNREACHABLE,
               _("The sync server %s cannot be reached, or the connection to it broke. "
                 "Check the network connection and the server address in Preferences; "
                 "sync will try again."),
               self->url);
}

static void
set_status_error (PolkuCouch  *self,
                  const char  *path,
                  guint        status,
                  GError     **error)
{
  g_autofree char *db = db_of_path (path);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
    case SOUP_STATUS_FORBIDDEN:
      if (db != NULL)
        g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_NO_ACCESS,
                     _("The account “%s” may not use the database “%s” on the sync server "
                       "%s. Ask the server's administrator to make the account a member of "
                       "that database."),
                     self->account != NULL ? self->account : "", db, self->url);
      else
        g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_NO_ACCESS,
                     _("The account “%s” may not do this on the sync server %s. Ask the "
                       "server's administrator."),
                     self->account != NULL ? self->account : "", self->url);
      return;
    case SOUP_STATUS_NOT_FOUND:
      if (db != NULL)
        g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_NOT_FOUND,
                     _("The sync server %s has no such document, or no database “%s”. If "
                       "the database is missing, ask the server's administrator to create "
                       "it."),
                     self->url, db);
      else
        g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_NOT_FOUND,
                     _("The sync server %s does not know this request. Check that the "
                       "address is a CouchDB server's."),
                     self->url);
      return;
    case SOUP_STATUS_CONFLICT:
    case SOUP_STATUS_PRECONDITION_FAILED:
      g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_CONFLICT,
                   _("The sync server %s has a newer version of this document. Sync will "
                     "fetch it and merge."),
                   self->url);
      return;
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_TOO_LARGE,
                   _("The sync server %s refused a request as too large. Tell the server's "
                     "administrator (max_http_request_size)."),
                   self->url);
      return;
    default:
      g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_SERVER,
                   _("The sync server %s answered with an error (HTTP %u). Sync will try "
                     "again; if this goes on, tell the server's administrator."),
                   self->url, status);
      return;
    }
}

static void
set_malformed (PolkuCouch  *self,
               GError     **error)
{
  g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_MALFORMED,
               _("The sync server %s sent an answer that is not what a CouchDB server "
                 "sends. Nothing was changed from it; sync will try again. If this goes on, "
                 "tell the server's administrator."),
               self->url);
}

static void
set_too_large (PolkuCouch  *self,
               GError     **error)
{
  g_autofree char *size = g_format_size (self->max_answer);

  g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_TOO_LARGE,
               _("The sync server %s sent an answer larger than %s; it was not read. Tell "
                 "the server's administrator."),
               self->url, size);
}

/* ---- TLS ----------------------------------------------------------------------------- */

static gboolean
on_accept_certificate (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  PolkuCouch *self = user_data;
  g_autofree char *fingerprint = fingerprint_of (certificate);
  gboolean ok = fingerprint != NULL && self->pin != NULL
                && g_str_equal (fingerprint, self->pin)
                && (errors & G_TLS_CERTIFICATE_REVOKED) == 0;

  g_mutex_lock (&self->lock);
  g_free (self->peer_fingerprint);
  self->peer_fingerprint = g_steal_pointer (&fingerprint);
  g_mutex_unlock (&self->lock);
  g_debug ("certificate not trusted by the system (flags 0x%x): %s", errors,
           ok ? "pinned, accepted" : "refused");
  return ok;
}

/* ---- one exchange -------------------------------------------------------------------- */

static GBytes *
read_answer (PolkuCouch    *self,
             SoupMessage   *msg,
             GInputStream  *in,
             GCancellable  *cancellable,
             GError       **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  g_autoptr(GByteArray) data = NULL;
  g_autofree guint8 *buffer = NULL;
  const gsize chunk = 65536;

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > (goffset) self->max_answer)
    {
      set_too_large (self, error);
      return NULL;
    }
  data = g_byte_array_new ();
  buffer = g_malloc (chunk);
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n = g_input_stream_read (in, buffer, chunk, cancellable, &local_error);

      if (n < 0)
        {
          set_transport_error (self, local_error, TRUE, error);
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + (gsize) n > self->max_answer)
        {
          set_too_large (self, error);
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static void
zero_and_free (gpointer data)
{
  char *text = data;

  memset (text, 0, strlen (text));
  g_free (text);
}

/* Sends once. Returns the answer's bytes (maybe empty) with *status set, or NULL with
 * @error for a transport failure or an answer not read (too large, cut short). */
static GBytes *
exchange (PolkuCouch    *self,
          const char    *method,
          const char    *path,
          const char    *query,
          GBytes        *body,
          guint         *status,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *relative = NULL;
  GBytes *answer;

  relative = query != NULL && query[0] != '\0' ? g_strconcat (path, "?", query, NULL)
                                               : g_strdup (path);
  uri = g_uri_parse_relative (self->base, relative, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    {
      g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID,
                   _("Polku tried to send a request to the sync server %s that is not a "
                     "valid address. Please report this."),
                   self->url);
      return NULL;
    }
  msg = soup_message_new_from_uri (method, uri);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Accept", "application/json");
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (on_accept_certificate), self);
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->peer_fingerprint, g_free);
  g_mutex_unlock (&self->lock);

  in = soup_session_send (self->session, msg, cancellable, &local_error);
  if (in == NULL)
    {
      g_debug ("%s /%s: %s", method, path, local_error->message);
      set_transport_error (self, local_error, FALSE, error);
      return NULL;
    }
  *status = soup_message_get_status (msg);
  g_debug ("%s /%s → %u", method, path, *status);
  answer = read_answer (self, msg, in, cancellable, error);
  g_input_stream_close (in, NULL, NULL);
  return answer;
}

static JsonNode *
parse_answer (PolkuCouch  *self,
              GBytes      *bytes,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root = polku_json_parse_bounded (bytes, &local_error);

  if (root == NULL)
    {
      g_debug ("answer not parsed: %s", local_error->domain == JSON_PARSER_ERROR
               ? "not JSON" : "empty or too deep");
      set_malformed (self, error);
    }
  return root;
}

static gboolean
login_once (PolkuCouch    *self,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) answer = NULL;
  char *text;
  guint status = 0;

  if (self->account == NULL)
    return TRUE;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->account);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, self->password);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  body = g_bytes_new_with_free_func (text, strlen (text), zero_and_free, text);
  json_builder_reset (builder);
  g_clear_pointer (&root, json_node_unref);   /* the password: freed now */

  self->logged_in = FALSE;
  answer = exchange (self, "POST", "_session", NULL, body, &status, cancellable, error);
  if (answer == NULL)
    return FALSE;
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_UNAUTHORIZED,
                   _("The sync server %s did not accept the account “%s” with this "
                     "password. Check the account and the password in Preferences."),
                   self->url, self->account);
      return FALSE;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      set_status_error (self, "_session", status, error);
      return FALSE;
    }
  root = parse_answer (self, answer, error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_get_boolean_member_with_default (json_node_get_object (root), "ok", FALSE))
    {
      set_malformed (self, error);
      return FALSE;
    }
  self->logged_in = TRUE;
  return TRUE;
}

gboolean
polku_couch_login (PolkuCouch    *self,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_return_val_if_fail (POLKU_IS_COUCH (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return login_once (self, cancellable, error);
}

/* The request with the login around it; @body_bytes is sent as is. */
static JsonNode *
request_bytes (PolkuCouch    *self,
               const char    *method,
               const char    *path,
               const char    *query,
               GBytes        *body,
               guint         *status_out,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GBytes) answer = NULL;
  guint status = 0;

  if (self->account != NULL && !self->logged_in && !login_once (self, cancellable, error))
    return NULL;
  answer = exchange (self, method, path, query, body, &status, cancellable, error);
  if (answer != NULL && status == SOUP_STATUS_UNAUTHORIZED && self->account != NULL)
    {
      /* An expired cookie, or not a member: a new login tells them apart. */
      g_clear_pointer (&answer, g_bytes_unref);
      if (!login_once (self, cancellable, error))
        return NULL;
      answer = exchange (self, method, path, query, body, &status, cancellable, error);
    }
  if (status_out != NULL)
    *status_out = status;
  if (answer == NULL)
    return NULL;
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      set_status_error (self, path, status, error);
      return NULL;
    }
  return parse_answer (self, answer, error);
}

static GBytes *
body_of (JsonNode *node)
{
  gsize length = 0;
  g_autoptr(JsonGenerator) generator = NULL;
  char *text;

  if (node == NULL)
    return NULL;
  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static gboolean
check_relative_path (PolkuCouch  *self,
                     const char  *path,
                     GError     **error)
{
  const char *slash = strchr (path, '/');
  const char *colon = strchr (path, ':');

  /* Relative to the base, never to another host or scheme. */
  if (path[0] == '/' || strstr (path, "..") != NULL || strchr (path, '?') != NULL
      || strchr (path, '#') != NULL || (colon != NULL && (slash == NULL || colon < slash)))
    {
      g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID,
                   _("Polku tried to send a request to the sync server %s that is not a "
                     "valid address. Please report this."),
                   self->url);
      return FALSE;
    }
  return TRUE;
}

JsonNode *
polku_couch_request (PolkuCouch    *self,
                     const char    *method,
                     const char    *path,
                     const char    *query,
                     JsonNode      *body,
                     guint         *status,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (POLKU_IS_COUCH (self), NULL);
  g_return_val_if_fail (method != NULL && path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (status != NULL)
    *status = 0;
  if (path[0] == '/')
    path++;
  if (!check_relative_path (self, path, error))
    return NULL;
  bytes = body_of (body);
  return request_bytes (self, method, path, query, bytes, status, cancellable, error);
}

/* ---- CouchDB calls ------------------------------------------------------------------- */

static JsonNode *
expect (PolkuCouch   *self,
        JsonNode     *node,
        JsonNodeType  type,
        GError      **error)
{
  if (node != NULL && JSON_NODE_TYPE (node) != type)
    {
      json_node_unref (node);
      set_malformed (self, error);
      return NULL;
    }
  return node;
}

JsonNode *
polku_couch_changes (PolkuCouch    *self,
                     const char    *db,
                     const char    *since_json,
                     guint          limit,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GString) query = g_string_new ("style=all_docs&include_docs=true&conflicts=true");
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *object;

  g_return_val_if_fail (POLKU_IS_COUCH (self), NULL);
  if (!polku_couch_check_db_name (db, error))
    return NULL;
  if (since_json != NULL)
    {
      g_autoptr(JsonNode) since = json_from_string (since_json, NULL);
      g_autofree char *value = NULL;
      g_autofree char *escaped = NULL;

      if (since != NULL && JSON_NODE_HOLDS_VALUE (since)
          && json_node_get_value_type (since) == G_TYPE_STRING)
        value = g_strdup (json_node_get_string (since));
      else if (since != NULL && JSON_NODE_HOLDS_VALUE (since)
               && json_node_get_value_type (since) == G_TYPE_INT64)
        value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (since));
      else
        {
          g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID,
                       _("The stored sync checkpoint of the database “%s” is damaged. "
                         "Please report this."), db);
          return NULL;
        }
      escaped = g_uri_escape_string (value, NULL, FALSE);
      g_string_append_printf (query, "&since=%s", escaped);
    }
  if (limit > 0)
    g_string_append_printf (query, "&limit=%u", limit);
  path = db_path (db, "_changes");
  answer = expect (self, request_bytes (self, "GET", path, query->str, NULL, NULL,
                                        cancellable, error),
                   JSON_NODE_OBJECT, error);
  if (answer == NULL)
    return NULL;
  object = json_node_get_object (answer);
  if (!json_object_has_member (object, "results")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "results"))
      || !json_object_has_member (object, "last_seq"))
    {
      set_malformed (self, error);
      return NULL;
    }
  return g_steal_pointer (&answer);
}

JsonNode *
polku_couch_bulk_docs (PolkuCouch    *self,
                       const char    *db,
                       JsonArray     *docs,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  JsonNode *answer;

  g_return_val_if_fail (POLKU_IS_COUCH (self), NULL);
  g_return_val_if_fail (docs != NULL, NULL);
  if (!polku_couch_check_db_name (db, error))
    return NULL;
  json_object_set_array_member (object, "docs", json_array_ref (docs));
  body = json_node_init_object (json_node_alloc (), object);
  bytes = body_of (body);
  path = db_path (db, "_bulk_docs");
  answer = expect (self, request_bytes (self, "POST", path, NULL, bytes, NULL, cancellable,
                                        error),
                   JSON_NODE_ARRAY, error);
  if (answer != NULL)
    {
      JsonArray *results = json_node_get_array (answer);

      for (guint i = 0; i < json_array_get_length (results); i++)
        if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (results, i)))
          {
            json_node_unref (answer);
            set_malformed (self, error);
            return NULL;
          }
    }
  return answer;
}

JsonNode *
polku_couch_get_doc (PolkuCouch    *self,
                     const char    *db,
                     const char    *id,
                     const char    *rev,
                     gboolean       conflicts,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autofree char *path = NULL;

  g_return_val_if_fail (POLKU_IS_COUCH (self), NULL);
  if (!polku_couch_check_db_name (db, error) || !check_doc_id (id, error))
    return NULL;
  if (rev != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (rev, NULL, FALSE);

      g_string_append_printf (query, "rev=%s", escaped);
    }
  if (conflicts)
    g_string_append_printf (query, "%sconflicts=true", query->len > 0 ? "&" : "");
  path = doc_path (db, id);
  return expect (self, request_bytes (self, "GET", path, query->str, NULL, NULL, cancellable,
                                      error),
                 JSON_NODE_OBJECT, error);
}

static char *
revs_query (const char * const *revs,
            const char         *prefix)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  for (guint i = 0; revs != NULL && revs[i] != NULL; i++)
    json_array_add_string_element (array, revs[i]);
  node = json_node_init_array (json_node_alloc (), array);
  text = json_to_string (node, FALSE);
  escaped = g_uri_escape_string (text, NULL, FALSE);
  return g_strconcat (prefix, escaped, NULL);
}

JsonNode *
polku_couch_open_revs (PolkuCouch          *self,
                       const char          *db,
                       const char          *id,
                       const char * const  *revs,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *array;

  g_return_val_if_fail (POLKU_IS_COUCH (self), NULL);
  if (!polku_couch_check_db_name (db, error) || !check_doc_id (id, error))
    return NULL;
  if (revs == NULL || revs[0] == NULL)
    {
      g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID,
                   _("No revisions were asked for."));
      return NULL;
    }
  for (guint i = 0; revs[i] != NULL; i++)
    if (revs[i][0] == '\0' || !g_utf8_validate (revs[i], -1, NULL))
      {
        g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID,
                     _("A revision asked for is empty or not text."));
        return NULL;
      }
  path = doc_path (db, id);
  query = g_strcmp0 (revs[0], "all") == 0 && revs[1] == NULL
          ? g_strdup ("open_revs=all&revs=true")
          : revs_query (revs, "revs=true&open_revs=");
  answer = expect (self, request_bytes (self, "GET", path, query, NULL, NULL, cancellable,
                                        error),
                   JSON_NODE_ARRAY, error);
  if (answer == NULL)
    return NULL;
  array = json_node_get_array (answer);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element)
                                                             : NULL;

      if (object == NULL
          || !((json_object_has_member (object, "ok")
                && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "ok")))
               || json_object_has_member (object, "missing")))
        {
          set_malformed (self, error);
          return NULL;
        }
    }
  return g_steal_pointer (&answer);
}

JsonNode *
polku_couch_get_local (PolkuCouch    *self,
                       const char    *db,
                       const char    *id,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *local_id = NULL;

  g_return_val_if_fail (POLKU_IS_COUCH (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  local_id = g_str_has_prefix (id, "_local/") ? g_strdup (id) : g_strconcat ("_local/", id, NULL);
  return polku_couch_get_doc (self, db, local_id, NULL, FALSE, cancellable, error);
}

gboolean
polku_couch_put_local (PolkuCouch    *self,
                       const char    *db,
                       const char    *id,
                       JsonNode      *doc,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *local_id = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (POLKU_IS_COUCH (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (doc != NULL && JSON_NODE_HOLDS_OBJECT (doc), FALSE);

  local_id = g_str_has_prefix (id, "_local/") ? g_strdup (id) : g_strconcat ("_local/", id, NULL);
  if (!polku_couch_check_db_name (db, error) || !check_doc_id (local_id, error))
    return FALSE;
  path = doc_path (db, local_id);
  /* The current _rev, then PUT; a writer in between (409) makes us read it again, once. */
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) current = NULL;
      g_autoptr(JsonObject) fresh = json_object_new ();
      g_autoptr(JsonNode) body = NULL;
      g_autoptr(JsonNode) answer = NULL;
      g_autoptr(GBytes) bytes = NULL;
      const char *current_rev = NULL;
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      current = polku_couch_get_local (self, db, local_id, cancellable, &local_error);
      if (current == NULL && !g_error_matches (local_error, POLKU_COUCH_ERROR,
                                               POLKU_COUCH_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
      if (current != NULL)
        current_rev = json_object_get_string_member_with_default (json_node_get_object (current),
                                                                  "_rev", NULL);

      json_object_iter_init (&iter, json_node_get_object (doc));
      while (json_object_iter_next (&iter, &name, &value))
        if (!g_str_equal (name, "_rev") && !g_str_equal (name, "_id"))
          json_object_set_member (fresh, name, json_node_copy (value));
      json_object_set_string_member (fresh, "_id", local_id);
      if (current_rev != NULL)
        json_object_set_string_member (fresh, "_rev", current_rev);
      body = json_node_init_object (json_node_alloc (), fresh);
      bytes = body_of (body);
      answer = request_bytes (self, "PUT", path, NULL, bytes, NULL, cancellable, &local_error);
      if (answer != NULL)
        return TRUE;
      if (attempt == 0 && g_error_matches (local_error, POLKU_COUCH_ERROR,
                                           POLKU_COUCH_ERROR_CONFLICT))
        continue;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
}

/* Every leaf of @id: {"rev": deleted?}; NULL and no error when the document is gone. */
static JsonNode *
leaves_of (PolkuCouch    *self,
           const char    *db,
           const char    *id,
           GCancellable  *cancellable,
           GError       **error)
{
  static const char * const all[] = { "all", NULL };
  g_autoptr(GError) local_error = NULL;
  JsonNode *leaves = polku_couch_open_revs (self, db, id, all, cancellable, &local_error);

  if (leaves == NULL && !g_error_matches (local_error, POLKU_COUCH_ERROR,
                                          POLKU_COUCH_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return leaves;
}

gboolean
polku_couch_delete_doc (PolkuCouch    *self,
                        const char    *db,
                        const char    *id,
                        const char    *rev,
                        gboolean       purge,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) leaves = NULL;
  g_autoptr(JsonArray) tombstones = NULL;
  g_autoptr(JsonArray) purge_revs = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  g_autofree char *escaped = NULL;
  JsonArray *array;

  g_return_val_if_fail (POLKU_IS_COUCH (self), FALSE);
  if (!polku_couch_check_db_name (db, error) || !check_doc_id (id, error))
    return FALSE;
  if (rev == NULL || rev[0] == '\0')
    {
      g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID,
                   _("A document cannot be removed from the sync server without its "
                     "revision."));
      return FALSE;
    }
  path = doc_path (db, id);
  escaped = g_uri_escape_string (rev, NULL, FALSE);
  query = g_strconcat ("rev=", escaped, NULL);
  answer = request_bytes (self, "DELETE", path, query, NULL, NULL, cancellable, &local_error);
  if (answer == NULL
      && !g_error_matches (local_error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_NOT_FOUND)
      && !g_error_matches (local_error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_CONFLICT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);

  /* @rev was deleted: a conflicting branch would keep the content readable, so every other
   * live leaf goes too. @rev was not a leaf (409; PouchDB says 404): done if the document
   * is deleted or gone, CONFLICT if someone wrote a newer revision. */
  leaves = leaves_of (self, db, id, cancellable, error);
  if (leaves == NULL)
    return error == NULL || *error == NULL;
  array = json_node_get_array (leaves);
  tombstones = json_array_new ();
  purge_revs = json_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *element = json_node_get_object (json_array_get_element (array, i));
      JsonObject *doc = json_object_get_object_member (element, "ok");
      const char *leaf;

      if (doc == NULL)
        continue;
      leaf = json_object_get_string_member_with_default (doc, "_rev", NULL);
      if (leaf == NULL)
        continue;
      json_array_add_string_element (purge_revs, leaf);
      if (!json_object_get_boolean_member_with_default (doc, "_deleted", FALSE))
        {
          JsonObject *tombstone = json_object_new ();

          json_object_set_string_member (tombstone, "_id", id);
          json_object_set_string_member (tombstone, "_rev", leaf);
          json_object_set_boolean_member (tombstone, "_deleted", TRUE);
          json_array_add_object_element (tombstones, tombstone);
        }
    }
  if (answer == NULL && json_array_get_length (tombstones) > 0)
    {
      set_status_error (self, path, SOUP_STATUS_CONFLICT, error);
      return FALSE;
    }
  if (json_array_get_length (tombstones) > 0)
    {
      g_autoptr(JsonNode) results = polku_couch_bulk_docs (self, db, tombstones, cancellable,
                                                           error);
      JsonArray *list;

      if (results == NULL)
        return FALSE;
      list = json_node_get_array (results);
      json_array_unref (g_steal_pointer (&purge_revs));
      purge_revs = json_array_new ();
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *result = json_node_get_object (json_array_get_element (list, i));

          if (json_object_has_member (result, "error"))
            {
              const char *what = json_object_get_string_member_with_default (result, "error", "");

              if (g_str_equal (what, "unauthorized") || g_str_equal (what, "forbidden"))
                set_status_error (self, path, SOUP_STATUS_FORBIDDEN, error);
              else if (g_str_equal (what, "conflict"))
                set_status_error (self, path, SOUP_STATUS_CONFLICT, error);
              else
                set_malformed (self, error);
              return FALSE;
            }
        }
      /* The leaves changed: read them again for the purge. */
      if (purge)
        {
          g_clear_pointer (&leaves, json_node_unref);
          leaves = leaves_of (self, db, id, cancellable, error);
          if (leaves == NULL)
            return error == NULL || *error == NULL;
          array = json_node_get_array (leaves);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonObject *element = json_node_get_object (json_array_get_element (array, i));
              JsonObject *doc = json_object_get_object_member (element, "ok");
              const char *leaf = doc != NULL
                                 ? json_object_get_string_member_with_default (doc, "_rev", NULL)
                                 : NULL;

              if (leaf != NULL)
                json_array_add_string_element (purge_revs, leaf);
            }
        }
    }

  if (purge && json_array_get_length (purge_revs) > 0)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) body = NULL;
      g_autoptr(JsonNode) purged = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *purge_path = db_path (db, "_purge");
      guint status = 0;

      json_object_set_array_member (object, id, json_array_ref (purge_revs));
      body = json_node_init_object (json_node_alloc (), object);
      bytes = body_of (body);
      purged = request_bytes (self, "POST", purge_path, NULL, bytes, &status, cancellable,
                              &local_error);
      if (purged == NULL)
        {
          /* A server without _purge (PouchDB Server, CouchDB 2.0 – 2.2): deletion alone. */
          if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_NOT_IMPLEMENTED
              || status == SOUP_STATUS_BAD_REQUEST || status == SOUP_STATUS_METHOD_NOT_ALLOWED)
            {
              g_debug ("POST /%s → %u: the server does not purge; deleted only",
                       purge_path, status);
              return TRUE;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

JsonNode *
polku_couch_revs_diff (PolkuCouch    *self,
                       const char    *db,
                       JsonNode      *revs,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (POLKU_IS_COUCH (self), NULL);
  g_return_val_if_fail (revs != NULL && JSON_NODE_HOLDS_OBJECT (revs), NULL);
  if (!polku_couch_check_db_name (db, error))
    return NULL;
  path = db_path (db, "_revs_diff");
  bytes = body_of (revs);
  return expect (self, request_bytes (self, "POST", path, NULL, bytes, NULL, cancellable,
                                      error),
                 JSON_NODE_OBJECT, error);
}

char *
polku_couch_dup_peer_fingerprint (PolkuCouch    *self,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  char *fingerprint = NULL;

  g_return_val_if_fail (POLKU_IS_COUCH (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_strcmp0 (g_uri_get_scheme (self->base), "https") != 0)
    {
      g_set_error (error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_INVALID,
                   _("The sync server %s is not reached over https://, so it has no "
                     "certificate."),
                   self->url);
      return NULL;
    }
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->peer_fingerprint, g_free);
  g_mutex_unlock (&self->lock);

  /* GET / carries nothing secret; an untrusted certificate is refused in the handshake,
   * after on_accept_certificate () has recorded its fingerprint. */
  msg = soup_message_new_from_uri ("GET", self->base);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (on_accept_certificate), self);
  in = soup_session_send (self->session, msg, cancellable, &local_error);
  if (in != NULL)
    {
      fingerprint = fingerprint_of (soup_message_get_tls_peer_certificate (msg));
      g_input_stream_close (in, NULL, NULL);
    }
  if (fingerprint == NULL)
    {
      g_mutex_lock (&self->lock);
      fingerprint = g_strdup (self->peer_fingerprint);
      g_mutex_unlock (&self->lock);
    }
  if (fingerprint == NULL)
    {
      if (local_error != NULL)
        set_transport_error (self, local_error, FALSE, error);
      else
        set_malformed (self, error);
    }
  return fingerprint;
}
