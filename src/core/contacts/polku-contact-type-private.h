/* polku-contact-type-private.h: reading the core's data files (shared with the mapping visit)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * polku-data-file.h in its SENTENCES style, with the contact types' error
 * (POLKU_CONTACT_TYPE_ERROR_INVALID), for the readers that re-word it as their own.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "polku-contact-type.h"

G_BEGIN_DECLS

/* Parses @bytes and checks "format" and "version" (1). Errors name @file_name. */
JsonObject *polku_data_parse               (GBytes             *bytes,
                                            const char         *file_name,
                                            const char         *format,
                                            GError            **error);
/* Fails, naming "@file_name: @path.MEMBER", when @object has a member not in @allowed. */
gboolean    polku_data_check_members       (JsonObject         *object,
                                            const char * const *allowed,
                                            const char         *file_name,
                                            const char         *path,
                                            GError            **error);
/* Reads @member of @object: an object with a non-empty string for each language. Returns
 * a strv in the order of polku_data_file_languages, or NULL (with @error set). When
 * @required is FALSE and the member is absent, returns NULL without setting @error. */
char      **polku_data_read_labels         (JsonObject         *object,
                                            const char         *member,
                                            gboolean            required,
                                            const char         *file_name,
                                            const char         *path,
                                            GError            **error);
/* Whether @key (nullable) is an id or key of a data file: 1 to 64 of the lower-case letters
 * a–z, digits and hyphens. */
gboolean    polku_data_is_valid_key        (const char         *key);
/* Index into polku_data_file_languages of polku_data_label_language (). */
guint       polku_data_language_index      (void);

G_END_DECLS
