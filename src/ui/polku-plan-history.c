/* polku-plan-history.c: the plan's saved versions, two of them side by side
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any two versions are compared (polku_plan_compare), the differences marked in words and
 * colour, and the older one can be restored as a new version. The buttons are the plan
 * view's actions (plan.show-editor, plan.restore-older).
 *
 * The comparison is made twice, as a table (part, one version, the other, the difference)
 * and as a list (each part with its two versions under it), and an AdwSqueezer shows the
 * table when each of its words fits its column and the list otherwise: in a window 360 px
 * wide a four-column table broke Finnish words letter by letter.
 */

#define G_LOG_DOMAIN "polku-plan-history"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-plan-history.h"
#include "polku-plan-store.h"

struct _PolkuPlanHistory
{
  AdwBin       parent_instance;

  GPtrArray   *versions;   /* PolkuPlanVersion, oldest first; NULL until loaded */
  gboolean     building;

  AdwComboRow *older_row;
  AdwComboRow *newer_row;
  GtkCheckButton *show_all_check;
  GtkGrid     *compare_grid;
  GtkBox      *compare_list;
  AdwSqueezer *compare_squeezer;
};

G_DEFINE_FINAL_TYPE (PolkuPlanHistory, polku_plan_history, ADW_TYPE_BIN)

static void
add_compare_cell (PolkuPlanHistory *self,
                  const char       *text,
                  int               column,
                  int               row,
                  const char       *css_class)
{
  GtkWidget *label = gtk_label_new (text != NULL ? text : "—");

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* Whole words: the table's narrowest is as wide as its longest words, and where that does
   * not fit, the squeezer shows the list. */
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), column == 0 ? 24 : 36);
  /* And no narrower than a few words per column: a table squeezed to the words' width
   * reads as a column of single words, where the list reads better. */
  if (column < 3)
    gtk_label_set_width_chars (GTK_LABEL (label), column == 0 ? 10 : 12);
  gtk_widget_set_hexpand (label, column == 1 || column == 2);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (self->compare_grid, label, column, row, 1, 1);
}

static GtkWidget *
list_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* One part in the list: its name and the difference as a heading, then each version's
 * value under that version's name. */
static void
add_list_part (PolkuPlanHistory  *self,
               const char        *part,
               const char        *marker,
               const char        *css_class,
               const char * const titles[2],
               const char        *values[2])
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *heading = NULL;

  if (marker != NULL && *marker != '\0')
    /* Translators: a part of the plan and how it differs between two versions, e.g.
     * "Goal 2 — Changed" */
    heading = g_strdup_printf (_("%s — %s"), part, marker);
  gtk_box_append (GTK_BOX (box), list_label (heading != NULL ? heading : part, "heading"));
  for (guint c = 0; c < 2; c++)
    {
      gtk_box_append (GTK_BOX (box), list_label (titles[c], "caption"));
      gtk_box_append (GTK_BOX (box), list_label (values[c] != NULL ? values[c] : "—",
                                                 css_class));
    }
  gtk_box_append (self->compare_list, box);
}

/* The version chosen in @row, or NULL. */
static PolkuPlanVersion *
selected_version (PolkuPlanHistory *self,
                  AdwComboRow      *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->versions == NULL || selected >= self->versions->len)
    return NULL;
  return g_ptr_array_index (self->versions, selected);
}

static void
compare_versions (PolkuPlanHistory *self)
{
  PolkuPlanVersion *older = selected_version (self, self->older_row);
  PolkuPlanVersion *newer = selected_version (self, self->newer_row);
  PolkuPlanVersion *columns[] = { older, newer };
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *child;
  char *titles[2] = { NULL, NULL };
  gboolean show_all;
  guint n_changed = 0;
  int line = 0;

  if (self->building)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_grid))) != NULL)
    gtk_grid_remove (self->compare_grid, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_list))) != NULL)
    gtk_box_remove (self->compare_list, child);
  if (older == NULL || newer == NULL)
    return;

  rows = polku_plan_compare (polku_plan_version_get_document (older),
                             polku_plan_version_get_document (newer));
  add_compare_cell (self, _("Part of the plan"), 0, 0, "heading");
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      titles[c] = g_strdup_printf (_("Version %d"),
                                   (int) polku_plan_version_get_version (columns[c]));
      add_compare_cell (self, titles[c], c + 1, 0, "heading");
    }
  add_compare_cell (self, _("Difference"), 3, 0, "heading");

  /* The differences first, in the plan's order; what is the same only when asked for. */
  show_all = gtk_check_button_get_active (self->show_all_check);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < rows->len; i++)
      {
        PolkuPlanDiffRow *row = g_ptr_array_index (rows, i);
        const char *marker = "";
        const char *css = NULL;

        if ((row->kind == POLKU_PLAN_DIFF_SAME) != (pass == 1)
            || (pass == 1 && !show_all))
          continue;
        if (row->kind != POLKU_PLAN_DIFF_SAME)
          n_changed++;

        switch (row->kind)
          {
          case POLKU_PLAN_DIFF_CHANGED:
            marker = _("Changed");
            css = "warning";
            break;
          case POLKU_PLAN_DIFF_ADDED:
            marker = _("Added");
            css = "success";
            break;
          case POLKU_PLAN_DIFF_REMOVED:
            marker = _("Removed");
            css = "error";
            break;
          case POLKU_PLAN_DIFF_SAME:
          default:
            break;
          }
        line++;
        add_compare_cell (self, row->label, 0, line, css != NULL ? "heading" : "dim-label");
        add_compare_cell (self, row->old_value, 1, line, css);
        add_compare_cell (self, row->new_value, 2, line, css);
        add_compare_cell (self, marker, 3, line, css);
        {
          const char *values[2] = { row->old_value, row->new_value };

          add_list_part (self, row->label, marker, css, (const char * const *) titles, values);
        }
      }
  if (n_changed == 0)
    {
      GtkWidget *label = gtk_label_new (_("The two versions are the same."));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (self->compare_grid, label, 0, ++line, 4, 1);
      gtk_box_append (self->compare_list,
                      list_label (_("The two versions are the same."), NULL));
    }
  g_free (titles[0]);
  g_free (titles[1]);
}

