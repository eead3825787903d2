/* polku-client-page.c: the selected client's details
 *
 * A PolkuClientView with no read of its own: it records that the client's page was opened,
 * then hands the store and the client to the views of its tabs and of the overview.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-client-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "polku-audit.h"
#include "polku-client-page.h"
#include "polku-client-view.h"
#include "polku-conflicts-window.h"
#include "polku-contacts-view.h"
#include "polku-date.h"
#include "polku-log-view.h"
#include "polku-measures-view.h"
#include "polku-overview-view.h"
#include "polku-plan-view.h"
#include "polku-record-entry-dialog.h"

struct _PolkuClientPage
{
  PolkuClientView parent_instance;

  PolkuClient    *views_client;  /* what the views show: NULL while the page shows an error */
  GSignalGroup   *client_signals;
  gboolean        folded;

  AdwHeaderBar   *header_bar;
  GtkWidget      *back_button;
  AdwViewSwitcherTitle *title_widget;
  AdwViewSwitcherBar   *switcher_bar;
  GtkWidget      *name_bar;
  GtkLabel       *name_label;
  GtkLabel       *name_subtitle;
  AdwViewStack   *views;
  GtkBox         *overview_box;
  AdwStatusPage  *error_page;
  GtkWidget      *edit_button;
  GtkButton      *archive_button;
  AdwActionRow   *archive_row;
  GtkStack       *stack;
  AdwActionRow   *hetu_row;
  AdwActionRow   *birth_date_row;
  AdwActionRow   *language_row;
  AdwActionRow   *phone_row;
  AdwActionRow   *email_row;
  AdwActionRow   *address_row;
  AdwActionRow   *municipality_row;
  GtkScrolledWindow *overview_scroller;
  PolkuOverviewView *overview_view;

  char           *pending_focus;      /* the tab to put the focus in once its view is read */
  gboolean        pending_followups;  /* scroll the overview to its follow-ups once read */
  guint           scroll_tick;
  double          scroll_target;
  guint           n_frames;
};

/* In the order of the switcher: Alt+1 … Alt+5. */
static const char * const tab_names[] = { "overview", "plan", "measures", "contacts", "log" };

G_DEFINE_FINAL_TYPE (PolkuClientPage, polku_client_page, POLKU_TYPE_CLIENT_VIEW)

enum
{
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * polku_format_birth_date:
 * @iso_date: (nullable): a date as YYYY-MM-DD
 *
 * Returns: (transfer full) (nullable): the date written the way the user's locale writes
 * dates, or %NULL if @iso_date is not a date
 */
char *
polku_format_birth_date (const char *iso_date)
{
  if (iso_date == NULL || !polku_date_is_valid (iso_date))
    return NULL;
  return polku_date_format_user (iso_date);
}

static void
set_value (AdwActionRow *row,
           const char   *value)
{
  if (value != NULL && value[0] != '\0')
    {
      adw_action_row_set_subtitle (row, value);
      gtk_widget_remove_css_class (GTK_WIDGET (row), "polku-missing");
    }
  else
    {
      adw_action_row_set_subtitle (row, _("Not recorded"));
      gtk_widget_add_css_class (GTK_WIDGET (row), "polku-missing");
    }
}

/* The client's name above the tabs, for when the header shows the tabs instead of it. */
static void
update_name_bar (PolkuClientPage *self,
                 const char      *name,
                 const char      *birth_date,
                 gboolean         archived)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  PolkuClient *client = polku_client_view_get_client (POLKU_CLIENT_VIEW (self));
  const char *municipality = client != NULL ? polku_client_get_municipality (client) : NULL;

  gtk_label_set_text (self->name_label, name != NULL ? name : "");
  if (birth_date != NULL)
    g_string_append (subtitle, birth_date);
  if (municipality != NULL && municipality[0] != '\0')
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", municipality);
  if (archived)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", _("Archived"));
  gtk_label_set_text (self->name_subtitle, subtitle->str);
  gtk_widget_set_visible (GTK_WIDGET (self->name_subtitle), subtitle->len > 0);
}

