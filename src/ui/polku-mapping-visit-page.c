/* polku-mapping-visit-page.c: the mapping visit: agenda, timer, notes
 *
 * The page shows the client's newest mapping visit (or offers to prepare one). Every change
 * is saved a moment after it is made, and at once when the timer is started or paused, so
 * that nothing is lost when the laptop is closed in the middle of a home visit. The page can
 * open the visit in its own full-size window, for the two hours at the client's home.
 *
 * What is pending is also saved before the page shows another client or goes (clear,
 * snapshot, apply, unmap, dispose); a visit with nothing changed since it was read or saved
 * is not written again, so choosing clients opens no write transaction on the main thread
 * (which would wait for the store's lock, and for another process's write for up to the busy
 * timeout).
 *
 * A save that fails loses nothing: the page says why (the status above the visit) and tries
 * again at every chance (a change, a read, another client, unmap) and every few seconds
 * meanwhile. The visit shown stays as typed rather than being replaced by what is read; a
 * visit that cannot be written when the page moves on to another client or store (locking)
 * is kept aside (`unsaved`) and shown again, as typed, when its client is; a page in its own
 * window hands what it could not write to the page that opened it; and the window of the
 * page refuses to close while something cannot be written, unless the user chooses to
 * discard it.
 *
 * The file is over 1,000 lines and stays one: saving, keeping what could not be saved, the
 * window's close and the own window all work on the same few fields (the visit, dirty,
 * unsaved) at the moments PolkuClientView gives (clear, snapshot, apply); split, those fields
 * and moments would have to be shared through a private header for no gain in reading.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-mapping-visit-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "polku-contact.h"
#include "polku-date.h"
#include "polku-mapping-visit-page.h"

#define SAVE_DELAY_MS 700
#define RETRY_DELAY_S 5

/* A visit whose changes could not be written when the page moved on from it. */
typedef struct
{
  PolkuMappingVisit *visit;
  char              *client_name;   /* for the status; never logged */
} Unsaved;

static void
unsaved_free (gpointer data)
{
  Unsaved *unsaved = data;

  g_object_unref (unsaved->visit);
  g_free (unsaved->client_name);
  g_free (unsaved);
}

struct _PolkuMappingVisitPage
{
  PolkuClientView    parent_instance;

  PolkuMappingVisit *visit;
  guint              save_id;
  gboolean           dirty;        /* changed since it was read or last saved */
  GPtrArray         *unsaved;      /* Unsaved: other visits still to write, oldest first */
  guint              retry_id;
  gboolean           discarding;   /* the user chose to close without what cannot be saved */
  guint              tick_id;
  gboolean           filling;      /* the widgets are being filled from the visit */
  GtkWindow         *own_window;
  GtkWidget         *own_page;     /* the page in own_window (weak) */
  GWeakRef           opener;       /* in its own window: the page that opened it */
  GtkWidget         *close_root;   /* the window whose close-request is watched (weak) */
  GtkWidget         *close_dialog; /* asking whether to discard (weak) */
  char              *failure;      /* why the last save failed; never logged */
  char              *failure_name; /* whose visit it was (NULL: the one shown); never logged */

  GtkStack          *stack;
  AdwActionRow      *timer_row;
  GtkLabel          *timer_label;
  GtkButton         *start_button;
  GtkProgressBar    *progress_bar;
  AdwEntryRow       *scheduled_row;
  AdwEntryRow       *place_row;
  GtkSwitch         *held_switch;
  AdwPreferencesGroup *agenda_group;
  GtkListBox        *agenda_list;
  GtkTextView       *notes_view;
  GtkLabel          *status_label;
  GtkWidget         *window_button;
};

G_DEFINE_FINAL_TYPE (PolkuMappingVisitPage, polku_mapping_visit_page, POLKU_TYPE_CLIENT_VIEW)

static void update_timer (PolkuMappingVisitPage *self);

