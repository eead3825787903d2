/* polku-a11y.c: what screen readers hear and where the keyboard goes, where GTK 4.8 and
 * libadwaita 1.2 get it wrong
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 makes an accessible name of the label property AND the names of the labelled-by
 * relation, one after the other. A button made with a mnemonic ("_Done", use-underline) has
 * both: GtkButton sets the label property to "_Done" and its mnemonic label names it, so Orca
 * said "_Done Done". Every button and check button that uses an underline gets the label
 * property without the underscore and loses the relation when it is mapped (an emission hook
 * on GtkWidget::map, so the templates, dialogs and rows made in code are all covered), and
 * again when its label changes: "Done". A name set on purpose (one that differs from the
 * label) is left alone.
 *
 * A tooltip is also the accessible description, so a button named by its tooltip (an icon
 * button, a menu button) was read as "Main menu, button, Main menu": when the label property
 * equals the tooltip, the description goes. tests/ui/test-a11y.c reads every name back
 * through AT-SPI.
 *
 * GTK 4.8's GtkListView moves the focus to the next item on Tab (its tab-behavior property
 * came in 4.12), so a keyboard user had to press Tab once per client to get past the list.
 * polku_a11y_tab_leaves_list () makes Tab and Shift+Tab leave a list view in one step, as
 * a GtkListBox did; the arrow keys, Home, End and the page keys still move within it.
 *
 * In a narrow window (360 px; in English and Swedish already with two answers such as "Keep
 * Open" and "Discard and Close") libadwaita 1.2's message dialog stacks its answers one under
 * the other, the destructive one on top, and its first layout moves the keyboard focus there:
 * Enter discarded what the default answer was there to keep. Setting the focus before that
 * layout does not last, so every message dialog with a default answer gets the focus put back
 * on it once the answer's button has a size (a tick comes before each frame's layout), unless
 * it is somewhere else than on an answer (a form's entry).
 */

#define G_LOG_DOMAIN "polku-a11y"

#include "config.h"

#include <adwaita.h>
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

/* Whether @widget's label property is @text (GTK 4.8 has no getter: the test API compares). */
static gboolean
label_property_is (GtkWidget  *widget,
                   const char *text)
{
  g_autofree char *mismatch = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, text);
  return mismatch == NULL;
}

static void
fix_label (GtkWidget *widget)
{
  gboolean underline = FALSE;
  const char *label = label_of (widget, &underline);
  g_autofree char *spoken = NULL;

  if (label == NULL || !underline || strchr (label, '_') == NULL)
    return;
  /* The mnemonic label would be said after whatever the label property says. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  /* GtkButton set it to the label with its underscores; anything else was set on purpose. */
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL)
      && !label_property_is (widget, label))
    return;
  spoken = polku_a11y_strip_mnemonic (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spoken, -1);
}

static void
fix_description (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL && label_property_is (widget, tooltip))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
label_changed_cb (GtkWidget  *widget,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  fix_label (widget);
}

static void
tooltip_changed_cb (GtkWidget  *widget,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  fix_description (widget);
}

static gboolean
focus_default_response_cb (GtkWidget     *dialog,
                           GdkFrameClock *clock,
                           gpointer       user_data)
{
  GtkWidget *answer = gtk_window_get_default_widget (GTK_WINDOW (dialog));
  GtkWidget *extra = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  GtkWidget *focus;

  if (answer == NULL || !gtk_widget_get_mapped (dialog))
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_width (answer) == 0)
    return G_SOURCE_CONTINUE;
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  if (focus == answer || !gtk_widget_get_sensitive (answer))
    return G_SOURCE_REMOVE;
  if (focus == NULL
      || (GTK_IS_BUTTON (focus) && (extra == NULL || !gtk_widget_is_ancestor (focus, extra))))
    gtk_window_set_focus (GTK_WINDOW (dialog), answer);
  return G_SOURCE_REMOVE;
}

static gboolean
map_hook (GSignalInvocationHint *hint,
          guint                  n_params,
          const GValue          *params,
          gpointer               user_data)
{
  GObject *object = g_value_get_object (&params[0]);

  /* At every map: a dialog may be shown again. */
  if (ADW_IS_MESSAGE_DIALOG (object)
      && adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (object)) != NULL)
    gtk_widget_add_tick_callback (GTK_WIDGET (object), focus_default_response_cb, NULL, NULL);
  if (g_object_get_data (object, FIXED_KEY) != NULL)
    return TRUE;
  g_object_set_data (object, FIXED_KEY, GINT_TO_POINTER (1));
  if (GTK_IS_BUTTON (object) || GTK_IS_CHECK_BUTTON (object))
    {
      g_signal_connect (object, "notify::label", G_CALLBACK (label_changed_cb), NULL);
      g_signal_connect (object, "notify::use-underline", G_CALLBACK (label_changed_cb), NULL);
      fix_label (GTK_WIDGET (object));
    }
  g_signal_connect (object, "notify::tooltip-text", G_CALLBACK (tooltip_changed_cb), NULL);
  fix_description (GTK_WIDGET (object));
  return TRUE;
}

static gboolean
tab_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                gpointer               user_data)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkRoot *root = gtk_widget_get_root (list);
  GtkWidget *focus = NULL;
  gboolean backward = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  /* Ctrl+Tab and the like are someone else's. */
  if ((state & gtk_accelerator_get_default_mod_mask () & ~GDK_SHIFT_MASK) != 0)
    return FALSE;
  if (!GTK_IS_WINDOW (root))
    return FALSE;
  focus = gtk_window_get_focus (GTK_WINDOW (root));
  if (focus == NULL || !gtk_widget_is_ancestor (focus, list))
    return FALSE;

  /* A widget that cannot take the focus is skipped with everything inside it: the window's
   * own Tab then goes to the widget before or after the list view. */
  g_object_ref (focus);
  gtk_widget_set_can_focus (list, FALSE);
  g_signal_emit_by_name (root, "move-focus",
                         backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
  gtk_widget_set_can_focus (list, TRUE);
  /* Nothing else in the window takes the focus: it stays where it was. */
  if (gtk_window_get_focus (GTK_WINDOW (root)) == NULL)
    gtk_widget_grab_focus (focus);
  g_object_unref (focus);
  return TRUE;
}

/**
 * polku_a11y_tab_leaves_list:
 * @list_view: a list view
 *
 * Makes Tab and Shift+Tab move the focus out of @list_view to the widget after or before it,
 * in one step (GTK 4.8 moves it from item to item). Call it once.
 */
void
polku_a11y_tab_leaves_list (GtkListView *list_view)
{
  GtkEventController *key = gtk_event_controller_key_new ();

  gtk_event_controller_set_name (key, "polku-tab-leaves-list");
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (tab_pressed_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (list_view), key);
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
      /* The signal exists once the class does (a test may call this before any widget). */
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, map_hook, NULL,
                                  NULL);
      g_once_init_leave (&installed, 1);
    }
}
