/* polku-overview-view.c: the client's case at a glance, and the forms to change it
 *
 * Phase (with the path and the history), consent, team and responsible worker, follow-ups,
 * warning signs and notes (their rows are made in polku-overview-rows.c). Each change opens a
 * small form (a PolkuFormDialog, which refuses a date that is not one); the core checks it,
 * writes it with its audit entry, and the view reads the case again. What the core refuses (a
 * phase change without consent, a second responsible worker…) is shown as a toast with the
 * core's message, and nothing changes.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-overview-view"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-case-store.h"
#include "polku-checklist.h"
#include "polku-client-view.h"
#include "polku-consent-store.h"
#include "polku-coordinator-store.h"
#include "polku-date.h"
#include "polku-followup-store.h"
#include "polku-form-dialog.h"
#include "polku-organisations.h"
#include "polku-overview-rows.h"
#include "polku-overview-view.h"
#include "polku-rows-private.h"
#include "polku-satisfaction-dialog.h"
#include "polku-team-store.h"

struct _PolkuOverviewView
{
  PolkuClientView  parent_instance;

  PolkuChecklist  *checklist;
  PolkuCase       *kase;

  AdwToastOverlay *toast_overlay;
  GtkWidget       *case_box;
  GtkWidget       *empty_page;
  GtkLabel        *empty_description;
  AdwPreferencesGroup *phase_group;
  AdwPreferencesGroup *consent_group;
  AdwPreferencesGroup *team_group;
  AdwPreferencesGroup *followups_group;
  AdwPreferencesGroup *signs_group;
  AdwPreferencesGroup *notes_group;
  GtkListBox      *phase_list;
  GtkListBox      *consent_list;
  GtkListBox      *sharing_list;
  GtkLabel        *sharing_description;
  GtkListBox      *team_list;
  GtkListBox      *followups_list;
  GtkListBox      *signs_list;
  GtkListBox      *notes_list;
};

G_DEFINE_FINAL_TYPE (PolkuOverviewView, polku_overview_view, POLKU_TYPE_CLIENT_VIEW)

static char *
days_from_today (int days)
{
  g_autoptr(GDateTime) now = polku_date_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static const char *
client_id (PolkuOverviewView *self)
{
  return polku_client_view_get_client_id (POLKU_CLIENT_VIEW (self));
}

static PolkuStore *
store_of (PolkuOverviewView *self)
{
  return polku_client_view_get_store (POLKU_CLIENT_VIEW (self));
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
  gtk_widget_set_visible (self->empty_page, !have_case);
  gtk_widget_set_visible (self->case_box, have_case);
  /* The toast overlay in between does not pass its content's new size on (libadwaita 1.2). */
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Loading: the case and its lists are read together in a thread (one snapshot). */

typedef struct
{
  PolkuCase *kase;
  GPtrArray *phases;
  GPtrArray *consents;
  GPtrArray *team;
  GPtrArray *coordinators;
  GPtrArray *followups;
  GPtrArray *signs;
  GPtrArray *notes;
} OverviewData;

static void
overview_data_free (OverviewData *data)
{
  g_clear_object (&data->kase);
  g_clear_pointer (&data->phases, g_ptr_array_unref);
  g_clear_pointer (&data->consents, g_ptr_array_unref);
  g_clear_pointer (&data->team, g_ptr_array_unref);
  g_clear_pointer (&data->coordinators, g_ptr_array_unref);
  g_clear_pointer (&data->followups, g_ptr_array_unref);
  g_clear_pointer (&data->signs, g_ptr_array_unref);
  g_clear_pointer (&data->notes, g_ptr_array_unref);
  g_free (data);
}

/* Worker thread: the case (an error when there is none yet), then its lists. */
static gpointer
overview_load (PolkuStore    *store,
               const char    *id,
               gpointer       snapshot,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(PolkuCase) kase = polku_case_store_get (store, id, error);
  OverviewData *data;

  if (kase == NULL)
    return NULL;
  data = g_new0 (OverviewData, 1);
  data->kase = g_steal_pointer (&kase);
  if (!g_cancellable_is_cancelled (cancellable))
    {
      data->phases = polku_case_store_list_phases (store, id, NULL);
      data->consents = polku_consent_store_list (store, id, NULL);
      data->team = polku_team_store_list (store, id, FALSE, NULL);
      data->coordinators = polku_coordinator_store_list_history (store, id, NULL);
      data->followups = polku_followup_store_list (store, id, FALSE, NULL);
      data->signs = polku_case_store_list_signs (store, id, FALSE, NULL);
      data->notes = polku_case_store_list_notes (store, id, NULL);
    }
  return data;
}

/* A sign can be flagged for a client of an open store, with a checklist that loaded. */
static void
update_actions (PolkuOverviewView *self)
{
  PolkuStore *store = store_of (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.add-sign",
                                 client_id (self) != NULL && store != NULL
                                 && polku_store_is_open (store) && self->checklist != NULL);
}

/* Shows nothing of any client (at once, when the client changes); with no client to read,
 * the "No Case Yet" page. */
static void
overview_clear (PolkuClientView *view)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (view);
  PolkuStore *store = store_of (self);

  g_clear_object (&self->kase);
  polku_rows_clear (self->phase_list);
  polku_rows_clear (self->consent_list);
  polku_rows_clear (self->sharing_list);
  polku_rows_clear (self->team_list);
  polku_rows_clear (self->followups_list);
  polku_rows_clear (self->signs_list);
  polku_rows_clear (self->notes_list);
  update_actions (self);
  if (client_id (self) == NULL || store == NULL || !polku_store_is_open (store))
    {
      show_state (self, FALSE);
      return;
    }
  gtk_widget_set_visible (self->empty_page, FALSE);
  gtk_widget_set_visible (self->case_box, FALSE);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