static void
show_status (PolkuMappingVisitPage *self,
             const char            *message)
{
  gtk_label_set_text (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
}

/* Why the visit of @client_name (NULL: the one shown) is not saved, and that it is kept. */
static void
show_unsaved (PolkuMappingVisitPage *self,
              const char            *client_name,
              const GError          *error)
{
  g_autofree char *message = NULL;

  if (client_name == NULL)
    /* TRANSLATORS: %s is why the save failed, one or more whole sentences */
    message = g_strdup_printf (_("The mapping visit is not saved yet. %s Nothing typed is lost: "
                                 "it stays here, and Polku saves it as soon as the database "
                                 "takes it."), error->message);
  else
    /* TRANSLATORS: the first %s is the client's name; the second is why the save failed, one
     * or more whole sentences */
    message = g_strdup_printf (_("The mapping visit of the client %s is not saved yet. %s "
                                 "Nothing typed is lost: Polku keeps it, shows it again with "
                                 "the client and saves it as soon as the database takes it."),
                               client_name, error->message);
  g_free (self->failure);
  self->failure = g_strdup (error->message);
  g_free (self->failure_name);
  self->failure_name = g_strdup (client_name);
  show_status (self, message);
}

/* The body of the question asked when the window closes: why the visit is not saved, and what
 * each answer does (the status's "nothing typed is lost" is not true of discarding). */
static char *
dup_close_body (PolkuMappingVisitPage *self)
{
  if (self->failure_name == NULL)
    /* TRANSLATORS: %s is why the save failed, one or more whole sentences */
    return g_strdup_printf (_("%s If the window stays open, Polku saves the mapping visit as soon "
                              "as the database takes it. If you discard it, what was typed "
                              "since the last save is lost."), self->failure);
  /* TRANSLATORS: the first %s is the client's name; the second is why the save failed, one or
   * more whole sentences */
  return g_strdup_printf (_("The mapping visit of the client %s is not saved. %s If the window "
                            "stays open, Polku keeps it and saves it as soon as the database "
                            "takes it. If you discard it, what was typed since the last save "
                            "is lost."), self->failure_name, self->failure);
}

static gboolean
retry_cb (gpointer user_data)
{
  PolkuMappingVisitPage *self = user_data;

  self->retry_id = 0;
  polku_mapping_visit_page_save_now (self);
  return G_SOURCE_REMOVE;
}

/* Writes @visit, or sets @error (with no store: Polku is locked). */
static gboolean
write_visit (PolkuMappingVisitPage  *self,
             PolkuMappingVisit      *visit,
             GError                **error)
{
  PolkuStore *store = polku_client_view_get_store (POLKU_CLIENT_VIEW (self));

  if (store == NULL)
    {
      g_set_error_literal (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                           _("The database is locked. Unlock Polku and try again."));
      return FALSE;
    }
  return polku_mapping_visit_store_save (store, visit, error);
}

/**
 * polku_mapping_visit_page_save_now:
 *
 * Writes the changes of the visit shown, and those of visits the page kept when their save
 * failed. What cannot be written stays, is said in the page's status and is tried again
 * a few seconds later and at the next chance.
 *
 * Returns: whether everything is saved (%FALSE while something cannot be written, the store
 *   closed included)
 */
gboolean
polku_mapping_visit_page_save_now (PolkuMappingVisitPage *self)
{
  g_autoptr(GError) first_error = NULL;
  const char *first_name = NULL;
  gboolean wrote = FALSE;
  gboolean failed = FALSE;

  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT_PAGE (self), FALSE);

  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);

  /* Each is tried: one that cannot be written does not hold back the others. */
  for (guint i = 0; i < self->unsaved->len;)
    {
      Unsaved *unsaved = g_ptr_array_index (self->unsaved, i);
      g_autoptr(GError) error = NULL;

      if (write_visit (self, unsaved->visit, &error))
        {
          g_debug ("Mapping visit %s saved after an earlier save failed",
                   polku_mapping_visit_get_id (unsaved->visit));
          g_ptr_array_remove_index (self->unsaved, i);
          wrote = TRUE;
          continue;
        }
      if (!failed)
        {
          first_error = g_steal_pointer (&error);
          first_name = unsaved->client_name;
        }
      failed = TRUE;
      i++;
    }

  if (self->visit != NULL && self->dirty)
    {
      g_autoptr(GError) error = NULL;

      /* Still dirty when it fails: the next chance tries again. */
      if (write_visit (self, self->visit, &error))
        {
          self->dirty = FALSE;
          wrote = TRUE;
        }
      else
        {
          /* The one shown is said first: it is the one being typed into. */
          g_clear_error (&first_error);
          first_error = g_steal_pointer (&error);
          first_name = NULL;
          failed = TRUE;
        }
    }

  if (failed)
    {
      show_unsaved (self, first_name, first_error);
      self->retry_id = g_timeout_add_seconds (RETRY_DELAY_S, retry_cb, self);
      return FALSE;
    }
  if (wrote)
    show_status (self, NULL);
  return TRUE;
}

static gboolean
has_unsaved (PolkuMappingVisitPage *self)
{
  return (self->visit != NULL && self->dirty) || self->unsaved->len > 0;
}

