/* polku-json.h: JSON from outside Polku, read within bounds
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Limits no person's input reaches: 16 MiB and 64 levels of nesting. */
#define POLKU_JSON_MAX_BYTES (16 * 1024 * 1024)
#define POLKU_JSON_MAX_DEPTH 64

GBytes   *polku_read_bounded        (GInputStream  *in,
                                     gsize          max_bytes,
                                     GError       **error);
GBytes   *polku_read_file_bounded   (const char    *path,
                                     gsize          max_bytes,
                                     GError       **error);
GBytes   *polku_file_load_bounded   (GFile         *file,
                                     gsize          max_bytes,
                                     GError       **error);
gboolean  polku_json_check_depth    (const char    *text,
                                     gsize          length,
                                     guint          max_depth,
                                     GError       **error);
JsonNode *polku_json_parse_bounded  (GBytes        *bytes,
                                     GError       **error);

/* Members read the way outside JSON must be read: NULL when absent or of another type. */
JsonObject *polku_json_get_object (JsonObject    *object,
                                   const char    *name);
JsonArray  *polku_json_get_array  (JsonObject    *object,
                                   const char    *name);
const char *polku_json_get_string (JsonObject    *object,
                                   const char    *name);
const char *polku_json_get_text   (JsonObject    *object,
                                   const char    *name);

G_END_DECLS
