/* polku-log-view.c: the client's audit log (who has seen or changed the client's data)
 *
 * A client's log grows with every view of the page: a long-followed client has thousands of
 * entries. The entries are shown by a GtkListView, which makes rows only for a window of
 * entries around those on screen (at most about 200 in GTK 4.8) and binds them again as the
 * list scrolls, so opening the tab costs the same for 200 entries as for 20,000; a
 * GtkListBox made a row for every entry up front.
 *
 * "Check the Log" verifies the whole log (every client's entries: a county's log has
 * hundreds of thousands) in a thread, in parts (polku_audit_verify_with_progress ()), with
 * a progress bar, and the button turns into Cancel; the window stays usable meanwhile.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-log-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "polku-a11y-private.h"
#include "polku-audit.h"
#include "polku-case.h"
#include "polku-date.h"
#include "polku-instrument.h"
#include "polku-log-view.h"
#include "polku-organisations.h"

struct _PolkuLogView
{
  PolkuClientView  parent_instance;

  GListStore      *entries;
  GtkFilterListModel *shown;   /* entries through the kind and search filters */
  GCancellable    *verifying;  /* the check of the log in flight, or NULL */
  guint            verify_timeout;  /* shows the check's progress */
  gboolean         cancel_had_focus;  /* the button had the focus when Cancel was pressed */
  struct VerifyProgress *progress;  /* the check's progress (shared with its thread) */

  GtkListView     *list_view;
  GtkDropDown     *kind_drop_down;
  GtkSearchEntry  *search_entry;
  GtkLabel        *empty_label;
  GtkLabel        *error_label;
  GtkLabel        *verify_label;
  GtkStack        *verify_stack;
  GtkWidget       *verify_button;  /* Check the Log, or Cancel while the check runs */
  GtkStack        *button_stack;
  GtkLabel        *check_label;
  GtkLabel        *cancel_label;
  GtkProgressBar  *verify_progress;
};

/* The check's progress, written by the thread and read by the main thread (a GRcBox: the
 * thread keeps its reference after the view has let go). */
typedef struct VerifyProgress
{
  gint checked;
  gint total;
} VerifyProgress;

G_DEFINE_FINAL_TYPE (PolkuLogView, polku_log_view, POLKU_TYPE_CLIENT_VIEW)

/* "2026-11-22T08:01:02.345Z" in the user's time zone, as d.m.yyyy and a time of day in the
 * UI language's own way (the conflicts window and the sync status write times the same). */
static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  day = g_date_time_format (local, "%Y-%m-%d");
  date = polku_date_format_user (day);
  /* Translators: the time of an audit log entry, after its date; see g_date_time_format () */
  time = g_date_time_format (local, C_("log time", "%H:%M:%S"));
  /* Translators: an audit log entry's date and time of day */
  return g_strdup_printf (C_("log time", "%s %s"), date, time);
}

/* What one fact of an entry's detail ("version=6") says in the UI's language ("version 6"),
 * or NULL for what means nothing to a reader: ids, server revisions, and facts this table
 * does not know (`polku-cli audit list` shows the detail whole). */