/* Keeps the visit shown, whose changes could not be written, aside for the next chances. */
static void
keep_unsaved (PolkuMappingVisitPage *self,
              const char            *client_name)
{
  Unsaved *unsaved = g_new0 (Unsaved, 1);

  g_assert (self->visit != NULL && self->dirty);
  unsaved->visit = g_object_ref (self->visit);
  unsaved->client_name = g_strdup (client_name);
  g_ptr_array_add (self->unsaved, unsaved);
  self->dirty = FALSE;
}

/* Hands everything that could not be written to @opener, the page that opened this one's
 * own window (which shows it again with its client). */
static void
hand_over_unsaved (PolkuMappingVisitPage *self,
                   PolkuMappingVisitPage *opener)
{
  if (self->visit != NULL && self->dirty)
    {
      PolkuClient *client = polku_client_view_get_client (POLKU_CLIENT_VIEW (self));
      g_autofree char *name = client != NULL ? polku_client_dup_display_name (client) : NULL;

      keep_unsaved (self, name);
    }
  while (self->unsaved->len > 0)
    g_ptr_array_add (opener->unsaved, g_ptr_array_steal_index (self->unsaved, 0));
  polku_mapping_visit_page_save_now (opener);
}

/* The visit of @client_id kept aside unsaved, taken out of the list; NULL if none. */
static PolkuMappingVisit *
take_unsaved (PolkuMappingVisitPage *self,
              const char            *client_id)
{
  for (guint i = 0; client_id != NULL && i < self->unsaved->len; i++)
    {
      Unsaved *unsaved = g_ptr_array_index (self->unsaved, i);

      if (g_strcmp0 (polku_mapping_visit_get_client_id (unsaved->visit), client_id) == 0)
        {
          PolkuMappingVisit *visit = g_object_ref (unsaved->visit);

          g_ptr_array_remove_index (self->unsaved, i);
          return visit;
        }
    }
  return NULL;
}

/* The visit shown is now @visit (nullable), as read or made. Only called with nothing
 * unsaved in the visit shown (saved, or kept aside). */
static void
take_visit (PolkuMappingVisitPage *self,
            PolkuMappingVisit     *visit)
{
  g_return_if_fail (!self->dirty || visit == self->visit);
  g_set_object (&self->visit, visit);
}

static gboolean
save_cb (gpointer user_data)
{
  PolkuMappingVisitPage *self = user_data;

  self->save_id = 0;
  polku_mapping_visit_page_save_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (PolkuMappingVisitPage *self)
{
  if (self->filling || self->visit == NULL)
    return;
  self->dirty = TRUE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_cb, self);
}

/* --- Dates -------------------------------------------------------------------------------- */

/* "2026-03-04T10:00" → "4.3.2026 10:00"; "2026-03-04" → "4.3.2026". */
static char *
scheduled_to_text (const char *scheduled)
{
  g_autofree char *date = NULL;
  g_autofree char *shown = NULL;

  if (scheduled == NULL)
    return g_strdup ("");
  if (strlen (scheduled) < 10 || (scheduled[10] != '\0' && scheduled[10] != 'T'))
    return g_strdup (scheduled);
  date = g_strndup (scheduled, 10);
  shown = polku_date_format_user (date);
  if (g_str_equal (shown, date))
    return g_strdup (scheduled);
  if (scheduled[10] == '\0')
    return g_steal_pointer (&shown);
  return g_strdup_printf ("%s %s", shown, scheduled + 11);
}

/* "4.3.2026 10:00", "4.3.2026 klo 10.00", "2026-03-04 10:00", "2026-03-04T10:00" → the
 * stored form; "" → "" (no date); NULL when it cannot be read. */
static char *
text_to_scheduled (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_auto(GStrv) parts = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  guint n;

  if (copy[0] == '\0')
    return g_strdup ("");
  g_strdelimit (copy, "T", ' ');
  parts = g_strsplit (copy, " ", -1);
  n = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0' && g_ascii_strcasecmp (parts[i], "klo") != 0
        && g_ascii_strcasecmp (parts[i], "kl.") != 0)
      parts[n++] = parts[i];
    else
      g_free (parts[i]);
  parts[n] = NULL;

  if (n < 1 || n > 2)
    return NULL;
  if (!polku_date_parse_user (parts[0], &date, NULL))
    return NULL;
  if (n == 1)
    return g_steal_pointer (&date);
  time = polku_contact_parse_time (parts[1]);
  if (time == NULL)
    return NULL;
  return g_strdup_printf ("%sT%s", date, time);
}

