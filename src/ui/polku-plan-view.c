/* polku-plan-view.c: the shared care-and-service plan, edited at a home visit
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view holds the plan's JSON document (polku-plan.h), shown by the editor
 * (polku-plan-editor.c), which writes every change into it at once; half a second later the
 * whole document goes into the encrypted store as a draft (polku_plan_store_save_draft), so
 * that a crash or a dead battery loses nothing typed. On opening, a draft wins over the saved
 * plan. "Save Version" makes a new version and clears the draft; what keeps a plan from being
 * saved is said by the core's validation, in the same words as polku-cli.
 *
 * Undo keeps whole-document snapshots: typing in one field is one step (a pause of more than
 * a couple of seconds, or another field, starts the next); adding, removing and moving goals
 * and actions are steps of their own.
 *
 * History (polku-plan-history.c) compares and restores versions. Print and PDF give the
 * client's copy in the plan's language (polku-plan-print).
 *
 * What the plan names from outside its document (PolkuPlanContext: the team's responsible
 * workers, the case's review date) is read with the plan and shown read-only, except the
 * review date, which the editor's review row sets on the case at once (audited by the case
 * store), without a new version of the plan.
 */

#define G_LOG_DOMAIN "polku-plan-view"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-audit.h"
#include "polku-case-store.h"
#include "polku-client-view.h"
#include "polku-date.h"
#include "polku-plan-editor.h"
#include "polku-plan-history.h"
#include "polku-plan-print.h"
#include "polku-plan-store.h"
#include "polku-plan-view.h"
#include "polku-plan-view-private.h"

#define AUTOSAVE_MS 500
#define UNDO_MERGE_US (2 * G_USEC_PER_SEC)
#define UNDO_LIMIT 200

struct _PolkuPlanView
{
  PolkuClientView parent_instance;

  JsonNode     *document;       /* the editor's plan, or NULL (no plan yet) */
  PolkuPlanContext *context;    /* the team's responsible workers, the case's review date */
  gint64        base_version;   /* the saved version it was made from (0: none) */
  gboolean      dirty;          /* differs from the saved version (a draft exists) */
  gboolean      from_template;
  guint         autosave_id;

  GPtrArray    *undo;           /* serialized documents */
  GPtrArray    *redo;
  gconstpointer last_field;
  gint64        last_change;

  GtkWidget    *toolbar;
  GtkButton    *discard_button;
  GtkWidget    *compact_discard_button;
  GtkMenuButton *template_button;
  GtkMenuButton *more_button;
  GtkMenuButton *new_template_button;
  GtkLabel     *status_label;
  GtkStack     *stack;
  PolkuPlanEditor *editor;
  PolkuPlanHistory *history;
};

G_DEFINE_FINAL_TYPE (PolkuPlanView, polku_plan_view, POLKU_TYPE_CLIENT_VIEW)

static void update_actions (PolkuPlanView *self);

static PolkuStore *
store_of (PolkuPlanView *self)
{
  return polku_client_view_get_store (POLKU_CLIENT_VIEW (self));
}

static const char *
client_id_of (PolkuPlanView *self)
{
  return polku_client_view_get_client_id (POLKU_CLIENT_VIEW (self));
}

static PolkuClient *
client_of (PolkuPlanView *self)
{
  return polku_client_view_get_client (POLKU_CLIENT_VIEW (self));
}

static gboolean
is_loading (PolkuPlanView *self)
{
  return polku_client_view_get_loading (POLKU_CLIENT_VIEW (self));
}

/* Status line */

static void
set_status (PolkuPlanView *self,
            gboolean       is_error,
            const char    *message)
{
  gtk_label_set_text (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label),
                          message != NULL && message[0] != '\0');
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
}

static char *
now_hm (void)
{
  g_autoptr(GDateTime) now = polku_date_now_local ();

  return g_date_time_format (now, "%H:%M");
}

/* Undo */

static char *
snapshot (PolkuPlanView *self)
{
  return self->document != NULL ? polku_plan_document_to_string (self->document, FALSE)
                                : g_strdup ("");
}

