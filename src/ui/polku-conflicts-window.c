/* polku-conflicts-window.c: the sync conflicts that wait for a decision, side by side
 *
 * The queue lists the open conflicts of one client or of every client, oldest first. Each
 * shows the part of the plan in a person's words, the value here and the value from the
 * other side with who changed it and when, and what it was before both changes. Keep This
 * Side, Take the Other Side, or Edit… (a value of one's own) decide it with
 * polku_sync_conflict_resolve (): the store gets a plan version with origin "resolve" and
 * the next sync sends it. Decided conflicts stay listed below as history. The form of
 * Edit… is polku-conflict-edit.c.
 *
 * What a conflict is about is said by the core (polku-sync-label.c), in the same words as
 * `polku-cli conflicts list`; the banner that leads a client's page here is
 * polku-conflicts-banner.c (declared in polku-conflicts-window.h).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-conflicts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-client-store.h"
#include "polku-conflict-edit.h"
#include "polku-conflicts-window.h"
#include "polku-error-dialog.h"
#include "polku-plan-store.h"
#include "polku-sync-label.h"

struct _PolkuConflictsWindow
{
  AdwWindow         parent_instance;

  PolkuStore       *store;
  char             *client_id;   /* NULL: every client's */
  GPtrArray        *conflicts;   /* PolkuSyncConflict, open and decided */
  GHashTable       *cards;       /* conflict id → its card (not owned) */
  guint             n_open;
  guint             n_decided;

  AdwToastOverlay  *toast_overlay;
  AdwWindowTitle   *window_title;
  GtkLabel         *empty_label;
  GtkBox           *open_box;
  AdwPreferencesGroup *history_group;
  GtkListBox       *history_list;
};

G_DEFINE_FINAL_TYPE (PolkuConflictsWindow, polku_conflicts_window, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CLIENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Values */

/* The words of a plan element, when it has them (a goal's text, a service's name). */
static const char *
element_words (JsonObject *object)
{
  static const char * const members[] = { "text", "name", "topic", "person", "role" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *member = json_object_get_member (object, members[i]);

      if (member != NULL && JSON_NODE_HOLDS_VALUE (member)
          && json_node_get_value_type (member) == G_TYPE_STRING)
        return json_node_get_string (member);
    }
  return NULL;
}

/**
 * polku_conflicts_format_value:
 * @json: (nullable): a conflict's value as JSON text; %NULL when that side removed it
 *
 * Returns: (transfer full): the value as a person reads it
 */
char *
polku_conflicts_format_value (const char *json)
{
  g_autoptr(JsonNode) node = NULL;

  if (json == NULL)
    return g_strdup (_("Removed"));

  node = polku_conflict_parse_value (json, NULL);
  if (node == NULL)
    return g_strdup (json);

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      return g_strdup (_("Empty"));
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);

          return g_strdup (text[0] != '\0' ? text : _("Empty"));
        }
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
      return json_to_string (node, FALSE);
    case JSON_NODE_OBJECT:
      {
        const char *words = element_words (json_node_get_object (node));

        if (words != NULL)
          return g_strdup (words);
        return json_to_string (node, TRUE);
      }
    case JSON_NODE_ARRAY:
    default:
      {
        JsonArray *array = json_node_get_array (node);
        g_autoptr(GString) text = g_string_new (NULL);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);

            if (!JSON_NODE_HOLDS_VALUE (element)
                || json_node_get_value_type (element) != G_TYPE_STRING)
              return json_to_string (node, TRUE);
            if (i > 0)
              g_string_append (text, ", ");
            g_string_append (text, json_node_get_string (element));
          }
        if (text->len == 0)
          return g_strdup (_("Empty"));
        return g_string_free (g_steal_pointer (&text), FALSE);
      }
    }
}

/* A side's value at @path as a person reads it: a member of the plan as the plan view says it
 * (a code or a date in words, polku_plan_dup_member_text ()), anything else as
 * polku_conflicts_format_value () says it. */