overview_apply (PolkuClientView *view,
                gpointer         result,
                const GError    *error)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (view);
  OverviewData *data = result;

  g_clear_object (&self->kase);
  if (data != NULL)
    self->kase = g_steal_pointer (&data->kase);
  update_actions (self);
  if (self->kase == NULL)
    {
      if (error != NULL && !g_error_matches (error, POLKU_CASE_ERROR,
                                             POLKU_CASE_ERROR_NOT_FOUND))
        show_error (self, error);
      show_state (self, FALSE);
      return;
    }
  polku_overview_rows_fill_phase (self->phase_list, self->kase, data->phases);
  polku_overview_rows_fill_consent (self->consent_list, self->sharing_list,
                                    self->sharing_description, self->kase, data->consents);
  polku_overview_rows_fill_team (self->team_list, self->kase, data->team, data->coordinators);
  polku_overview_rows_fill_followups (self->followups_list, data->followups);
  polku_overview_rows_fill_signs (self->signs_list, self->checklist, data->signs);
  polku_overview_rows_fill_notes (self->notes_list, data->notes);
  show_state (self, TRUE);
}

/* Shown again: the case may have changed meanwhile (the CLI, another view). */
static gboolean
overview_wants_reload (PolkuClientView *view)
{
  return TRUE;
}

/* Forms */

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
  polku_client_view_reload (POLKU_CLIENT_VIEW (self));
  /* A phase, a closing or a reopening moves the client into or out of the queue and the
   * caseload; the client list reads them again only when told. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.caseload-changed", NULL);
}

/* A form over the view's window; @save (self, form) writes what was submitted. */
static PolkuFormDialog *
form_new (PolkuOverviewView *self,
          const char        *heading,
          const char        *body,
          const char        *submit_label,
          GCallback          save)
{
  PolkuFormDialog *form = polku_form_dialog_new (GTK_WIDGET (self), heading, body, submit_label);

  g_signal_connect_object (form, "submit", save, self, G_CONNECT_SWAPPED);
  return form;
}

/* The labels of a vocabulary's @codes, NULL-terminated as the codes are. */
static GPtrArray *
code_labels (const char * const *codes,
             const char       *(*get_label) (const char *code))
{
  GPtrArray *labels = g_ptr_array_new ();

  for (guint i = 0; codes[i] != NULL; i++)
    g_ptr_array_add (labels, (gpointer) get_label (codes[i]));
  g_ptr_array_add (labels, NULL);
  return labels;
}

#define LABELS(array) ((const char * const *) (array)->pdata)

/* Phase */

static gboolean
phase_is_closed (PolkuFormDialog *form)
{
  return g_strcmp0 (polku_form_dialog_get_choice (form, "phase"),
                    polku_case_phase_to_code (POLKU_CASE_PHASE_CLOSED)) == 0;
}

/* The closing reason follows the phase: none unless closing, and choosing one means closing.
 * Closing starts with none chosen: the reports count the reasons, so one is chosen on
 * purpose, never by default. */
static void
phase_form_changed_cb (PolkuFormDialog *form,
                       const char      *key,
                       gpointer         user_data)
{
  const char *code = polku_form_dialog_get_choice (form, "closing-reason");
  gboolean closing = code != NULL && code[0] != '\0';

  if (g_str_equal (key, "phase") && closing && !phase_is_closed (form))
    polku_form_dialog_set_choice (form, "closing-reason", "");
  else if (g_str_equal (key, "closing-reason") && closing && !phase_is_closed (form))
    polku_form_dialog_set_choice (form, "phase",
                                  polku_case_phase_to_code (POLKU_CASE_PHASE_CLOSED));
}

/* Whether the consent gate lets the case into @phase on @date (NULL: today): past
 * identification only with a consent to contact; closing always. */
static gboolean
phase_allowed (PolkuOverviewView  *self,
               PolkuCasePhase      phase,
               const char         *date,
               GError            **error)
{
  if (phase == POLKU_CASE_PHASE_IDENTIFIED || phase == POLKU_CASE_PHASE_CLOSED)
    return TRUE;
  if (!polku_consent_check_contact (store_of (self), client_id (self), date, error))
    {
      g_prefix_error (error, _("The case cannot move past identification. "));
      return FALSE;
    }
  return TRUE;
}

/* What the store would refuse is said in the form, whole, while it is still open: the
 * current phase again, a phase the consent gate does not allow; then closing needs a reason
 * of the list, and the words a reason such as "Other" needs. */