static void
push_undo (PolkuPlanView *self,
           gconstpointer  field)
{
  gint64 now = g_get_monotonic_time ();

  if (field != NULL && field == self->last_field && now - self->last_change < UNDO_MERGE_US)
    {
      self->last_change = now;
      return;
    }

  g_ptr_array_add (self->undo, snapshot (self));
  if (self->undo->len > UNDO_LIMIT)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->last_field = field;
  self->last_change = now;
}

static void
restore_snapshot (PolkuPlanView *self,
                  const char    *text)
{
  g_clear_pointer (&self->document, json_node_unref);
  if (text[0] != '\0')
    self->document = polku_plan_document_from_string (text, NULL);
}

/* Autosave */

static gboolean
autosave_cb (gpointer data)
{
  PolkuPlanView *self = data;
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  if (store_of (self) == NULL || client_id_of (self) == NULL || self->document == NULL)
    return G_SOURCE_REMOVE;

  if (polku_plan_store_save_draft (store_of (self), client_id_of (self),
                                   self->document, self->base_version, &error))
    {
      g_autofree char *time = now_hm ();
      /* Translators: %s is a time, e.g. 14:05 */
      g_autofree char *message = g_strdup_printf (_("Unsaved changes kept safe at %s"), time);

      set_status (self, FALSE, message);
    }
  else
    set_status (self, TRUE, error->message);
  return G_SOURCE_REMOVE;
}

static void
changed (PolkuPlanView *self)
{
  self->dirty = TRUE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add (AUTOSAVE_MS, autosave_cb, self);
  update_actions (self);
}

/* Writes any pending draft now. */
void
polku_plan_view_flush_draft (PolkuPlanView *self)
{
  g_return_if_fail (POLKU_IS_PLAN_VIEW (self));

  if (self->autosave_id != 0)
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      autosave_cb (self);
    }
}

/* Shows the document (also after it changed other than by the editor). */
static void
show_document (PolkuPlanView *self)
{
  polku_plan_editor_set_document (self->editor, self->document);
  if (self->document == NULL)
    gtk_stack_set_visible_child_name (self->stack, is_loading (self) ? "loading" : "empty");
  else if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "history"))
    gtk_stack_set_visible_child_name (self->stack, "editor");
  update_actions (self);
}

static void
on_editor_edit (PolkuPlanView *self,
                gconstpointer  key)
{
  push_undo (self, key);
}

static void
on_editor_changed (PolkuPlanView *self)
{
  changed (self);
}

static void
on_editor_removed (PolkuPlanView *self)
{
  set_status (self, FALSE, _("Removed. Undo (Ctrl+Z) brings it back."));
}

/* The editor's review row: the case's review date, saved at once (empty: none). */
static void
on_editor_review_apply (PolkuPlanView *self,
                        const char    *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(PolkuPlanContext) context = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (store_of (self) == NULL || client_id_of (self) == NULL)
    return;
  if (stripped[0] != '\0' && !polku_date_parse_user (stripped, &iso, &error))
    {
      /* Translators: %s says what is wrong with the date typed */
      g_autofree char *message = g_strdup_printf (_("The review date was not saved: %s"),
                                                  error->message);

      polku_plan_editor_mark_review_wrong (self->editor);
      set_status (self, TRUE, message);
      return;
    }
  kase = polku_case_store_set_review (store_of (self), client_id_of (self), iso, &error);
  if (kase != NULL)
    context = polku_plan_context_read (store_of (self), client_id_of (self), &error);
  if (context == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The review date was not saved: %s"),
                                                  error->message);

      polku_plan_editor_mark_review_wrong (self->editor);
      set_status (self, TRUE, message);
      return;
    }
  g_clear_pointer (&self->context, polku_plan_context_free);
  self->context = g_steal_pointer (&context);
  polku_plan_editor_set_context (self->editor, self->context);
  if (iso != NULL)
    {
      g_autofree char *shown = polku_date_format_user (iso);
      /* Translators: %s is a date */
      g_autofree char *message = g_strdup_printf (_("The case’s next review is on %s."), shown);

      set_status (self, FALSE, message);
    }
  else
    set_status (self, FALSE, _("The case has no review date now."));
}

/* Shown again: the team or the review date may have changed on the Overview tab meanwhile.
 * They are read again (two small reads) without touching the plan being edited. */