static char *
format_value_at (const char *path,
                 const char *json)
{
  const char *member = polku_conflict_plan_member_path (path);
  g_autoptr(JsonNode) node = member != NULL && json != NULL
                             ? polku_conflict_parse_value (json, NULL) : NULL;
  char *text = node != NULL ? polku_plan_dup_member_text (member, node) : NULL;

  return text != NULL ? text : polku_conflicts_format_value (json);
}

/* A stamp (ISO 8601) in local time, d.m.yyyy hh:mm. */
static char *
format_stamp (const char *stamp)
{
  g_autoptr(GDateTime) utc = stamp != NULL ? g_date_time_new_from_iso8601 (stamp, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (stamp);
  local = g_date_time_to_local (utc);
  /* Translators: a date and time; see g_date_time_format () */
  return g_date_time_format (local, _("%-d.%-m.%Y %H:%M"));
}

static char *
format_change (const char *by,
               const char *at)
{
  g_autofree char *when = format_stamp (at);

  if (by != NULL && when != NULL)
    /* Translators: who changed a value, and when */
    return g_strdup_printf (_("Changed by %s, %s"), by, when);
  if (by != NULL)
    return g_strdup_printf (_("Changed by %s"), by);
  if (when != NULL)
    return g_strdup_printf (_("Changed %s"), when);
  return NULL;
}

/* Names every conflict listed in the words of its client's plan as it is here now. */
static void
name_conflicts (PolkuConflictsWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!polku_sync_conflict_name_all (self->store, self->conflicts, &error))
    /* The conflicts not named then show their labels: the parts of the plan by name. */
    g_debug ("Could not read a plan to name its conflicts: %s", error->message);
}

/* Cards */

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
new_side (const char *heading,
          const char *path,
          const char *value_json,
          const char *by,
          const char *at)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *value = format_value_at (path, value_json);
  g_autofree char *change = format_change (by, at);
  GtkWidget *value_label;

  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), new_label (heading, "heading"));
  value_label = new_label (value, NULL);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  if (value_json == NULL)
    gtk_widget_add_css_class (value_label, "dim-label");
  gtk_box_append (GTK_BOX (box), value_label);
  if (change != NULL)
    gtk_box_append (GTK_BOX (box), new_label (change, "dim-label"));
  return box;
}

/* A decision of a card; a screen reader says which conflict it decides (every card has the
 * same three buttons) with the card's heading as the description. */
static GtkWidget *
new_button (const char *label,
            const char *action,
            const char *conflict_id,
            GtkWidget  *heading)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  heading, NULL, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (conflict_id));
  return button;
}

static char *
client_name (PolkuConflictsWindow *self,
             const char           *client_id,
             GHashTable           *names)
{
  const char *known = g_hash_table_lookup (names, client_id);
  g_autoptr(PolkuClient) client = NULL;
  char *name;

  if (known != NULL)
    return g_strdup (known);
  client = polku_client_store_get (self->store, client_id, NULL);
  name = client != NULL ? polku_client_dup_display_name (client) : NULL;
  if (name == NULL)
    name = g_strdup (_("Unknown client"));
  g_hash_table_insert (names, g_strdup (client_id), g_strdup (name));
  return name;
}

/* The button of @layout whose action is @action_name. */
static GtkWidget *
layout_button (GtkWidget  *layout,
               const char *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (layout); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0)
      return child;
  return NULL;
}

/* Only the layout of decisions the squeezer shows takes the keyboard. GTK 4.8's Tab skips the
 * hidden one (AdwSqueezer unmaps it), but gtk_widget_grab_focus () does not look: code that
 * picks a button of the hidden layout would put the focus on buttons nobody sees. When the
 * squeezer switches layouts it moves the focus itself, to the first button of the layout
 * shown, before it notifies; the new layout is still unfocusable then, so the focus comes
 * here and goes to the same decision in the layout shown (Keep stays Keep). */
