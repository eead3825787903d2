/* polku-couch.h: the HTTP client of a CouchDB-protocol sync server
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One PolkuCouch is one server, one account: libsoup 3 with a timeout and a cookie jar
 * (POST /_session logs in; a 401 logs in again once). Every answer is read within a size
 * bound (polku-json.h) and parsed by json-glib; whatever goes wrong becomes one
 * POLKU_COUCH_ERROR with a message a coordinator understands, naming the server and what to
 * do. TLS is verified against the system's trust; a certificate pinned by its SHA-256
 * fingerprint is accepted even when self-signed. Passwords, cookies and document bodies are
 * never logged. The calls block: run them in a thread (one PolkuCouch in one thread at a
 * time). A cancelled call fails with G_IO_ERROR_CANCELLED, not a POLKU_COUCH_ERROR.
 * A connection that breaks before an answer's headers is UNREACHABLE; one that breaks in
 * the middle of the body is MALFORMED (cut short).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define POLKU_COUCH_ERROR (polku_couch_error_quark ())

typedef enum {
  POLKU_COUCH_ERROR_UNREACHABLE,   /* no connection: DNS, refused, reset before an answer */
  POLKU_COUCH_ERROR_TIMEOUT,       /* no answer within the timeout */
  POLKU_COUCH_ERROR_UNAUTHORIZED,  /* wrong account or password */
  POLKU_COUCH_ERROR_NO_ACCESS,     /* 401/403 on a database: the account is not a member */
  POLKU_COUCH_ERROR_NOT_FOUND,
  POLKU_COUCH_ERROR_CONFLICT,
  POLKU_COUCH_ERROR_SERVER,        /* 5xx and other answers the protocol does not expect */
  POLKU_COUCH_ERROR_MALFORMED,     /* not JSON, cut short, or not the shape expected */
  POLKU_COUCH_ERROR_TOO_LARGE,     /* an answer over POLKU_COUCH_MAX_ANSWER */
  POLKU_COUCH_ERROR_TLS,           /* certificate not trusted (the message shows its fingerprint) */
  POLKU_COUCH_ERROR_INVALID,       /* bad URL, bad database name or document id */
} PolkuCouchError;

/* The largest answer read (a _changes batch of plans stays far below it) and the timeout of
 * one request, in seconds. */
#define POLKU_COUCH_MAX_ANSWER   (64 * 1024 * 1024)
#define POLKU_COUCH_TIMEOUT      30

#define POLKU_TYPE_COUCH (polku_couch_get_type ())
G_DECLARE_FINAL_TYPE (PolkuCouch, polku_couch, POLKU, COUCH, GObject)

GQuark      polku_couch_error_quark          (void);

/* @url: http:// or https://, with or without a trailing slash or a path prefix.
 * @trusted_sha256: nullable; a pinned certificate's SHA-256 fingerprint (hex, colons and
 * case as the user pasted them). */
PolkuCouch *polku_couch_new                  (const char    *url,
                                              const char    *account,
                                              const char    *password,
                                              const char    *trusted_sha256,
                                              GError       **error);
const char *polku_couch_get_url              (PolkuCouch    *self);
/* The request timeout in seconds (default POLKU_COUCH_TIMEOUT; tests shorten it). */
void        polku_couch_set_timeout          (PolkuCouch    *self,
                                              guint          seconds);
/* The largest answer read (default POLKU_COUCH_MAX_ANSWER; tests shorten it). */
void        polku_couch_set_max_answer       (PolkuCouch    *self,
                                              gsize          max_bytes);

gboolean    polku_couch_login                (PolkuCouch    *self,
                                              GCancellable  *cancellable,
                                              GError       **error);

/* Any request; path relative to the server ("polku-x/_changes"), query already encoded or
 * NULL, body NULL for none. Returns the parsed answer (bounded: polku-json), sets *status.
 * An HTTP error status is an error (NOT_FOUND, CONFLICT, NO_ACCESS, SERVER, …) and NULL;
 * *status is set either way when an answer came. */
JsonNode   *polku_couch_request              (PolkuCouch    *self,
                                              const char    *method,
                                              const char    *path,
                                              const char    *query,
                                              JsonNode      *body,
                                              guint         *status,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* style=all_docs, include_docs, conflicts; @since_json: the last_seq as JSON text
 * (integer from PouchDB, string from CouchDB 2+), NULL from the start. The whole answer
 * ({"results": […], "last_seq": …}). */
JsonNode   *polku_couch_changes              (PolkuCouch    *self,
                                              const char    *db,
                                              const char    *since_json,
                                              guint          limit,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* The per-document results array ([{"ok":true,"id","rev"} | {"id","error","reason"}]);
 * a per-document error is not a GError. */
JsonNode   *polku_couch_bulk_docs            (PolkuCouch    *self,
                                              const char    *db,
                                              JsonArray     *docs,
                                              GCancellable  *cancellable,
                                              GError       **error);
JsonNode   *polku_couch_get_doc              (PolkuCouch    *self,
                                              const char    *db,
                                              const char    *id,
                                              const char    *rev,
                                              gboolean       conflicts,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* The given leaf revisions (revs=true): an array of {"ok": doc} or {"missing": rev}. */
JsonNode   *polku_couch_open_revs            (PolkuCouch    *self,
                                              const char    *db,
                                              const char    *id,
                                              const char * const *revs,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* _local/@id; NULL and NOT_FOUND when there is none. */
JsonNode   *polku_couch_get_local            (PolkuCouch    *self,
                                              const char    *db,
                                              const char    *id,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* Writes _local/@id with the current _rev (fetched; @doc is not changed). */
gboolean    polku_couch_put_local            (PolkuCouch    *self,
                                              const char    *db,
                                              const char    *id,
                                              JsonNode      *doc,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* DELETE @rev, then every other live leaf (conflicting branches would keep the content
 * readable); with @purge, then _purge every leaf where the server offers it (a server without
 * _purge, such as PouchDB Server, is not an error: deletion alone counts). A document
 * already deleted or gone is not an error; CONFLICT when @rev is not a leaf and the
 * document has a newer live revision (fetch, decide, call again). */
gboolean    polku_couch_delete_doc           (PolkuCouch    *self,
                                              const char    *db,
                                              const char    *id,
                                              const char    *rev,
                                              gboolean       purge,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* @revs: {"id": ["rev", …], …}; the answer {"id": {"missing": […]}, …}. */
JsonNode   *polku_couch_revs_diff            (PolkuCouch    *self,
                                              const char    *db,
                                              JsonNode      *revs,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* SHA-256 of the server's certificate, "AB:CD:…" (https only: INVALID for http). Works
 * whether or not the certificate is trusted, so the user can compare and pin it. */
char       *polku_couch_dup_peer_fingerprint (PolkuCouch    *self,
                                              GCancellable  *cancellable,
                                              GError       **error);

/* Helpers other parts of sync use. */
/* CouchDB's rules: ^[a-z][a-z0-9_$()+/-]*$, at most 238 characters. */
gboolean    polku_couch_check_db_name        (const char    *db,
                                              GError       **error);
/* "AB:CD:…" from any hex spelling of a SHA-256; NULL if it is not 32 bytes of hex. */
char       *polku_couch_normalize_fingerprint (const char   *text);

G_END_DECLS