static gboolean
validate_phase (PolkuFormDialog  *form,
                gpointer          user_data,
                GError          **error)
{
  PolkuOverviewView *self = user_data;
  g_autoptr(PolkuClosingReasons) reasons = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *date = polku_form_dialog_get_date_iso (form, "date");
  PolkuCasePhase phase = POLKU_CASE_PHASE_IDENTIFIED;
  const char *code;

  polku_case_phase_from_code (polku_form_dialog_get_choice (form, "phase"), &phase);
  if (self->kase != NULL && polku_case_get_phase_value (self->kase) == phase)
    {
      g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID,
                   _("The case is already in the phase “%s”."),
                   polku_case_phase_get_label (phase));
      return FALSE;
    }
  if (!phase_allowed (self, phase, date, error))
    return FALSE;
  if (!phase_is_closed (form))
    return TRUE;
  reasons = polku_closing_reasons_get_default (error);
  if (reasons == NULL)
    return FALSE;
  code = polku_form_dialog_get_choice (form, "closing-reason");
  reason = polku_form_dialog_get_text (form, "reason");
  if (code == NULL || code[0] == '\0')
    {
      g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID,
                   _("Choose why the case is closed."));
      return FALSE;
    }
  return polku_closing_reasons_check (reasons, code, reason, error);
}

static void
save_phase (PolkuOverviewView *self,
            PolkuFormDialog   *form)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = polku_form_dialog_get_date_iso (form, "date");
  g_autofree char *reason = polku_form_dialog_get_text (form, "reason");
  const char *code = polku_form_dialog_get_choice (form, "closing-reason");
  PolkuCasePhase phase = POLKU_CASE_PHASE_IDENTIFIED;

  polku_case_phase_from_code (polku_form_dialog_get_choice (form, "phase"), &phase);
  changed (self, polku_case_store_set_phase (store_of (self), client_id (self), phase, date,
                                             phase == POLKU_CASE_PHASE_CLOSED ? code : NULL,
                                             reason, &error),
           &error, _("Phase changed"));
}

static void
change_phase_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  const char *codes[POLKU_CASE_N_PHASES + 1] = { NULL };
  const char *labels[POLKU_CASE_N_PHASES + 1] = { NULL };
  g_autofree char *date = polku_date_today ();
  g_autoptr(PolkuClosingReasons) reasons = polku_closing_reasons_get_default (NULL);
  g_autoptr(GPtrArray) reason_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) reason_labels = g_ptr_array_new ();
  PolkuFormDialog *form;

  for (PolkuCasePhase i = 0; i < POLKU_CASE_N_PHASES; i++)
    {
      codes[i] = polku_case_phase_to_code (i);
      labels[i] = polku_case_phase_get_label (i);
    }
  /* The first choice is "not closing": the reasons apply only to closing. */
  g_ptr_array_add (reason_ids, (gpointer) "");
  g_ptr_array_add (reason_labels, (gpointer) _("None (not closing)"));
  for (guint i = 0; reasons != NULL && i < polku_closing_reasons_get_n_reasons (reasons); i++)
    {
      const char *id = polku_closing_reasons_get_reason_id (reasons, i);

      g_ptr_array_add (reason_ids, (gpointer) id);
      g_ptr_array_add (reason_labels,
                       (gpointer) polku_closing_reasons_get_label (reasons, id, NULL));
    }
  g_ptr_array_add (reason_ids, NULL);
  g_ptr_array_add (reason_labels, NULL);

  form = form_new (self, _("Change Phase"),
                   _("Going back is allowed; every change is kept in the history. Past "
                     "identification the client’s consent is needed."),
                   _("C_hange"), G_CALLBACK (save_phase));
  polku_form_dialog_add_choice (form, "phase", _("Phase"), codes, labels, FALSE);
  /* The next phase the consent gate allows (closing, which needs a reason chosen on
   * purpose, when no consent lets the case move on). */
  if (self->kase != NULL)
    {
      PolkuCasePhase next = MIN (polku_case_get_phase_value (self->kase) + 1,
                                 POLKU_CASE_PHASE_CLOSED);

      while (next < POLKU_CASE_PHASE_CLOSED && !phase_allowed (self, next, NULL, NULL))
        next++;
      polku_form_dialog_set_choice (form, "phase", codes[next]);
    }
  polku_form_dialog_add_date (form, "date", _("Date (d.m.yyyy)"), date);
  polku_form_dialog_add_choice (form, "closing-reason", _("Closing reason"), LABELS (reason_ids),
                                LABELS (reason_labels), TRUE);
  polku_form_dialog_add_text (form, "reason", _("In your own words (needed for some reasons)"),
                              NULL);
  phase_form_changed_cb (form, "phase", NULL);
  g_signal_connect (form, "changed", G_CALLBACK (phase_form_changed_cb), NULL);
  polku_form_dialog_set_validate (form, validate_phase, self, NULL);
  gtk_window_present (GTK_WINDOW (form));
}

/* The toast's button after a consent to contact: the case moves on to "Consent given". */
static void
on_move_to_consent_clicked (PolkuOverviewView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "overview.move-to-consent", NULL);
}

static void
move_to_consent_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->kase == NULL
      || polku_case_get_phase_value (self->kase) != POLKU_CASE_PHASE_IDENTIFIED)
    return;
  changed (self, polku_case_store_set_phase (store_of (self), client_id (self),
                                             POLKU_CASE_PHASE_CONSENT, NULL, NULL, NULL,
                                             &error),
           &error, _("Phase changed"));
}

static void
save_review (PolkuOverviewView *self,
             PolkuFormDialog   *form)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = polku_form_dialog_get_date_iso (form, "date");

  changed (self, polku_case_store_set_review (store_of (self), client_id (self), date, &error),
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
  PolkuFormDialog *form;

  form = form_new (self, _("Next Review"), _("Leave the date empty for no review date."),
                   _("_Set"), G_CALLBACK (save_review));
  polku_form_dialog_add_date (form, "date", _("Date (d.m.yyyy)"), date);
  gtk_window_present (GTK_WINDOW (form));
}