static void
decisions_shown (AdwSqueezer *squeezer,
                 GParamSpec  *pspec,
                 gpointer     user_data)
{
  GtkWidget *shown = adw_squeezer_get_visible_child (squeezer);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (squeezer));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *hidden_focus = NULL;

  for (GtkWidget *layout = gtk_widget_get_first_child (GTK_WIDGET (squeezer)); layout != NULL;
       layout = gtk_widget_get_next_sibling (layout))
    {
      gboolean is_shown = layout == shown;

      if (!is_shown && focus != NULL && gtk_widget_is_ancestor (focus, layout))
        hidden_focus = focus;
      gtk_widget_set_can_focus (layout, is_shown);
      gtk_widget_set_can_target (layout, is_shown);
    }
  if (hidden_focus != NULL && shown != NULL)
    {
      GtkWidget *same = GTK_IS_ACTIONABLE (hidden_focus)
                        ? layout_button (shown,
                                         gtk_actionable_get_action_name (
                                           GTK_ACTIONABLE (hidden_focus)))
                        : NULL;

      if (same == NULL)
        same = g_object_get_data (G_OBJECT (shown), "polku-first-button");
      gtk_widget_grab_focus (same);
    }
}

static GtkWidget *
new_card (PolkuConflictsWindow *self,
          PolkuSyncConflict    *conflict,
          GHashTable           *names)
{
  const char *id = polku_sync_conflict_get_id (conflict);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *squeezer;
  GtkWidget *heading = new_label (polku_sync_conflict_get_title (conflict), "heading");
  g_autofree char *base = NULL;
  g_autofree char *base_text = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_bottom (card, 6);
  g_object_set (card, "margin-start", 0, NULL);
  gtk_widget_set_name (card, id);

  {
    GtkWidget *head = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

    gtk_widget_set_margin_top (head, 12);
    gtk_widget_set_margin_start (head, 12);
    gtk_widget_set_margin_end (head, 12);
    gtk_box_append (GTK_BOX (head), heading);
    if (self->client_id == NULL)
      {
        g_autofree char *name = client_name (self, polku_sync_conflict_get_client_id (conflict),
                                             names);

        gtk_box_append (GTK_BOX (head), new_label (name, "dim-label"));
      }
    gtk_box_append (GTK_BOX (card), head);
  }

  gtk_widget_set_margin_start (sides, 12);
  gtk_widget_set_margin_end (sides, 12);
  gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
  gtk_box_append (GTK_BOX (sides),
                  new_side (_("On this computer"), polku_sync_conflict_get_path (conflict),
                            polku_sync_conflict_get_local_value (conflict),
                            polku_sync_conflict_get_local_by (conflict),
                            polku_sync_conflict_get_local_at (conflict)));
  gtk_box_append (GTK_BOX (sides),
                  new_side (_("From the other side"), polku_sync_conflict_get_path (conflict),
                            polku_sync_conflict_get_remote_value (conflict),
                            polku_sync_conflict_get_remote_by (conflict),
                            polku_sync_conflict_get_remote_at (conflict)));
  gtk_box_append (GTK_BOX (card), sides);

  base = polku_sync_conflict_get_base_value (conflict) != NULL
         ? format_value_at (polku_sync_conflict_get_path (conflict),
                            polku_sync_conflict_get_base_value (conflict))
         : g_strdup (_("Not there yet"));
  /* Translators: the value before both sides changed it */
  base_text = g_strdup_printf (_("Before both changes: %s"), base);
  {
    GtkWidget *label = new_label (base_text, "dim-label");

    gtk_widget_set_margin_start (label, 12);
    gtk_widget_set_margin_end (label, 12);
    gtk_box_append (GTK_BOX (card), label);
  }

  /* The three decisions in a row where they fit, else one under the other (in Finnish the row
   * alone is wider than a 360-px window). */
  squeezer = adw_squeezer_new ();
  adw_squeezer_set_homogeneous (ADW_SQUEEZER (squeezer), FALSE);
  adw_squeezer_set_switch_threshold_policy (ADW_SQUEEZER (squeezer),
                                            ADW_FOLD_THRESHOLD_POLICY_MINIMUM);
  gtk_widget_set_margin_start (squeezer, 12);
  gtk_widget_set_margin_end (squeezer, 12);
  gtk_widget_set_margin_bottom (squeezer, 12);
  for (guint i = 0; i < 2; i++)
    {
      GtkOrientation orientation = i == 0 ? GTK_ORIENTATION_HORIZONTAL
                                           : GTK_ORIENTATION_VERTICAL;
      GtkWidget *buttons = gtk_box_new (orientation, 6);
      GtkWidget *edit = new_button (_("_Edit…"), "conflicts.edit", id, heading);

      gtk_widget_set_halign (buttons, i == 0 ? GTK_ALIGN_END : GTK_ALIGN_FILL);
      gtk_box_append (GTK_BOX (buttons), edit);
      gtk_box_append (GTK_BOX (buttons),
                      new_button (_("_Take the Other Side"), "conflicts.take", id, heading));
      gtk_box_append (GTK_BOX (buttons),
                      new_button (_("_Keep This Side"), "conflicts.keep", id, heading));
      adw_squeezer_add (ADW_SQUEEZER (squeezer), buttons);
      g_object_set_data (G_OBJECT (buttons), "polku-first-button", edit);
    }
  g_signal_connect (squeezer, "notify::visible-child", G_CALLBACK (decisions_shown), NULL);
  decisions_shown (ADW_SQUEEZER (squeezer), NULL, NULL);
  gtk_box_append (GTK_BOX (card), squeezer);

  return card;
}

