/* polku-overview-view.c: the client's case at a glance, and the forms to change it
 *
 * Phase (with the path and the history), consent, team and responsible worker, follow-ups,
 * warning signs and notes. Each change opens a small form (an AdwMessageDialog); the core
 * checks it, writes it with its audit entry, and the view reads the case again. What the
 * core refuses (a phase change without consent, a second responsible worker…) is shown as a
 * toast with the core's message, and nothing changes.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-overview-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "polku-case-store.h"
#include "polku-checklist.h"
#include "polku-consent-store.h"
#include "polku-date.h"
#include "polku-followup-store.h"
#include "polku-overview-view.h"
#include "polku-team-store.h"
#include "polku-view-load-private.h"

struct _PolkuOverviewView
{
  AdwBin           parent_instance;

  PolkuStore      *store;
  PolkuClient     *client;
  PolkuChecklist  *checklist;
  PolkuCase       *kase;
  char            *shown_id;     /* the client whose case is shown, or NULL */
  GCancellable    *cancellable;  /* the load in flight, or NULL */
  gboolean         loading;

  AdwToastOverlay *toast_overlay;
  GtkWidget       *case_box;
  AdwStatusPage   *empty_page;
  AdwPreferencesGroup *phase_group;
  AdwPreferencesGroup *consent_group;
  AdwPreferencesGroup *team_group;
  AdwPreferencesGroup *followups_group;
  AdwPreferencesGroup *signs_group;
  AdwPreferencesGroup *notes_group;
  GtkListBox      *phase_list;
  GtkListBox      *consent_list;
  GtkListBox      *team_list;
  GtkListBox      *followups_list;
  GtkListBox      *signs_list;
  GtkListBox      *notes_list;
};

G_DEFINE_FINAL_TYPE (PolkuOverviewView, polku_overview_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static char *
days_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static const char *
client_id (PolkuOverviewView *self)
{
  return self->client != NULL ? polku_client_get_id (self->client) : NULL;
}

/* The view may sit in a scrolled page, so a toast goes to the window's overlay when there
 * is one (it is always in sight), else to the view's own. */
static AdwToastOverlay *
get_toast_overlay (PolkuOverviewView *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkWidget *outer = parent != NULL ? gtk_widget_get_ancestor (parent, ADW_TYPE_TOAST_OVERLAY)
                                    : NULL;

  return outer != NULL ? ADW_TOAST_OVERLAY (outer) : self->toast_overlay;
}

static void
show_error (PolkuOverviewView *self,
            const GError      *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 8);
  /* Shown at once, not queued behind an earlier "saved" toast: the form is gone. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (get_toast_overlay (self), toast);
}

static void
show_done (PolkuOverviewView *self,
           const char        *message)
{
  adw_toast_overlay_add_toast (get_toast_overlay (self), adw_toast_new (message));
}

/* Either the case or the "No Case Yet" page. (A GtkBox, not a GtkStack: GTK 4.8's stack
 * allocates a page of wrapping labels wider than itself.) */
static void
show_state (PolkuOverviewView *self,
            gboolean           have_case)
{
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), !have_case);
  gtk_widget_set_visible (self->case_box, have_case);
  /* The toast overlay in between does not pass its content's new size on (libadwaita 1.2). */
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Rows */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
    }
  gtk_list_box_append (list, row);
  return row;
}

/* A text button at the end of @row that runs @action with the string @target. */
static GtkWidget *
add_row_button (GtkWidget  *row,
                const char *label,
                const char *action,
                const char *target,
                const char *accessible_name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static void
fill_phase (PolkuOverviewView *self,
            GPtrArray         *phases)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *since = polku_date_format_user (polku_case_get_phase_since (self->kase));
  g_autofree char *subtitle = NULL;
  g_autofree char *review = NULL;
  PolkuCasePhase current = polku_case_get_phase_value (self->kase);
  GtkWidget *row;
  GtkWidget *expander;

  clear_list (self->phase_list);

  /* TRANSLATORS: the phase of a case and since when, e.g. "since 12.11.2026" */
  subtitle = g_strdup_printf (_("since %s"), since);
  if (polku_case_get_closed_reason (self->kase) != NULL)
    {
      g_autofree char *with_reason = g_strdup_printf ("%s · %s", subtitle,
                                                      polku_case_get_closed_reason (self->kase));
      g_free (subtitle);
      subtitle = g_steal_pointer (&with_reason);
    }
  row = add_row (self->phase_list, polku_case_phase_get_label (current), subtitle);
  gtk_widget_add_css_class (row, "polku-property");

  /* The path, with the current phase marked. */
  for (PolkuCasePhase phase = 0; phase < POLKU_CASE_N_PHASES; phase++)
    {
      g_autofree char *escaped = g_markup_escape_text (polku_case_phase_get_label (phase), -1);

      if (path->len > 0)
        g_string_append (path, " → ");
      if (phase == current)
        g_string_append_printf (path, "<b>%s</b>", escaped);
      else
        g_string_append_printf (path, "<span alpha=\"60%%\">%s</span>", escaped);
    }
  {
    GtkWidget *label = gtk_label_new (NULL);
    GtkWidget *path_row = gtk_list_box_row_new ();

    gtk_label_set_markup (GTK_LABEL (label), path->str);
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_set_margin_top (label, 12);
    gtk_widget_set_margin_bottom (label, 12);
    gtk_widget_set_margin_start (label, 12);
    gtk_widget_set_margin_end (label, 12);
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (path_row), label);
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (path_row), FALSE);
    gtk_accessible_update_property (GTK_ACCESSIBLE (path_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Phase path"), -1);
    gtk_list_box_append (self->phase_list, path_row);
  }

  review = polku_case_get_review_on (self->kase) != NULL
           ? polku_date_format_user (polku_case_get_review_on (self->kase))
           : g_strdup (_("Not set"));
  row = add_row (self->phase_list, _("Next review"), review);
  add_row_button (row, _("_Set…"), "overview.set-review", NULL, _("Set the next review date"));

  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Phase history"));
  for (guint i = 0; phases != NULL && i < phases->len; i++)
    {
      PolkuCasePhaseChange *change = g_ptr_array_index (phases, i);
      PolkuCasePhase to = POLKU_CASE_PHASE_IDENTIFIED;
      g_autofree char *date =
        polku_date_format_user (polku_case_phase_change_get_changed_on (change));
      g_autofree char *line = NULL;
      const char *reason = polku_case_phase_change_get_reason (change);
      GtkWidget *child = adw_action_row_new ();

      polku_case_phase_from_code (polku_case_phase_change_get_to_phase (change), &to);
      /* TRANSLATORS: a phase change: "date · who" */
      line = g_strdup_printf (_("%s · %s"), date, polku_case_phase_change_get_actor (change));
      if (reason != NULL)
        {
          g_autofree char *with_reason = g_strdup_printf ("%s\n%s", line, reason);
          g_free (line);
          line = g_steal_pointer (&with_reason);
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (child), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (child),
                                     polku_case_phase_get_label (to));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (child), line);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (child), 4);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), child);
    }
  gtk_list_box_append (self->phase_list, expander);
}