/* Consent */

static void
save_consent (PolkuOverviewView *self,
              PolkuFormDialog   *form)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuConsent) draft = NULL;
  g_autoptr(PolkuConsent) consent = NULL;
  g_autofree char *given_on = polku_form_dialog_get_date_iso (form, "given-on");
  g_autofree char *valid_until = polku_form_dialog_get_date_iso (form, "valid-until");
  g_autofree char *representative = polku_form_dialog_get_text (form, "representative");
  g_auto(GStrv) organisations = polku_form_dialog_get_checked (form, "organisations");
  g_auto(GStrv) parts = polku_form_dialog_get_checked (form, "parts");
  const char *kind = polku_form_dialog_get_choice (form, "kind");
  const char *given_by = polku_form_dialog_get_choice (form, "given-by");
  gboolean sharing = g_strcmp0 (kind, "sharing") == 0;

  /* The organisations and parts are hidden for a consent to contact: it names none. */
  draft = g_object_new (POLKU_TYPE_CONSENT,
                        "client-id", client_id (self),
                        "kind", kind,
                        "given-on", given_on,
                        "given-by", given_by,
                        "representative",
                        g_strcmp0 (given_by, polku_consent_given_by_codes ()[1]) == 0
                        ? representative : NULL,
                        "method", polku_form_dialog_get_choice (form, "method"),
                        "organisations", sharing ? organisations : NULL,
                        "parts", sharing ? parts : NULL,
                        "valid-until", valid_until,
                        NULL);
  consent = polku_consent_store_add (store_of (self), draft, &error);
  if (consent == NULL)
    {
      show_error (self, error);
      return;
    }
  /* A consent to contact is what lets an identified case move on: offered at once. */
  if (!sharing && self->kase != NULL
      && polku_case_get_phase_value (self->kase) == POLKU_CASE_PHASE_IDENTIFIED
      && phase_allowed (self, POLKU_CASE_PHASE_CONSENT, NULL, NULL))
    {
      AdwToast *toast = adw_toast_new (_("Consent recorded"));
      g_autofree char *button =
        /* Translators: %s is a phase of the case, e.g. "Consent given" */
        g_strdup_printf (_("Move to %s"),
                         polku_case_phase_get_label (POLKU_CASE_PHASE_CONSENT));

      adw_toast_set_button_label (toast, button);
      /* A signal, not the action's name: the toast may be in the window's overlay, outside
       * the view whose action it is. */
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_move_to_consent_clicked),
                               self, G_CONNECT_SWAPPED);
      adw_toast_set_timeout (toast, 10);
      /* Not queued behind an earlier toast: the offer is for now. */
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (get_toast_overlay (self), toast);
    }
  else
    show_done (self, _("Consent recorded"));
  polku_client_view_reload (POLKU_CLIENT_VIEW (self));
}

/* Only a consent to share names organisations and parts. */
static void
consent_kind_changed (PolkuFormDialog *form,
                      const char      *key,
                      gpointer         user_data)
{
  gboolean sharing = g_strcmp0 (polku_form_dialog_get_choice (form, "kind"), "sharing") == 0;

  polku_form_dialog_set_visible (form, "organisations", sharing);
  polku_form_dialog_set_visible (form, "parts", sharing);
}

static void
add_consent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autoptr(GPtrArray) kinds = code_labels (polku_consent_kind_codes (),
                                            polku_consent_code_get_label);
  g_autoptr(GPtrArray) given_by = code_labels (polku_consent_given_by_codes (),
                                               polku_consent_code_get_label);
  g_autoptr(GPtrArray) methods = code_labels (polku_consent_method_codes (),
                                              polku_consent_code_get_label);
  g_autoptr(GPtrArray) parts = code_labels (polku_consent_part_codes (),
                                            polku_consent_code_get_label);
  g_autoptr(PolkuOrganisations) organisations = polku_organisations_get_default (NULL);
  g_autoptr(GStrvBuilder) organisation_ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) organisation_names = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *date = polku_date_today ();
  g_autofree char *until = days_from_today (730);
  PolkuFormDialog *form;

  /* The county's list, never free text: a consent names organisations by id. */
  for (guint i = 0; organisations != NULL
                    && i < g_list_model_get_n_items (polku_organisations_get_list (
                                                       organisations)); i++)
    {
      g_autoptr(PolkuOrganisation) organisation =
        g_list_model_get_item (polku_organisations_get_list (organisations), i);

      g_strv_builder_add (organisation_ids, polku_organisation_get_id (organisation));
      g_strv_builder_add (organisation_names, polku_organisation_get_label (organisation));
    }
  ids = g_strv_builder_end (organisation_ids);
  names = g_strv_builder_end (organisation_names);

  form = form_new (self, _("Record Consent"),
                   _("A consent to contact lets the client be contacted and referred: the "
                     "case moves on from identification. A consent to share names the "
                     "organisations that may receive the client’s data, and the parts of the "
                     "plan."),
                   _("_Record"), G_CALLBACK (save_consent));
  polku_form_dialog_add_choice (form, "kind", _("Consent"), polku_consent_kind_codes (),
                                LABELS (kinds), FALSE);
  /* Until the client may be contacted, that is the consent to record first. */
  polku_form_dialog_set_choice (form, "kind",
                                self->kase != NULL && polku_case_get_consent_valid (self->kase)
                                ? "sharing" : "contact");
  polku_form_dialog_add_date (form, "given-on", _("Given on (d.m.yyyy)"), date);
  polku_form_dialog_add_choice (form, "given-by", _("Given by"), polku_consent_given_by_codes (),
                                LABELS (given_by), FALSE);
  polku_form_dialog_add_text (form, "representative",
                              _("Legal representative (if given by one)"), NULL);
  polku_form_dialog_add_choice (form, "method", _("How"), polku_consent_method_codes (),
                                LABELS (methods), FALSE);
  polku_form_dialog_add_check_group (form, "organisations", _("Organisations"),
                                     (const char * const *) ids, (const char * const *) names);
  polku_form_dialog_add_check_list (form, "parts", polku_consent_part_codes (), LABELS (parts),
                                    TRUE);
  polku_form_dialog_add_date (form, "valid-until",
                              _("Valid until (d.m.yyyy, empty: until withdrawn)"), until);
  g_signal_connect (form, "changed::kind", G_CALLBACK (consent_kind_changed), NULL);
  consent_kind_changed (form, "kind", NULL);
  gtk_window_present (GTK_WINDOW (form));
}