static void
on_map (PolkuPlanView *self)
{
  g_autoptr(PolkuPlanContext) context = NULL;

  if (self->context == NULL || store_of (self) == NULL || client_id_of (self) == NULL
      || is_loading (self))
    return;
  context = polku_plan_context_read (store_of (self), client_id_of (self), NULL);
  if (context == NULL)
    return;
  g_clear_pointer (&self->context, polku_plan_context_free);
  self->context = g_steal_pointer (&context);
  polku_plan_editor_set_context (self->editor, self->context);
}

static void
update_actions (PolkuPlanView *self)
{
  gboolean have_plan = self->document != NULL;
  gboolean ready = store_of (self) != NULL && client_of (self) != NULL && !is_loading (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.undo", self->undo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.redo", self->redo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.save", have_plan && self->dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.discard-draft", self->dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.print", have_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.export-pdf", have_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.show-history",
                                 ready && self->base_version > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.new-empty", ready && !have_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.template", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.restore-older",
                                 ready && !self->dirty
                                 && polku_plan_history_can_restore (self->history));
  gtk_widget_set_visible (GTK_WIDGET (self->discard_button), self->dirty);
  gtk_widget_set_visible (self->compact_discard_button, self->dirty);
  gtk_widget_set_visible (self->toolbar, ready);
}

/* Loading: the saved plan and the draft are read, and the view recorded, in a thread. */

typedef struct
{
  JsonNode *saved;
  gint64    version;
  GError   *saved_error;
  JsonNode *draft;
  gint64    draft_base;
  GError   *draft_error;
  PolkuPlanContext *context;
  GError   *context_error;
} PlanData;

static void
plan_data_free (PlanData *data)
{
  g_clear_pointer (&data->context, polku_plan_context_free);
  g_clear_error (&data->context_error);
  g_clear_pointer (&data->saved, json_node_unref);
  g_clear_error (&data->saved_error);
  g_clear_pointer (&data->draft, json_node_unref);
  g_clear_error (&data->draft_error);
  g_free (data);
}

static gpointer
plan_view_load (PolkuStore    *store,
                const char    *client_id,
                gpointer       snapshot,
                GCancellable  *cancellable,
                GError       **error)
{
  PlanData *data = g_new0 (PlanData, 1);

  data->saved = polku_plan_store_load (store, client_id, &data->version, &data->saved_error);
  data->draft = polku_plan_store_load_draft (store, client_id, &data->draft_base,
                                             &data->draft_error);
  data->context = polku_plan_context_read (store, client_id, &data->context_error);
  if ((data->saved != NULL || data->draft != NULL) && !g_cancellable_is_cancelled (cancellable))
    {
      g_autofree char *detail = g_strdup_printf ("plan version=%d", (int) data->version);

      polku_audit_record (store, POLKU_AUDIT_PLAN_VIEW, client_id, detail, NULL);
    }
  return data;
}

static void
plan_view_apply (PolkuClientView *view,
                 gpointer         result,
                 const GError    *error)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (view);
  PlanData *data = result;

  if (data == NULL)
    return;
  if (data->saved == NULL
      && !g_error_matches (data->saved_error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_NO_PLAN))
    set_status (self, TRUE, data->saved_error->message);
  if (data->draft_error != NULL)
    set_status (self, TRUE, data->draft_error->message);
  if (data->context_error != NULL)
    set_status (self, TRUE, data->context_error->message);

  g_clear_pointer (&self->context, polku_plan_context_free);
  self->context = g_steal_pointer (&data->context);
  polku_plan_editor_set_context (self->editor, self->context);

  g_clear_pointer (&self->document, json_node_unref);
  if (data->draft != NULL)
    {
      self->document = g_steal_pointer (&data->draft);
      self->base_version = data->draft_base;
      self->dirty = TRUE;
      if (data->draft_base != data->version)
        set_status (self, TRUE, _("Your unsaved changes were restored, but the plan has been "
                                  "saved by someone else since: compare them in History "
                                  "before saving."));
      else
        set_status (self, FALSE, _("Your unsaved changes were restored."));
    }
  else if (data->saved != NULL)
    {
      self->document = g_steal_pointer (&data->saved);
      self->base_version = data->version;
    }

  /* A version saved before schema 7 may carry the plan's own copies of the responsible
   * worker and the review date: they are not shown, and no new version keeps them. */
  if (self->document != NULL)
    polku_plan_document_drop_legacy (self->document);

  gtk_stack_set_visible_child_name (self->stack, self->document != NULL ? "editor" : "empty");
  show_document (self);
}