static void
on_title_visible_changed (PolkuClientPage *self)
{
  gtk_widget_set_visible (self->name_bar,
                          !adw_view_switcher_title_get_title_visible (self->title_widget));
}

static void
update (PolkuClientPage *self)
{
  PolkuClient *client = polku_client_view_get_client (POLKU_CLIENT_VIEW (self));
  g_autofree char *name = NULL;
  g_autofree char *birth_date = NULL;
  gboolean archived;

  gtk_widget_set_visible (self->edit_button, client != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.record-entry", client != NULL);
  adw_view_switcher_title_set_view_switcher_enabled (self->title_widget, client != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->archive_button), client != NULL);

  if (client == NULL)
    {
      adw_view_switcher_title_set_title (self->title_widget, "");
      adw_view_switcher_title_set_subtitle (self->title_widget, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      /* Leave nothing of the last client behind in the widgets. */
      update_name_bar (self, NULL, NULL, FALSE);
      set_value (self->hetu_row, NULL);
      set_value (self->birth_date_row, NULL);
      set_value (self->language_row, NULL);
      set_value (self->phone_row, NULL);
      set_value (self->email_row, NULL);
      set_value (self->address_row, NULL);
      set_value (self->municipality_row, NULL);
      return;
    }

  name = polku_client_dup_display_name (client);
  archived = polku_client_get_archived (client);
  birth_date = polku_format_birth_date (polku_client_get_birth_date (client));

  adw_view_switcher_title_set_title (self->title_widget, name != NULL ? name : "");
  adw_view_switcher_title_set_subtitle (self->title_widget, archived ? _("Archived") : "");
  update_name_bar (self, name, birth_date, archived);
  gtk_button_set_label (self->archive_button, archived ? _("_Restore") : _("_Archive"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->archive_row),
                                 archived ? _("Archived") : _("Archive"));
  adw_action_row_set_subtitle (self->archive_row,
                               archived ? _("Show the client in the client list again")
                                        : _("Hide the client from the client list; "
                                            "nothing is deleted"));

  set_value (self->hetu_row, polku_client_get_hetu (client));
  set_value (self->birth_date_row, birth_date);
  set_value (self->language_row, polku_language_get_label (polku_client_get_language (client)));
  set_value (self->phone_row, polku_client_get_phone (client));
  set_value (self->email_row, polku_client_get_email (client));
  set_value (self->address_row, polku_client_get_address (client));
  set_value (self->municipality_row, polku_client_get_municipality (client));

  gtk_stack_set_visible_child_name (self->stack, "client");
}

static void
give_view (GtkWidget   *view,
           PolkuStore  *store,
           PolkuClient *client)
{
  if (!POLKU_IS_CLIENT_VIEW (view))
    return;
  polku_client_view_set_store (POLKU_CLIENT_VIEW (view), store);
  polku_client_view_set_client (POLKU_CLIENT_VIEW (view), client);
}

/* Gives the store and @client to every view of the page: the pages of the view stack, and
 * the views inside the overview. */
static void
give_views (PolkuClientPage *self,
            PolkuClient     *client)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->views);
  PolkuStore *store = polku_client_view_get_store (POLKU_CLIENT_VIEW (self));

  g_set_object (&self->views_client, client);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      give_view (adw_view_stack_page_get_child (page), store, client);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->overview_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    give_view (child, store, client);
}

/* Finnish law requires that every access to a client's data can be shown afterwards: the
 * page shows a client only once the view is in the audit log. */