static void
save_withdrawal (PolkuOverviewView *self,
                 PolkuFormDialog   *form)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *consent = polku_form_dialog_get_text (form, "consent");
  g_autofree char *date = polku_form_dialog_get_date_iso (form, "date");

  changed (self, polku_consent_store_withdraw (store_of (self), consent, date, &error), &error,
           _("Consent withdrawn"));
}

static void
withdraw_consent_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autofree char *date = polku_date_today ();
  PolkuFormDialog *form;

  form = form_new (self, _("Withdraw Consent"),
                   _("From this day on nothing is shared under this consent. It stays in "
                     "the history."),
                   _("_Withdraw"), G_CALLBACK (save_withdrawal));
  polku_form_dialog_set_destructive (form, TRUE);
  polku_form_dialog_add_hidden (form, "consent", g_variant_get_string (parameter, NULL));
  polku_form_dialog_add_date (form, "date", _("Withdrawn on (d.m.yyyy)"), date);
  gtk_window_present (GTK_WINDOW (form));
}

/* Team */

static void
save_member (PolkuOverviewView *self,
             PolkuFormDialog   *form)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuTeamMember) draft = NULL;
  g_autofree char *person = polku_form_dialog_get_text (form, "person");
  g_autofree char *role = polku_form_dialog_get_text (form, "role");
  g_autofree char *organisation = polku_form_dialog_get_text (form, "organisation");
  g_autofree char *contact = polku_form_dialog_get_text (form, "contact");

  draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                        "client-id", client_id (self),
                        "person", person,
                        "role", role,
                        "organisation", organisation,
                        "sector", polku_form_dialog_get_choice (form, "sector"),
                        "contact", contact,
                        "responsible", polku_form_dialog_get_switch (form, "responsible"),
                        NULL);
  changed (self, polku_team_store_add (store_of (self), draft, &error), &error,
           _("Team member added"));
}

static void
add_member_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autoptr(GPtrArray) sectors = code_labels (polku_team_sector_codes (),
                                              polku_team_sector_get_label);
  PolkuFormDialog *form;

  form = form_new (self, _("Add Team Member"), NULL, _("_Add"), G_CALLBACK (save_member));
  polku_form_dialog_add_text (form, "person", _("Name"), NULL);
  polku_form_dialog_add_text (form, "role", _("Role"), NULL);
  polku_form_dialog_add_text (form, "organisation", _("Organisation"), NULL);
  polku_form_dialog_add_choice (form, "sector", _("Sector"), polku_team_sector_codes (),
                                LABELS (sectors), FALSE);
  polku_form_dialog_add_text (form, "contact", _("Phone or e-mail"), NULL);
  polku_form_dialog_add_switch (form, "responsible", _("Responsible worker"),
                                self->kase != NULL
                                && (polku_case_get_responsible_workers (self->kase) == NULL
                                    || polku_case_get_responsible_workers (self->kase)[0]
                                       == NULL));
  gtk_window_present (GTK_WINDOW (form));
}

static void
set_responsible_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;

  changed (self, polku_team_store_set_responsible (store_of (self),
                                                   g_variant_get_string (parameter, NULL),
                                                   NULL, &error),
           &error, _("Responsible worker named"));
}

static void
unset_responsible_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;

  changed (self, polku_team_store_unset_responsible (store_of (self),
                                                     g_variant_get_string (parameter, NULL),
                                                     NULL, &error),
           &error, _("No longer a responsible worker"));
}

/* Coordinator */

static void
save_coordinator (PolkuOverviewView *self,
                  PolkuFormDialog   *form)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *person = polku_form_dialog_get_text (form, "person");
  g_autofree char *date = polku_form_dialog_get_date_iso (form, "date");

  changed (self, polku_coordinator_store_set (store_of (self), client_id (self), person, date,
                                              &error),
           &error, _("Coordinator changed"));
}

/* The signed-in worker is offered: taking a client from the queue is the usual change. */
static void
change_coordinator_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autofree char *actor = polku_store_dup_actor (store_of (self));
  g_autofree char *date = polku_date_today ();
  PolkuFormDialog *form;

  form = form_new (self, _("Change Coordinator"),
                   _("The coordinator owns the case and has it in their caseload. The "
                     "previous coordinator’s period ends on the same day."),
                   _("C_hange"), G_CALLBACK (save_coordinator));
  polku_form_dialog_add_text (form, "person", _("Coordinator"), actor);
  polku_form_dialog_add_date (form, "date", _("From (d.m.yyyy)"), date);
  gtk_window_present (GTK_WINDOW (form));
}