static char *
detail_fact (const char *key,
             const char *value)
{
  static const struct { const char *key, *value, *words; } coded[] = {
    { "origin", "create", NC_("audit detail", "written here") },
    { "origin", "edit", NC_("audit detail", "edited here") },
    { "origin", "patch", NC_("audit detail", "changed with polku-cli") },
    { "origin", "template", NC_("audit detail", "from a template") },
    { "origin", "sync", NC_("audit detail", "from sync") },
    { "origin", "resolve", NC_("audit detail", "a sync conflict decided") },
    { "origin", "restore", NC_("audit detail", "an earlier version restored") },
    { "take", "local", NC_("audit detail", "this computer’s value kept") },
    { "take", "remote", NC_("audit detail", "the other side’s value taken") },
    { "take", "value", NC_("audit detail", "a new value written") },
    { "status", "draft", NC_("audit detail", "unfinished") },
    { "status", "complete", NC_("audit detail", "complete") },
    { "kind", "contact", NC_("audit detail", "consent to contact") },
    { "kind", "sharing", NC_("audit detail", "consent to share") },
    { "language", "fi", NC_("audit detail", "in Finnish") },
    { "language", "sv", NC_("audit detail", "in Swedish") },
    { "to", "own-use", NC_("audit detail", "for own use") },
  };
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (coded); i++)
    if (g_str_equal (key, coded[i].key) && g_str_equal (value, coded[i].value))
      return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "audit detail", coded[i].words));

  if (g_str_equal (key, "version"))
    /* Translators: a plan version in an audit log entry */
    return g_strdup_printf (C_("audit detail", "version %s"), value);
  if (g_str_equal (key, "from"))
    return g_strdup_printf (C_("audit detail", "restored from version %s"), value);
  if (g_str_equal (key, "database"))
    /* Translators: the sync server's database a plan went to or came from */
    return g_strdup_printf (C_("audit detail", "database %s"), value);
  if (g_str_equal (key, "format"))
    {
      g_autofree char *upper = g_ascii_strup (value, -1);

      /* Translators: a file format in an audit log entry, e.g. "format PDF" */
      return g_strdup_printf (C_("audit detail", "format %s"), upper);
    }
  if (g_str_equal (key, "cli"))
    return g_strdup (C_("audit detail", "with polku-cli"));
  if (g_str_equal (key, "instrument"))
    {
      g_autoptr(PolkuInstrument) instrument = polku_instrument_lookup (value, NULL);

      return g_strdup (instrument != NULL ? polku_instrument_get_title (instrument) : value);
    }
  if (g_str_equal (key, "to"))
    {
      g_autoptr(PolkuOrganisations) organisations = polku_organisations_get_default (NULL);
      PolkuOrganisation *organisation = organisations != NULL
                                        ? polku_organisations_lookup (organisations, value)
                                        : NULL;

      /* Translators: who an export went to, in an audit log entry */
      return g_strdup_printf (C_("audit detail", "to %s"),
                              organisation != NULL
                              ? polku_organisation_get_name (organisation, NULL) : value);
    }
  if (g_str_equal (key, "phase"))
    {
      PolkuCasePhase phase;

      return polku_case_phase_from_code (value, &phase)
             ? g_strdup (polku_case_phase_get_label (phase)) : NULL;
    }

  /* Counts, or lists counted: "parts=3", "parts=plan,team", "fields=date,type". */
  if (g_ascii_isdigit (value[0]))
    n = (guint) g_ascii_strtoull (value, NULL, 10);
  else
    {
      g_auto(GStrv) items = g_strsplit (value, ",", -1);

      n = g_strv_length (items);
    }
  if (g_str_equal (key, "organisations"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u organisation",
                                         "%u organisations", n), n);
  if (g_str_equal (key, "parts"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u part of the plan",
                                         "%u parts of the plan", n), n);
  if (g_str_equal (key, "fields"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field changed",
                                         "%u fields changed", n), n);
  if (g_str_equal (key, "items"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u agenda item changed",
                                         "%u agenda items changed", n), n);
  return NULL;
}

/* The detail names objects by id ("assessment=<uuid> instrument=whoqol-bref"): the ids mean
 * nothing to a reader (the client is the page's; the rest is in `polku-cli audit list`), so
 * the row shows the other facts only, in words ("WHOQOL-BREF · complete"), the first one
 * capitalised as the line begins. */