/* Where the keyboard goes in a card: its first decision (Edit…), in the layout shown. */
static GtkWidget *
card_first_button (GtkWidget *card)
{
  GtkWidget *squeezer = gtk_widget_get_last_child (card);
  GtkWidget *buttons = adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer));

  if (buttons == NULL)
    buttons = gtk_widget_get_first_child (squeezer);
  return g_object_get_data (G_OBJECT (buttons), "polku-first-button");
}

static const char *
resolution_label (const char *resolution)
{
  if (g_strcmp0 (resolution, "local") == 0)
    return _("This computer’s value kept");
  if (g_strcmp0 (resolution, "remote") == 0)
    return _("The other side’s value taken");
  return _("A new value written");
}

static GtkWidget *
new_history_row (PolkuConflictsWindow *self,
                 PolkuSyncConflict    *conflict,
                 GHashTable           *names)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = format_stamp (polku_sync_conflict_get_resolved_at (conflict));
  const char *by = polku_sync_conflict_get_resolved_by (conflict);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  if (by != NULL)
    /* Translators: how a conflict was decided, by whom and when */
    subtitle = g_strdup_printf (_("%s · %s · %s"),
                                resolution_label (polku_sync_conflict_get_resolution (conflict)),
                                by, when != NULL ? when : "");
  else
    subtitle = g_strdup_printf (_("%s · %s"),
                                resolution_label (polku_sync_conflict_get_resolution (conflict)),
                                when != NULL ? when : "");
  if (self->client_id == NULL)
    {
      g_autofree char *name = client_name (self, polku_sync_conflict_get_client_id (conflict),
                                           names);

      /* Translators: a client's name and the part of the plan in conflict */
      title = g_strdup_printf (_("%s: %s"), name, polku_sync_conflict_get_title (conflict));
    }
  else
    {
      title = g_strdup (polku_sync_conflict_get_title (conflict));
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_name (row, polku_sync_conflict_get_id (conflict));
  return row;
}

static void
clear_lists (PolkuConflictsWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->open_box))) != NULL)
    gtk_box_remove (self->open_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  g_hash_table_remove_all (self->cards);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  self->n_open = 0;
  self->n_decided = 0;
}

