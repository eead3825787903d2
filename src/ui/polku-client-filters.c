/* polku-client-filters.c: the case filters of the client list
 *
 * Phase, coordinator and review due: the store answers which clients match (in a thread),
 * and the filter (polku_client_filters_get_filter ()) then lets those through. With every
 * filter at "All" it lets everyone through. The coordinator filter offers "My clients" (the
 * caseload of whoever works: the store's actor) and everyone who coordinates a case now.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-client-filters"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-case-store.h"
#include "polku-coordinator-store.h"
#include "polku-date.h"
#include "polku-client-filters-private.h"
#include "polku-error-dialog.h"

struct _PolkuClientFilters
{
  AdwBin           parent_instance;

  PolkuStore      *store;
  GHashTable      *case_ids;      /* ids of the clients let through, or NULL for everyone */
  GCancellable    *cancellable;   /* the query in flight */
  GtkStringList   *workers;       /* "All coordinators", "My clients", then the names */

  GtkCustomFilter *filter;
  GtkDropDown     *phase_dropdown;
  GtkDropDown     *worker_dropdown;
  GtkToggleButton *review_toggle;
};

G_DEFINE_FINAL_TYPE (PolkuClientFilters, polku_client_filters, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
filter_client (gpointer item,
               gpointer user_data)
{
  PolkuClientFilters *self = user_data;

  return self->case_ids == NULL
         || g_hash_table_contains (self->case_ids, polku_client_get_id (POLKU_CLIENT (item)));
}

/* The query: which clients' cases match, in a thread */

typedef struct
{
  int   phase;
  char *coordinator;
  char *review_due_by;
} CaseQuery;

static void
case_query_free (CaseQuery *query)
{
  g_free (query->coordinator);
  g_free (query->review_due_by);
  g_free (query);
}

static void
case_query_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CaseQuery *query = task_data;
  PolkuCaseFilter filter = POLKU_CASE_FILTER_INIT;
  g_autoptr(GPtrArray) cases = NULL;
  GError *error = NULL;
  GHashTable *ids;

  filter.phase = query->phase;
  filter.coordinator = query->coordinator;
  filter.review_due_by = query->review_due_by;
  filter.include_archived = TRUE;
  cases = polku_case_store_list (source_object, &filter, &error);
  if (cases == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < cases->len; i++)
    g_hash_table_add (ids, g_strdup (polku_case_get_client_id (g_ptr_array_index (cases, i))));
  g_task_return_pointer (task, ids, (GDestroyNotify) g_hash_table_unref);
}

static void
case_query_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PolkuClientFilters) self = user_data;
  g_autoptr(GError) error = NULL;
  GHashTable *ids = g_task_propagate_pointer (G_TASK (result), &error);

  /* A later change of the filters cancelled this query (GTask reports it cancelled even
   * when the thread had finished). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (ids == NULL)
    {
      g_clear_object (&self->cancellable);
      polku_error_dialog_present (GTK_WIDGET (self), _("Could Not Filter the Clients"), error);
      return;
    }

  g_clear_pointer (&self->case_ids, g_hash_table_unref);
  self->case_ids = ids;
  g_clear_object (&self->cancellable);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
cancel_query (PolkuClientFilters *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/* Cancels the query in flight, and lets everyone through. */
static void
clear_case_ids (PolkuClientFilters *self)
{
  cancel_query (self);
  if (self->case_ids == NULL)
    return;

  g_clear_pointer (&self->case_ids, g_hash_table_unref);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
}

/* The coordinator filter's second item: the caseload of whoever works. */
#define MY_CLIENTS 1

static gboolean
chosen (guint position)
{
  return position > 0 && position != GTK_INVALID_LIST_POSITION;
}

static void
on_filter_changed (PolkuClientFilters *self)
{
  guint phase = gtk_drop_down_get_selected (self->phase_dropdown);
  guint worker = gtk_drop_down_get_selected (self->worker_dropdown);
  gboolean review = gtk_toggle_button_get_active (self->review_toggle);
  g_autoptr(GTask) task = NULL;
  CaseQuery *query;

  if (self->store == NULL || (!chosen (phase) && !chosen (worker) && !review))
    {
      clear_case_ids (self);
      return;
    }

  /* What the last query let through stays until this one answers. */
  cancel_query (self);
  query = g_new0 (CaseQuery, 1);
  query->phase = chosen (phase) ? (int) phase - 1 : -1;
  if (worker == MY_CLIENTS)
    query->coordinator = polku_store_dup_actor (self->store);
  else if (chosen (worker))
    query->coordinator = g_strdup (gtk_string_list_get_string (self->workers, worker));
  if (review)
    {
      g_autoptr(GDateTime) now = polku_date_now_local ();
      g_autoptr(GDateTime) week = g_date_time_add_days (now, 7);

      query->review_due_by = g_date_time_format (week, "%Y-%m-%d");
    }

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self->store, self->cancellable, case_query_cb, g_object_ref (self));
  g_task_set_task_data (task, query, (GDestroyNotify) case_query_free);
  g_task_run_in_thread (task, case_query_thread);
}

/* The coordinators */

/* Everyone who coordinates a case now, for the coordinator filter (read through the index
 * of open periods, not every case); the one chosen stays chosen if it is still there, and
 * "My clients" always does. */
