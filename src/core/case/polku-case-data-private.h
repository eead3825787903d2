/* polku-case-data-private.h: what the case module's county data files share
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The warning-sign checklist, the closing reasons and the organisations are read with
 * polku-data-file.h (the checklist and the closing reasons in its TERSE style, the
 * organisations in its SENTENCES style); their labels are chosen the same way.
 */
#pragma once

#include <glib.h>

#include "polku-data-file.h"

G_BEGIN_DECLS

/* "fi", "sv" or "en": the labels that suit the user interface's language (what
 * polku_checklist_ui_language () returns). */
const char *polku_case_data_ui_language    (void);
/* The index into polku_data_file_languages of @language ("en", "fi" or "sv"), or of the user
 * interface's language when @language is %NULL; 0 (English) for any other language. */
guint       polku_case_data_language_index (const char *language);

G_END_DECLS