static char *
readable_detail (const char *detail)
{
  g_auto(GStrv) parts = g_strsplit (detail != NULL ? detail : "", " ", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *equals = strchr (parts[i], '=');
      g_autofree char *key = NULL;
      g_autofree char *fact = NULL;

      if (equals == NULL || equals[1] == '\0' || g_uuid_string_is_valid (equals + 1))
        continue;
      key = g_strndup (parts[i], equals - parts[i]);
      fact = detail_fact (key, equals + 1);
      if (fact == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append (out, fact);
    }
  if (out->len == 0)
    return NULL;
  {
    gunichar first = g_utf8_get_char (out->str);
    char upper[6];
    int length = g_unichar_to_utf8 (g_unichar_totitle (first), upper);

    g_string_erase (out, 0, g_utf8_next_char (out->str) - out->str);
    g_string_prepend_len (out, upper, length);
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Reading, listing, exporting or printing: the rest are changes. */
static gboolean
is_read (PolkuAuditEntry *entry)
{
  static const char * const verbs[] = { "view", "list", "export", "print", "read", "verify",
                                        "record-entry", "show", NULL };
  const char *dot = strrchr (polku_audit_entry_get_action (entry), '.');

  return dot != NULL && g_strv_contains (verbs, dot + 1);
}

enum { SHOW_ALL, SHOW_CHANGES, SHOW_READS };

static gboolean
filter_entry (gpointer item,
              gpointer user_data)
{
  PolkuLogView *self = user_data;
  PolkuAuditEntry *entry = item;
  guint kind = gtk_drop_down_get_selected (self->kind_drop_down);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if ((kind == SHOW_CHANGES && is_read (entry)) || (kind == SHOW_READS && !is_read (entry)))
    return FALSE;
  if (text != NULL && text[0] != '\0')
    {
      g_autofree char *label = polku_audit_entry_dup_action_label (entry);
      g_autofree char *haystack = g_utf8_casefold (polku_audit_entry_get_actor (entry), -1);
      g_autofree char *label_folded = g_utf8_casefold (label, -1);
      g_autofree char *needle = g_utf8_casefold (text, -1);

      return strstr (haystack, needle) != NULL || strstr (label_folded, needle) != NULL;
    }
  return TRUE;
}

static void
filter_changed (PolkuLogView *self)
{
  GtkFilter *filter = gtk_filter_list_model_get_filter (self->shown);
  guint n_shown;

  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label),
                          g_list_model_get_n_items (G_LIST_MODEL (self->entries)) > 0
                          && n_shown == 0);
  /* An empty card would still draw its edge. */
  gtk_widget_set_visible (GTK_WIDGET (self->list_view), n_shown > 0);
}

/* The rows. An AdwActionRow is a GtkListBoxRow, which cannot take the focus outside a
 * GtkListBox (GTK 4.8 criticises it), so a row here is its two labels, laid out and styled
 * as an action row's title and subtitle. The list item around them is what the keyboard
 * focuses: it is named by the title, as a boxed list's row is. */
static void
setup_row (GtkListItemFactory *factory,
           GtkListItem        *item,
           gpointer            user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "log-entry");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (box, -1, 34);  /* an action row's 50 px with the margins */
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "title");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (subtitle), 3);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "subtitle");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);

  /* Not activatable: nothing happens on a click. Selectable it stays: GTK 4.8 does not
   * focus an item that is not, and the model selects nothing (GtkNoSelection). */
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkListItemFactory *factory,
          GtkListItem        *item,
          gpointer            user_data)
{
  PolkuAuditEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *owner = gtk_widget_get_parent (box);
  g_autofree char *label = polku_audit_entry_dup_action_label (entry);
  g_autofree char *time = format_time (polku_audit_entry_get_time (entry));
  g_autofree char *subtitle = NULL;
  g_autofree char *detail = readable_detail (polku_audit_entry_get_detail (entry));

  /* TRANSLATORS: an audit log entry: "time · who" */
  subtitle = g_strdup_printf (_("%s · %s"), time, polku_audit_entry_get_actor (entry));
  if (detail != NULL)
    {
      g_autofree char *with_detail = g_strdup_printf ("%s\n%s", subtitle, detail);

      g_free (subtitle);
      subtitle = g_steal_pointer (&with_detail);
    }

  gtk_label_set_text (GTK_LABEL (title), label);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (title)), subtitle);
  /* The row the keyboard focuses (the view's own widget for the item) says the title, then
   * when, who and the facts as its description. */
  if (owner != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (owner),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                    gtk_widget_get_next_sibling (title), NULL, -1);
}

/* The check's progress takes the place of the description, and the button beside it turns
 * into Cancel (and back): pages of two homogeneous stacks, measured and styled when the tab
 * was laid out, so starting or ending a check changes no size. A progress row shown under
 * the description made the window measure itself again as the check started (the
 * description's wrapped label at a dozen trial sizes), and the buttons' sensitivity
 * restyled them: one frame of about 25 ms on the main thread, the county benchmark's longest
 * wait (line 6). A Cancel button of its own in the button's place took the keyboard focus
 * with it, and moving the focus restyled the whole window in the next frame (4-5 ms of the
 * main thread's time on the benchmark machine, most of the first frame); one button keeps
 * the focus where it is, and the progress bar's starting text is set before (at the end of
 * the last check): a label's new text queues a resize up to the window. What is left on the
 * main thread is the progress bar's text ten times a second (1-2 ms each on the benchmark
 * machine). So the pages alone say whether a check runs: the button's action is then
 * log.cancel-verify, and log.verify ignores a second start. */
