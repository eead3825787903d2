/* polku-client-list.c: the main window's sidebar: the client list, its search and filters
 *
 * The clients of the store, filtered by the search, the case filters (PolkuClientFilters)
 * and the Show Archived setting, sorted as the core sorts, with one of them selected. The
 * window shows the selected client's page; "client-activated" asks it to open that page (a
 * row activated, Enter in the search).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-client-list"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-client-filters.h"
#include "polku-client-list-private.h"
#include "polku-client-row.h"
#include "polku-client-store.h"
#include "polku-error-dialog.h"

struct _PolkuClientList
{
  AdwBin              parent_instance;

  PolkuStore         *store;
  GSettings          *settings;
  GCancellable       *cancellable;
  gboolean            folded;
  guint               followups_due;

  char               *query;
  gboolean            show_archived;
  gboolean            loading;

  GtkSearchEntry     *search_entry;
  PolkuClientFilters *filters;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkLabel           *followups_count;
  GListStore         *clients;
  GtkFilterListModel *filter_model;
  GtkEveryFilter     *every_filter;
  GtkCustomFilter    *filter;
  GtkSortListModel   *sort_model;
  GtkCustomSorter    *sorter;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (PolkuClientList, polku_client_list, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_FOLDED,
  PROP_FOLLOWUPS_DUE,
  PROP_SELECTED_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CLIENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Filter, sort, state */

static gboolean
filter_client (gpointer item,
               gpointer user_data)
{
  PolkuClientList *self = user_data;
  PolkuClient *client = item;

  if (!self->show_archived && polku_client_get_archived (client))
    return FALSE;

  return self->query == NULL || polku_client_matches (client, self->query);
}

static int
sort_clients (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return polku_client_compare (POLKU_CLIENT ((gpointer) a), POLKU_CLIENT ((gpointer) b));
}

static void
update_list_state (PolkuClientList *self)
{
  const char *name;

  if (self->loading)
    name = "loading";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    name = "list";
  else if (self->query != NULL)
    name = "no-results";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->clients)) == 0)
    name = "empty";
  else
    name = "archived";

  gtk_stack_set_visible_child_name (self->list_stack, name);
}

/* Tells the filter that it lets through more (or fewer, or other) clients than before. */
static void
filter_changed (PolkuClientList *self,
                GtkFilterChange  change)
{
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_list_state (self);
}

static void
apply_query (PolkuClientList *self,
             const char      *text)
{
  g_autofree char *old = g_steal_pointer (&self->query);
  GtkFilterChange change;

  if (text != NULL && text[0] != '\0')
    self->query = g_strdup (text);

  if (g_strcmp0 (old, self->query) == 0)
    return;

  /* Typing more can only narrow the list; deleting can only widen it. */
  if (old == NULL || (self->query != NULL && g_str_has_prefix (self->query, old)))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->query == NULL || g_str_has_prefix (old, self->query))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  filter_changed (self, change);
}

/* The entry tells of a change only after a short delay: a quick Enter or Down must not act
 * on the list of the text before, so they apply the text at once too. */
static void
on_search_changed (PolkuClientList *self)
{
  apply_query (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
clear_search (PolkuClientList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_query (self, NULL);
}

static void
on_show_archived_changed (PolkuClientList *self)
{
  gboolean show_archived = g_settings_get_boolean (self->settings, "show-archived");

  if (show_archived == self->show_archived)
    return;

  self->show_archived = show_archived;
  filter_changed (self, show_archived ? GTK_FILTER_CHANGE_LESS_STRICT
                                      : GTK_FILTER_CHANGE_MORE_STRICT);
}

static void
on_visible_clients_changed (PolkuClientList *self)
{
  update_list_state (self);
}

static void
on_selected_item_changed (PolkuClientList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CLIENT]);
}

/* Opening a client: a row activated, Enter or Down in the search */

static void
on_list_activate (PolkuClientList *self,
                  guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals[CLIENT_ACTIVATED], 0, polku_client_list_get_selected_client (self));
}

/* Applies what the search entry says and selects the first match, unless one of the matches
 * is selected already. Returns: %FALSE when nothing matches */
static gboolean
select_first_match (PolkuClientList *self)
{
  on_search_changed (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return FALSE;
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, 0);
  return TRUE;
}

/* Enter in the search entry opens the first match (or the one already selected). */
static void
on_search_activate (PolkuClientList *self)
{
  if (!select_first_match (self))
    return;
  g_signal_emit (self, signals[CLIENT_ACTIVATED], 0, polku_client_list_get_selected_client (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Down in the search entry goes on to the list, as in GNOME's own apps. */
static gboolean
on_search_key_pressed (PolkuClientList *self,
                       guint            keyval,
                       guint            keycode,
                       GdkModifierType  state)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0
      || !select_first_match (self))
    return GDK_EVENT_PROPAGATE;

  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return GDK_EVENT_STOP;
}

/* Loading */

static void
list_clients_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PolkuClientList) self = user_data;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;

  clients = polku_client_store_list_finish (POLKU_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;

  if (clients == NULL)
    {
      update_list_state (self);
      polku_error_dialog_present (GTK_WIDGET (self), _("Could Not Load the Clients"), error);
      return;
    }

  g_debug ("Loaded %u clients", clients->len);
  g_list_store_splice (self->clients, 0, g_list_model_get_n_items (G_LIST_MODEL (self->clients)),
                       clients->pdata, clients->len);
  update_list_state (self);
}

