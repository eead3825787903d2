/* polku-overview-rows.c: the rows of the overview's groups, made from what the case holds
 *
 * Each group of the overview is one boxed list, rebuilt from the lists read from the store:
 * a row for each phase change, consent, team member, follow-up, warning sign and note, with
 * buttons (or a menu) that run the view's "overview." actions on its id.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-overview-rows"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-consent-store.h"
#include "polku-coordinator-store.h"
#include "polku-date.h"
#include "polku-followup-store.h"
#include "polku-organisations.h"
#include "polku-overview-rows.h"
#include "polku-plan-context.h"
#include "polku-rows-private.h"
#include "polku-team-store.h"

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

/* A closing reason as people read it: its label and the words given, never the code twice. */
static char *
closing_description (const char *code,
                     const char *words)
{
  g_autoptr(PolkuClosingReasons) reasons = polku_closing_reasons_get_default (NULL);

  if (reasons == NULL)
    return g_strdup (words != NULL ? words : code);
  return polku_closing_reasons_dup_description (reasons, code, words);
}

void
polku_overview_rows_fill_phase (GtkListBox *list,
                                PolkuCase  *kase,
                                GPtrArray  *phases)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *since = polku_date_format_user (polku_case_get_phase_since (kase));
  g_autofree char *subtitle = NULL;
  g_autofree char *review = NULL;
  PolkuCasePhase current = polku_case_get_phase_value (kase);
  GtkWidget *row;
  GtkWidget *expander;

  polku_rows_clear (list);

  /* TRANSLATORS: the phase of a case and since when, e.g. "since 12.11.2026" */
  subtitle = g_strdup_printf (_("since %s"), since);
  if (polku_case_get_closed_code (kase) != NULL)
    {
      g_autofree char *reason = closing_description (polku_case_get_closed_code (kase),
                                                     polku_case_get_closed_reason (kase));
      g_autofree char *with_reason = g_strdup_printf ("%s · %s", subtitle, reason);

      g_free (subtitle);
      subtitle = g_steal_pointer (&with_reason);
    }
  row = polku_rows_add_row (list, polku_case_phase_get_label (current), subtitle);
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
    gtk_list_box_append (list, path_row);
  }

  /* A review date that has passed says so: "Overdue since 1.9.2025". */
  review = polku_plan_review_dup_overdue (polku_case_get_review_on (kase), NULL);
  if (review == NULL)
    review = polku_case_get_review_on (kase) != NULL
             ? polku_date_format_user (polku_case_get_review_on (kase))
             : g_strdup (_("Not set"));
  row = polku_rows_add_row (list, _("Next review"), review);
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
      g_autofree char *reason =
        polku_case_phase_change_get_reason_code (change) != NULL
        ? closing_description (polku_case_phase_change_get_reason_code (change),
                               polku_case_phase_change_get_reason (change))
        : g_strdup (polku_case_phase_change_get_reason (change));
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
  gtk_list_box_append (list, expander);
}

/* The organisations a sharing consent names, by their names in the county's list; a stored
 * value the list lacks is shown as stored, with a note. */
