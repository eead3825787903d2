/* polku-case-data-private.h: reading the case module's county data files
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The warning-sign checklist and the closing reasons are JSON files a county may replace:
 * ids of a–z, 0–9 and "_", labels in English, Finnish and Swedish, and every error naming
 * the file and the field ("closing-reasons.json: reasons[2].label.sv: a label is missing").
 * Each file's reader passes its own error domain and code.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The languages of labels, in this order. */
#define POLKU_CASE_DATA_N_LANGUAGES 3
extern const char * const polku_case_data_languages[POLKU_CASE_DATA_N_LANGUAGES + 1];

/* The error a reader sets: its domain and its "invalid file" code. */
typedef struct
{
  GQuark (*domain) (void);
  int      code;
} PolkuCaseDataErrors;

/* Sets "@name: @field: @problem"; returns FALSE. */
gboolean    polku_case_data_invalid        (const PolkuCaseDataErrors *errors,
                                            GError                   **error,
                                            const char                *name,
                                            const char                *field,
                                            const char                *problem);
/* 1 to 64 of a–z, 0–9 and "_". */
gboolean    polku_case_data_is_id          (const char                *text);
/* The string @member of @object, or NULL when it is missing or not a string. */
const char *polku_case_data_member_string  (JsonObject                *object,
                                            const char                *member);
/* Fails, naming "@field.MEMBER", when @object has a member not in @allowed. */
gboolean    polku_case_data_check_members  (const PolkuCaseDataErrors *errors,
                                            JsonObject                *object,
                                            const char * const        *allowed,
                                            const char                *name,
                                            const char                *field,
                                            GError                   **error);
/* Reads @member of @parent, an object with a non-empty label per language, into @out (in the
 * order of polku_case_data_languages; stripped copies). */
gboolean    polku_case_data_read_labels    (const PolkuCaseDataErrors *errors,
                                            JsonObject                *parent,
                                            const char                *member,
                                            char                     **out,
                                            const char                *name,
                                            const char                *field,
                                            GError                   **error);

/* The county's file that replaces a built-in one: $@env_var, else
 * $XDG_CONFIG_HOME/polku/[@subdir/]@file_name, else the same under the system config dirs;
 * NULL when the built-in one is used. */
char       *polku_case_data_find_file      (const char                *env_var,
                                            const char                *subdir,
                                            const char                *file_name);

G_END_DECLS