static void
record_view (PolkuClientPage *self)
{
  PolkuStore *store = polku_client_view_get_store (POLKU_CLIENT_VIEW (self));
  PolkuClient *client = polku_client_view_get_client (POLKU_CLIENT_VIEW (self));
  const char *client_id = polku_client_view_get_client_id (POLKU_CLIENT_VIEW (self));
  g_autoptr(GError) error = NULL;

  if (store != NULL && client_id != NULL
      && !polku_audit_record (store, POLKU_AUDIT_CLIENT_VIEW, client_id, NULL, &error))
    {
      g_autofree char *description =
        g_strdup_printf (_("Polku could not record that you opened this client’s page, so the "
                           "page is not shown. %s"), error->message);

      give_views (self, NULL);
      update (self);
      adw_view_switcher_title_set_title (self->title_widget, "");
      adw_view_switcher_title_set_subtitle (self->title_widget, "");
      update_name_bar (self, NULL, NULL, FALSE);
      gtk_widget_set_visible (self->edit_button, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->archive_button), FALSE);
      adw_view_switcher_title_set_view_switcher_enabled (self->title_widget, FALSE);
      adw_status_page_set_description (self->error_page, description);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  give_views (self, client);
  update (self);
}

/* Tabs: Alt+1 … Alt+5 show one and put the keyboard in it; a follow-up opens the overview
 * at its follow-ups. Both wait for the tab's read, since a view being read has nothing to
 * focus or scroll to yet. */

static gboolean
tree_loading (GtkWidget *widget)
{
  if (POLKU_IS_CLIENT_VIEW (widget)
      && polku_client_view_get_loading (POLKU_CLIENT_VIEW (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (tree_loading (child))
      return TRUE;
  return FALSE;
}

static void
focus_pending_tab (PolkuClientPage *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->views);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (self->pending_focus == NULL)
    return;
  if (child == NULL
      || g_strcmp0 (adw_view_stack_get_visible_child_name (self->views),
                    self->pending_focus) != 0)
    {
      g_clear_pointer (&self->pending_focus, g_free);
      return;
    }
  if (tree_loading (child))
    return;

  g_clear_pointer (&self->pending_focus, g_free);
  if (focus == NULL || !gtk_widget_is_ancestor (focus, child))
    gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD);
}

static void
stop_scroll (PolkuClientPage *self)
{
  self->pending_followups = FALSE;
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->overview_scroller), self->scroll_tick);
  self->scroll_tick = 0;
}

/* Each frame until the position holds: the overview's rows are laid out a frame or two
 * after they are read, and only then can the follow-ups be found. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  PolkuClientPage *self = POLKU_CLIENT_PAGE (user_data);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->overview_scroller);
  GtkWidget *group = polku_overview_view_get_followups_group (self->overview_view);
  graphene_point_t point;
  double target;

  if (!self->pending_followups || ++self->n_frames > 120)
    {
      self->scroll_tick = 0;
      self->pending_followups = FALSE;
      return G_SOURCE_REMOVE;
    }
  if (tree_loading (GTK_WIDGET (self->overview_scroller)) || !gtk_widget_get_mapped (group)
      || !gtk_widget_compute_point (group, GTK_WIDGET (self->overview_box),
                                    &GRAPHENE_POINT_INIT (0, 0), &point))
    return G_SOURCE_CONTINUE;

  target = CLAMP (point.y - 12, 0, MAX (0, gtk_adjustment_get_upper (adjustment)
                                           - gtk_adjustment_get_page_size (adjustment)));
  gtk_adjustment_set_value (adjustment, target);
  if (self->n_frames > 2 && target == self->scroll_target)
    {
      self->scroll_tick = 0;
      self->pending_followups = FALSE;
      return G_SOURCE_REMOVE;
    }
  self->scroll_target = target;
  return G_SOURCE_CONTINUE;
}

static void
on_view_loading_changed (PolkuClientPage *self)
{
  focus_pending_tab (self);
}

static void
watch_views (PolkuClientPage *self,
             GtkWidget       *widget)
{
  if (POLKU_IS_CLIENT_VIEW (widget))
    g_signal_connect_object (widget, "notify::loading", G_CALLBACK (on_view_loading_changed),
                             self, G_CONNECT_SWAPPED);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    watch_views (self, child);
}

/**
 * polku_client_page_show_tab:
 * @name: "overview", "plan", "measures", "contacts" or "log"
 *
 * Shows the tab and puts the keyboard focus in it (on its first focusable widget, once its
 * view has read the client), unless the focus is there already.
 */