static void
fill_consent (PolkuOverviewView *self,
              GPtrArray         *consents)
{
  GtkWidget *row;

  clear_list (self->consent_list);
  row = add_row (self->consent_list,
                 polku_case_get_consent_valid (self->kase) ? _("Valid consent")
                                                           : _("No valid consent"),
                 NULL);
  gtk_widget_add_css_class (row, polku_case_get_consent_valid (self->kase) ? "success"
                                                                          : "warning");

  for (guint i = 0; consents != NULL && i < consents->len; i++)
    {
      PolkuConsent *consent = g_ptr_array_index (consents, i);
      g_autofree char *given = polku_date_format_user (polku_consent_get_given_on (consent));
      g_autofree char *title = NULL;
      g_autofree char *organisations =
        g_strjoinv (", ", (char **) polku_consent_get_organisations (consent));
      g_autoptr(GString) parts = g_string_new (NULL);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      const char * const *codes = polku_consent_get_parts (consent);

      for (guint j = 0; codes != NULL && codes[j] != NULL; j++)
        {
          if (parts->len > 0)
            g_string_append (parts, ", ");
          g_string_append (parts, polku_consent_code_get_label (codes[j]));
        }
      /* TRANSLATORS: a consent: "given on DATE, METHOD", e.g. "Given 2.11.2026, written" */
      title = g_strdup_printf (_("Given %s, %s"), given,
                               polku_consent_code_get_label (polku_consent_get_method (consent)));
      g_string_append_printf (subtitle, "%s\n%s", organisations, parts->str);
      if (polku_consent_get_representative (consent) != NULL)
        g_string_append_printf (subtitle, "\n%s: %s", _("Legal representative"),
                                polku_consent_get_representative (consent));
      if (polku_consent_get_withdrawn_on (consent) != NULL)
        {
          g_autofree char *date = polku_date_format_user (polku_consent_get_withdrawn_on (consent));
          g_string_append_printf (subtitle, "\n%s %s", _("Withdrawn on"), date);
        }
      else if (polku_consent_get_valid_until (consent) != NULL)
        {
          g_autofree char *date = polku_date_format_user (polku_consent_get_valid_until (consent));
          g_string_append_printf (subtitle, "\n%s %s", _("Valid until"), date);
        }
      row = add_row (self->consent_list, title, subtitle->str);
      if (polku_consent_get_withdrawn_on (consent) == NULL)
        add_row_button (row, _("_Withdraw…"), "overview.withdraw-consent",
                        polku_consent_get_id (consent), _("Withdraw this consent"));
    }
}

/* One menu button at the end of a team member's row with what can be done to the member, so
 * that the name and the role keep the width of a narrow window. */
