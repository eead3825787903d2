/* polku-a11y.c: what screen readers hear, where GTK 4.8 gets it wrong
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 gives a button made with a mnemonic ("_Done", use-underline) the accessible name
 * "_Done": Orca reads the underscore. Every button and check button that uses an underline
 * gets its name without it when it is mapped (an emission hook on GtkWidget::map, so the
 * templates, dialogs and rows made in code are all covered), and again when its label
 * changes. A name set on purpose (one that differs from the label) is left alone.
 */

#define G_LOG_DOMAIN "polku-a11y"

#include "config.h"

#include <string.h>

#include "polku-a11y-private.h"

#define FIXED_KEY "polku-a11y-label"

/**
 * polku_a11y_strip_mnemonic:
 * @label: a label with mnemonic underscores ("_Done", "Save __as")
 *
 * Returns: (transfer full): @label as read aloud ("Done", "Save _as")
 */
char *
polku_a11y_strip_mnemonic (const char *label)
{
  GString *text = g_string_sized_new (strlen (label));

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            {
              g_string_append_c (text, '_');
              p++;
            }
          continue;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static const char *
label_of (GtkWidget *widget,
          gboolean  *underline)
{
  if (GTK_IS_BUTTON (widget))
    {
      *underline = gtk_button_get_use_underline (GTK_BUTTON (widget));
      return gtk_button_get_label (GTK_BUTTON (widget));
    }
  if (GTK_IS_CHECK_BUTTON (widget))
    {
      *underline = gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget));
      return gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
    }
  *underline = FALSE;
  return NULL;
}

static void
fix_label (GtkWidget *widget)
{
  gboolean underline = FALSE;
  const char *label = label_of (widget, &underline);
  g_autofree char *spoken = NULL;

  if (label == NULL || !underline || strchr (label, '_') == NULL)
    return;
  spoken = polku_a11y_strip_mnemonic (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spoken, -1);
}

static void
label_changed_cb (GtkWidget  *widget,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  fix_label (widget);
}

static gboolean
map_hook (GSignalInvocationHint *hint,
          guint                  n_params,
          const GValue          *params,
          gpointer               user_data)
{
  GObject *object = g_value_get_object (&params[0]);

  if ((GTK_IS_BUTTON (object) || GTK_IS_CHECK_BUTTON (object))
      && g_object_get_data (object, FIXED_KEY) == NULL)
    {
      g_object_set_data (object, FIXED_KEY, GINT_TO_POINTER (1));
      g_signal_connect (object, "notify::label", G_CALLBACK (label_changed_cb), NULL);
      g_signal_connect (object, "notify::use-underline", G_CALLBACK (label_changed_cb), NULL);
      fix_label (GTK_WIDGET (object));
    }
  return TRUE;
}

/**
 * polku_a11y_install:
 *
 * Installs the fixes once per process; the window's class calls it.
 */
void
polku_a11y_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, map_hook, NULL,
                                  NULL);
      g_once_init_leave (&installed, 1);
    }
}
