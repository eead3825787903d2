/* polku-help-window.c: a short user guide, built in (F1, Help in the main menu)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The guide is a handful of sections in gettext, so it comes in the user's language (fi, sv,
 * en) with the rest of the window and needs no help viewer: coordinators' laptops rarely
 * have Yelp, and the guide must work offline at a home visit. Keep it short: what to do, in
 * the order a case goes, and where in the window.
 */

#define G_LOG_DOMAIN "polku-help-window"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-help-window.h"

struct _PolkuHelpWindow
{
  AdwWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (PolkuHelpWindow, polku_help_window, ADW_TYPE_WINDOW)

typedef struct
{
  const char *title;
  const char *body;
} Section;

static const Section sections[] = {
  { N_("Who Polku is for"),
    N_("Polku is for the coordinator (asiakasvastaava) who takes charge of a client who needs "
       "many services, and for the professionals who work with them. Everything about a client "
       "is kept on this computer, encrypted, and works without a network connection.") },
  { N_("1. Identify the client"),
    N_("Add the client (Ctrl+N) and, on the Overview tab, record the warning sign that "
       "brought them: which sign, why, and who flagged it (a professional's unit and name, or "
       "the client or a relative themself). A client waiting for a coordinator is shown in "
       "the queue of the client list; take them as your client from there.") },
  { N_("2. Consent"),
    N_("Two consents are recorded apart. Consent to be contacted and referred lets the case "
       "move on from identification. Consent to share names the organisations (from your "
       "county's list) and the parts of the plan they may see; nothing leaves Polku for "
       "someone else without it. A consent can be withdrawn; it stays in the history.") },
  { N_("3. The mapping visit"),
    N_("The Mapping Visit tab has the agenda of the visit, a timer you can pause and notes. "
       "It is meant for the visit itself, often at the client's home: nothing needs a "
       "network.") },
  { N_("4. The shared plan"),
    N_("Write one plan with the client on the Plan tab: the client's own view in their own "
       "words, what burdens them most, goals, actions and who does them, and the date the "
       "plan was agreed. The responsible workers come from the client's team on the Overview "
       "tab. Every save is a version you can compare and restore. Print the client's copy "
       "with Ctrl+P.") },
  { N_("5. Follow up and measure"),
    N_("Follow-ups remind you of what is due (Ctrl+Shift+F shows them for all clients). The "
       "Measures tab has the WHOQOL-BREF quality-of-life assessment (keys 1–5 answer and go "
       "on, 0 skips, Backspace goes back), continuity of care from the contacts, and the client's satisfaction. The "
       "record entry gives a ready text to paste into the health or social-care record.") },
  { N_("Keeping client data safe"),
    N_("The database is encrypted; its key is in your keyring or behind your passphrase. "
       "Lock Polku with Ctrl+L when you leave the computer; it also locks itself when idle "
       "(Preferences). Make backups and keep the recovery key apart from the laptop: without "
       "it a lost keyring means lost data. The Log tab shows who read or changed the "
       "client's data, and the log can be checked for tampering.") },
  { N_("Keyboard"),
    N_("Alt+1 to Alt+5 switch the client's tabs, Ctrl+F searches clients, Ctrl+E edits the "
       "client, F10 opens the main menu. Ctrl+? shows every shortcut.") },
};

static void
polku_help_window_class_init (PolkuHelpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
polku_help_window_init (PolkuHelpWindow *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_window_set_title (GTK_WINDOW (self), _("Polku Help"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);

  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      /* A heading for screen readers: the guide can be walked by its sections. */
      GtkWidget *title = g_object_new (GTK_TYPE_LABEL, "label", _(sections[i].title),
                                       "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
      GtkWidget *body = gtk_label_new (_(sections[i].body));

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_widget_add_css_class (title, "title-4");
      if (i > 0)
        gtk_widget_set_margin_top (title, 12);
      gtk_box_append (GTK_BOX (box), title);

      gtk_label_set_xalign (GTK_LABEL (body), 0);
      gtk_label_set_wrap (GTK_LABEL (body), TRUE);
      gtk_label_set_selectable (GTK_LABEL (body), TRUE);
      gtk_box_append (GTK_BOX (box), body);
    }

  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

/**
 * polku_help_window_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer full): the guide
 */
PolkuHelpWindow *
polku_help_window_new (GtkWindow *parent)
{
  return g_object_new (POLKU_TYPE_HELP_WINDOW,
                       "transient-for", parent,
                       NULL);
}