static void
add_member_menu (GtkWidget       *row,
                 PolkuTeamMember *member)
{
  const char *id = polku_team_member_get_id (member);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  g_autofree char *name = NULL;
  GtkWidget *button = gtk_menu_button_new ();

  item = g_menu_item_new (_("Make _Responsible"), NULL);
  g_menu_item_set_action_and_target (item, "overview.set-responsible", "s", id);
  g_menu_append_item (menu, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("Has _Left"), NULL);
  g_menu_item_set_action_and_target (item, "overview.leave-team", "s", id);
  g_menu_append_item (menu, item);

  /* TRANSLATORS: the menu of a team member's row; %s is the member's name */
  name = g_strdup_printf (_("Actions for %s"), polku_team_member_get_person (member));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static void
fill_team (PolkuOverviewView *self,
           GPtrArray         *team)
{
  const char *responsible = polku_case_get_responsible (self->kase);
  GtkWidget *row;

  clear_list (self->team_list);
  row = add_row (self->team_list, _("Responsible worker"),
                 responsible != NULL ? responsible : _("Not named"));
  gtk_widget_add_css_class (row, "polku-property");
  if (responsible == NULL)
    gtk_widget_add_css_class (row, "polku-missing");

  for (guint i = 0; team != NULL && i < team->len; i++)
    {
      PolkuTeamMember *member = g_ptr_array_index (team, i);
      g_autofree char *subtitle = NULL;
      const char *contact = polku_team_member_get_contact (member);
      const char *sector = polku_team_sector_get_label (polku_team_member_get_sector (member));

      subtitle = g_strdup_printf ("%s · %s · %s%s%s", polku_team_member_get_role (member),
                                  polku_team_member_get_organisation (member), sector,
                                  contact != NULL ? "\n" : "", contact != NULL ? contact : "");
      row = add_row (self->team_list, polku_team_member_get_person (member), subtitle);
      if (polku_team_member_get_responsible (member))
        {
          GtkWidget *label = gtk_label_new (_("Responsible worker"));

          /* Wraps rather than take the name's width in a narrow window. */
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
          gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
          gtk_label_set_xalign (GTK_LABEL (label), 1);
          gtk_widget_add_css_class (label, "dim-label");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        }
      else
        add_member_menu (row, member);
    }
}

static void
fill_followups (PolkuOverviewView *self,
                GPtrArray         *followups)
{
  g_autofree char *now = today ();

  clear_list (self->followups_list);
  if (followups == NULL || followups->len == 0)
    add_row (self->followups_list, _("No open follow-ups"), NULL);

  for (guint i = 0; followups != NULL && i < followups->len; i++)
    {
      PolkuFollowup *followup = g_ptr_array_index (followups, i);
      g_autofree char *due = polku_date_format_user (polku_followup_get_due_on (followup));
      g_autofree char *subtitle = NULL;
      const char *assignee = polku_followup_get_assignee (followup);
      gboolean overdue = polku_followup_is_overdue (followup, now);
      GtkWidget *row;

      /* TRANSLATORS: when a follow-up is due, e.g. "Due 2.12.2026" */
      subtitle = g_strdup_printf (overdue ? _("Overdue since %s") : _("Due %s"), due);
      if (assignee != NULL)
        {
          g_autofree char *with_assignee = NULL;

          /* TRANSLATORS: a follow-up's due date and who does it: "Due 2.12.2026 · Sari Salo" */
          with_assignee = g_strdup_printf (_("%s · %s"), subtitle, assignee);
          g_free (subtitle);
          subtitle = g_steal_pointer (&with_assignee);
        }
      row = add_row (self->followups_list, polku_followup_get_title (followup), subtitle);
      if (overdue)
        gtk_widget_add_css_class (row, "error");
      add_row_button (row, _("_Done"), "overview.followup-done", polku_followup_get_id (followup),
                      _("Mark this follow-up done"));
    }
}

static void
fill_signs (PolkuOverviewView *self,
            GPtrArray         *signs)
{

  clear_list (self->signs_list);
  if (signs == NULL || signs->len == 0)
    add_row (self->signs_list, _("No warning signs"), NULL);

  for (guint i = 0; signs != NULL && i < signs->len; i++)
    {
      PolkuCaseSign *sign = g_ptr_array_index (signs, i);
      const char *group = polku_case_sign_get_group_id (sign);
      const char *item = polku_case_sign_get_item_id (sign);
      const char *label = polku_checklist_get_item_label (self->checklist, group, item, NULL);
      const char *group_label = polku_checklist_get_group_label (self->checklist, group, NULL);
      g_autofree char *date = polku_date_format_user (polku_case_sign_get_flagged_on (sign));
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* TRANSLATORS: a warning sign: reason, then "date · who · where" */
      subtitle = g_strdup_printf (_("%s\n%s · %s · %s"), polku_case_sign_get_reason (sign),
                                  date, polku_case_sign_get_flagged_by (sign),
                                  polku_case_sign_get_service_point (sign));
      row = add_row (self->signs_list, label != NULL ? label : item, subtitle);
      if (group_label != NULL)
        gtk_widget_set_tooltip_text (row, group_label);
      add_row_button (row, _("Re_tract"), "overview.retract-sign", polku_case_sign_get_id (sign),
                      _("Retract this warning sign, flagged by mistake"));
    }
}

static void
fill_notes (PolkuOverviewView *self,
            GPtrArray         *notes)
{

  clear_list (self->notes_list);
  if (notes == NULL || notes->len == 0)
    add_row (self->notes_list, _("No notes"), NULL);
  for (guint i = notes != NULL ? notes->len : 0; i > 0; i--)
    {
      PolkuCaseNote *note = g_ptr_array_index (notes, i - 1);
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (polku_case_note_get_created (note),
                                                               NULL);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      g_autofree char *day = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : NULL;
      g_autofree char *when = polku_date_format_user (day);
      g_autofree char *title = g_strdup_printf (_("%s · %s"), when,
                                                polku_case_note_get_author (note));
      GtkWidget *row = add_row (self->notes_list, title, polku_case_note_get_body (note));

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
}

/* Loading: the case and its lists are read together in a thread (one snapshot). */

typedef struct
{
  char      *client_id;
  PolkuCase *kase;        /* NULL: see error */
  GError    *error;
  GPtrArray *phases;
  GPtrArray *consents;
  GPtrArray *team;
  GPtrArray *followups;
  GPtrArray *signs;
  GPtrArray *notes;
} OverviewData;

static void
overview_data_free (OverviewData *data)
{
  g_free (data->client_id);
  g_clear_object (&data->kase);
  g_clear_error (&data->error);
  g_clear_pointer (&data->phases, g_ptr_array_unref);
  g_clear_pointer (&data->consents, g_ptr_array_unref);
  g_clear_pointer (&data->team, g_ptr_array_unref);
  g_clear_pointer (&data->followups, g_ptr_array_unref);
  g_clear_pointer (&data->signs, g_ptr_array_unref);
  g_clear_pointer (&data->notes, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OverviewData, overview_data_free)

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PolkuStore *store = source_object;
  const char *id = task_data;
  OverviewData *data = g_new0 (OverviewData, 1);

  data->client_id = g_strdup (id);
  data->kase = polku_case_store_get (store, id, &data->error);
  if (data->kase != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      data->phases = polku_case_store_list_phases (store, id, NULL);
      data->consents = polku_consent_store_list (store, id, NULL);
      data->team = polku_team_store_list (store, id, FALSE, NULL);
      data->followups = polku_followup_store_list (store, id, FALSE, NULL);
      data->signs = polku_case_store_list_signs (store, id, FALSE, NULL);
      data->notes = polku_case_store_list_notes (store, id, NULL);
    }
  g_task_return_pointer (task, data, (GDestroyNotify) overview_data_free);
}

static void
set_loading (PolkuOverviewView *self,
             gboolean           loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Shows nothing of any client (at once, when the client changes). */
static void
clear_shown (PolkuOverviewView *self)
{
  g_clear_object (&self->kase);
  g_clear_pointer (&self->shown_id, g_free);
  clear_list (self->phase_list);
  clear_list (self->consent_list);
  clear_list (self->team_list);
  clear_list (self->followups_list);
  clear_list (self->signs_list);
  clear_list (self->notes_list);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), FALSE);
  gtk_widget_set_visible (self->case_box, FALSE);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PolkuOverviewView) self = polku_view_load_ref_take (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(OverviewData) data = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Only the newest load, for the client and store shown now. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable
      || source != (GObject *) self->store || data == NULL
      || g_strcmp0 (data->client_id, client_id (self)) != 0)
    return;
  g_clear_object (&self->cancellable);

  g_clear_object (&self->kase);
  g_free (self->shown_id);
  self->shown_id = g_strdup (data->client_id);
  self->kase = g_steal_pointer (&data->kase);
  if (self->kase == NULL)
    {
      if (!g_error_matches (data->error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_NOT_FOUND))
        show_error (self, data->error);
      show_state (self, FALSE);
    }
  else
    {
      fill_phase (self, data->phases);
      fill_consent (self, data->consents);
      fill_team (self, data->team);
      fill_followups (self, data->followups);
      fill_signs (self, data->signs);
      fill_notes (self, data->notes);
      show_state (self, TRUE);
    }
  set_loading (self, FALSE);
}