/* While the plan is read, a spinner instead of "No Plan Yet"; the toolbar waits. */
static void
on_loading_changed (PolkuPlanView *self)
{
  if (self->document == NULL)
    gtk_stack_set_visible_child_name (self->stack, is_loading (self) ? "loading" : "empty");
  update_actions (self);
}

/* Forgets the plan shown (at once: it may be another client's), after writing what is
 * pending of it. */
static void
plan_view_clear (PolkuClientView *view)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (view);

  polku_plan_view_flush_draft (self);
  g_clear_pointer (&self->document, json_node_unref);
  g_clear_pointer (&self->context, polku_plan_context_free);
  polku_plan_editor_set_context (self->editor, NULL);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  polku_plan_history_clear (self->history);
  self->base_version = 0;
  self->dirty = FALSE;
  self->from_template = FALSE;
  self->last_field = NULL;
  set_status (self, FALSE, NULL);
  show_document (self);
}

/* Forgets the plan shown and reads the client's again. */
static void
load (PolkuPlanView *self)
{
  plan_view_clear (POLKU_CLIENT_VIEW (self));
  polku_client_view_reload (POLKU_CLIENT_VIEW (self));
}

/* Actions */

/* plan.undo and plan.redo: the snapshot on top of one stack replaces the document, which
 * goes onto the other. */
static void
undo_redo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  gboolean undo = g_str_equal (action_name, "plan.undo");
  GPtrArray *from = undo ? self->undo : self->redo;
  g_autofree char *text = NULL;

  if (from->len == 0)
    return;
  g_ptr_array_add (undo ? self->redo : self->undo, snapshot (self));
  text = g_ptr_array_steal_index (from, from->len - 1);
  restore_snapshot (self, text);
  self->last_field = NULL;
  show_document (self);
  if (self->document != NULL)
    changed (self);
}

static void
structural_change (PolkuPlanView *self)
{
  show_document (self);
  changed (self);
}

static void
start_plan (PolkuPlanView *self,
            JsonNode      *document)
{
  push_undo (self, NULL);
  g_clear_pointer (&self->document, json_node_unref);
  self->document = document;
  structural_change (self);
}

static void
new_empty_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  PolkuLanguage language;

  if (store_of (self) == NULL || client_id_of (self) == NULL)
    return;
  language = polku_client_get_language (client_of (self));
  start_plan (self, polku_plan_document_new (client_id_of (self),
                                             language == POLKU_LANGUAGE_SV ? "sv" : "fi"));
  set_status (self, FALSE, _("A new plan: write it together with the client."));
}

static void
template_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) template = NULL;
  const char *language;

  if (store_of (self) == NULL || client_id_of (self) == NULL)
    return;
  if (self->document != NULL)
    language = polku_plan_document_get_language (self->document);
  else
    language = polku_client_get_language (client_of (self)) == POLKU_LANGUAGE_SV ? "sv" : "fi";

  template = polku_plan_document_new_from_template (g_variant_get_string (parameter, NULL),
                                                    client_id_of (self),
                                                    language, &error);
  if (template == NULL)
    {
      set_status (self, TRUE, error->message);
      return;
    }

  if (self->document == NULL)
    {
      self->from_template = TRUE;
      start_plan (self, g_steal_pointer (&template));
    }
  else
    {
      /* Into an existing plan: the template's goals and services are added. */
      JsonObject *plan = json_node_get_object (self->document);
      JsonObject *source = json_node_get_object (template);
      static const char * const arrays[] = { "goals", "services", NULL };

      push_undo (self, NULL);
      for (guint a = 0; arrays[a] != NULL; a++)
        {
          JsonArray *from = json_object_get_array_member (source, arrays[a]);
          JsonArray *to = json_object_get_array_member (plan, arrays[a]);

          for (guint i = 0; i < json_array_get_length (from); i++)
            json_array_add_element (to, json_node_copy (json_array_get_element (from, i)));
        }
      structural_change (self);
    }
  set_status (self, FALSE, _("Goals from the template were added: make them the client’s "
                             "own."));
}