static gboolean
is_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return root != NULL && gtk_root_get_focus (root) == widget;
}

static void
show_verify_page (PolkuLogView *self,
                  gboolean      running)
{
  GtkLabel *label = running ? self->cancel_label : self->check_label;
  /* The button lost the focus when Cancel was pressed (it waits, insensitive, until the
   * check has stopped). */
  gboolean had_focus = !running && self->cancel_had_focus;

  self->cancel_had_focus = FALSE;
  gtk_stack_set_visible_child_name (self->verify_stack, running ? "running" : "idle");
  gtk_stack_set_visible_child_name (self->button_stack, running ? "running" : "idle");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->verify_button),
                                  running ? "log.cancel-verify" : "log.verify");
  gtk_widget_set_tooltip_text (self->verify_button,
                               running ? _("Stop checking the log")
                                       : _("Check that no entry of the whole log has been "
                                           "changed or removed"));
  /* The button's name is its label's: the one shown. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verify_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (label),
                                  -1);
  if (had_focus)
    gtk_widget_grab_focus (self->verify_button);
}

static void
stop_verifying (PolkuLogView *self)
{
  g_cancellable_cancel (self->verifying);
  g_clear_object (&self->verifying);
  g_clear_handle_id (&self->verify_timeout, g_source_remove);
  g_clear_pointer (&self->progress, g_rc_box_release);
  /* Cancel was pressed, or nothing changes. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.cancel-verify", TRUE);
  show_verify_page (self, FALSE);
  /* Ready for the next check, while out of sight: starting one then changes nothing but
   * the pages. */
  gtk_progress_bar_set_fraction (self->verify_progress, 0);
  gtk_progress_bar_set_text (self->verify_progress, _("Checking the database file…"));
}

static void
log_view_clear (PolkuClientView *view)
{
  PolkuLogView *self = POLKU_LOG_VIEW (view);

  stop_verifying (self);
  g_list_store_remove_all (self->entries);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_label), FALSE);
}

static gpointer
log_view_load (PolkuStore    *store,
               const char    *client_id,
               gpointer       snapshot,
               GCancellable  *cancellable,
               GError       **error)
{
  return polku_audit_list (store, client_id, error);
}

static void
log_view_apply (PolkuClientView *view,
                gpointer         result,
                const GError    *error)
{
  PolkuLogView *self = POLKU_LOG_VIEW (view);
  GPtrArray *entries = result;

  g_list_store_remove_all (self->entries);
  if (error != NULL)
    {
      g_debug ("Could not read the audit log: %s", error->message);
      gtk_label_set_text (self->error_label, error->message);
    }
  else
    g_list_store_splice (self->entries, 0, 0, entries->pdata, entries->len);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  filter_changed (self);
}

/* Shown again: there may be new entries (this very view, changes made meanwhile). */
static gboolean
log_view_wants_reload (PolkuClientView *view)
{
  return TRUE;
}

static void
on_verify_progress (gint64   checked,
                    gint64   total,
                    gpointer user_data)
{
  VerifyProgress *progress = user_data;

  g_atomic_int_set (&progress->total, (gint) MIN (total, G_MAXINT));
  g_atomic_int_set (&progress->checked, (gint) MIN (checked, G_MAXINT));
}

/* The check runs in a thread of its own, below the window's priority: it is background
 * work, and on a machine whose cores are all busy the window's main thread waited for one
 * behind it (the county benchmark's longest waits while checking were the main thread
 * runnable but not running). On Linux the nice value is the thread's own; a thread of GLib's
 * shared pool could not have it back (raising a priority needs privileges), so the check
 * does not borrow one. */
#define VERIFY_NICE 10

static gpointer
verify_thread (gpointer data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  PolkuAuditVerification *result = g_new0 (PolkuAuditVerification, 1);

#ifdef __linux__
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), VERIFY_NICE) != 0)
    g_debug ("Could not lower the log check's priority: %s", g_strerror (errno));
