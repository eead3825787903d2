/* polku-number.h: decimals as people read them (a comma in Finnish and Swedish)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *polku_number_format    (double      value,
                              int         decimals);
char *polku_number_format_in (const char *language,
                              double      value,
                              int         decimals);

G_END_DECLS
