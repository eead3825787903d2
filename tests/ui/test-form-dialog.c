/* test-form-dialog.c: the form dialog under Xvfb: typed rows read back by key, a date that is
 * not one refused with the message shown and the dialog kept open, the validation callback,
 * and "submit" with the typed values; Cancel and Escape end it without submitting
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "polku-form-dialog.h"
#include "test-helpers.h"

static const char * const sector_ids[] = { "social", "health", "other", NULL };
static const char * const sector_labels[] = { "Social services", "Health care", "Other", NULL };
static const char * const part_ids[] = { "goals", "team", "measures", NULL };
static const char * const part_labels[] = { "Goals", "Team", "Measures", NULL };

typedef struct
{
  GtkWidget *window;
  guint      n_submitted;
  guint      n_changed;
  char      *text;
  char      *date;
  char      *choice;
  gboolean   active;
  char      *body;
  GStrv      checked;
  char      *hidden;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_destroy_window (GTK_WINDOW (f->window));
  g_free (f->text);
  g_free (f->date);
  g_free (f->choice);
  g_free (f->body);
  g_strfreev (f->checked);
  g_free (f->hidden);
}

/* Reads every row, as a view's save function does. */
static void
submit_cb (PolkuFormDialog *form,
           Fixture         *f)
{
  f->n_submitted++;
  f->text = polku_form_dialog_get_text (form, "reason");
  f->date = polku_form_dialog_get_date_iso (form, "date");
  f->choice = g_strdup (polku_form_dialog_get_choice (form, "sector"));
  f->active = polku_form_dialog_get_switch (form, "responsible");
  f->body = polku_form_dialog_get_text (form, "body");
  f->checked = polku_form_dialog_get_checked (form, "parts");
  f->hidden = polku_form_dialog_get_text (form, "target");
}

static void
changed_cb (PolkuFormDialog *form,
            const char      *key,
            Fixture         *f)
{
  g_assert_cmpstr (key, ==, "sector");
  f->n_changed++;
}

/* A reason is needed (the dates are checked before). */
static gboolean
validate (PolkuFormDialog  *form,
          gpointer          user_data,
          GError          **error)
{
  g_autofree char *reason = polku_form_dialog_get_text (form, "reason");

  if (reason != NULL)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Write a reason.");
  return FALSE;
}

static gboolean
has_width (gpointer widget)
{
  return gtk_widget_get_width (GTK_WIDGET (widget)) > 0;
}

static PolkuFormDialog *
make_form (Fixture *f)
{
  PolkuFormDialog *form = polku_form_dialog_new (f->window, "Test Form", "What it is for.",
                                                 "_Save");

  polku_form_dialog_add_hidden (form, "target", "id-1");
  polku_form_dialog_add_text (form, "reason", "Reason", NULL);
  polku_form_dialog_add_date (form, "date", "Date (d.m.yyyy)", "2027-03-05");
  polku_form_dialog_add_choice (form, "sector", "Sector", sector_ids, sector_labels, FALSE);
  polku_form_dialog_add_switch (form, "responsible", "Responsible worker", TRUE);
  polku_form_dialog_add_check_list (form, "parts", part_ids, part_labels, TRUE);
  polku_form_dialog_add_multiline (form, "body", "Note");
  polku_form_dialog_set_validate (form, validate, NULL, NULL);
  g_signal_connect (form, "submit", G_CALLBACK (submit_cb), f);
  g_signal_connect (form, "changed::sector", G_CALLBACK (changed_cb), f);
  gtk_window_present (GTK_WINDOW (form));
  /* Laid out (a loaded machine may take more than a few frames to map and size it). */
  test_wait_until (has_width, form, 10000, "the form is laid out");
  test_spin (50);
  return form;
}

/* Destroyed (the tests hold a reference) or never shown: hidden. */
static gboolean
is_shown (PolkuFormDialog *form)
{
  return gtk_widget_get_visible (GTK_WIDGET (form));
}

/* Presses the submit button (the default widget), as the user would. */
static void
press_submit (PolkuFormDialog *form)
{
  GtkWidget *button = gtk_window_get_default_widget (GTK_WINDOW (form));

  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  test_spin (20);
}