/* --- Timer ------------------------------------------------------------------------------- */

static char *
format_duration (gint64 seconds)
{
  return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                          (int) (seconds % 60));
}

static gboolean
tick_cb (gpointer user_data)
{
  update_timer (user_data);
  return G_SOURCE_CONTINUE;
}

static void
update_timer (PolkuMappingVisitPage *self)
{
  g_autofree char *elapsed_text = NULL;
  g_autofree char *subtitle = NULL;
  gint64 elapsed;
  guint planned;
  gboolean running;

  if (self->visit == NULL)
    {
      g_clear_handle_id (&self->tick_id, g_source_remove);
      return;
    }

  elapsed = polku_mapping_visit_get_elapsed_seconds (self->visit, NULL);
  planned = polku_mapping_visit_get_planned_minutes (self->visit);
  running = polku_mapping_visit_get_running (self->visit);

  elapsed_text = format_duration (elapsed);
  gtk_label_set_text (self->timer_label, elapsed_text);
  if (elapsed > (gint64) planned * 60)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Over the planned %u minute",
                                             "Over the planned %u minutes", planned),
                                planned);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Planned: %u minute",
                                             "Planned: %u minutes", planned),
                                planned);
  adw_action_row_set_subtitle (self->timer_row, subtitle);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 MIN (1.0, (double) elapsed / (planned * 60.0)));
  if (elapsed > (gint64) planned * 60)
    gtk_widget_add_css_class (GTK_WIDGET (self->progress_bar), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->progress_bar), "warning");

  gtk_button_set_label (self->start_button,
                        running ? _("_Pause") : elapsed > 0 ? _("_Continue") : _("_Start"));

  if (running && self->tick_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  else if (!running)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
toggle_timer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PolkuMappingVisitPage *self = POLKU_MAPPING_VISIT_PAGE (widget);

  if (self->visit == NULL)
    return;
  if (polku_mapping_visit_get_running (self->visit))
    polku_mapping_visit_timer_pause (self->visit, NULL);
  else
    polku_mapping_visit_timer_start (self->visit, NULL);
  self->dirty = TRUE;
  update_timer (self);
  polku_mapping_visit_page_save_now (self);
}

static void
reset_timer_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PolkuMappingVisitPage *self = POLKU_MAPPING_VISIT_PAGE (widget);

  if (self->visit == NULL)
    return;
  polku_mapping_visit_timer_reset (self->visit);
  self->dirty = TRUE;
  update_timer (self);
  polku_mapping_visit_page_save_now (self);
}

/* --- Agenda ------------------------------------------------------------------------------ */

static void
update_agenda_description (PolkuMappingVisitPage *self)
{
  g_autofree char *text = NULL;
  guint n;

  if (self->visit == NULL)
    return;
  n = g_list_model_get_n_items (polku_mapping_visit_get_items (self->visit));
  /* TRANSLATORS: agenda items ticked of all, e.g. "3 of 14 discussed" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u discussed",
                                       "%u of %u discussed", n),
                          polku_mapping_visit_get_n_done (self->visit), n);
  adw_preferences_group_set_description (self->agenda_group, text);
}

static void
item_changed (PolkuMappingVisitPage *self)
{
  update_agenda_description (self);
  schedule_save (self);
}

static void
item_note_changed (GtkEditable           *editable,
                   PolkuMappingVisitItem *item)
{
  polku_mapping_visit_item_set_note (item, gtk_editable_get_text (editable));
}

static GtkWidget *
create_agenda_row (gpointer object,
                   gpointer user_data)
{
  PolkuMappingVisitPage *self = user_data;
  PolkuMappingVisitItem *item = object;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *note = adw_entry_row_new ();
  const char *title = polku_mapping_visit_item_get_title (item);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (polku_mapping_visit_item_get_hint (item) != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row),
                                   polku_mapping_visit_item_get_hint (item));

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  g_object_bind_property (item, "done", check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), check);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), _("Note"));
  gtk_editable_set_text (GTK_EDITABLE (note),
                         polku_mapping_visit_item_get_note (item) != NULL
                         ? polku_mapping_visit_item_get_note (item) : "");
  g_signal_connect_object (note, "changed", G_CALLBACK (item_note_changed), item, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), note);

  g_signal_connect_object (item, "notify::done", G_CALLBACK (item_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify::note", G_CALLBACK (item_changed), self,
                           G_CONNECT_SWAPPED);
  return row;
}

/* --- Fields ------------------------------------------------------------------------------- */

static void
scheduled_changed (PolkuMappingVisitPage *self)
{
  g_autofree char *scheduled = NULL;

  if (self->filling || self->visit == NULL)
    return;
  scheduled = text_to_scheduled (gtk_editable_get_text (GTK_EDITABLE (self->scheduled_row)));
  if (scheduled == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->scheduled_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->scheduled_row), "error");
  polku_mapping_visit_set_scheduled (self->visit, scheduled[0] != '\0' ? scheduled : NULL);
  schedule_save (self);
}