static void
end_coordinator (PolkuOverviewView *self,
                 PolkuFormDialog   *form)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = polku_form_dialog_get_date_iso (form, "date");

  changed (self, polku_coordinator_store_end (store_of (self), client_id (self), date, &error),
           &error, _("Coordinator’s period ended"));
}

/* Without a successor (the coordinator left the service): the client waits in the queue. */
static void
end_coordinator_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autofree char *date = polku_date_today ();
  g_autofree char *body = NULL;
  PolkuFormDialog *form;

  if (self->kase == NULL || polku_case_get_coordinator (self->kase) == NULL)
    return;
  /* TRANSLATORS: %s is the coordinator's name */
  body = g_strdup_printf (_("%s’s period as the coordinator ends and nobody takes over: the "
                            "client waits in the queue for a coordinator."),
                          polku_case_get_coordinator (self->kase));
  form = form_new (self, _("End Coordinator’s Period"), body, _("_End Period"),
                   G_CALLBACK (end_coordinator));
  polku_form_dialog_add_date (form, "date", _("Ends on (d.m.yyyy)"), date);
  gtk_window_present (GTK_WINDOW (form));
}

static void
leave_team_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;

  changed (self, polku_team_store_leave (store_of (self), g_variant_get_string (parameter, NULL),
                                         NULL, &error),
           &error, _("Left the team"));
}

/* Follow-ups */

static void
save_followup (PolkuOverviewView *self,
               PolkuFormDialog   *form)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuFollowup) draft = NULL;
  g_autofree char *title = polku_form_dialog_get_text (form, "title");
  g_autofree char *due_on = polku_form_dialog_get_date_iso (form, "due-on");
  g_autofree char *assignee = polku_form_dialog_get_text (form, "assignee");

  draft = g_object_new (POLKU_TYPE_FOLLOWUP,
                        "client-id", client_id (self),
                        "title", title,
                        "due-on", due_on,
                        "assignee", assignee,
                        NULL);
  changed (self, polku_followup_store_add (store_of (self), draft, &error), &error,
           _("Follow-up added"));
}

static void
add_followup_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autofree char *due = days_from_today (7);
  PolkuFormDialog *form;

  form = form_new (self, _("Add Follow-up"), NULL, _("_Add"), G_CALLBACK (save_followup));
  polku_form_dialog_add_text (form, "title", _("What to follow up"), NULL);
  polku_form_dialog_add_date (form, "due-on", _("Due (d.m.yyyy)"), due);
  polku_form_dialog_add_text (form, "assignee", _("Who (optional)"), NULL);
  gtk_window_present (GTK_WINDOW (form));
}

static void
followup_done_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuFollowup) followup = NULL;

  followup = polku_followup_store_done (store_of (self), g_variant_get_string (parameter, NULL),
                                        NULL, &error);
  if (followup == NULL)
    {
      show_error (self, error);
      return;
    }
  /* At the follow-up visit the satisfaction question is asked with one tap: offered here. */
  adw_toast_overlay_add_toast (get_toast_overlay (self),
                               polku_satisfaction_toast_new (GTK_WIDGET (self), store_of (self),
                                                             polku_followup_get_client_id (
                                                               followup),
                                                             _("Follow-up done")));
  polku_client_view_reload (POLKU_CLIENT_VIEW (self));
}

/* Warning signs */

/* The checklist's items of the group chosen in the sign form. */
static void
sign_group_changed_cb (PolkuFormDialog   *form,
                       const char        *key,
                       PolkuOverviewView *self)
{
  const char *group_id = polku_form_dialog_get_choice (form, "group");
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint group = 0; group < polku_checklist_get_n_groups (self->checklist); group++)
    {
      if (g_strcmp0 (polku_checklist_get_group_id (self->checklist, group), group_id) != 0)
        continue;
      for (guint i = 0; i < polku_checklist_get_n_items (self->checklist, group); i++)
        {
          const char *item_id = polku_checklist_get_item_id (self->checklist, group, i);

          g_ptr_array_add (ids, (gpointer) item_id);
          g_ptr_array_add (labels, (gpointer) polku_checklist_get_item_label (self->checklist,
                                                                              group_id, item_id,
                                                                              NULL));
        }
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (labels, NULL);
  polku_form_dialog_set_choices (form, "item", LABELS (ids), LABELS (labels));
}

/* What the sign form asks of the source: a professional names the unit and the person; the
 * client's own or a relative's report needs neither (a relative's name is welcome). */
static const char *
sign_source_hint (const char *sector)
{
  if (g_strcmp0 (sector, "client") == 0)
    return _("The client told about their need themself: no unit or person is needed.");
  if (g_strcmp0 (sector, "relative") == 0)
    return _("A relative flagged the client: no unit is needed, the relative’s name is "
             "optional.");
  return _("A professional flagged the client: name the unit and the person.");
}