static char *
consent_organisations (PolkuOrganisations *organisations,
                       PolkuConsent       *consent)
{
  const char * const *stored = polku_consent_get_organisations (consent);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; stored != NULL && stored[i] != NULL; i++)
    {
      PolkuOrganisation *organisation = organisations != NULL
                                        ? polku_organisations_resolve (organisations, stored[i])
                                        : NULL;

      if (names->len > 0)
        g_string_append (names, ", ");
      if (organisation != NULL)
        g_string_append (names, polku_organisation_get_label (organisation));
      else
        /* TRANSLATORS: an organisation a consent names that the county's list lacks */
        g_string_append_printf (names, _("%s (not in the county’s list)"), stored[i]);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static GtkWidget *
add_consent_row (GtkListBox         *list,
                 PolkuConsent       *consent,
                 PolkuOrganisations *organisations,
                 const char         *today)
{
  gboolean sharing = g_strcmp0 (polku_consent_get_kind (consent), "sharing") == 0;
  const char *until = polku_consent_get_valid_until (consent);
  const char *withdrawn_on = polku_consent_get_withdrawn_on (consent);
  g_autofree char *given = polku_date_format_user (polku_consent_get_given_on (consent));
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row;

  /* TRANSLATORS: a consent: "given on DATE · METHOD", e.g. "Given 2.11.2026 · Written"; the
   * method is a label of its own (capitalised), hence the dot rather than a comma */
  title = g_strdup_printf (_("Given %s · %s"), given,
                           polku_consent_code_get_label (polku_consent_get_method (consent)));
  if (sharing)
    {
      g_autofree char *names = consent_organisations (organisations, consent);
      const char * const *codes = polku_consent_get_parts (consent);

      g_string_append (subtitle, names);
      g_string_append_c (subtitle, '\n');
      for (guint j = 0; codes != NULL && codes[j] != NULL; j++)
        g_string_append_printf (subtitle, "%s%s", j > 0 ? ", " : "",
                                polku_consent_code_get_label (codes[j]));
    }
  if (polku_consent_get_representative (consent) != NULL)
    g_string_append_printf (subtitle, "%s%s: %s", subtitle->len > 0 ? "\n" : "",
                            _("Legal representative"),
                            polku_consent_get_representative (consent));
  /* The date inside the sentence: Finnish puts "until" after it ("Voimassa 2.3.2028 asti"). */
  if (subtitle->len > 0)
    g_string_append_c (subtitle, '\n');
  if (withdrawn_on != NULL)
    {
      g_autofree char *date = polku_date_format_user (withdrawn_on);

      /* TRANSLATORS: a consent withdrawn, with the date (d.m.yyyy) */
      g_string_append_printf (subtitle, _("Withdrawn on %s"), date);
    }
  else if (until != NULL)
    {
      g_autofree char *date = polku_date_format_user (until);

      if (strcmp (until, today) < 0)
        /* TRANSLATORS: a consent that has expired, with the date (d.m.yyyy) */
        g_string_append_printf (subtitle, _("Expired on %s"), date);
      else
        /* TRANSLATORS: the last day a consent is valid (d.m.yyyy) */
        g_string_append_printf (subtitle, _("Valid until %s"), date);
    }
  else
    g_string_append (subtitle, _("Valid until withdrawn"));

  row = polku_rows_add_row (list, title, subtitle->str);
  if (withdrawn_on == NULL)
    add_row_button (row, _("_Withdraw…"), "overview.withdraw-consent",
                    polku_consent_get_id (consent), _("Withdraw this consent"));
  return row;
}

/* The two consents apart: first whether the client may be contacted and referred (what
 * lets the case move past identification) with its consents, then the consents to share,
 * each with its organisations, parts and validity. */
void
polku_overview_rows_fill_consent (GtkListBox *list,
                                  GtkListBox *sharing_list,
                                  GtkLabel   *sharing_description,
                                  PolkuCase  *kase,
                                  GPtrArray  *consents)
{
  g_autoptr(PolkuOrganisations) organisations = polku_organisations_get_default (NULL);
  g_autofree char *today = polku_date_today ();
  gboolean contact_valid = polku_case_get_consent_valid (kase);
  guint n_sharing = 0;
  GtkWidget *row;

  polku_rows_clear (list);
  row = polku_rows_add_row (list,
                            contact_valid ? _("Valid consent to contact")
                                          : _("No valid consent to contact"),
                            contact_valid
                            ? _("The client may be contacted and referred: the case can move "
                                "past identification.")
                            : _("Needed before the client is contacted and referred: record "
                                "the client’s consent to contact."));
  gtk_widget_add_css_class (row, contact_valid ? "success" : "warning");
  for (guint i = 0; consents != NULL && i < consents->len; i++)
    if (g_strcmp0 (polku_consent_get_kind (g_ptr_array_index (consents, i)), "sharing") != 0)
      add_consent_row (list, g_ptr_array_index (consents, i), organisations, today);

  for (guint i = 0; consents != NULL && i < consents->len; i++)
    n_sharing += g_strcmp0 (polku_consent_get_kind (g_ptr_array_index (consents, i)),
                            "sharing") == 0;
  /* the consents to share under a heading of their own, in a list of their own */
  polku_rows_clear (sharing_list);
  gtk_label_set_text (sharing_description,
                      n_sharing > 0
                      ? _("Only the organisations and parts named below may receive the "
                          "client’s data.")
                      : _("None: nothing of the client’s data may be shared."));
  gtk_widget_set_visible (GTK_WIDGET (sharing_list), n_sharing > 0);
  for (guint i = 0; consents != NULL && i < consents->len; i++)
    if (g_strcmp0 (polku_consent_get_kind (g_ptr_array_index (consents, i)), "sharing") == 0)
      add_consent_row (sharing_list, g_ptr_array_index (consents, i), organisations, today);
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

  /* Several members may be responsible workers at once: each is added and removed alone. */
  if (polku_team_member_get_responsible (member))
    {
      item = g_menu_item_new (_("_No Longer Responsible Worker"), NULL);
      g_menu_item_set_action_and_target (item, "overview.unset-responsible", "s", id);
    }
  else
    {
      item = g_menu_item_new (_("Make _Responsible Worker"), NULL);
      g_menu_item_set_action_and_target (item, "overview.set-responsible", "s", id);
    }
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

/* The coordinator (asiakasvastaava), who owns the case, with "Change…" and the earlier
 * coordinators; apart from the plan's responsible workers, though one person may be both. */
static void
add_coordinator_rows (GtkListBox *list,
                      PolkuCase  *kase,
                      GPtrArray  *coordinators)
{
  const char *coordinator = polku_case_get_coordinator (kase);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  guint n_past = 0;

  if (coordinator != NULL)
    {
      g_autofree char *since = polku_date_format_user (polku_case_get_coordinator_since (kase));

      /* TRANSLATORS: the coordinator and since when: "Sari Salo · since 2.11.2026" */
      subtitle = g_strdup_printf (_("%s · since %s"), coordinator, since);
    }
  row = polku_rows_add_row (list, _("Coordinator"),
                            subtitle != NULL ? subtitle
                                             : _("None: the client is waiting in the queue"));
  gtk_widget_add_css_class (row, "polku-property");
  if (coordinator == NULL)
    gtk_widget_add_css_class (row, "polku-missing");
  if (coordinator != NULL)
    add_row_button (row, _("_End…"), "overview.end-coordinator", NULL,
                    _("End the coordinator’s period without a successor"));
  add_row_button (row, _("_Change…"), "overview.change-coordinator", NULL,
                  _("Change the coordinator"));

  for (guint i = 0; coordinators != NULL && i < coordinators->len; i++)
    if (polku_coordinator_period_get_ended_on (g_ptr_array_index (coordinators, i)) != NULL)
      n_past++;
  if (n_past > 0)
    {
      GtkWidget *expander = adw_expander_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Earlier coordinators"));
      /* The newest first: the one before the current coordinator is the one asked about. */
      for (guint i = coordinators->len; i > 0; i--)
        {
          PolkuCoordinatorPeriod *period = g_ptr_array_index (coordinators, i - 1);
          g_autofree char *started = NULL;
          g_autofree char *ended = NULL;
          g_autofree char *dates = NULL;
          GtkWidget *child;

          if (polku_coordinator_period_get_ended_on (period) == NULL)
            continue;
          started = polku_date_format_user (polku_coordinator_period_get_started_on (period));
          ended = polku_date_format_user (polku_coordinator_period_get_ended_on (period));
          /* TRANSLATORS: a coordinator's period: "2.11.2026 – 5.1.2027" */
          dates = g_strdup_printf (_("%s – %s"), started, ended);
          child = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (child), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (child),
                                         polku_coordinator_period_get_person (period));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (child), dates);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), child);
        }
      gtk_list_box_append (list, expander);
    }
}