/**
 * polku_conflicts_window_reload:
 *
 * Lists the conflicts again (after a sync, or a decision).
 *
 * Returns: %FALSE with @error when they could not be read (the lists are empty then)
 */
gboolean
polku_conflicts_window_reload (PolkuConflictsWindow  *self,
                               GError               **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GtkWidget *focus;
  gboolean refocus;

  g_return_val_if_fail (POLKU_IS_CONFLICTS_WINDOW (self), FALSE);

  /* A focused card (its button was just clicked, or a value was being selected) must lose
   * the focus before it goes: GTK 4.8's viewport would otherwise scroll to a widget that is
   * gone (a critical at the next layout). The focus then goes to the next card. */
  focus = gtk_window_get_focus (GTK_WINDOW (self));
  refocus = focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->open_box))
            || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->history_list));
  if (refocus)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  clear_lists (self);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), TRUE);
  if (self->store == NULL || !polku_store_is_open (self->store))
    return TRUE;

  self->conflicts = polku_sync_conflict_list (self->store, self->client_id, TRUE, error);
  if (self->conflicts == NULL)
    return FALSE;
  name_conflicts (self);

  for (guint i = 0; i < self->conflicts->len; i++)
    {
      PolkuSyncConflict *conflict = g_ptr_array_index (self->conflicts, i);

      if (polku_sync_conflict_get_resolution (conflict) == NULL)
        {
          GtkWidget *card = new_card (self, conflict, names);

          gtk_box_append (self->open_box, card);
          g_hash_table_insert (self->cards, (gpointer) polku_sync_conflict_get_id (conflict),
                               card);
          self->n_open++;
        }
      else
        {
          gtk_list_box_append (self->history_list, new_history_row (self, conflict, names));
          self->n_decided++;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->n_open == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), self->n_decided > 0);
  /* Not a value's text, all of it selected, as GTK would choose at first. */
  if (refocus && self->n_open > 0)
    gtk_window_set_focus (GTK_WINDOW (self),
                          card_first_button (gtk_widget_get_first_child (
                                               GTK_WIDGET (self->open_box))));
  return TRUE;
}

static void
reload_or_show_error (PolkuConflictsWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!polku_conflicts_window_reload (self, &error))
    polku_error_dialog_present (GTK_WIDGET (self), _("Could Not Read the Conflicts"), error);
}

/**
 * polku_conflicts_window_resolve:
 * @value: (nullable): the value written (POLKU_SYNC_TAKE_VALUE only)
 *
 * Decides a conflict (as the store's actor) and lists the conflicts again.
 *
 * Returns: %FALSE with @error when it could not be decided (nothing changed)
 */
gboolean
polku_conflicts_window_resolve (PolkuConflictsWindow  *self,
                                const char            *conflict_id,
                                PolkuSyncTake          take,
                                JsonNode              *value,
                                GError               **error)
{
  g_autofree char *actor = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (POLKU_IS_CONFLICTS_WINDOW (self), FALSE);
  g_return_val_if_fail (conflict_id != NULL, FALSE);

  if (self->store == NULL)
    return TRUE;

  actor = polku_store_dup_actor (self->store);
  ok = polku_sync_conflict_resolve (self->store, conflict_id, take, value, actor, &local_error);
  if (!ok && take != POLKU_SYNC_TAKE_VALUE
      && g_error_matches (local_error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID))
    {
      /* The plan's rules refuse a side's value as it is (an element the other side holds
       * without a member this computer's plan requires): the rule alone does not say what to
       * do now. */
      g_autofree char *rule = g_strdup (local_error->message);

      g_clear_error (&local_error);
      g_set_error (&local_error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID,
                   take == POLKU_SYNC_TAKE_REMOTE
                   ? _("The other side’s value does not fit the plan on this computer as it "
                       "is (%s), so nothing was changed. Decide with Edit…: write the value "
                       "that should stay.")
                   : _("This computer’s value no longer fits the plan as it is (%s), so "
                       "nothing was changed. Decide with Edit…: write the value that should "
                       "stay."),
                   rule);
    }
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  /* Decided elsewhere meanwhile, too: the lists show how things are now. */
  reload_or_show_error (self);
  polku_conflicts_banner_reload_all (self->store);
  if (ok)
    {
      g_signal_emit (self, signals[CHANGED], 0);
      /* Short: a toast cuts a longer title at 360 px. The history's description says that
       * the next sync sends the decision. */
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Conflict decided")));
    }
  return ok;
}