static void
sign_sector_changed_cb (PolkuFormDialog   *form,
                        const char        *key,
                        PolkuOverviewView *self)
{
  const char *sector = polku_form_dialog_get_choice (form, "sector");
  g_autofree char *actor = polku_store_dup_actor (store_of (self));
  g_autofree char *flagged_by = polku_form_dialog_get_text (form, "flagged-by");

  g_autofree char *body = g_strdup_printf ("%s\n\n%s",
                                           polku_checklist_get_title (self->checklist, NULL),
                                           sign_source_hint (sector));

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (form), body);
  /* The recorder's own name is a professional's default, never a client's or relative's. */
  if (!polku_case_sign_sector_is_professional (sector) && g_strcmp0 (flagged_by, actor) == 0)
    polku_form_dialog_set_text (form, "flagged-by", NULL);
  else if (polku_case_sign_sector_is_professional (sector) && flagged_by == NULL)
    polku_form_dialog_set_text (form, "flagged-by", actor);
}

static gboolean
validate_sign (PolkuFormDialog  *form,
               gpointer          user_data,
               GError          **error)
{
  g_autofree char *service_point = polku_form_dialog_get_text (form, "service-point");
  g_autofree char *flagged_by = polku_form_dialog_get_text (form, "flagged-by");
  g_autofree char *reason = polku_form_dialog_get_text (form, "reason");

  if (reason == NULL)
    g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID,
                 _("Say why: a warning sign needs a reason."));
  else if (polku_case_sign_sector_is_professional (polku_form_dialog_get_choice (form, "sector"))
           && (service_point == NULL || flagged_by == NULL))
    g_set_error (error, POLKU_CASE_ERROR, POLKU_CASE_ERROR_INVALID,
                 _("A professional’s warning sign names the unit and the person who flagged "
                   "the client."));
  else
    return TRUE;
  return FALSE;
}

static void
save_sign (PolkuOverviewView *self,
           PolkuFormDialog   *form)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCaseSign) draft = NULL;
  g_autofree char *reason = polku_form_dialog_get_text (form, "reason");
  g_autofree char *service_point = polku_form_dialog_get_text (form, "service-point");
  g_autofree char *flagged_by = polku_form_dialog_get_text (form, "flagged-by");
  g_autofree char *flagged_on = polku_form_dialog_get_date_iso (form, "flagged-on");

  draft = g_object_new (POLKU_TYPE_CASE_SIGN,
                        "client-id", client_id (self),
                        "group-id", polku_form_dialog_get_choice (form, "group"),
                        "item-id", polku_form_dialog_get_choice (form, "item"),
                        "reason", reason,
                        "source-sector", polku_form_dialog_get_choice (form, "sector"),
                        "flagged-by", flagged_by,
                        "flagged-on", flagged_on,
                        "service-point", service_point,
                        NULL);
  changed (self, polku_case_store_add_sign (store_of (self), self->checklist, draft, &error),
           &error, _("Warning sign recorded"));
}

static void
add_sign_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) sectors = code_labels (polku_case_sign_sector_codes (),
                                              polku_case_sign_sector_get_label);
  g_autofree char *date = polku_date_today ();
  g_autofree char *actor = polku_store_dup_actor (store_of (self));
  const char *empty[] = { NULL };
  PolkuFormDialog *form;

  if (self->checklist == NULL)
    return;
  for (guint i = 0; i < polku_checklist_get_n_groups (self->checklist); i++)
    {
      const char *group_id = polku_checklist_get_group_id (self->checklist, i);

      g_ptr_array_add (ids, (gpointer) group_id);
      g_ptr_array_add (labels, (gpointer) polku_checklist_get_group_label (self->checklist,
                                                                           group_id, NULL));
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (labels, NULL);

  form = form_new (self, _("Flag a Warning Sign"), NULL, _("_Flag"), G_CALLBACK (save_sign));
  /* Who flagged the client first: it decides what else the form needs. */
  polku_form_dialog_add_choice (form, "sector", _("Flagged by (source)"),
                                polku_case_sign_sector_codes (), LABELS (sectors), TRUE);
  /* The chosen sign in full, in the row's subtitle (which wraps), not cut off at the side. */
  polku_form_dialog_add_choice (form, "group", _("Sign"), LABELS (ids), LABELS (labels), TRUE);
  polku_form_dialog_add_choice (form, "item", _("In particular"), empty, empty, TRUE);
  g_signal_connect_object (form, "changed::group", G_CALLBACK (sign_group_changed_cb), self, 0);
  sign_group_changed_cb (form, "group", self);
  polku_form_dialog_add_text (form, "reason", _("Why"), NULL);
  polku_form_dialog_add_text (form, "service-point", _("Unit (a professional’s sign)"), NULL);
  polku_form_dialog_add_text (form, "flagged-by", _("Person who flagged"), actor);
  polku_form_dialog_add_date (form, "flagged-on", _("Date (d.m.yyyy)"), date);
  g_signal_connect_object (form, "changed::sector", G_CALLBACK (sign_sector_changed_cb), self, 0);
  sign_sector_changed_cb (form, "sector", self);
  polku_form_dialog_set_validate (form, validate_sign, NULL, NULL);
  gtk_window_present (GTK_WINDOW (form));
}

static void
retract_sign_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;

  changed (self, polku_case_store_retract_sign (store_of (self),
                                                g_variant_get_string (parameter, NULL), NULL,
                                                &error),
           &error, _("Warning sign retracted"));
}

/* Notes */