void
polku_overview_rows_fill_team (GtkListBox *list,
                               PolkuCase  *kase,
                               GPtrArray  *team,
                               GPtrArray  *coordinators)
{
  const char * const *responsible = polku_case_get_responsible_workers (kase);
  g_autofree char *names = responsible != NULL && responsible[0] != NULL
                           ? g_strjoinv (", ", (char **) responsible) : NULL;
  GtkWidget *row;

  polku_rows_clear (list);
  add_coordinator_rows (list, kase, coordinators);
  /* The last responsible worker may leave the team: the plan then names none, and this
   * row says so. */
  row = polku_rows_add_row (list, _("Responsible workers"),
                            names != NULL ? names
                                          : _("None named: the plan names no responsible "
                                              "worker"));
  gtk_widget_add_css_class (row, "polku-property");
  if (names == NULL)
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
      row = polku_rows_add_row (list, polku_team_member_get_person (member), subtitle);
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
      add_member_menu (row, member);
    }
}

void
polku_overview_rows_fill_followups (GtkListBox *list,
                                    GPtrArray  *followups)
{
  g_autofree char *now = polku_date_today ();

  polku_rows_clear (list);
  if (followups == NULL || followups->len == 0)
    polku_rows_add_row (list, _("No open follow-ups"), NULL);

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
      row = polku_rows_add_row (list, polku_followup_get_title (followup), subtitle);
      if (overdue)
        gtk_widget_add_css_class (row, "error");
      add_row_button (row, _("_Done"), "overview.followup-done", polku_followup_get_id (followup),
                      _("Mark this follow-up done"));
    }
}