static void
resolve_or_show_error (PolkuConflictsWindow *self,
                       const char           *conflict_id,
                       PolkuSyncTake         take)
{
  g_autoptr(GError) error = NULL;

  if (!polku_conflicts_window_resolve (self, conflict_id, take, NULL, &error))
    polku_error_dialog_present (GTK_WIDGET (self), _("Could Not Decide the Conflict"), error);
}

static void
keep_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  resolve_or_show_error (POLKU_CONFLICTS_WINDOW (widget), g_variant_get_string (parameter, NULL),
                         POLKU_SYNC_TAKE_LOCAL);
}

static void
take_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  resolve_or_show_error (POLKU_CONFLICTS_WINDOW (widget), g_variant_get_string (parameter, NULL),
                         POLKU_SYNC_TAKE_REMOTE);
}

/* Edit… */

static PolkuSyncConflict *
find_conflict (PolkuConflictsWindow *self,
               const char           *conflict_id)
{
  for (guint i = 0; self->conflicts != NULL && i < self->conflicts->len; i++)
    {
      PolkuSyncConflict *conflict = g_ptr_array_index (self->conflicts, i);

      if (g_strcmp0 (polku_sync_conflict_get_id (conflict), conflict_id) == 0)
        return conflict;
    }
  return NULL;
}

/* Edit…'s decision: the value the person wrote or chose. */
static gboolean
decide_value (gpointer     data,
              const char  *conflict_id,
              JsonNode    *value,
              GError     **error)
{
  return polku_conflicts_window_resolve (data, conflict_id, POLKU_SYNC_TAKE_VALUE, value, error);
}

/**
 * polku_conflicts_window_edit:
 *
 * Opens the form that decides the conflict with a value of one's own (what Edit… does;
 * polku-conflict-edit.c).
 *
 * Returns: (transfer none) (nullable): the form, or %NULL when the conflict is not listed
 *   as open
 */
PolkuFormDialog *
polku_conflicts_window_edit (PolkuConflictsWindow *self,
                             const char           *conflict_id)
{
  PolkuSyncConflict *conflict;

  g_return_val_if_fail (POLKU_IS_CONFLICTS_WINDOW (self), NULL);

  conflict = find_conflict (self, conflict_id);
  if (conflict == NULL || polku_sync_conflict_get_resolution (conflict) != NULL)
    return NULL;
  return polku_conflict_edit_open (GTK_WIDGET (self), conflict, decide_value,
                                   g_object_ref (self), g_object_unref);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  polku_conflicts_window_edit (POLKU_CONFLICTS_WINDOW (widget),
                               g_variant_get_string (parameter, NULL));
}

/* What the tests read */

const char *
polku_conflicts_window_get_client_id (PolkuConflictsWindow *self)
{
  g_return_val_if_fail (POLKU_IS_CONFLICTS_WINDOW (self), NULL);
  return self->client_id;
}

guint
polku_conflicts_window_get_n_open (PolkuConflictsWindow *self)
{
  g_return_val_if_fail (POLKU_IS_CONFLICTS_WINDOW (self), 0);
  return self->n_open;
}

guint
polku_conflicts_window_get_n_decided (PolkuConflictsWindow *self)
{
  g_return_val_if_fail (POLKU_IS_CONFLICTS_WINDOW (self), 0);
  return self->n_decided;
}