static void
load_clients (PolkuClientList *self)
{
  self->loading = TRUE;
  update_list_state (self);
  polku_client_store_list_async (self->store, TRUE, self->cancellable, list_clients_cb,
                                 g_object_ref (self));
}

/* Forgets every client (the window locks): what is loading, the list, the search. */
static void
clear_clients (PolkuClientList *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_list_store_remove_all (self->clients);
  clear_search (self);
  self->loading = FALSE;
  update_list_state (self);
}

/* GObject */

static void
polku_client_list_dispose (GObject *object)
{
  PolkuClientList *self = (PolkuClientList *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);

  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  if (self->sorter != NULL)
    gtk_custom_sorter_set_sort_func (self->sorter, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_CLIENT_LIST);

  G_OBJECT_CLASS (polku_client_list_parent_class)->dispose (object);
}

static void
polku_client_list_finalize (GObject *object)
{
  PolkuClientList *self = (PolkuClientList *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (polku_client_list_parent_class)->finalize (object);
}

static void
polku_client_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PolkuClientList *self = POLKU_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    case PROP_FOLLOWUPS_DUE:
      g_value_set_uint (value, self->followups_due);
      break;
    case PROP_SELECTED_CLIENT:
      g_value_set_object (value, polku_client_list_get_selected_client (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PolkuClientList *self = POLKU_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      polku_client_list_set_store (self, g_value_get_object (value));
      break;
    case PROP_FOLDED:
      polku_client_list_set_folded (self, g_value_get_boolean (value));
      break;
    case PROP_FOLLOWUPS_DUE:
      polku_client_list_set_followups_due (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_list_class_init (PolkuClientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_client_list_dispose;
  object_class->finalize = polku_client_list_finalize;
  object_class->get_property = polku_client_list_get_property;
  object_class->set_property = polku_client_list_set_property;

  /**
   * PolkuClientList:store:
   *
   * The open database whose clients the list shows; %NULL forgets every client.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, POLKU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PolkuClientList:folded:
   *
   * Whether the window shows one pane at a time: the header bar then has the window's
   * buttons, and a single click opens a client.
   */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PolkuClientList:followups-due:
   *
   * How many follow-ups are due today or overdue, shown on the Follow-ups button.
   */
  properties[PROP_FOLLOWUPS_DUE] =
    g_param_spec_uint ("followups-due", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_CLIENT] =
    g_param_spec_object ("selected-client", NULL, NULL, POLKU_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PolkuClientList::client-activated:
   * @client: the selected client
   *
   * The user asked to open @client: activated its row, or pressed Enter in the search.
   */
  signals[CLIENT_ACTIVATED] =
    g_signal_new ("client-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, POLKU_TYPE_CLIENT);

  g_type_ensure (POLKU_TYPE_CLIENT);
  g_type_ensure (POLKU_TYPE_CLIENT_FILTERS);
  g_type_ensure (POLKU_TYPE_CLIENT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-client-list.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, filters);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, list_view);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, followups_count);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, clients);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, filter_model);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, every_filter);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, filter);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, sort_model);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, sorter);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientList, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, clear_search);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_clients_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_item_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
}

static void
polku_client_list_init (PolkuClientList *self)
{
  GtkEventController *key;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  self->show_archived = g_settings_get_boolean (self->settings, "show-archived");
  g_signal_connect_object (self->settings, "changed::show-archived",
                           G_CALLBACK (on_show_archived_changed), self, G_CONNECT_SWAPPED);

  gtk_custom_filter_set_filter_func (self->filter, filter_client, self, NULL);
  gtk_multi_filter_append (GTK_MULTI_FILTER (self->every_filter),
                           g_object_ref (polku_client_filters_get_filter (self->filters)));
  gtk_custom_sorter_set_sort_func (self->sorter, sort_clients, NULL, NULL);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (on_search_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);
}

GtkWidget *
polku_client_list_new (void)
{
  return g_object_new (POLKU_TYPE_CLIENT_LIST, NULL);
}

/**
 * polku_client_list_get_store:
 *
 * Returns: (transfer none) (nullable): the store whose clients the list shows
 */
PolkuStore *
polku_client_list_get_store (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return self->store;
}

/**
 * polku_client_list_set_store:
 * @store: (nullable): an open store, or %NULL to forget every client
 *
 * Lists the clients of @store (reading them in a thread). %NULL cancels what is loading
 * and empties the list and the search; the case filters keep what they are set to.
 */
void
polku_client_list_set_store (PolkuClientList *self,
                             PolkuStore      *store)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));
  g_return_if_fail (store == NULL || POLKU_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    clear_clients (self);
  g_set_object (&self->store, store);
  if (store != NULL)
    load_clients (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
polku_client_list_get_folded (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), FALSE);
  return self->folded;
}