void
polku_overview_rows_fill_signs (GtkListBox     *list,
                                PolkuChecklist *checklist,
                                GPtrArray      *signs)
{
  polku_rows_clear (list);
  if (signs == NULL || signs->len == 0)
    polku_rows_add_row (list, _("No warning signs"), NULL);

  for (guint i = 0; signs != NULL && i < signs->len; i++)
    {
      PolkuCaseSign *sign = g_ptr_array_index (signs, i);
      const char *group = polku_case_sign_get_group_id (sign);
      const char *item = polku_case_sign_get_item_id (sign);
      const char *label = polku_checklist_get_item_label (checklist, group, item, NULL);
      const char *group_label = polku_checklist_get_group_label (checklist, group, NULL);
      g_autofree char *date = polku_date_format_user (polku_case_sign_get_flagged_on (sign));
      g_autofree char *source = polku_case_sign_dup_source (sign);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* TRANSLATORS: a warning sign: reason, then "date · source", the source as "Health
       * care · Health centre · Minna Rautio" or "The client themself" */
      subtitle = g_strdup_printf (_("%s\n%s · %s"), polku_case_sign_get_reason (sign), date,
                                  source);
      row = polku_rows_add_row (list, label != NULL ? label : item, subtitle);
      /* the reason and the source are read in full, however narrow the window */
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      if (group_label != NULL)
        gtk_widget_set_tooltip_text (row, group_label);
      add_row_button (row, _("Re_tract"), "overview.retract-sign", polku_case_sign_get_id (sign),
                      _("Retract this warning sign, flagged by mistake"));
    }
}

void
polku_overview_rows_fill_notes (GtkListBox *list,
                                GPtrArray  *notes)
{
  polku_rows_clear (list);
  if (notes == NULL || notes->len == 0)
    polku_rows_add_row (list, _("No notes"), NULL);
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
      GtkWidget *row = polku_rows_add_row (list, title, polku_case_note_get_body (note));

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
}