/* What the rows hold at first, read back by their types. */
static void
test_typed_rows (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GObject) form = g_object_ref (G_OBJECT (make_form (f)));
  PolkuFormDialog *dialog = POLKU_FORM_DIALOG (form);
  g_autofree char *shown = polku_form_dialog_get_text (dialog, "date");
  g_autofree char *iso = polku_form_dialog_get_date_iso (dialog, "date");
  g_autofree char *reason = polku_form_dialog_get_text (dialog, "reason");
  g_auto(GStrv) checked = polku_form_dialog_get_checked (dialog, "parts");
  const char * const all_parts[] = { "goals", "team", "measures", NULL };

  g_assert_true (is_shown (dialog));
  /* In a wide window the form is wider than a message dialog (at most 372 px). */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), >=, 400);
  /* Stored YYYY-MM-DD, shown and typed d.m.yyyy. */
  g_assert_cmpstr (shown, ==, "5.3.2027");
  g_assert_cmpstr (iso, ==, "2027-03-05");
  g_assert_null (reason);
  g_assert_cmpstr (polku_form_dialog_get_choice (dialog, "sector"), ==, "social");
  g_assert_true (polku_form_dialog_get_switch (dialog, "responsible"));
  g_assert_true (g_strv_equal ((const char * const *) checked, all_parts));
  g_assert_null (polku_form_dialog_get_message (dialog));
  /* The first row shown has the focus. */
  g_assert_true (gtk_widget_is_focus (gtk_window_get_focus (GTK_WINDOW (dialog))));
  g_assert_nonnull (gtk_widget_get_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)),
                                             GTK_TYPE_ENTRY));

  polku_form_dialog_set_choice (dialog, "sector", "health");
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpstr (polku_form_dialog_get_choice (dialog, "sector"), ==, "health");
  polku_form_dialog_set_text (dialog, "date", "");
  g_assert_null (polku_form_dialog_get_date_iso (dialog, "date"));

  /* Cancel ends it without submitting. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  test_spin (20);
  g_assert_false (is_shown (dialog));
  g_assert_cmpuint (f->n_submitted, ==, 0);
}

/* A date that is not one, then a missing reason: refused with the message in the dialog,
 * which stays open; then submitted with the typed values. */
static void
test_refused_then_submitted (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GObject) form = g_object_ref (G_OBJECT (make_form (f)));
  PolkuFormDialog *dialog = POLKU_FORM_DIALOG (form);
  const char * const some_parts[] = { "goals", "team", NULL };

  polku_form_dialog_set_text (dialog, "reason", "  Tarvitsee tukea  ");
  polku_form_dialog_set_text (dialog, "date", "31.4.2027");
  press_submit (dialog);
  g_assert_true (is_shown (dialog));
  g_assert_cmpuint (f->n_submitted, ==, 0);
  g_assert_cmpstr (polku_form_dialog_get_message (dialog), ==,
                   "“31.4.2027” is not a date: write it as d.m.yyyy, for example 4.3.2026.");
  /* The date row is marked and has the focus. */
  g_assert_nonnull (gtk_widget_get_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)),
                                             GTK_TYPE_ENTRY));
  g_assert_true (gtk_widget_has_css_class (
                   gtk_widget_get_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)),
                                            GTK_TYPE_ENTRY), "error"));

  /* The validation callback. */
  polku_form_dialog_set_text (dialog, "date", "2027-06-30");
  polku_form_dialog_set_text (dialog, "reason", " ");
  g_assert_false (polku_form_dialog_submit (dialog));
  g_assert_true (is_shown (dialog));
  g_assert_cmpstr (polku_form_dialog_get_message (dialog), ==, "Write a reason.");
  g_assert_cmpuint (f->n_submitted, ==, 0);

  polku_form_dialog_set_text (dialog, "reason", "  Tarvitsee tukea  ");
  polku_form_dialog_set_text (dialog, "date", "1.7.2027");
  polku_form_dialog_set_choice (dialog, "sector", "other");
  polku_form_dialog_set_switch (dialog, "responsible", FALSE);
  polku_form_dialog_set_checked (dialog, "parts", "measures", FALSE);
  polku_form_dialog_set_text (dialog, "body", "Soittoaika aamupäivisin.\n");
  press_submit (dialog);
  g_assert_false (is_shown (dialog));
  g_assert_cmpuint (f->n_submitted, ==, 1);
  g_assert_cmpstr (f->text, ==, "Tarvitsee tukea");
  g_assert_cmpstr (f->date, ==, "2027-07-01");
  g_assert_cmpstr (f->choice, ==, "other");
  g_assert_false (f->active);
  g_assert_cmpstr (f->body, ==, "Soittoaika aamupäivisin.");
  g_assert_true (g_strv_equal ((const char * const *) f->checked, some_parts));
  g_assert_cmpstr (f->hidden, ==, "id-1");
}

/* Escape (closing the window) ends it without submitting, whatever was typed. */
static void
test_escape (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GObject) form = g_object_ref (G_OBJECT (make_form (f)));
  PolkuFormDialog *dialog = POLKU_FORM_DIALOG (form);

  polku_form_dialog_set_text (dialog, "reason", "Jotain");
  gtk_window_close (GTK_WINDOW (dialog));
  test_spin (20);
  g_assert_false (is_shown (dialog));
  g_assert_cmpuint (f->n_submitted, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/form-dialog/typed-rows", Fixture, NULL, fixture_setup, test_typed_rows,
              fixture_teardown);
  g_test_add ("/form-dialog/refused-then-submitted", Fixture, NULL, fixture_setup,
              test_refused_then_submitted, fixture_teardown);
  g_test_add ("/form-dialog/escape", Fixture, NULL, fixture_setup, test_escape,
              fixture_teardown);
  return g_test_run ();
}