static void
place_changed (PolkuMappingVisitPage *self)
{
  if (self->filling || self->visit == NULL)
    return;
  polku_mapping_visit_set_place (self->visit,
                                 gtk_editable_get_text (GTK_EDITABLE (self->place_row)));
  schedule_save (self);
}

static void
held_changed (PolkuMappingVisitPage *self)
{
  if (self->filling || self->visit == NULL)
    return;

  if (gtk_switch_get_active (self->held_switch))
    {
      const char *scheduled = polku_mapping_visit_get_scheduled (self->visit);
      g_autofree char *date = NULL;

      if (scheduled != NULL)
        date = g_strndup (scheduled, 10);
      else
        date = polku_date_today ();
      polku_mapping_visit_set_held_on (self->visit, date);
    }
  else
    polku_mapping_visit_set_held_on (self->visit, NULL);
  schedule_save (self);
}

static void
notes_changed (PolkuMappingVisitPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->filling || self->visit == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  polku_mapping_visit_set_notes (self->visit, text);
  schedule_save (self);
}

/* A visit can be prepared for a client who has none, once the read says there is none. */
static void
update_create_action (PolkuMappingVisitPage *self)
{
  PolkuClientView *view = POLKU_CLIENT_VIEW (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.create",
                                 self->visit == NULL && polku_client_view_get_store (view) != NULL
                                 && polku_client_view_get_client (view) != NULL
                                 && !polku_client_view_get_loading (view));
}

static void
show_visit (PolkuMappingVisitPage *self)
{
  g_autofree char *scheduled = NULL;
  const char *notes;

  self->filling = TRUE;
  if (self->visit == NULL)
    {
      gtk_list_box_bind_model (self->agenda_list, NULL, NULL, NULL, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_create_action (self);
      self->filling = FALSE;
      update_timer (self);
      return;
    }

  update_create_action (self);
  scheduled = scheduled_to_text (polku_mapping_visit_get_scheduled (self->visit));
  gtk_editable_set_text (GTK_EDITABLE (self->scheduled_row), scheduled);
  gtk_widget_remove_css_class (GTK_WIDGET (self->scheduled_row), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->place_row),
                         polku_mapping_visit_get_place (self->visit) != NULL
                         ? polku_mapping_visit_get_place (self->visit) : "");
  gtk_switch_set_active (self->held_switch,
                         polku_mapping_visit_get_held_on (self->visit) != NULL);
  notes = polku_mapping_visit_get_notes (self->visit);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            notes != NULL ? notes : "", -1);
  gtk_list_box_bind_model (self->agenda_list, polku_mapping_visit_get_items (self->visit),
                           create_agenda_row, self, NULL);
  update_agenda_description (self);
  gtk_stack_set_visible_child_name (self->stack, "visit");
  self->filling = FALSE;
  update_timer (self);
}

/* Another client or store: the visit shown goes, after it is saved, or kept aside (with its
 * client's name, while the old client is still set) when it cannot be. */
static void
visit_page_clear (PolkuClientView *view)
{
  PolkuMappingVisitPage *self = POLKU_MAPPING_VISIT_PAGE (view);

  if (self->visit != NULL && self->dirty)
    {
      PolkuClient *client = polku_client_view_get_client (view);
      g_autofree char *name = client != NULL ? polku_client_dup_display_name (client) : NULL;

      keep_unsaved (self, name);
    }
  if (polku_mapping_visit_page_save_now (self))
    show_status (self, NULL);
  take_visit (self, NULL);
  show_visit (self);
}

/* What is pending is saved before the visit is read again. */
static gpointer
visit_page_snapshot (PolkuClientView  *view,
                     GError          **error)
{
  PolkuMappingVisitPage *self = POLKU_MAPPING_VISIT_PAGE (view);

  /* A failure stays said until a save works. */
  if (polku_mapping_visit_page_save_now (self))
    show_status (self, NULL);
  return NULL;
}