void
polku_client_page_show_tab (PolkuClientPage *self,
                            const char      *name)
{
  g_return_if_fail (POLKU_IS_CLIENT_PAGE (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->views, name) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->views, name);
  g_free (self->pending_focus);
  self->pending_focus = g_strdup (name);
  focus_pending_tab (self);
}

/**
 * polku_client_page_show_followups:
 *
 * Shows the overview scrolled to the client's follow-ups, with the focus in them.
 */
void
polku_client_page_show_followups (PolkuClientPage *self)
{
  g_return_if_fail (POLKU_IS_CLIENT_PAGE (self));

  adw_view_stack_set_visible_child_name (self->views, "overview");
  g_free (self->pending_focus);
  self->pending_focus = NULL;
  self->pending_followups = TRUE;
  self->n_frames = 0;
  self->scroll_target = -1;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->overview_scroller),
                                                      scroll_tick_cb, self, NULL);
}

/* "overview", "plan", …: the tab shown. */
const char *
polku_client_page_get_visible_tab (PolkuClientPage *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_PAGE (self), NULL);
  return adw_view_stack_get_visible_child_name (self->views);
}

/* The text for the health or social-care record, checked and copied in its dialog. */
static void
record_entry_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PolkuClientPage *self = POLKU_CLIENT_PAGE (widget);
  PolkuStore *store = polku_client_view_get_store (POLKU_CLIENT_VIEW (self));

  if (store == NULL || self->views_client == NULL)
    return;
  gtk_window_present (GTK_WINDOW (polku_record_entry_dialog_new (
    widget, store, polku_client_get_id (self->views_client))));
}

static void
show_tab_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PolkuClientPage *self = POLKU_CLIENT_PAGE (widget);

  if (polku_client_view_get_client (POLKU_CLIENT_VIEW (self)) == NULL)
    return;
  polku_client_page_show_tab (self, g_variant_get_string (parameter, NULL));
}

/* On the tabs' stack and managed by the window, so that they work wherever the focus is
 * (the client list, the switcher) while a client's tabs are on screen, and not otherwise. */
static void
add_tab_shortcuts (PolkuClientPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  for (guint i = 0; i < G_N_ELEMENTS (tab_names); i++)
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (GDK_KEY_1 + i, GDK_ALT_MASK),
                                       gtk_named_action_new ("page.show-tab"), "s",
                                       tab_names[i]));
  gtk_widget_add_controller (GTK_WIDGET (self->views), controller);
}

/* Another client: its view is recorded first, and its page starts at its top, not where the
 * last one was scrolled to. */
static void
client_changed (PolkuClientPage *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->overview_box),
                                                 GTK_TYPE_SCROLLED_WINDOW);

  stop_scroll (self);
  g_signal_group_set_target (self->client_signals,
                             polku_client_view_get_client (POLKU_CLIENT_VIEW (self)));
  record_view (self);
  if (scroller != NULL)
    gtk_adjustment_set_value (
      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), 0);
}

static void
store_changed (PolkuClientPage *self)
{
  give_views (self, self->views_client);
}

static void
polku_client_page_dispose (GObject *object)
{
  PolkuClientPage *self = (PolkuClientPage *) object;

  if (self->client_signals != NULL)
    g_signal_group_set_target (self->client_signals, NULL);
  g_clear_object (&self->client_signals);
  g_clear_object (&self->views_client);
  g_clear_pointer (&self->pending_focus, g_free);
  if (self->overview_scroller != NULL)
    stop_scroll (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_CLIENT_PAGE);

  G_OBJECT_CLASS (polku_client_page_parent_class)->dispose (object);
}