/**
 * polku_plan_view_save:
 *
 * Saves the editor's plan as a new version. Returns: %TRUE when it was saved (or nothing
 * had changed); otherwise the status line says why.
 */
gboolean
polku_plan_view_save (PolkuPlanView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) saved = NULL;
  gint64 version = 0;
  gint64 before;

  g_return_val_if_fail (POLKU_IS_PLAN_VIEW (self), FALSE);

  if (self->document == NULL || store_of (self) == NULL || client_id_of (self) == NULL)
    return FALSE;

  polku_plan_view_flush_draft (self);
  before = self->base_version;
  /* A plan that is not complete is refused before anything else is looked at. */
  if (!polku_plan_document_validate (self->document, &error)
      || !polku_plan_store_save (store_of (self), client_id_of (self), self->document,
                                 self->base_version,
                                 self->from_template && self->base_version == 0
                                 ? POLKU_PLAN_ORIGIN_TEMPLATE : POLKU_PLAN_ORIGIN_EDIT,
                                 &version, &error))
    {
      /* Translators: %s says what is wrong, e.g. "Goal 2 has no text yet: …" */
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      set_status (self, TRUE, message);
      return FALSE;
    }

  saved = polku_plan_store_load (store_of (self), client_id_of (self), &version,
                                 &error);
  if (saved != NULL)
    {
      g_clear_pointer (&self->document, json_node_unref);
      self->document = g_steal_pointer (&saved);
    }
  self->base_version = version;
  self->dirty = FALSE;
  self->from_template = FALSE;
  self->last_field = NULL;
  polku_plan_store_discard_draft (store_of (self), client_id_of (self), NULL);
  polku_plan_history_clear (self->history);

  if (version == before)
    set_status (self, FALSE, _("Nothing had changed since the last version."));
  else
    {
      /* Translators: %d is a version number */
      g_autofree char *message = g_strdup_printf (_("Saved as version %d."), (int) version);

      set_status (self, FALSE, message);
    }
  show_document (self);
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  polku_plan_view_save (POLKU_PLAN_VIEW (widget));
}

static void
discard_changes (PolkuPlanView *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (!polku_plan_store_discard_draft (store_of (self), client_id_of (self), &error))
    {
      set_status (self, TRUE, error->message);
      return;
    }
  load (self);
  set_status (self, FALSE, _("The unsaved changes were discarded."));
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     PolkuPlanView    *self)
{
  if (g_str_equal (response, "discard") && self->dirty)
    discard_changes (self);
}

/* Discarding cannot be undone and its button sits next to Save: it is asked first. */
static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (!self->dirty)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Discard Unsaved Changes?"),
                                   _("The changes made since the last saved version of the "
                                     "plan are lost for good."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* History */

static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!polku_plan_history_load (self->history, store_of (self),
                                client_id_of (self), &error))
    {
      set_status (self, TRUE, error->message);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "history");
  update_actions (self);
  if (self->dirty)
    set_status (self, FALSE, _("The editor has unsaved changes: save or discard them before "
                               "restoring a version."));
}

static void
show_editor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);

  gtk_stack_set_visible_child_name (self->stack, self->document != NULL ? "editor" : "empty");
}

static void
restore_older_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 version = 0;
  gint64 new_version = 0;
  g_autofree char *message = NULL;

  if (self->dirty || !polku_plan_history_can_restore (self->history))
    return;
  if (!polku_plan_history_restore_older (self->history, store_of (self),
                                         client_id_of (self), &version,
                                         &new_version, &error))
    {
      set_status (self, TRUE, error->message);
      return;
    }

  load (self);
  /* Translators: version numbers */
  message = g_strdup_printf (_("Version %d was restored as version %d."), (int) version,
                             (int) new_version);
  set_status (self, FALSE, message);
}

/* The client's copy */