#endif
  if (polku_audit_verify_with_progress (POLKU_STORE (g_task_get_source_object (task)), result,
                                        on_verify_progress, g_task_get_task_data (task),
                                        g_task_get_cancellable (task), &error))
    g_task_return_pointer (task, result, g_free);
  else
    {
      g_free (result);
      g_task_return_error (task, error);
    }
  return NULL;
}

static void
verify_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PolkuLogView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree PolkuAuditVerification *verification = g_task_propagate_pointer (G_TASK (result),
                                                                              &error);
  g_autofree char *text = NULL;

  /* Cancelled: the view was cleared (another client or store) or is gone. */
  if (g_task_get_cancellable (G_TASK (result)) != self->verifying)
    return;
  stop_verifying (self);
  /* Cancelled with the button: nothing to say. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (verification != NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 verification->n_entries);
      g_autofree char *intact = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "The log is intact: %s entry checked.",
                                                 "The log is intact: %s entries checked.",
                                                 verification->n_entries),
                                                 number);

      /* Say how far back the log is proven complete (the anchor outside the database). */
      text = verification->anchored > 0
             ? g_strdup (intact)
             : g_strdup_printf ("%s %s", intact,
                                _("Whether the newest entries were removed cannot be proven: "
                                  "the anchor kept outside the database is missing. The next "
                                  "change writes it again."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->verify_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->verify_label), "success");
    }
  else
    {
      text = g_strdup (error->message);
      gtk_widget_remove_css_class (GTK_WIDGET (self->verify_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->verify_label), "error");
    }

  gtk_label_set_text (self->verify_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_label), TRUE);
}

static gboolean
show_verify_progress (gpointer user_data)
{
  PolkuLogView *self = user_data;
  gint checked, total;
  g_autofree char *text = NULL;
  g_autofree char *checked_text = NULL;
  g_autofree char *total_text = NULL;

  if (self->progress == NULL)
    return G_SOURCE_CONTINUE;
  checked = g_atomic_int_get (&self->progress->checked);
  total = g_atomic_int_get (&self->progress->total);
  if (total <= 0)
    {
      /* The file's integrity check comes first; it has no parts to count. */
      gtk_progress_bar_pulse (self->verify_progress);
      gtk_progress_bar_set_text (self->verify_progress, _("Checking the database file…"));
      return G_SOURCE_CONTINUE;
    }
  checked_text = g_strdup_printf ("%d", checked);
  total_text = g_strdup_printf ("%d", total);
  /* TRANSLATORS: progress of checking the audit log: "12000 of 640000 entries checked" */
  text = g_strdup_printf (_("%s of %s entries checked"), checked_text, total_text);
  gtk_progress_bar_set_fraction (self->verify_progress, CLAMP ((double) checked / total, 0, 1));
  gtk_progress_bar_set_text (self->verify_progress, text);
  return G_SOURCE_CONTINUE;
}

/* Checks the whole chain in a thread, in parts (a county's log takes a while): the progress
 * shows how far it is and Cancel stops it, in the button's place until the check ends. */
static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PolkuLogView *self = POLKU_LOG_VIEW (widget);
  PolkuStore *store = polku_client_view_get_store (POLKU_CLIENT_VIEW (self));
  g_autoptr(GTask) task = NULL;

  if (store == NULL || self->verifying != NULL)
    return;

  self->verifying = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->verify_label), FALSE);
  /* The progress bar shows "Checking the database file…" at 0 already (stop_verifying ()). */
  show_verify_page (self, TRUE);

  task = g_task_new (store, self->verifying, verify_cb, g_object_ref (self));
  g_task_set_source_tag (task, verify_action);
  g_clear_pointer (&self->progress, g_rc_box_release);
  self->progress = g_rc_box_new0 (VerifyProgress);
  g_task_set_task_data (task, g_rc_box_acquire (self->progress), g_rc_box_release);
  self->verify_timeout = g_timeout_add (100, show_verify_progress, self);
  g_thread_unref (g_thread_new ("polku-log-verify", verify_thread, g_steal_pointer (&task)));
}

static void
cancel_verify_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PolkuLogView *self = POLKU_LOG_VIEW (widget);

  if (self->verifying == NULL)
    return;
  g_cancellable_cancel (self->verifying);
  self->cancel_had_focus = is_focus (self->verify_button);
  gtk_widget_action_set_enabled (widget, "log.cancel-verify", FALSE);
  gtk_progress_bar_set_text (self->verify_progress, _("Stopping…"));
}