static gpointer
visit_page_load (PolkuStore    *store,
                 const char    *client_id,
                 gpointer       snapshot,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return polku_mapping_visit_store_get_latest (store, client_id, error);
}

static void
visit_page_apply (PolkuClientView *view,
                  gpointer         result,
                  const GError    *error)
{
  PolkuMappingVisitPage *self = POLKU_MAPPING_VISIT_PAGE (view);
  PolkuMappingVisit *visit = result;
  gboolean keep_shown;

  /* The client's visit that could not be saved when the page left it is shown again, as
   * typed, instead of what was read. */
  if (self->visit == NULL || !self->dirty)
    {
      g_autoptr(PolkuMappingVisit) kept =
        take_unsaved (self, polku_client_view_get_client_id (view));

      if (kept != NULL)
        {
          g_set_object (&self->visit, kept);
          self->dirty = TRUE;
        }
    }

  /* Anything typed meanwhile into the visit shown so far is saved, and then that visit stays
   * (it is newer than what was read); one changed elsewhere (its own window) is shown. What
   * cannot be saved stays too, rather than the older visit read. */
  keep_shown = !polku_mapping_visit_page_save_now (self) && self->visit != NULL && self->dirty;
  if (!keep_shown
      && (self->visit == NULL || visit == NULL
          || g_strcmp0 (polku_mapping_visit_get_id (self->visit),
                        polku_mapping_visit_get_id (visit)) != 0
          || g_strcmp0 (polku_mapping_visit_get_modified (self->visit),
                        polku_mapping_visit_get_modified (visit)) < 0))
    take_visit (self, visit);
  if (visit == NULL && !g_error_matches (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND)
      && !has_unsaved (self))
    show_status (self, error->message);
  show_visit (self);
}

PolkuMappingVisit *
polku_mapping_visit_page_get_visit (PolkuMappingVisitPage *self)
{
  g_return_val_if_fail (POLKU_IS_MAPPING_VISIT_PAGE (self), NULL);
  return self->visit;
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PolkuMappingVisitPage *self = POLKU_MAPPING_VISIT_PAGE (widget);
  PolkuClientView *view = POLKU_CLIENT_VIEW (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuMappingVisit) visit = NULL;

  if (polku_client_view_get_store (view) == NULL || polku_client_view_get_client_id (view) == NULL)
    return;
  visit = polku_mapping_visit_store_create (polku_client_view_get_store (view),
                                            polku_client_view_get_client_id (view), NULL, &error);
  if (visit == NULL)
    {
      show_status (self, error->message);
      return;
    }
  take_visit (self, visit);
  show_visit (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->scheduled_row));
}

static gboolean
close_window_cb (gpointer user_data)
{
  gtk_window_close (user_data);
  return G_SOURCE_REMOVE;
}

/* Drops what @self could not write, as the user chose; its window may close now. */
static void
discard_unsaved (PolkuMappingVisitPage *self)
{
  if (self->visit != NULL && self->dirty)
    g_debug ("Unsaved changes of the mapping visit %s discarded",
             polku_mapping_visit_get_id (self->visit));
  for (guint i = 0; i < self->unsaved->len; i++)
    {
      Unsaved *unsaved = g_ptr_array_index (self->unsaved, i);

      g_debug ("Unsaved changes of the mapping visit %s discarded",
               polku_mapping_visit_get_id (unsaved->visit));
    }
  self->discarding = TRUE;
  self->dirty = FALSE;
  g_ptr_array_set_size (self->unsaved, 0);
  g_clear_handle_id (&self->retry_id, g_source_remove);
}

/* Closing the window that holds the page while something cannot be written: "Keep Open" (the
 * default, focused at 360 px too (polku-a11y.c), and Escape) changes nothing; "Discard and
 * Close" drops it (the visit in the page's own window too) and closes the window once the
 * dialog, which goes with it, has finished answering. */
static void
close_answered (AdwMessageDialog      *dialog,
                const char            *response,
                PolkuMappingVisitPage *self)
{
  GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "discard") != 0 || window == NULL)
    return;
  discard_unsaved (self);
  if (self->own_page != NULL)
    {
      PolkuMappingVisitPage *own = POLKU_MAPPING_VISIT_PAGE (self->own_page);

      g_weak_ref_set (&own->opener, NULL);
      discard_unsaved (own);
    }
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_window_cb, g_object_ref (window),
                   g_object_unref);
}

/* A window does not close on what cannot be written, unless the user says so; in its own
 * window the page hands it to the page that opened it instead (dispose). */