static void
record_export (PolkuPlanView *self,
               const char    *how)
{
  g_autofree char *detail = g_strdup_printf ("plan version=%d %s", (int) self->base_version,
                                             how);

  polku_audit_record (store_of (self), POLKU_AUDIT_PLAN_EXPORT,
                      client_id_of (self), detail, NULL);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkPrintOperationResult result;

  if (self->document == NULL)
    return;
  operation = polku_plan_print_operation_new (self->document, client_of (self),
                                              self->context);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    set_status (self, TRUE, error->message);
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    record_export (self, "print");
}

static void
on_pdf_response (GtkNativeDialog *dialog,
                 int              response,
                 PolkuPlanView   *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        set_status (self, TRUE, _("The PDF can only be saved to a local file."));
      else if (polku_plan_export_pdf (self->document, client_of (self), self->context, path,
                                      &error))
        {
          g_autofree char *shown = g_filename_display_name (path);
          /* Translators: %s is the PDF file with its folder */
          g_autofree char *message =
            g_strdup_printf (_("The client’s copy was saved as %s."), shown);

          record_export (self, "pdf");
          /* In the status line, not a toast: a folder and file name do not fit a toast. */
          set_status (self, FALSE, message);
        }
      else
        set_status (self, TRUE, error->message);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *today = polku_date_today ();
  g_autofree char *name = NULL;
  const char *language;

  if (self->document == NULL)
    return;
  language = polku_plan_document_get_language (self->document);
  dialog = gtk_file_chooser_native_new (_("Save the Client’s Copy as PDF"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  name = polku_plan_pdf_file_name (client_of (self), language, today);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_pdf_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Properties */

static GMenuModel *
templates_menu (void)
{
  g_autoptr(GPtrArray) templates = polku_plan_list_templates ();
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < templates->len; i++)
    {
      PolkuPlanTemplateInfo *info = g_ptr_array_index (templates, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (info->title, NULL);

      g_menu_item_set_action_and_target_value (item, "plan.template",
                                               g_variant_new_string (info->id));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

/* The compact toolbar's "More" menu: the less frequent actions of the full toolbar. */
static GMenuModel *
more_menu (GMenuModel *templates)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) history = g_menu_item_new (_("_History"), "plan.show-history");
  g_autoptr(GMenuItem) print = g_menu_item_new (_("Print the client’s copy"), "plan.print");
  g_autoptr(GMenuItem) pdf = g_menu_item_new (_("_PDF…"), "plan.export-pdf");

  g_menu_append_submenu (menu, _("_Template"), templates);
  g_menu_item_set_attribute (history, "accel", "s", "<Control>h");
  g_menu_item_set_attribute (print, "accel", "s", "<Control>p");
  g_menu_append_item (section, history);
  g_menu_append_item (section, print);
  g_menu_append_item (section, pdf);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  return G_MENU_MODEL (menu);
}

GtkWidget *
polku_plan_view_new (void)
{
  return g_object_new (POLKU_TYPE_PLAN_VIEW, NULL);
}

/* For tests: the editor's plan. */
JsonNode *
polku_plan_view_get_document (PolkuPlanView *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VIEW (self), NULL);
  return self->document;
}

const char *
polku_plan_view_get_page (PolkuPlanView *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
polku_plan_view_get_status (PolkuPlanView *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VIEW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

GtkWidget *
polku_plan_view_get_compare_grid (PolkuPlanView *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VIEW (self), NULL);
  return polku_plan_history_get_compare_grid (self->history);
}

/* The editor, whose actions (plan.add-goal, plan.remove-action, …) work on the plan's
 * lists. */
GtkWidget *
polku_plan_view_get_editor (PolkuPlanView *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VIEW (self), NULL);
  return GTK_WIDGET (self->editor);
}

/* For tests: what the plan names from the team and the case, as last read. */
const PolkuPlanContext *
polku_plan_view_get_context (PolkuPlanView *self)
{
  g_return_val_if_fail (POLKU_IS_PLAN_VIEW (self), NULL);
  return self->context;
}

static void
polku_plan_view_dispose (GObject *object)
{
  PolkuPlanView *self = (PolkuPlanView *) object;

  polku_plan_view_flush_draft (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_PLAN_VIEW);

  G_OBJECT_CLASS (polku_plan_view_parent_class)->dispose (object);
}

static void
polku_plan_view_finalize (GObject *object)
{
  PolkuPlanView *self = (PolkuPlanView *) object;

  g_clear_pointer (&self->document, json_node_unref);
  g_clear_pointer (&self->context, polku_plan_context_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);

  G_OBJECT_CLASS (polku_plan_view_parent_class)->finalize (object);
}

/* Ctrl+Shift+G anywhere in the view: the editor's "Add a Goal". */
static gboolean
add_goal_shortcut (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  PolkuPlanView *self = POLKU_PLAN_VIEW (widget);

  return gtk_widget_activate_action (GTK_WIDGET (self->editor), "plan.add-goal", NULL);
}

static void
polku_plan_view_class_init (PolkuPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PolkuClientViewClass *view_class = POLKU_CLIENT_VIEW_CLASS (klass);

  object_class->dispose = polku_plan_view_dispose;
  object_class->finalize = polku_plan_view_finalize;
  view_class->clear = plan_view_clear;
  view_class->load = plan_view_load;
  view_class->apply = plan_view_apply;
  view_class->free_result = (GDestroyNotify) plan_data_free;

  g_type_ensure (POLKU_TYPE_PLAN_EDITOR);
  g_type_ensure (POLKU_TYPE_PLAN_HISTORY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, discard_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, compact_discard_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, more_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, template_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, new_template_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, editor);
  gtk_widget_class_bind_template_child (widget_class, PolkuPlanView, history);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_edit);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_removed);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_review_apply);

  gtk_widget_class_install_action (widget_class, "plan.undo", NULL, undo_redo_action);
  gtk_widget_class_install_action (widget_class, "plan.redo", NULL, undo_redo_action);
  gtk_widget_class_install_action (widget_class, "plan.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "plan.discard-draft", NULL, discard_action);
  gtk_widget_class_install_action (widget_class, "plan.new-empty", NULL, new_empty_action);
  gtk_widget_class_install_action (widget_class, "plan.template", "s", template_action);
  gtk_widget_class_install_action (widget_class, "plan.show-history", NULL,
                                   show_history_action);
  gtk_widget_class_install_action (widget_class, "plan.show-editor", NULL, show_editor_action);
  gtk_widget_class_install_action (widget_class, "plan.restore-older", NULL,
                                   restore_older_action);
  gtk_widget_class_install_action (widget_class, "plan.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "plan.export-pdf", NULL, export_pdf_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "plan.undo",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "plan.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "plan.redo",
                                       NULL);
}