/**
 * polku_overview_view_reload:
 *
 * Reads the client's case again (in a thread) and shows it. What another client's case
 * showed is cleared at once; the same client's stays until the new read is in.
 */
void
polku_overview_view_reload (PolkuOverviewView *self)
{
  gboolean have_client;

  g_return_if_fail (POLKU_IS_OVERVIEW_VIEW (self));

  polku_view_load_cancel (&self->cancellable);
  have_client = self->store != NULL && client_id (self) != NULL
                && polku_store_is_open (self->store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.add-sign",
                                 have_client && self->checklist != NULL);

  if (!have_client || g_strcmp0 (self->shown_id, client_id (self)) != 0)
    clear_shown (self);

  if (!have_client)
    {
      show_state (self, FALSE);
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  polku_view_load_run (self->store, client_id (self), self->cancellable, load_thread,
                       load_cb, polku_view_load_ref_new (self));
}

/**
 * polku_overview_view_get_loading:
 *
 * Returns: whether the client's case is being read
 */
gboolean
polku_overview_view_get_loading (PolkuOverviewView *self)
{
  g_return_val_if_fail (POLKU_IS_OVERVIEW_VIEW (self), FALSE);
  return self->loading;
}

/* Forms */

static GtkWidget *
entry_row (GtkWidget  *group,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
combo_row (GtkWidget          *group,
           const char         *title,
           const char * const *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
switch_row (GtkWidget  *group,
            const char *title,
            gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_object_set_data (G_OBJECT (row), "switch", toggle);
  return row;
}

static char *
entry_text (GtkWidget *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

/* A date row shows the stored YYYY-MM-DD @iso as d.m.yyyy, the way dates are typed. */
static GtkWidget *
date_row (GtkWidget  *group,
          const char *title,
          const char *iso)
{
  g_autofree char *text = polku_date_format_user (iso);

  return entry_row (group, title, text);
}

/* Reads the date typed in @row as YYYY-MM-DD into @out_iso (NULL when the row is empty).
 * Shows the message and returns FALSE when it is not a date. */
static gboolean
date_text (PolkuOverviewView  *self,
           GtkWidget          *row,
           char              **out_iso)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = entry_text (row);

  *out_iso = NULL;
  if (text == NULL || polku_date_parse_user (text, out_iso, &error))
    return TRUE;
  show_error (self, error);
  return FALSE;
}

static gboolean
switch_active (GtkWidget *row)
{
  return gtk_switch_get_active (g_object_get_data (G_OBJECT (row), "switch"));
}

typedef void (*FormSave) (PolkuOverviewView *self,
                          GHashTable        *rows);

typedef struct
{
  PolkuOverviewView *self;
  GHashTable        *rows;   /* name → row widget */
  FormSave           save;
  char              *target;
} Form;

static void
form_free (Form *form)
{
  g_clear_object (&form->self);
  g_clear_pointer (&form->rows, g_hash_table_unref);
  g_free (form->target);
  g_free (form);
}

static void
form_closure_notify (gpointer  data,
                     GClosure *closure)
{
  form_free (data);
}

static void
form_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  Form             *form)
{
  if (g_strcmp0 (response, "save") == 0)
    {
      g_object_set_data_full (G_OBJECT (form->self), "polku-form-target",
                              g_strdup (form->target), g_free);
      form->save (form->self, form->rows);
    }
}

/* A form dialog over the view's window: @heading, a group of rows made by the caller, and
 * Cancel / @save_label. */
static AdwMessageDialog *
form_new (PolkuOverviewView *self,
          const char        *heading,
          const char        *body,
          const char        *save_label,
          FormSave           save,
          const char        *target,
          GtkWidget        **out_group,
          GHashTable       **out_rows)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  Form *form = g_new0 (Form, 1);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *scroller;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", save_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  /* A long form (the consent's) scrolls rather than growing past a laptop's 768-pixel
   * screen, where the buttons would be out of reach. */
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 460);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), group);
  adw_message_dialog_set_extra_child (dialog, scroller);
  gtk_widget_set_size_request (GTK_WIDGET (dialog), 420, -1);

  form->self = g_object_ref (self);
  form->rows = g_hash_table_new (g_str_hash, g_str_equal);
  form->save = save;
  form->target = g_strdup (target);
  g_signal_connect_data (dialog, "response", G_CALLBACK (form_response_cb), form,
                         form_closure_notify, 0);
  g_object_set_data (G_OBJECT (dialog), "polku-form-rows", form->rows);

  *out_group = group;
  *out_rows = form->rows;
  return dialog;
}