static void
polku_client_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PolkuClientPage *self = POLKU_CLIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PolkuClientPage *self = POLKU_CLIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      polku_client_page_set_folded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_page_class_init (PolkuClientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_client_page_dispose;
  object_class->get_property = polku_client_page_get_property;
  object_class->set_property = polku_client_page_set_property;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-client-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, title_widget);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, archive_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, archive_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, views);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, name_bar);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, name_subtitle);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, overview_box);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, hetu_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, municipality_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, overview_scroller);
  gtk_widget_class_bind_template_child (widget_class, PolkuClientPage, overview_view);

  gtk_widget_class_install_action (widget_class, "page.show-tab", "s", show_tab_action);
  gtk_widget_class_install_action (widget_class, "page.record-entry", NULL,
                                   record_entry_action);

  gtk_widget_class_set_css_name (widget_class, "polku-client-page");
}

/* "Record Entry…" in the header: the record entry is about the whole client, whichever tab
 * is shown. */
static void
add_record_entry_button (PolkuClientPage *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "page.record-entry");
  gtk_widget_set_tooltip_text (button, _("Record Entry… (the text for the patient or client "
                                         "record)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Record Entry…"), -1);
  adw_header_bar_pack_end (self->header_bar, button);
}

/* At 360 px the bar of tabs gives each of the five names a fifth of the window less
 * libadwaita 1.2's 10 px either side of its switcher (and the action bar's 6 px spacing,
 * style.css): 66 px, and "Suunnitelma" needs 70. The switcher takes the whole width. */
static void
widen_switcher_bar (PolkuClientPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self->switcher_bar);

  while (widget != NULL && !ADW_IS_VIEW_SWITCHER (widget))
    widget = gtk_widget_get_first_child (widget) != NULL
             ? gtk_widget_get_first_child (widget)
             : gtk_widget_get_next_sibling (widget);
  if (widget == NULL)
    return;
  gtk_widget_set_margin_start (widget, 0);
  gtk_widget_set_margin_end (widget, 0);
}

static void
polku_client_page_init (PolkuClientPage *self)
{
  g_type_ensure (POLKU_TYPE_LOG_VIEW);
  g_type_ensure (POLKU_TYPE_MEASURES_VIEW);
  g_type_ensure (POLKU_TYPE_CONTACTS_VIEW);
  g_type_ensure (POLKU_TYPE_OVERVIEW_VIEW);
  g_type_ensure (POLKU_TYPE_PLAN_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  widen_switcher_bar (self);
  /* Sync conflicts of the client wait for a decision: first thing on the overview. */
  gtk_box_prepend (self->overview_box, polku_conflicts_banner_new ());

  self->client_signals = g_signal_group_new (POLKU_TYPE_CLIENT);
  g_signal_group_connect_swapped (self->client_signals, "notify", G_CALLBACK (update), self);
  /* Connected first, so they run before anyone else hears of the change. */
  g_signal_connect (self, "notify::client", G_CALLBACK (client_changed), NULL);
  g_signal_connect (self, "notify::store", G_CALLBACK (store_changed), NULL);
  g_signal_connect_object (self->title_widget, "notify::title-visible",
                           G_CALLBACK (on_title_visible_changed), self, G_CONNECT_SWAPPED);
  on_title_visible_changed (self);
  watch_views (self, GTK_WIDGET (self->views));
  add_tab_shortcuts (self);
  add_record_entry_button (self);
  update (self);
}

GtkWidget *
polku_client_page_new (void)
{
  return g_object_new (POLKU_TYPE_CLIENT_PAGE, NULL);
}

gboolean
polku_client_page_get_folded (PolkuClientPage *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_PAGE (self), FALSE);
  return self->folded;
}

/**
 * polku_client_page_set_folded:
 *
 * Whether the page is shown alone (a narrow window): then it has a back button and the
 * window buttons at both ends of its header.
 */
void
polku_client_page_set_folded (PolkuClientPage *self,
                              gboolean         folded)
{
  g_return_if_fail (POLKU_IS_CLIENT_PAGE (self));

  folded = !!folded;
  if (self->folded == folded)
    return;

  self->folded = folded;
  gtk_widget_set_visible (self->back_button, folded);
  adw_header_bar_set_show_start_title_buttons (self->header_bar, folded);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}