/**
 * polku_plan_history_load:
 *
 * Lists the client's versions and compares the newest with the one before it.
 *
 * Returns: %FALSE with @error when the versions cannot be read
 */
gboolean
polku_plan_history_load (PolkuPlanHistory  *self,
                         PolkuStore        *store,
                         const char        *client_id,
                         GError           **error)
{
  g_autoptr(GtkStringList) older_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) newer_labels = gtk_string_list_new (NULL);
  guint n;

  g_return_val_if_fail (POLKU_IS_PLAN_HISTORY (self), FALSE);
  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (client_id != NULL, FALSE);

  polku_plan_history_clear (self);
  self->versions = polku_plan_store_list_versions (store, client_id, error);
  if (self->versions == NULL)
    return FALSE;

  n = self->versions->len;
  for (guint i = 0; i < n; i++)
    {
      PolkuPlanVersion *version = g_ptr_array_index (self->versions, i);
      g_autofree char *label = polku_plan_version_dup_label (version);

      /* Versions made by sync say so: who changed the plan elsewhere, or a decided conflict. */
      if (g_strcmp0 (polku_plan_version_get_origin (version), POLKU_PLAN_ORIGIN_SYNC) == 0)
        {
          /* Translators: a plan version's label, then that it came from the sync server */
          g_autofree char *labelled = g_strdup_printf (_("%s · from sync"), label);

          g_free (label);
          label = g_steal_pointer (&labelled);
        }
      else if (g_strcmp0 (polku_plan_version_get_origin (version),
                          POLKU_PLAN_ORIGIN_RESOLVE) == 0)
        {
          /* Translators: a plan version's label, then that it decided a sync conflict */
          g_autofree char *labelled = g_strdup_printf (_("%s · conflict decided"), label);

          g_free (label);
          label = g_steal_pointer (&labelled);
        }
      gtk_string_list_append (older_labels, label);
      gtk_string_list_append (newer_labels, label);
    }

  self->building = TRUE;
  adw_combo_row_set_model (self->older_row, G_LIST_MODEL (older_labels));
  adw_combo_row_set_model (self->newer_row, G_LIST_MODEL (newer_labels));
  adw_combo_row_set_selected (self->older_row, n > 1 ? n - 2 : 0);
  adw_combo_row_set_selected (self->newer_row, n > 0 ? n - 1 : 0);
  self->building = FALSE;
  compare_versions (self);
  return TRUE;
}

/* Forgets the versions (they may be another client's, or out of date). */
void
polku_plan_history_clear (PolkuPlanHistory *self)
{
  g_return_if_fail (POLKU_IS_PLAN_HISTORY (self));

  g_clear_pointer (&self->versions, g_ptr_array_unref);
  self->building = TRUE;
  adw_combo_row_set_model (self->older_row, NULL);
  adw_combo_row_set_model (self->newer_row, NULL);
  self->building = FALSE;
  compare_versions (self);
}

/* Returns: whether there is an older version to restore */
gboolean
polku_plan_history_can_restore (PolkuPlanHistory *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_HISTORY (self), FALSE);
  return self->versions != NULL && self->versions->len > 1;
}

/**
 * polku_plan_history_restore_older:
 * @out_version: (out): the version restored
 * @out_new_version: (out): the version it was saved as
 *
 * Saves the version chosen as the older one as the client's newest version.
 *
 * Returns: %FALSE with @error when it could not be restored
 */
gboolean
polku_plan_history_restore_older (PolkuPlanHistory  *self,
                                  PolkuStore        *store,
                                  const char        *client_id,
                                  gint64            *out_version,
                                  gint64            *out_new_version,
                                  GError           **error)
{
  PolkuPlanVersion *older;

  g_return_val_if_fail (POLKU_IS_PLAN_HISTORY (self), FALSE);
  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);

  older = selected_version (self, self->older_row);
  g_return_val_if_fail (older != NULL, FALSE);
  *out_version = polku_plan_version_get_version (older);
  return polku_plan_store_restore (store, client_id, *out_version, out_new_version, error);
}

GtkWidget *
polku_plan_history_get_compare_grid (PolkuPlanHistory *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_HISTORY (self), NULL);
  return GTK_WIDGET (self->compare_grid);
}

GtkWidget *
polku_plan_history_new (void)
{
  return g_object_new (POLKU_TYPE_PLAN_HISTORY, NULL);
}

static void
polku_plan_history_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), POLKU_TYPE_PLAN_HISTORY);

  G_OBJECT_CLASS (polku_plan_history_parent_class)->dispose (object);
}

static void
polku_plan_history_finalize (GObject *object)
{
  PolkuPlanHistory *self = (PolkuPlanHistory *) object;

  g_clear_pointer (&self->versions, g_ptr_array_unref);

  G_OBJECT_CLASS (polku_plan_history_parent_class)->finalize (object);
}

static void
polku_plan_history_class_init (PolkuPlanHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_plan_history_dispose;
  object_class->finalize = polku_plan_history_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-plan-history.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanHistory, older_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanHistory, newer_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanHistory, compare_grid);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanHistory, compare_list);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanHistory, compare_squeezer);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanHistory, show_all_check);
  gtk_widget_class_bind_template_callback (widget_class, compare_versions);
}

static void
polku_plan_history_init (PolkuPlanHistory *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