static const char *
form_target (PolkuOverviewView *self)
{
  return g_object_get_data (G_OBJECT (self), "polku-form-target");
}

/* @error is read after @result was computed (the order of arguments is unspecified). */
static void
changed (PolkuOverviewView  *self,
         gpointer            result,
         GError            **error,
         const char         *done)
{
  if (result == NULL)
    {
      show_error (self, *error);
      return;
    }
  g_object_unref (result);
  show_done (self, done);
  polku_overview_view_reload (self);
}

/* Phase */

static void
save_phase (PolkuOverviewView *self,
            GHashTable        *rows)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *reason = entry_text (g_hash_table_lookup (rows, "reason"));
  guint phase = adw_combo_row_get_selected (g_hash_table_lookup (rows, "phase"));

  if (!date_text (self, g_hash_table_lookup (rows, "date"), &date))
    return;
  changed (self, polku_case_store_set_phase (self->store, client_id (self), phase, date, reason,
                                             &error),
           &error, _("Phase changed"));
}

static void
change_phase_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  const char *labels[POLKU_CASE_N_PHASES + 1] = { NULL };
  g_autofree char *date = today ();
  AdwMessageDialog *dialog;
  GHashTable *rows;
  GtkWidget *group;
  GtkWidget *phase;

  for (guint i = 0; i < POLKU_CASE_N_PHASES; i++)
    labels[i] = polku_case_phase_get_label (i);

  dialog = form_new (self, _("Change Phase"),
                     _("Going back is allowed; every change is kept in the history. Past "
                       "identification the client’s consent is needed."),
                     _("C_hange"), save_phase, NULL, &group, &rows);
  phase = combo_row (group, _("Phase"), labels);
  if (self->kase != NULL)
    adw_combo_row_set_selected (ADW_COMBO_ROW (phase),
                                MIN (polku_case_get_phase_value (self->kase) + 1,
                                     POLKU_CASE_PHASE_CLOSED));
  g_hash_table_insert (rows, "phase", phase);
  g_hash_table_insert (rows, "date", date_row (group, _("Date (d.m.yyyy)"), date));
  g_hash_table_insert (rows, "reason", entry_row (group, _("Reason (needed to close)"), NULL));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_review (PolkuOverviewView *self,
             GHashTable        *rows)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;

  if (!date_text (self, g_hash_table_lookup (rows, "date"), &date))
    return;
  changed (self, polku_case_store_set_review (self->store, client_id (self), date, &error),
           &error, _("Review date set"));
}

static void
set_review_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autofree char *date = self->kase != NULL && polku_case_get_review_on (self->kase) != NULL
                          ? g_strdup (polku_case_get_review_on (self->kase))
                          : days_from_today (90);
  AdwMessageDialog *dialog;
  GHashTable *rows;
  GtkWidget *group;

  dialog = form_new (self, _("Next Review"), _("Leave the date empty for no review date."),
                     _("_Set"), save_review, NULL, &group, &rows);
  g_hash_table_insert (rows, "date", date_row (group, _("Date (d.m.yyyy)"), date));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Consent */

static void
save_consent (PolkuOverviewView *self,
              GHashTable        *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuConsent) draft = NULL;
  g_autofree char *given_on = NULL;
  g_autofree char *representative = entry_text (g_hash_table_lookup (rows, "representative"));
  g_autofree char *organisations_text = entry_text (g_hash_table_lookup (rows, "organisations"));
  g_autofree char *valid_until = NULL;
  g_auto(GStrv) organisations = g_strsplit (organisations_text != NULL ? organisations_text : "",
                                            ",", -1);
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) part_list = NULL;
  const char * const *codes = polku_consent_part_codes ();
  guint given_by = adw_combo_row_get_selected (g_hash_table_lookup (rows, "given-by"));
  guint method = adw_combo_row_get_selected (g_hash_table_lookup (rows, "method"));

  if (!date_text (self, g_hash_table_lookup (rows, "given-on"), &given_on)
      || !date_text (self, g_hash_table_lookup (rows, "valid-until"), &valid_until))
    return;
  for (guint i = 0; codes[i] != NULL; i++)
    if (switch_active (g_hash_table_lookup (rows, codes[i])))
      g_strv_builder_add (parts, codes[i]);
  part_list = g_strv_builder_end (parts);

  draft = g_object_new (POLKU_TYPE_CONSENT,
                        "client-id", client_id (self),
                        "given-on", given_on,
                        "given-by", polku_consent_given_by_codes ()[given_by],
                        "representative", given_by == 1 ? representative : NULL,
                        "method", polku_consent_method_codes ()[method],
                        "organisations", organisations_text != NULL ? organisations : NULL,
                        "parts", part_list,
                        "valid-until", valid_until,
                        NULL);
  changed (self, polku_consent_store_add (self->store, draft, &error), &error,
           _("Consent recorded"));
}

