/* polku-county-key.h: the county's pseudonymisation key, kept in the Secret Service
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pseudonymised CSV of a report (polku_report_write_csv ()) names each client by a keyed
 * hash of their identity code, so that two coordinators' laptops holding the same county key
 * give the same client the same pseudonym and their files can be combined. The key is 32
 * random bytes that a wellbeing county hands out as a file (32 raw bytes, or the same as 64
 * hexadecimal digits or base64 text), imported once per laptop (`polku-cli report key import
 * FILE`, Preferences), or generated on the laptop (`report key new`) when the files will never
 * be combined with anyone else's.
 *
 * The key lives only in the Secret Service (libsecret, schema
 * "io.github.polku.Polku.CountyKey", attribute "county"), never on disk unencrypted and never
 * in a log; people see its fingerprint (the first 16 hexadecimal digits of its SHA-256), which
 * is also written into every CSV so that combining refuses files made with another key.
 * Like the database key (polku-keyring.c), the Secret Service is driven asynchronously on a
 * private main context with a timeout: a locked keyring behind a prompt never hangs a caller.
 * The key is handed out as a GBytes that wipes its bytes when freed.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define POLKU_COUNTY_KEY_ERROR (polku_county_key_error_quark ())

typedef enum
{
  POLKU_COUNTY_KEY_ERROR_INVALID,      /* the file or text is not a key; nothing changed */
  POLKU_COUNTY_KEY_ERROR_NOT_FOUND,    /* no key stored for the county */
  POLKU_COUNTY_KEY_ERROR_EXISTS,       /* a different key is stored already; nothing changed */
  POLKU_COUNTY_KEY_ERROR_UNAVAILABLE,  /* no Secret Service, locked keyring, or timeout */
} PolkuCountyKeyError;

/* A key is exactly this many bytes. */
#define POLKU_COUNTY_KEY_LENGTH 32
/* The value of the "county" attribute when a caller names none (one county per laptop). */
#define POLKU_COUNTY_KEY_DEFAULT_COUNTY "default"
/* How long a call waits for the Secret Service. */
#define POLKU_COUNTY_KEY_TIMEOUT_SECONDS 25
/* A key file larger than this is not a key (a key as text is under 100 bytes). */
#define POLKU_COUNTY_KEY_MAX_FILE 4096

/* Audit actions (no client; the detail is the fingerprint). */
#define POLKU_AUDIT_COUNTY_KEY_IMPORT "county_key.import"
#define POLKU_AUDIT_COUNTY_KEY_NEW    "county_key.new"
#define POLKU_AUDIT_COUNTY_KEY_DELETE "county_key.delete"

GQuark   polku_county_key_error_quark   (void);

/* The key in @data: exactly 32 bytes, or text (surrounding white space ignored) of 64
 * hexadecimal digits or base64 of 32 bytes. Returns (transfer full) a wiping GBytes of 32
 * bytes, or NULL with POLKU_COUNTY_KEY_ERROR_INVALID. */
GBytes  *polku_county_key_parse         (const guint8  *data,
                                         gsize          length,
                                         GError       **error);
/* Reads at most POLKU_COUNTY_KEY_MAX_FILE bytes of @path (the buffer is wiped) and parses
 * them with polku_county_key_parse (). */
GBytes  *polku_county_key_read_file     (const char    *path,
                                         GError       **error);
/* 32 random bytes from the system's random source, as a wiping GBytes. */
GBytes  *polku_county_key_generate      (GError       **error);

/* The first 16 hexadecimal digits (lower case) of the key's SHA-256: what people compare. */
char    *polku_county_key_fingerprint   (GBytes        *key);

/* @county: NULL for POLKU_COUNTY_KEY_DEFAULT_COUNTY. Each blocks for at most
 * POLKU_COUNTY_KEY_TIMEOUT_SECONDS. */

/* The stored key, or NULL with POLKU_COUNTY_KEY_ERROR_NOT_FOUND (none stored, or what is
 * stored is not a key) or _UNAVAILABLE. */
GBytes  *polku_county_key_lookup        (const char    *county,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* Stores @key for @county. A different key already stored is refused with
 * POLKU_COUNTY_KEY_ERROR_EXISTS unless @replace (files made with the old key could no longer
 * be combined with new ones); storing the same key again succeeds and changes nothing. */
gboolean polku_county_key_store         (const char    *county,
                                         GBytes        *key,
                                         gboolean       replace,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* Removes the key of @county; removing a key that is not there is not an error. */
gboolean polku_county_key_delete        (const char    *county,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* polku_county_key_read_file () then polku_county_key_store (): the import a county's file
 * goes through. Returns (transfer full) the fingerprint of the stored key, or NULL. */
char    *polku_county_key_import_file   (const char    *county,
                                         const char    *path,
                                         gboolean       replace,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* polku_county_key_generate () then polku_county_key_store (): returns the fingerprint. */
char    *polku_county_key_new           (const char    *county,
                                         gboolean       replace,
                                         GCancellable  *cancellable,
                                         GError       **error);

G_END_DECLS