static void
reload_workers (PolkuClientFilters *self)
{
  g_auto(GStrv) names = NULL;
  g_autofree char *selected = NULL;
  guint selected_position = 0;
  guint position = gtk_drop_down_get_selected (self->worker_dropdown);
  guint n_items;

  if (position == MY_CLIENTS)
    selected_position = MY_CLIENTS;
  else if (chosen (position))
    selected = g_strdup (gtk_string_list_get_string (self->workers, position));

  if (self->store != NULL)
    names = polku_coordinator_store_list_coordinators (self->store, NULL);

  g_signal_handlers_block_by_func (self->worker_dropdown, on_filter_changed, self);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->workers));
  gtk_string_list_splice (self->workers, MY_CLIENTS + 1, n_items - MY_CLIENTS - 1,
                          (const char * const *) names);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->workers));
  for (guint i = MY_CLIENTS + 1; selected != NULL && i < n_items; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->workers, i), selected) == 0)
      selected_position = i;
  gtk_drop_down_set_selected (self->worker_dropdown, selected_position);
  g_signal_handlers_unblock_by_func (self->worker_dropdown, on_filter_changed, self);
}

/**
 * polku_client_filters_reload:
 *
 * Reads the coordinators again (a coordinator was named), and asks the store again which
 * clients match when a filter is set.
 */
void
polku_client_filters_reload (PolkuClientFilters *self)
{
  g_return_if_fail (POLKU_IS_CLIENT_FILTERS (self));

  if (self->store == NULL)
    return;
  reload_workers (self);
  on_filter_changed (self);
}

/* GObject */

static void
polku_client_filters_dispose (GObject *object)
{
  PolkuClientFilters *self = (PolkuClientFilters *) object;

  cancel_query (self);
  g_clear_pointer (&self->case_ids, g_hash_table_unref);
  g_clear_object (&self->workers);
  g_clear_object (&self->store);
  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_CLIENT_FILTERS);

  G_OBJECT_CLASS (polku_client_filters_parent_class)->dispose (object);
}

static void
polku_client_filters_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PolkuClientFilters *self = POLKU_CLIENT_FILTERS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_filters_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PolkuClientFilters *self = POLKU_CLIENT_FILTERS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      polku_client_filters_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_filters_class_init (PolkuClientFiltersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_client_filters_dispose;
  object_class->get_property = polku_client_filters_get_property;
  object_class->set_property = polku_client_filters_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, POLKU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PolkuClientFilters:filter:
   *
   * Lets through the #PolkuClient objects whose case matches the filters.
   */
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, GTK_TYPE_FILTER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-client-filters.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuClientFilters, filter);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientFilters, phase_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientFilters, worker_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientFilters, review_toggle);
}

static void
polku_client_filters_init (PolkuClientFilters *self)
{
  g_autoptr(GtkStringList) phases = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_custom_filter_set_filter_func (self->filter, filter_client, self, NULL);

  gtk_string_list_append (phases, _("All phases"));
  for (int i = 0; i < POLKU_CASE_N_PHASES; i++)
    gtk_string_list_append (phases, polku_case_phase_get_label (i));
  gtk_drop_down_set_model (self->phase_dropdown, G_LIST_MODEL (phases));

  self->workers = gtk_string_list_new (NULL);
  gtk_string_list_append (self->workers, _("All coordinators"));
  gtk_string_list_append (self->workers, _("My clients"));
  gtk_drop_down_set_model (self->worker_dropdown, G_LIST_MODEL (self->workers));

  g_signal_connect_object (self->phase_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->worker_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_toggle, "toggled",
                           G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
polku_client_filters_new (void)
{
  return g_object_new (POLKU_TYPE_CLIENT_FILTERS, NULL);
}

/**
 * polku_client_filters_get_store:
 *
 * Returns: (transfer none) (nullable): the store the filters ask
 */
PolkuStore *
polku_client_filters_get_store (PolkuClientFilters *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_FILTERS (self), NULL);
  return self->store;
}

/**
 * polku_client_filters_set_store:
 * @store: (nullable): an open store, or %NULL (locked)
 *
 * Offers the coordinators of @store's cases. %NULL cancels the query in flight and
 * lets everyone through; the filters stay as they are set.
 */
void
polku_client_filters_set_store (PolkuClientFilters *self,
                                PolkuStore         *store)
{
  g_return_if_fail (POLKU_IS_CLIENT_FILTERS (self));
  g_return_if_fail (store == NULL || POLKU_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  if (store != NULL)
    reload_workers (self);
  else
    clear_case_ids (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * polku_client_filters_get_filter:
 *
 * Returns: (transfer none): the filter that lets through the clients whose case matches
 */
GtkFilter *
polku_client_filters_get_filter (PolkuClientFilters *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_FILTERS (self), NULL);
  return GTK_FILTER (self->filter);
}

/* Returns: %TRUE while the store is being asked which clients match */
gboolean
polku_client_filters_get_busy (PolkuClientFilters *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_FILTERS (self), FALSE);
  return self->cancellable != NULL;
}

/* Sets every filter back to "All": everyone is let through. */
void
polku_client_filters_reset (PolkuClientFilters *self)
{
  g_return_if_fail (POLKU_IS_CLIENT_FILTERS (self));

  gtk_drop_down_set_selected (self->phase_dropdown, 0);
  gtk_drop_down_set_selected (self->worker_dropdown, 0);
  gtk_toggle_button_set_active (self->review_toggle, FALSE);
  clear_case_ids (self);
}

GtkDropDown *
polku_client_filters_get_phase_dropdown (PolkuClientFilters *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_FILTERS (self), NULL);
  return self->phase_dropdown;
}

GtkDropDown *
polku_client_filters_get_worker_dropdown (PolkuClientFilters *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_FILTERS (self), NULL);
  return self->worker_dropdown;
}

GtkToggleButton *
polku_client_filters_get_review_toggle (PolkuClientFilters *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_FILTERS (self), NULL);
  return self->review_toggle;
}