void
polku_client_list_set_folded (PolkuClientList *self,
                              gboolean         folded)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));

  folded = !!folded;
  if (self->folded == folded)
    return;

  self->folded = folded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

guint
polku_client_list_get_followups_due (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), 0);
  return self->followups_due;
}

void
polku_client_list_set_followups_due (PolkuClientList *self,
                                     guint            n_due)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));

  if (self->followups_due == n_due)
    return;

  self->followups_due = n_due;
  if (n_due > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", n_due);
      g_autofree char *description =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u follow-up due today or overdue",
                                      "%u follow-ups due today or overdue", n_due), n_due);

      gtk_label_set_text (self->followups_count, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->followups_count),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->followups_count), n_due > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWUPS_DUE]);
}

/**
 * polku_client_list_get_selected_client:
 *
 * Returns: (transfer none) (nullable): the selected client
 */
PolkuClient *
polku_client_list_get_selected_client (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

void
polku_client_list_unselect (PolkuClientList *self)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static gboolean
find_visible (PolkuClientList *self,
              const char      *client_id,
              guint           *out_position)
{
  GListModel *visible = G_LIST_MODEL (self->selection);

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(PolkuClient) client = g_list_model_get_item (visible, i);

      if (g_strcmp0 (polku_client_get_id (client), client_id) == 0)
        {
          *out_position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * polku_client_list_select_client:
 * @client_id: the id of a listed client
 * @clear_filters: whether to clear the case filters too when they hide the client
 *
 * Selects the client and scrolls to it, clearing the search (and with @clear_filters the
 * case filters) if they hide it.
 *
 * Returns: %FALSE when the client is not in the list
 */
gboolean
polku_client_list_select_client (PolkuClientList *self,
                                 const char      *client_id,
                                 gboolean         clear_filters)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), FALSE);
  g_return_val_if_fail (client_id != NULL, FALSE);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      guint position;

      if (find_visible (self, client_id, &position))
        {
          gtk_single_selection_set_selected (self->selection, position);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                      position);
          return TRUE;
        }

      if (attempt > 0 || (self->query == NULL && !clear_filters))
        break;
      clear_search (self);
      if (clear_filters)
        polku_client_filters_reset (self->filters);
    }

  return FALSE;
}

/**
 * polku_client_list_add_client:
 * @client: a client just added to the store
 */
void
polku_client_list_add_client (PolkuClientList *self,
                              PolkuClient     *client)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));
  g_return_if_fail (POLKU_IS_CLIENT (client));

  g_list_store_append (self->clients, client);
}

/**
 * polku_client_list_refresh_client:
 * @client: a listed client that changed
 *
 * Places @client again (its name may sort elsewhere, an archived client may now be
 * hidden). The selection follows it.
 */
void
polku_client_list_refresh_client (PolkuClientList *self,
                                  PolkuClient     *client)
{
  g_autoptr(PolkuClient) hold = NULL;
  guint position;

  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));
  g_return_if_fail (POLKU_IS_CLIENT (client));

  hold = g_object_ref (client);
  if (g_list_store_find (self->clients, client, &position))
    g_list_store_splice (self->clients, position, 1, (gpointer *) &client, 1);
}

void
polku_client_list_focus_search (PolkuClientList *self)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
polku_client_list_focus_list (PolkuClientList *self)
{
  g_return_if_fail (POLKU_IS_CLIENT_LIST (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* What the tests reach */

GtkEditable *
polku_client_list_get_search_entry (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

/**
 * polku_client_list_get_all_clients:
 *
 * Returns: (transfer none): every loaded client, archived ones too
 */
GListModel *
polku_client_list_get_all_clients (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return G_LIST_MODEL (self->clients);
}

/**
 * polku_client_list_get_visible_clients:
 *
 * Returns: (transfer none): the clients the list shows, filtered and sorted: a
 *   #GtkSingleSelection
 */
GListModel *
polku_client_list_get_visible_clients (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return G_LIST_MODEL (self->selection);
}

/**
 * polku_client_list_get_state:
 *
 * Returns: what the list shows: "loading", "list", "empty" (no clients yet), "archived"
 *   (only archived clients, hidden) or "no-results" (a search with no hits)
 */
const char *
polku_client_list_get_state (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return gtk_stack_get_visible_child_name (self->list_stack);
}

/**
 * polku_client_list_get_settled:
 *
 * Returns: %TRUE when nothing is loading and the list shows what the search entry says
 */
gboolean
polku_client_list_get_settled (PolkuClientList *self)
{
  const char *text;

  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), FALSE);

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (g_strcmp0 (text[0] != '\0' ? text : NULL, self->query) != 0)
    return FALSE;

  return !self->loading && !polku_client_filters_get_busy (self->filters)
         && gtk_filter_list_model_get_pending (self->filter_model) == 0
         && gtk_sort_list_model_get_pending (self->sort_model) == 0;
}

PolkuClientFilters *
polku_client_list_get_filters (PolkuClientList *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_LIST (self), NULL);
  return self->filters;
}