static void
add_consent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  const char *given_by[3] = { NULL };
  const char *methods[4] = { NULL };
  const char * const *codes = polku_consent_part_codes ();
  g_autofree char *date = today ();
  g_autofree char *until = days_from_today (730);
  AdwMessageDialog *dialog;
  GHashTable *rows;
  GtkWidget *group;

  for (guint i = 0; i < 2; i++)
    given_by[i] = polku_consent_code_get_label (polku_consent_given_by_codes ()[i]);
  for (guint i = 0; i < 3; i++)
    methods[i] = polku_consent_code_get_label (polku_consent_method_codes ()[i]);

  dialog = form_new (self, _("Record Consent"),
                     _("Which organisations may receive the client’s data, and which parts of "
                       "the plan may be shared."),
                     _("_Record"), save_consent, NULL, &group, &rows);
  g_hash_table_insert (rows, "given-on", date_row (group, _("Given on (d.m.yyyy)"), date));
  g_hash_table_insert (rows, "given-by", combo_row (group, _("Given by"), given_by));
  g_hash_table_insert (rows, "representative",
                       entry_row (group, _("Legal representative (if given by one)"), NULL));
  g_hash_table_insert (rows, "method", combo_row (group, _("How"), methods));
  g_hash_table_insert (rows, "organisations",
                       entry_row (group, _("Organisations (separated by commas)"), NULL));
  for (guint i = 0; codes[i] != NULL; i++)
    g_hash_table_insert (rows, (gpointer) codes[i],
                         switch_row (group, polku_consent_code_get_label (codes[i]), TRUE));
  g_hash_table_insert (rows, "valid-until",
                       date_row (group, _("Valid until (d.m.yyyy, empty: until withdrawn)"),
                                 until));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_withdrawal (PolkuOverviewView *self,
                 GHashTable        *rows)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;

  if (!date_text (self, g_hash_table_lookup (rows, "date"), &date))
    return;
  changed (self, polku_consent_store_withdraw (self->store, form_target (self), date, &error),
           &error, _("Consent withdrawn"));
}

static void
withdraw_consent_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autofree char *date = today ();
  AdwMessageDialog *dialog;
  GHashTable *rows;
  GtkWidget *group;

  dialog = form_new (self, _("Withdraw Consent"),
                     _("From this day on nothing is shared under this consent. It stays in "
                       "the history."),
                     _("_Withdraw"), save_withdrawal, g_variant_get_string (parameter, NULL),
                     &group, &rows);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_DESTRUCTIVE);
  g_hash_table_insert (rows, "date", date_row (group, _("Withdrawn on (d.m.yyyy)"), date));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Team */

static void
save_member (PolkuOverviewView *self,
             GHashTable        *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuTeamMember) draft = NULL;
  g_autofree char *person = entry_text (g_hash_table_lookup (rows, "person"));
  g_autofree char *role = entry_text (g_hash_table_lookup (rows, "role"));
  g_autofree char *organisation = entry_text (g_hash_table_lookup (rows, "organisation"));
  g_autofree char *contact = entry_text (g_hash_table_lookup (rows, "contact"));
  guint sector = adw_combo_row_get_selected (g_hash_table_lookup (rows, "sector"));

  draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                        "client-id", client_id (self),
                        "person", person,
                        "role", role,
                        "organisation", organisation,
                        "sector", polku_team_sector_codes ()[sector],
                        "contact", contact,
                        "responsible", switch_active (g_hash_table_lookup (rows, "responsible")),
                        NULL);
  changed (self, polku_team_store_add (self->store, draft, &error), &error,
           _("Team member added"));
}

static void
add_member_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  const char *sectors[5] = { NULL };
  AdwMessageDialog *dialog;
  GHashTable *rows;
  GtkWidget *group;

  for (guint i = 0; i < 4; i++)
    sectors[i] = polku_team_sector_get_label (polku_team_sector_codes ()[i]);

  dialog = form_new (self, _("Add Team Member"), NULL, _("_Add"), save_member, NULL, &group,
                     &rows);
  g_hash_table_insert (rows, "person", entry_row (group, _("Name"), NULL));
  g_hash_table_insert (rows, "role", entry_row (group, _("Role"), NULL));
  g_hash_table_insert (rows, "organisation", entry_row (group, _("Organisation"), NULL));
  g_hash_table_insert (rows, "sector", combo_row (group, _("Sector"), sectors));
  g_hash_table_insert (rows, "contact", entry_row (group, _("Phone or e-mail"), NULL));
  g_hash_table_insert (rows, "responsible",
                       switch_row (group, _("Responsible worker"),
                                   self->kase != NULL
                                   && polku_case_get_responsible (self->kase) == NULL));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_responsible_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;

  changed (self, polku_team_store_set_responsible (self->store,
                                                   g_variant_get_string (parameter, NULL),
                                                   NULL, &error),
           &error, _("Responsible worker named"));
}

static void
leave_team_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;

  changed (self, polku_team_store_leave (self->store, g_variant_get_string (parameter, NULL),
                                         NULL, &error),
           &error, _("Left the team"));
}

/* Follow-ups */