static void
polku_log_view_map (GtkWidget *widget)
{
  /* What an earlier check found is not news when the log is shown again. */
  gtk_widget_set_visible (GTK_WIDGET (POLKU_LOG_VIEW (widget)->verify_label), FALSE);
  GTK_WIDGET_CLASS (polku_log_view_parent_class)->map (widget);
}

static void
polku_log_view_dispose (GObject *object)
{
  PolkuLogView *self = (PolkuLogView *) object;

  g_cancellable_cancel (self->verifying);
  g_clear_object (&self->verifying);
  g_clear_handle_id (&self->verify_timeout, g_source_remove);
  g_clear_pointer (&self->progress, g_rc_box_release);
  g_clear_object (&self->shown);
  g_clear_object (&self->entries);

  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_LOG_VIEW);

  G_OBJECT_CLASS (polku_log_view_parent_class)->dispose (object);
}

static void
polku_log_view_class_init (PolkuLogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PolkuClientViewClass *view_class = POLKU_CLIENT_VIEW_CLASS (klass);

  object_class->dispose = polku_log_view_dispose;
  widget_class->map = polku_log_view_map;
  view_class->clear = log_view_clear;
  view_class->load = log_view_load;
  view_class->apply = log_view_apply;
  view_class->free_result = (GDestroyNotify) g_ptr_array_unref;
  view_class->wants_reload = log_view_wants_reload;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/polku-log-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuLogView, list_view);
  gtk_widget_class_bind_template_child (widget_class, PolkuLogView, error_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuLogView, verify_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuLogView, verify_stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuLogView, verify_button);
  gtk_widget_class_bind_template_child (widget_class, PolkuLogView, button_stack);
  gtk_widget_class_bind_template_child (widget_class, PolkuLogView, check_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuLogView, cancel_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuLogView, verify_progress);
  gtk_widget_class_bind_template_child (widget_class, PolkuLogView, kind_drop_down);
  gtk_widget_class_bind_template_child (widget_class, PolkuLogView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PolkuLogView, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed);

  gtk_widget_class_install_action (widget_class, "log.verify", NULL, verify_action);
  gtk_widget_class_install_action (widget_class, "log.cancel-verify", NULL,
                                   cancel_verify_action);
}

static void
polku_log_view_init (PolkuLogView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (POLKU_TYPE_AUDIT_ENTRY);
  self->shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->entries)),
                                           GTK_FILTER (gtk_custom_filter_new (filter_entry,
                                                                              self, NULL)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  polku_a11y_tab_leaves_list (self->list_view);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verify_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (self->check_label), -1);
}

GtkWidget *
polku_log_view_new (void)
{
  return g_object_new (POLKU_TYPE_LOG_VIEW, NULL);
}

/**
 * polku_log_view_get_entries:
 *
 * Returns: (transfer none): the entries shown (PolkuAuditEntry), newest first
 */
GListModel *
polku_log_view_get_entries (PolkuLogView *self)
{
  g_return_val_if_fail (POLKU_IS_LOG_VIEW (self), NULL);
  return G_LIST_MODEL (self->entries);
}

/**
 * polku_log_view_get_shown:
 *
 * Returns: (transfer none): the entries shown through the filters, newest first
 */
GListModel *
polku_log_view_get_shown (PolkuLogView *self)
{
  g_return_val_if_fail (POLKU_IS_LOG_VIEW (self), NULL);
  return G_LIST_MODEL (self->shown);
}

/* For tests: the filter's widgets. */
void
polku_log_view_set_filter (PolkuLogView *self,
                           guint         kind,
                           const char   *text)
{
  g_return_if_fail (POLKU_IS_LOG_VIEW (self));
  gtk_drop_down_set_selected (self->kind_drop_down, kind);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  filter_changed (self);
}

/**
 * polku_log_view_get_verifying:
 *
 * Returns: %TRUE while the whole log is being checked ("log.verify")
 */
gboolean
polku_log_view_get_verifying (PolkuLogView *self)
{
  g_return_val_if_fail (POLKU_IS_LOG_VIEW (self), FALSE);
  return self->verifying != NULL;
}