static void
save_note (PolkuOverviewView *self,
           PolkuFormDialog   *form)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = polku_form_dialog_get_text (form, "body");

  changed (self, polku_case_store_add_note (store_of (self), client_id (self), body, &error),
           &error, _("Note added"));
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PolkuOverviewView *self = POLKU_OVERVIEW_VIEW (widget);
  PolkuFormDialog *form;

  form = form_new (self, _("Add Note"),
                   _("Goals, actions, contacts and measures have their own places: a note is "
                     "for what fits nowhere else."),
                   _("_Add"), G_CALLBACK (save_note));
  polku_form_dialog_add_multiline (form, "body", _("Note"));
  gtk_window_present (GTK_WINDOW (form));
}

/* GObject */

static void
polku_overview_view_dispose (GObject *object)
{
  PolkuOverviewView *self = (PolkuOverviewView *) object;

  g_clear_object (&self->kase);
  g_clear_object (&self->checklist);

  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_OVERVIEW_VIEW);

  G_OBJECT_CLASS (polku_overview_view_parent_class)->dispose (object);
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
  PolkuClientViewClass *view_class = POLKU_CLIENT_VIEW_CLASS (klass);

  object_class->dispose = polku_overview_view_dispose;
  widget_class->measure = polku_overview_view_measure;
  widget_class->get_request_mode = polku_overview_view_get_request_mode;
  widget_class->size_allocate = polku_overview_view_size_allocate;
  view_class->clear = overview_clear;
  view_class->load = overview_load;
  view_class->apply = overview_apply;
  view_class->free_result = (GDestroyNotify) overview_data_free;
  view_class->wants_reload = overview_wants_reload;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-overview-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, case_box);
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, empty_description);
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, phase_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, consent_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, team_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, followups_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, signs_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuOverviewView, notes_group);

  gtk_widget_class_install_action (widget_class, "overview.change-phase", NULL,
                                   change_phase_action);
  gtk_widget_class_install_action (widget_class, "overview.move-to-consent", NULL,
                                   move_to_consent_action);
  gtk_widget_class_install_action (widget_class, "overview.set-review", NULL, set_review_action);
  gtk_widget_class_install_action (widget_class, "overview.add-consent", NULL,
                                   add_consent_action);
  gtk_widget_class_install_action (widget_class, "overview.withdraw-consent", "s",
                                   withdraw_consent_action);
  gtk_widget_class_install_action (widget_class, "overview.add-member", NULL, add_member_action);
  gtk_widget_class_install_action (widget_class, "overview.set-responsible", "s",
                                   set_responsible_action);
  gtk_widget_class_install_action (widget_class, "overview.leave-team", "s", leave_team_action);
  gtk_widget_class_install_action (widget_class, "overview.unset-responsible", "s",
                                   unset_responsible_action);
  gtk_widget_class_install_action (widget_class, "overview.change-coordinator", NULL,
                                   change_coordinator_action);
  gtk_widget_class_install_action (widget_class, "overview.end-coordinator", NULL,
                                   end_coordinator_action);
  gtk_widget_class_install_action (widget_class, "overview.add-followup", NULL,
                                   add_followup_action);
  gtk_widget_class_install_action (widget_class, "overview.followup-done", "s",
                                   followup_done_action);
  gtk_widget_class_install_action (widget_class, "overview.add-sign", NULL, add_sign_action);
  gtk_widget_class_install_action (widget_class, "overview.retract-sign", "s",
                                   retract_sign_action);
  gtk_widget_class_install_action (widget_class, "overview.add-note", NULL, add_note_action);
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
  self->phase_list = polku_rows_add_list (self->phase_group, _("Phase of the case"));
  self->consent_list = polku_rows_add_list (self->consent_group, _("Consents"));
  {
    GtkWidget *heading = gtk_label_new (_("Consents to share the plan"));
    GtkWidget *description = gtk_label_new (NULL);

    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_widget_add_css_class (heading, "heading");
    gtk_widget_set_margin_top (heading, 12);
    gtk_label_set_xalign (GTK_LABEL (description), 0);
    gtk_label_set_wrap (GTK_LABEL (description), TRUE);
    gtk_widget_add_css_class (description, "dim-label");
    adw_preferences_group_add (self->consent_group, heading);
    adw_preferences_group_add (self->consent_group, description);
    self->sharing_description = GTK_LABEL (description);
    self->sharing_list = polku_rows_add_list (self->consent_group,
                                              _("Consents to share the plan"));
  }
  self->team_list = polku_rows_add_list (self->team_group, _("Team members"));
  self->followups_list = polku_rows_add_list (self->followups_group, _("Follow-ups"));
  self->signs_list = polku_rows_add_list (self->signs_group, _("Warning signs"));
  self->notes_list = polku_rows_add_list (self->notes_group, _("Notes"));

  /* A county's own checklist that does not load is shown, naming file and field. */
  self->checklist = polku_checklist_get_default (&error);
  if (self->checklist == NULL)
    {
      g_autofree char *description =
        g_strdup_printf (_("The warning-sign checklist cannot be used: %s"), error->message);

      gtk_label_set_text (self->empty_description, description);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.add-sign", FALSE);
    }
  polku_client_view_reload (POLKU_CLIENT_VIEW (self));
}

GtkWidget *
polku_overview_view_new (void)
{
  return g_object_new (POLKU_TYPE_OVERVIEW_VIEW, NULL);
}

/**
 * polku_overview_view_get_followups_group:
 *
 * Returns: (transfer none): the follow-ups section, for the page to scroll to
 */
GtkWidget *
polku_overview_view_get_followups_group (PolkuOverviewView *self)
{
  g_return_val_if_fail (POLKU_IS_OVERVIEW_VIEW (self), NULL);
  return GTK_WIDGET (self->followups_group);
}