static void
save_followup (PolkuOverviewView *self,
               GHashTable        *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuFollowup) draft = NULL;
  g_autofree char *title = entry_text (g_hash_table_lookup (rows, "title"));
  g_autofree char *due_on = NULL;
  g_autofree char *assignee = entry_text (g_hash_table_lookup (rows, "assignee"));

  if (!date_text (self, g_hash_table_lookup (rows, "due-on"), &due_on))
    return;
  draft = g_object_new (POLKU_TYPE_FOLLOWUP,
                        "client-id", client_id (self),
                        "title", title,
                        "due-on", due_on,
                        "assignee", assignee,
                        NULL);
  changed (self, polku_followup_store_add (self->store, draft, &error), &error,
           _("Follow-up added"));
}

static void
add_followup_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autofree char *due = days_from_today (7);
  AdwMessageDialog *dialog;
  GHashTable *rows;
  GtkWidget *group;

  dialog = form_new (self, _("Add Follow-up"), NULL, _("_Add"), save_followup, NULL, &group,
                     &rows);
  g_hash_table_insert (rows, "title", entry_row (group, _("What to follow up"), NULL));
  g_hash_table_insert (rows, "due-on", date_row (group, _("Due (d.m.yyyy)"), due));
  g_hash_table_insert (rows, "assignee", entry_row (group, _("Who (optional)"), NULL));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
followup_done_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;

  changed (self, polku_followup_store_done (self->store, g_variant_get_string (parameter, NULL),
                                            NULL, &error),
           &error, _("Follow-up done"));
}

/* Warning signs */

static void
group_selected_cb (AdwComboRow *group_row,
                   GParamSpec  *pspec,
                   AdwComboRow *item_row)
{
  PolkuChecklist *checklist = g_object_get_data (G_OBJECT (group_row), "checklist");
  guint group = adw_combo_row_get_selected (group_row);
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  const char *group_id;

  if (group >= polku_checklist_get_n_groups (checklist))
    return;
  group_id = polku_checklist_get_group_id (checklist, group);
  for (guint i = 0; i < polku_checklist_get_n_items (checklist, group); i++)
    gtk_string_list_append (items, polku_checklist_get_item_label (
                              checklist, group_id,
                              polku_checklist_get_item_id (checklist, group, i), NULL));
  adw_combo_row_set_model (item_row, G_LIST_MODEL (items));
}

static void
save_sign (PolkuOverviewView *self,
           GHashTable        *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCaseSign) draft = NULL;
  g_autofree char *reason = entry_text (g_hash_table_lookup (rows, "reason"));
  g_autofree char *service_point = entry_text (g_hash_table_lookup (rows, "service-point"));
  g_autofree char *flagged_by = entry_text (g_hash_table_lookup (rows, "flagged-by"));
  g_autofree char *flagged_on = NULL;
  guint group = adw_combo_row_get_selected (g_hash_table_lookup (rows, "group"));
  guint item = adw_combo_row_get_selected (g_hash_table_lookup (rows, "item"));

  if (!date_text (self, g_hash_table_lookup (rows, "flagged-on"), &flagged_on))
    return;
  draft = g_object_new (POLKU_TYPE_CASE_SIGN,
                        "client-id", client_id (self),
                        "group-id", polku_checklist_get_group_id (self->checklist, group),
                        "item-id", polku_checklist_get_item_id (self->checklist, group, item),
                        "reason", reason,
                        "flagged-by", flagged_by,
                        "flagged-on", flagged_on,
                        "service-point", service_point,
                        NULL);
  changed (self, polku_case_store_add_sign (self->store, self->checklist, draft, &error), &error,
           _("Warning sign recorded"));
}

static void
add_sign_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *date = today ();
  g_autofree char *actor = polku_store_dup_actor (self->store);
  AdwMessageDialog *dialog;
  GHashTable *rows;
  GtkWidget *group;
  GtkWidget *group_row;
  GtkWidget *item_row;

  if (self->checklist == NULL)
    return;
  for (guint i = 0; i < polku_checklist_get_n_groups (self->checklist); i++)
    g_ptr_array_add (labels, (gpointer) polku_checklist_get_group_label (
                       self->checklist, polku_checklist_get_group_id (self->checklist, i), NULL));
  g_ptr_array_add (labels, NULL);

  dialog = form_new (self, _("Flag a Warning Sign"),
                     polku_checklist_get_title (self->checklist, NULL), _("_Flag"), save_sign,
                     NULL, &group, &rows);
  group_row = combo_row (group, _("Sign"), (const char * const *) labels->pdata);
  item_row = combo_row (group, _("In particular"), NULL);
  g_object_set_data_full (G_OBJECT (group_row), "checklist", g_object_ref (self->checklist),
                          g_object_unref);
  g_signal_connect_object (group_row, "notify::selected", G_CALLBACK (group_selected_cb),
                           item_row, 0);
  group_selected_cb (ADW_COMBO_ROW (group_row), NULL, ADW_COMBO_ROW (item_row));
  /* The chosen sign in full, in the row's subtitle (which wraps), not cut off at the side. */
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (group_row), TRUE);
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (item_row), TRUE);
  g_hash_table_insert (rows, "group", group_row);
  g_hash_table_insert (rows, "item", item_row);
  g_hash_table_insert (rows, "reason", entry_row (group, _("Why"), NULL));
  g_hash_table_insert (rows, "service-point", entry_row (group, _("Service point"), NULL));
  g_hash_table_insert (rows, "flagged-by", entry_row (group, _("Flagged by"), actor));
  g_hash_table_insert (rows, "flagged-on", date_row (group, _("Date (d.m.yyyy)"), date));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
retract_sign_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;

  changed (self, polku_case_store_retract_sign (self->store,
                                                g_variant_get_string (parameter, NULL), NULL,
                                                &error),
           &error, _("Warning sign retracted"));
}

/* Notes */