static gboolean
window_close_request (GtkWindow             *window,
                      PolkuMappingVisitPage *self)
{
  g_autoptr(PolkuMappingVisitPage) opener = g_weak_ref_get (&self->opener);
  PolkuMappingVisitPage *failed = self;
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (opener != NULL || self->discarding)
    return FALSE;
  if (self->close_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->close_dialog));
      return TRUE;
    }
  /* The visit in its own window is asked too: this page could not take it back once gone. */
  if (self->own_page != NULL
      && !polku_mapping_visit_page_save_now (POLKU_MAPPING_VISIT_PAGE (self->own_page)))
    failed = POLKU_MAPPING_VISIT_PAGE (self->own_page);
  if (polku_mapping_visit_page_save_now (self) && failed == self)
    return FALSE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Mapping Visit Not Saved"),
                                                       NULL));
  body = dup_close_body (failed);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Open"),
                                    "discard", _("_Discard and Close"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_answered), self, 0);
  g_set_weak_pointer (&self->close_dialog, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
own_window_destroyed (PolkuMappingVisitPage *self)
{
  self->own_window = NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.open-window", TRUE);
  polku_client_view_reload (POLKU_CLIENT_VIEW (self));
}

static void
open_window_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PolkuMappingVisitPage *self = POLKU_MAPPING_VISIT_PAGE (widget);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  GtkWidget *window, *box, *header, *page;
  GtkRoot *root;

  if (self->own_window != NULL)
    {
      gtk_window_present (self->own_window);
      return;
    }
  if (self->visit == NULL || !polku_mapping_visit_page_save_now (self))
    return;

  name = polku_client_dup_display_name (polku_client_view_get_client (POLKU_CLIENT_VIEW (self)));
  /* TRANSLATORS: window title: "Mapping visit — Aino Virtanen" */
  title = g_strdup_printf (_("Mapping Visit — %s"), name);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 720);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  page = g_object_new (POLKU_TYPE_MAPPING_VISIT_PAGE,
                       "store", polku_client_view_get_store (POLKU_CLIENT_VIEW (self)),
                       "client", polku_client_view_get_client (POLKU_CLIENT_VIEW (self)), NULL);
  /* What it cannot write comes back here. */
  g_weak_ref_set (&POLKU_MAPPING_VISIT_PAGE (page)->opener, self);
  g_set_weak_pointer (&self->own_page, page);
  /* Already in its own window: no button that could only be greyed out. */
  gtk_widget_action_set_enabled (page, "mapping.open-window", FALSE);
  gtk_widget_set_visible (POLKU_MAPPING_VISIT_PAGE (page)->window_button, FALSE);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);

  /* One editor at a time: this page waits until the window is closed. (The focus leaves it
   * first: a text field that is made insensitive while focused loses its focus-out.) */
  if (GTK_IS_WINDOW (root))
    gtk_window_set_focus (GTK_WINDOW (root), NULL);
  self->own_window = GTK_WINDOW (window);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), FALSE);
  gtk_widget_action_set_enabled (widget, "mapping.open-window", FALSE);
  g_signal_connect_object (window, "destroy", G_CALLBACK (own_window_destroyed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_maximize (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

/* --- GObject ----------------------------------------------------------------------------- */

static void
polku_mapping_visit_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (polku_mapping_visit_page_parent_class)->map (widget);
  update_timer (POLKU_MAPPING_VISIT_PAGE (widget));
}

static void
polku_mapping_visit_page_root (GtkWidget *widget)
{
  PolkuMappingVisitPage *self = POLKU_MAPPING_VISIT_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (polku_mapping_visit_page_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      g_set_weak_pointer (&self->close_root, GTK_WIDGET (root));
      g_signal_connect_object (root, "close-request", G_CALLBACK (window_close_request), self,
                               0);
    }
}

static void
polku_mapping_visit_page_unroot (GtkWidget *widget)
{
  PolkuMappingVisitPage *self = POLKU_MAPPING_VISIT_PAGE (widget);

  if (self->close_root != NULL)
    g_signal_handlers_disconnect_by_func (self->close_root, window_close_request, self);
  g_clear_weak_pointer (&self->close_root);
  GTK_WIDGET_CLASS (polku_mapping_visit_page_parent_class)->unroot (widget);
}

static void
polku_mapping_visit_page_unmap (GtkWidget *widget)
{
  PolkuMappingVisitPage *self = POLKU_MAPPING_VISIT_PAGE (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  polku_mapping_visit_page_save_now (self);
  GTK_WIDGET_CLASS (polku_mapping_visit_page_parent_class)->unmap (widget);
}

static void
polku_mapping_visit_page_dispose (GObject *object)
{
  PolkuMappingVisitPage *self = (PolkuMappingVisitPage *) object;

  if (!polku_mapping_visit_page_save_now (self))
    {
      g_autoptr(PolkuMappingVisitPage) opener = g_weak_ref_get (&self->opener);

      if (opener != NULL)
        hand_over_unsaved (self, opener);
      else
        {
          /* Only when the window went without a close-request (the application quitting). */
          if (self->visit != NULL && self->dirty)
            g_warning ("Changes of the mapping visit %s could not be saved and are lost",
                       polku_mapping_visit_get_id (self->visit));
          for (guint i = 0; i < self->unsaved->len; i++)
            g_warning ("Changes of the mapping visit %s could not be saved and are lost",
                       polku_mapping_visit_get_id (
                         ((Unsaved *) g_ptr_array_index (self->unsaved, i))->visit));
        }
      self->dirty = FALSE;
      g_ptr_array_set_size (self->unsaved, 0);
    }
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_weak_pointer (&self->own_page);
  g_clear_weak_pointer (&self->close_dialog);
  if (self->own_window != NULL)
    gtk_window_destroy (self->own_window);
  g_clear_object (&self->visit);

  /* The bin's child is a template child too: let the bin drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_MAPPING_VISIT_PAGE);

  G_OBJECT_CLASS (polku_mapping_visit_page_parent_class)->dispose (object);
}

static void
polku_mapping_visit_page_finalize (GObject *object)
{
  PolkuMappingVisitPage *self = (PolkuMappingVisitPage *) object;

  g_ptr_array_unref (self->unsaved);
  g_weak_ref_clear (&self->opener);
  g_free (self->failure);
  g_free (self->failure_name);

  G_OBJECT_CLASS (polku_mapping_visit_page_parent_class)->finalize (object);
}

static void
polku_mapping_visit_page_class_init (PolkuMappingVisitPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PolkuClientViewClass *view_class = POLKU_CLIENT_VIEW_CLASS (klass);

  object_class->dispose = polku_mapping_visit_page_dispose;
  object_class->finalize = polku_mapping_visit_page_finalize;
  widget_class->root = polku_mapping_visit_page_root;
  widget_class->unroot = polku_mapping_visit_page_unroot;
  widget_class->map = polku_mapping_visit_page_map;
  widget_class->unmap = polku_mapping_visit_page_unmap;
  view_class->clear = visit_page_clear;
  view_class->snapshot = visit_page_snapshot;
  view_class->load = visit_page_load;
  view_class->apply = visit_page_apply;
  view_class->free_result = g_object_unref;
  /* A page of the contacts view, which is loading while the page is. */
  view_class->load_unmapped = TRUE;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-mapping-visit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuMappingVisitPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuMappingVisitPage, window_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuMappingVisitPage, timer_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuMappingVisitPage, timer_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuMappingVisitPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuMappingVisitPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PolkuMappingVisitPage, scheduled_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuMappingVisitPage, place_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuMappingVisitPage, held_switch);
  gtk_widget_class_bind_template_child (widget_class, PolkuMappingVisitPage, agenda_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuMappingVisitPage, agenda_list);
  gtk_widget_class_bind_template_child (widget_class, PolkuMappingVisitPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, PolkuMappingVisitPage, status_label);

  gtk_widget_class_install_action (widget_class, "mapping.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "mapping.toggle-timer", NULL,
                                   toggle_timer_action);
  gtk_widget_class_install_action (widget_class, "mapping.reset-timer", NULL,
                                   reset_timer_action);
  gtk_widget_class_install_action (widget_class, "mapping.open-window", NULL,
                                   open_window_action);
}

static void
polku_mapping_visit_page_init (PolkuMappingVisitPage *self)
{
  self->unsaved = g_ptr_array_new_with_free_func (unsaved_free);
  g_weak_ref_init (&self->opener, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->scheduled_row, "changed", G_CALLBACK (scheduled_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->place_row, "changed", G_CALLBACK (place_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->held_switch, "notify::active", G_CALLBACK (held_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (notes_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::loading", G_CALLBACK (update_create_action), NULL);
  show_visit (self);
}

GtkWidget *
polku_mapping_visit_page_new (void)
{
  return g_object_new (POLKU_TYPE_MAPPING_VISIT_PAGE, NULL);
}
