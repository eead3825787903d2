/* polku-date-row-private.h: reading a date typed in an entry row
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-date.h"

/* Reads the date typed in @row (d.m.yyyy, see polku_date_parse_user ()) as YYYY-MM-DD. When
 * it is not a date, marks @row, gives it the focus and returns %NULL with @error set: its
 * message, for the user, says how to write the date. */
static inline char *
polku_date_row_read (AdwEntryRow  *row,
                     GError      **error)
{
  char *iso = NULL;

  if (!polku_date_parse_user (gtk_editable_get_text (GTK_EDITABLE (row)), &iso, error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (row));
      return NULL;
    }
  return iso;
}