/* Returns: (transfer none) (nullable): the card of an open conflict */
GtkWidget *
polku_conflicts_window_get_card (PolkuConflictsWindow *self,
                                 const char           *conflict_id)
{
  g_return_val_if_fail (POLKU_IS_CONFLICTS_WINDOW (self), NULL);
  return g_hash_table_lookup (self->cards, conflict_id);
}

/* Returns: (transfer none) (nullable): what a listed conflict is about, as its card and
 * history row say it */
const char *
polku_conflicts_window_get_label (PolkuConflictsWindow *self,
                                  const char           *conflict_id)
{
  PolkuSyncConflict *conflict;

  g_return_val_if_fail (POLKU_IS_CONFLICTS_WINDOW (self), NULL);
  conflict = find_conflict (self, conflict_id);
  return conflict != NULL ? polku_sync_conflict_get_title (conflict) : NULL;
}

/* GObject */

static void
polku_conflicts_window_constructed (GObject *object)
{
  PolkuConflictsWindow *self = (PolkuConflictsWindow *) object;

  G_OBJECT_CLASS (polku_conflicts_window_parent_class)->constructed (object);

  if (self->client_id != NULL && self->store != NULL)
    {
      g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_free);
      g_autofree char *name = client_name (self, self->client_id, names);

      adw_window_title_set_subtitle (self->window_title, name);
    }
  else
    {
      adw_window_title_set_subtitle (self->window_title, _("Every client"));
    }
  reload_or_show_error (self);
}

static void
polku_conflicts_window_dispose (GObject *object)
{
  PolkuConflictsWindow *self = (PolkuConflictsWindow *) object;

  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  if (self->cards != NULL)
    g_hash_table_remove_all (self->cards);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (polku_conflicts_window_parent_class)->dispose (object);
}

static void
polku_conflicts_window_finalize (GObject *object)
{
  PolkuConflictsWindow *self = (PolkuConflictsWindow *) object;

  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_free (self->client_id);

  G_OBJECT_CLASS (polku_conflicts_window_parent_class)->finalize (object);
}

static void
polku_conflicts_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PolkuConflictsWindow *self = POLKU_CONFLICTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_conflicts_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PolkuConflictsWindow *self = POLKU_CONFLICTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CLIENT_ID:
      {
        const char *id = g_value_get_string (value);

        self->client_id = id != NULL && id[0] != '\0' ? g_strdup (id) : NULL;
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_conflicts_window_class_init (PolkuConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = polku_conflicts_window_constructed;
  object_class->dispose = polku_conflicts_window_dispose;
  object_class->finalize = polku_conflicts_window_finalize;
  object_class->get_property = polku_conflicts_window_get_property;
  object_class->set_property = polku_conflicts_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, POLKU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  /**
   * PolkuConflictsWindow:client-id:
   *
   * The client whose conflicts are listed; %NULL or "" for every client's.
   */
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PolkuConflictsWindow::changed:
   *
   * A conflict was decided.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-conflicts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuConflictsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PolkuConflictsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PolkuConflictsWindow, empty_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuConflictsWindow, open_box);
  gtk_widget_class_bind_template_child (widget_class, PolkuConflictsWindow, history_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuConflictsWindow, history_list);

  gtk_widget_class_install_action (widget_class, "conflicts.keep", "s", keep_activated);
  gtk_widget_class_install_action (widget_class, "conflicts.take", "s", take_activated);
  gtk_widget_class_install_action (widget_class, "conflicts.edit", "s", edit_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
polku_conflicts_window_init (PolkuConflictsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cards = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * polku_conflicts_window_new:
 * @parent: (nullable): the main window
 * @store: the open store
 * @client_id: (nullable): the client whose conflicts are listed; %NULL for every client's
 *
 * Returns: (transfer none): a new window, not yet shown
 */
PolkuConflictsWindow *
polku_conflicts_window_new (GtkWindow  *parent,
                            PolkuStore *store,
                            const char *client_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);

  return g_object_new (POLKU_TYPE_CONFLICTS_WINDOW,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       "store", store,
                       "client-id", client_id,
                       NULL);
}