static void
save_note (PolkuOverviewView *self,
           GHashTable        *rows)
{
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (g_hash_table_lookup (rows, "body"));
  GtkTextIter start, end;
  g_autofree char *body = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  changed (self, polku_case_store_add_note (self->store, client_id (self), body, &error), &error,
           _("Note added"));
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  AdwMessageDialog *dialog;
  GHashTable *rows;
  GtkWidget *group;
  GtkWidget *text_view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  dialog = form_new (self, _("Add Note"),
                     _("Goals, actions, contacts and measures have their own places: a note is "
                       "for what fits nowhere else."),
                     _("_Add"), save_note, NULL, &group, &rows);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (text_view), FALSE);
  gtk_widget_set_size_request (text_view, -1, 120);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), text_view);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  g_hash_table_insert (rows, "body", text_view);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (text_view);
}

/* GObject */

static void
polku_overview_view_dispose (GObject *object)
{
  PolkuOverviewView *self = (PolkuOverviewView *) object;

  polku_view_load_cancel (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->shown_id, g_free);
  g_clear_object (&self->checklist);

  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_OVERVIEW_VIEW);

  G_OBJECT_CLASS (polku_overview_view_parent_class)->dispose (object);
}

static void
polku_overview_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_overview_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          /* Another store: nothing shown so far belongs to it. */
          clear_shown (self);
          polku_overview_view_reload (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CLIENT:
      if (g_set_object (&self->client, g_value_get_object (value)))
        {
          polku_overview_view_reload (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_overview_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (polku_overview_view_parent_class)->map (widget);

  /* Shown again: the case may have changed meanwhile (the CLI, another view). */
  polku_overview_view_reload (POLKU_OVERVIEW_VIEW (widget));
}

/* libadwaita 1.2's AdwToastOverlay has no height-for-width request mode, so GTK asks its
 * height for no width at all: wrapped lines went uncounted and the scrolled page cut off the
 * last groups (Notes). The view (with no layout manager, see init) asks its content for the
 * real width itself. */
static GtkSizeRequestMode
polku_overview_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
polku_overview_view_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  GtkWidget *content = adw_toast_overlay_get_child (self->toast_overlay);

  gtk_widget_measure (content, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);
}

static void
polku_overview_view_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);

  gtk_widget_allocate (GTK_WIDGET (self->toast_overlay), width, height, baseline, NULL);
}

static void
polku_overview_view_class_init (PolkuOverviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_overview_view_dispose;
  object_class->get_property = polku_overview_view_get_property;
  object_class->set_property = polku_overview_view_set_property;
  widget_class->map = polku_overview_view_map;
  widget_class->measure = polku_overview_view_measure;
  widget_class->get_request_mode = polku_overview_view_get_request_mode;
  widget_class->size_allocate = polku_overview_view_size_allocate;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, POLKU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, POLKU_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PolkuOverviewView:loading:
   *
   * Whether the client's case is being read (in a thread).
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-overview-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, case_box);
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, phase_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, consent_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, team_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, followups_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, signs_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, notes_group);

  gtk_widget_class_install_action (widget_class, "overview.change-phase", NULL,
                                   change_phase_action);
  gtk_widget_class_install_action (widget_class, "overview.set-review", NULL, set_review_action);
  gtk_widget_class_install_action (widget_class, "overview.add-consent", NULL,
                                   add_consent_action);
  gtk_widget_class_install_action (widget_class, "overview.withdraw-consent", "s",
                                   withdraw_consent_action);
  gtk_widget_class_install_action (widget_class, "overview.add-member", NULL, add_member_action);
  gtk_widget_class_install_action (widget_class, "overview.set-responsible", "s",
                                   set_responsible_action);
  gtk_widget_class_install_action (widget_class, "overview.leave-team", "s", leave_team_action);
  gtk_widget_class_install_action (widget_class, "overview.add-followup", NULL,
                                   add_followup_action);
  gtk_widget_class_install_action (widget_class, "overview.followup-done", "s",
                                   followup_done_action);
  gtk_widget_class_install_action (widget_class, "overview.add-sign", NULL, add_sign_action);
  gtk_widget_class_install_action (widget_class, "overview.retract-sign", "s",
                                   retract_sign_action);
  gtk_widget_class_install_action (widget_class, "overview.add-note", NULL, add_note_action);
}

static GtkListBox *
add_list (AdwPreferencesGroup *group,
          const char          *accessible_name)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  adw_preferences_group_add (group, list);
  return GTK_LIST_BOX (list);
}

static void
polku_overview_view_init (PolkuOverviewView *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's own child: not a bound template child, which dispose_template would unparent
   * behind AdwBin's back. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  /* Sized by the class's own measure and size_allocate (AdwBin's layout manager would ask the
   * toast overlay, which cannot say its height for a width). */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  /* The rows of each group are made in code: one boxed list per group, rebuilt on reload. */
  self->phase_list = add_list (self->phase_group, _("Phase of the case"));
  self->consent_list = add_list (self->consent_group, _("Consents"));
  self->team_list = add_list (self->team_group, _("Team members"));
  self->followups_list = add_list (self->followups_group, _("Follow-ups"));
  self->signs_list = add_list (self->signs_group, _("Warning signs"));
  self->notes_list = add_list (self->notes_group, _("Notes"));

  /* A county's own checklist that does not load is shown, naming file and field. */
  self->checklist = polku_checklist_get_default (&error);
  if (self->checklist == NULL)
    {
      g_autofree char *description =
        g_strdup_printf (_("The warning-sign checklist cannot be used: %s"), error->message);

      adw_status_page_set_description (self->empty_page, description);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.add-sign", FALSE);
    }
  polku_overview_view_reload (self);
}

GtkWidget *
polku_overview_view_new (void)
{
  return g_object_new (POLKU_TYPE_OVERVIEW_VIEW, NULL);
}