/* Saving, printing, the versions and a new goal work whenever the plan is on screen, not
 * only once a field of it has the focus: the window runs these (managed) shortcuts wherever
 * the focus is, and only while the view is mapped, that is while the Plan tab is shown.
 * Undo and redo stay the view's own, so that a text field elsewhere keeps its own. */
static void
add_plan_shortcuts (PolkuPlanView *self)
{
  GtkShortcutController *controller = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());

  gtk_shortcut_controller_set_scope (controller, GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (
    controller, gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_s, GDK_CONTROL_MASK),
                                  gtk_named_action_new ("plan.save")));
  gtk_shortcut_controller_add_shortcut (
    controller, gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_p, GDK_CONTROL_MASK),
                                  gtk_named_action_new ("plan.print")));
  gtk_shortcut_controller_add_shortcut (
    controller, gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_h, GDK_CONTROL_MASK),
                                  gtk_named_action_new ("plan.show-history")));
  gtk_shortcut_controller_add_shortcut (
    controller,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                      gtk_callback_action_new (add_goal_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (controller));
}

static void
polku_plan_view_init (PolkuPlanView *self)
{
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GMenuModel) more = NULL;

  self->undo = g_ptr_array_new_with_free_func (g_free);
  self->redo = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  menu = templates_menu ();
  gtk_menu_button_set_menu_model (self->template_button, menu);
  gtk_menu_button_set_menu_model (self->new_template_button, menu);
  more = more_menu (menu);
  gtk_menu_button_set_menu_model (self->more_button, more);
  g_signal_connect (self, "notify::loading", G_CALLBACK (on_loading_changed), NULL);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  add_plan_shortcuts (self);
  show_document (self);
}
