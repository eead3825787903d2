/* polku-plan-print.c: the client's copy of the plan, printed or exported to PDF
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain-language copy in the plan's own language (Finnish or Swedish), whatever the UI
 * language is: its words come from the small per-language table in polku-plan-text.c, not
 * from gettext. It names the client, the day the plan was agreed and the team's responsible
 * workers with their contact details, the client's own view and burden, the goals with their
 * actions, the services, where views differ, and the case's next review. The responsible
 * workers and the review date come from the team and the case (PolkuPlanContext), never
 * from the plan's document, so that the copy says what the team and the case say now.
 *
 * GtkPrintOperation draws it with Pango, page by page. Exporting writes the PDF straight to
 * the file the user chose (cairo's PDF surface); nothing is written anywhere else.
 */

#define G_LOG_DOMAIN "polku-plan-print"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-date.h"
#include "polku-json.h"
#include "polku-plan-print.h"
#include "polku-plan-text.h"

#define FOOTER_HEIGHT 24.0

typedef enum
{
  STYLE_TITLE,
  STYLE_HEADING,
  STYLE_STRONG,
  STYLE_BODY,
  STYLE_SMALL,
} Style;

typedef struct
{
  char   *markup;
  Style   style;
  double  indent;        /* points */
  double  space_before;  /* points */
  double  height;        /* measured in begin-print */
} Block;

typedef struct
{
  GPtrArray *blocks;     /* Block */
  GArray    *page_starts;
  char      *language;
  char      *today;       /* YYYY-MM-DD: dates before it, still open, say they have passed */
} Copy;

static void
block_free (Block *block)
{
  g_free (block->markup);
  g_free (block);
}

static void
copy_free (Copy *copy)
{
  g_ptr_array_unref (copy->blocks);
  g_array_unref (copy->page_starts);
  g_free (copy->language);
  g_free (copy->today);
  g_free (copy);
}

static void
add (Copy       *copy,
     Style       style,
     double      indent,
     double      space_before,
     const char *markup)
{
  Block *block = g_new0 (Block, 1);

  block->markup = g_strdup (markup);
  block->style = style;
  block->indent = indent;
  block->space_before = space_before;
  g_ptr_array_add (copy->blocks, block);
}

/* Adds "Label: value" with the value escaped; nothing when @value is empty. */
static void
add_labelled (Copy       *copy,
              double      indent,
              const char *label,
              const char *value)
{
  g_autofree char *escaped = NULL;
  g_autofree char *markup = NULL;

  if (value == NULL || value[0] == '\0')
    return;
  escaped = g_markup_escape_text (value, -1);
  markup = g_strdup_printf ("<b>%s:</b> %s", label, escaped);
  add (copy, STYLE_BODY, indent, 2, markup);
}

static void
add_text (Copy       *copy,
          Style       style,
          double      indent,
          double      space_before,
          const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  add (copy, style, indent, space_before, escaped);
}

static char *
date_text (const char *date)
{
  return polku_plan_text_format_date (date);
}

/* @date as the client reads it; a date that has passed while the goal, action or review is
 * still open says so in the plan's language ("1.9.2025 – ajankohta on mennyt, sovitaan
 * uusi"), as the window marks it overdue. */
static char *
open_date_text (Copy       *copy,
                const char *date,
                gboolean    still_open)
{
  g_autofree char *text = date_text (date);

  if (still_open && date != NULL && polku_date_is_valid (date)
      && g_strcmp0 (date, copy->today) < 0)
    return polku_plan_text_fill (copy->language, POLKU_PLAN_TEXT_DATE_PASSED, text);
  return g_steal_pointer (&text);
}

static void
add_goal (Copy       *copy,
          JsonObject *goal,
          guint       number)
{
  const char *lang = copy->language;
  JsonArray *actions = polku_json_get_array (goal, "actions");
  JsonNode *progress = json_object_get_member (goal, "client_progress");
  PolkuPlanGoalStatus status = POLKU_PLAN_GOAL_PROPOSED;
  const char *goal_text = polku_json_get_text (goal, "text");
  g_autofree char *title = NULL;
  g_autofree char *escaped = g_markup_escape_text (goal_text != NULL ? goal_text : "", -1);
  g_autofree char *target = NULL;
  g_autofree char *who = NULL;

  title = g_strdup_printf ("%u. %s", number, escaped);
  add (copy, STYLE_STRONG, 0, 10, title);

  if (g_strcmp0 (polku_json_get_text (goal, "expressed_by"), "professional") == 0)
    who = polku_plan_text_fill (lang, POLKU_PLAN_TEXT_GOAL_BY_PROFESSIONAL,
                                polku_json_get_text (goal, "professional"));
  else
    who = g_strdup (polku_plan_text (lang, POLKU_PLAN_TEXT_GOAL_BY_CLIENT));
  add_text (copy, STYLE_SMALL, 14, 2, who);

  polku_plan_goal_status_from_code (polku_json_get_text (goal, "status"), &status);
  target = open_date_text (copy, polku_json_get_text (goal, "target_date"),
                           status == POLKU_PLAN_GOAL_PROPOSED || status == POLKU_PLAN_GOAL_ACTIVE);
  add_labelled (copy, 14, polku_plan_text (lang, POLKU_PLAN_TEXT_STATUS),
                polku_plan_text_goal_status (lang, status));
  add_labelled (copy, 14, polku_plan_text (lang, POLKU_PLAN_TEXT_TARGET_DATE), target);

  if (polku_json_get_text (goal, "client_assessment") != NULL
      || (progress != NULL && JSON_NODE_HOLDS_VALUE (progress)))
    {
      g_autoptr(GString) text = g_string_new (polku_json_get_text (goal, "client_assessment"));

      if (progress != NULL && JSON_NODE_HOLDS_VALUE (progress))
        {
          g_autofree char *number_text = g_strdup_printf ("%d",
                                                          (int) json_node_get_int (progress));
          g_autofree char *score = polku_plan_text_fill (lang, POLKU_PLAN_TEXT_CLIENT_PROGRESS,
                                                         number_text);

          g_string_append_printf (text, text->len > 0 ? " (%s)" : "%s", score);
        }
      add_labelled (copy, 14, polku_plan_text (lang, POLKU_PLAN_TEXT_CLIENT_ASSESSMENT),
                    text->str);
    }

  if (actions != NULL && json_array_get_length (actions) > 0)
    {
      g_autofree char *heading = g_strdup_printf ("<b>%s:</b>",
                                                  polku_plan_text (lang,
                                                                   POLKU_PLAN_TEXT_ACTIONS));

      add (copy, STYLE_BODY, 14, 4, heading);
      for (guint j = 0; j < json_array_get_length (actions); j++)
        {
          JsonObject *action = json_array_get_object_element (actions, j);
          PolkuPlanActionStatus astatus = POLKU_PLAN_ACTION_PLANNED;
          const char *action_text = polku_json_get_text (action, "text");
          const char *responsible = polku_json_get_text (action, "responsible");
          const char *organisation = polku_json_get_text (action, "organisation");
          g_autoptr(GString) line = g_string_new ("• ");
          g_autofree char *text = g_markup_escape_text (action_text != NULL ? action_text : "",
                                                        -1);
          g_autofree char *due = NULL;

          polku_plan_action_status_from_code (polku_json_get_text (action, "status"), &astatus);
          due = open_date_text (copy, polku_json_get_text (action, "due_date"),
                                astatus == POLKU_PLAN_ACTION_PLANNED
                                || astatus == POLKU_PLAN_ACTION_IN_PROGRESS);
          g_string_append (line, text);
          if (responsible != NULL || organisation != NULL)
            {
              g_autofree char *who_text = NULL;
              g_autofree char *escaped_who = NULL;

              if (responsible != NULL && organisation != NULL)
                who_text = g_strdup_printf ("%s, %s", responsible, organisation);
              else
                who_text = g_strdup (responsible != NULL ? responsible : organisation);
              escaped_who = g_markup_escape_text (who_text, -1);
              g_string_append_printf (line, "\n%s: %s",
                                      polku_plan_text (lang, POLKU_PLAN_TEXT_RESPONSIBLE),
                                      escaped_who);
            }
          g_string_append_printf (line, "\n%s: %s",
                                  polku_plan_text (lang, POLKU_PLAN_TEXT_STATUS),
                                  polku_plan_text_action_status (lang, astatus));
          if (due[0] != '\0')
            g_string_append_printf (line, " · %s: %s",
                                    polku_plan_text (lang, POLKU_PLAN_TEXT_DUE_DATE), due);
          add (copy, STYLE_BODY, 28, 3, line->str);
        }
    }
}

static Copy *
build_copy (JsonNode               *document,
            PolkuClient            *client,
            const PolkuPlanContext *context)
{
  Copy *copy = g_new0 (Copy, 1);
  JsonObject *plan = json_node_get_object (document);
  GPtrArray *workers = context != NULL ? context->workers : NULL;
  JsonArray *goals = polku_json_get_array (plan, "goals");
  JsonArray *services = polku_json_get_array (plan, "services");
  JsonArray *views = polku_json_get_array (plan, "differing_views");
  g_autofree char *name = polku_client_dup_display_name (client);
  g_autofree char *updated = NULL;
  g_autofree char *review = NULL;
  g_autofree char *agreed = date_text (polku_json_get_text (plan, "agreed_on"));
  const char *lang;

  copy->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  copy->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  copy->language = g_strdup (polku_plan_document_get_language (document));
  copy->today = polku_date_today ();
  lang = copy->language;
  review = open_date_text (copy, context != NULL ? context->review_on : NULL, TRUE);

  if (polku_json_get_text (plan, "modified") != NULL)
    {
      g_autofree char *day = g_strndup (polku_json_get_text (plan, "modified"), 10);
      updated = date_text (day);
    }

  add_text (copy, STYLE_TITLE, 0, 0, polku_plan_text (lang, POLKU_PLAN_TEXT_TITLE));
  add_labelled (copy, 0, polku_plan_text (lang, POLKU_PLAN_TEXT_CLIENT), name);
  add_labelled (copy, 0, polku_plan_text (lang, POLKU_PLAN_TEXT_AGREED_ON), agreed);
  add_labelled (copy, 0, polku_plan_text (lang, POLKU_PLAN_TEXT_UPDATED), updated);

  add_text (copy, STYLE_HEADING, 0, 16,
            polku_plan_text (lang, workers != NULL && workers->len > 1
                                   ? POLKU_PLAN_TEXT_RESPONSIBLE_WORKERS
                                   : POLKU_PLAN_TEXT_RESPONSIBLE_WORKER));
  for (guint i = 0; workers != NULL && i < workers->len; i++)
    {
      const PolkuPlanWorker *worker = g_ptr_array_index (workers, i);
      g_autofree char *who = polku_plan_worker_dup_line (worker);

      add_text (copy, STYLE_BODY, 0, i > 0 ? 6 : 2, who);
      add_labelled (copy, 0, polku_plan_text (lang, polku_plan_worker_has_email (worker)
                                                    ? POLKU_PLAN_TEXT_EMAIL
                                                    : POLKU_PLAN_TEXT_PHONE),
                    worker->contact);
    }
  if (workers == NULL || workers->len == 0)
    add_text (copy, STYLE_BODY, 0, 2, polku_plan_text (lang, POLKU_PLAN_TEXT_NOT_SET));

  if (polku_json_get_text (plan, "client_view") != NULL)
    {
      g_autofree char *quoted = g_strdup_printf ("”%s”",
                                                 polku_json_get_text (plan, "client_view"));

      add_text (copy, STYLE_HEADING, 0, 16, polku_plan_text (lang,
                                                             POLKU_PLAN_TEXT_CLIENT_VIEW));
      add_text (copy, STYLE_BODY, 0, 2, quoted);
    }
  if (polku_json_get_text (plan, "main_burden") != NULL)
    {
      add_text (copy, STYLE_HEADING, 0, 16, polku_plan_text (lang,
                                                             POLKU_PLAN_TEXT_MAIN_BURDEN));
      add_text (copy, STYLE_BODY, 0, 2, polku_json_get_text (plan, "main_burden"));
    }

  add_text (copy, STYLE_HEADING, 0, 16, polku_plan_text (lang, POLKU_PLAN_TEXT_GOALS));
  if (goals == NULL || json_array_get_length (goals) == 0)
    add_text (copy, STYLE_BODY, 0, 2, polku_plan_text (lang, POLKU_PLAN_TEXT_NO_GOALS));
  for (guint i = 0; goals != NULL && i < json_array_get_length (goals); i++)
    add_goal (copy, json_array_get_object_element (goals, i), i + 1);

  if (services != NULL && json_array_get_length (services) > 0)
    {
      add_text (copy, STYLE_HEADING, 0, 16, polku_plan_text (lang, POLKU_PLAN_TEXT_SERVICES));
      for (guint i = 0; i < json_array_get_length (services); i++)
        {
          JsonObject *service = json_array_get_object_element (services, i);
          const char *service_name = polku_json_get_text (service, "name");
          const char *provider = polku_json_get_text (service, "provider");
          const char *service_note = polku_json_get_text (service, "note");
          g_autoptr(GString) line = g_string_new ("• ");

          g_string_append (line, service_name != NULL ? service_name : "");
          if (provider != NULL)
            g_string_append_printf (line, " (%s)", provider);
          if (service_note != NULL)
            g_string_append_printf (line, " – %s", service_note);
          add_text (copy, STYLE_BODY, 14, 2, line->str);
        }
    }

  if (views != NULL && json_array_get_length (views) > 0)
    {
      add_text (copy, STYLE_HEADING, 0, 16, polku_plan_text (lang,
                                                             POLKU_PLAN_TEXT_DIFFERING_VIEWS));
      for (guint i = 0; i < json_array_get_length (views); i++)
        {
          JsonObject *view = json_array_get_object_element (views, i);
          g_autofree char *pro = polku_plan_text_fill (lang, POLKU_PLAN_TEXT_PROFESSIONAL_VIEW,
                                                       polku_json_get_text (view, "professional"));

          add_text (copy, STYLE_STRONG, 0, 8, polku_json_get_text (view, "topic"));
          add_labelled (copy, 14, polku_plan_text (lang, POLKU_PLAN_TEXT_YOUR_VIEW),
                        polku_json_get_text (view, "client_view"));
          add_labelled (copy, 28, polku_plan_text (lang, POLKU_PLAN_TEXT_REASON),
                        polku_json_get_text (view, "client_reason"));
          add_labelled (copy, 14, pro, polku_json_get_text (view, "professional_view"));
          add_labelled (copy, 28, polku_plan_text (lang, POLKU_PLAN_TEXT_REASON),
                        polku_json_get_text (view, "professional_reason"));
        }
    }

  add_text (copy, STYLE_HEADING, 0, 16, polku_plan_text (lang, POLKU_PLAN_TEXT_NEXT_REVIEW));
  add_text (copy, STYLE_BODY, 0, 2, review[0] != '\0' ? review
                                                      : polku_plan_text (lang,
                                                                         POLKU_PLAN_TEXT_NOT_SET));
  return copy;
}

static PangoLayout *
layout_for (GtkPrintContext *context,
            Block           *block)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = NULL;
  static const char * const fonts[] = {
    [STYLE_TITLE] = "Sans Bold 17",
    [STYLE_HEADING] = "Sans Bold 13",
    [STYLE_STRONG] = "Sans Bold 11",
    [STYLE_BODY] = "Sans 11",
    [STYLE_SMALL] = "Sans Italic 10",
  };

  font = pango_font_description_from_string (fonts[block->style]);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, pango_units_from_double (gtk_print_context_get_width (context)
                                                           - block->indent));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, block->markup, -1);
  return layout;
}

static void
begin_print (GtkPrintOperation *operation,
             GtkPrintContext   *context,
             Copy              *copy)
{
  double page_height = gtk_print_context_get_height (context) - FOOTER_HEIGHT;
  double y = 0;
  guint zero = 0;

  g_array_set_size (copy->page_starts, 0);
  g_array_append_val (copy->page_starts, zero);

  for (guint i = 0; i < copy->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (copy->blocks, i);
      g_autoptr(PangoLayout) layout = layout_for (context, block);
      int width, height;
      double needed;

      pango_layout_get_size (layout, &width, &height);
      block->height = pango_units_to_double (height);
      needed = block->space_before + block->height;

      /* A heading stays with what follows it. */
      if ((block->style == STYLE_HEADING || block->style == STYLE_STRONG)
          && i + 1 < copy->blocks->len)
        needed += 40;

      if (y > 0 && y + needed > page_height)
        {
          g_array_append_val (copy->page_starts, i);
          y = 0;
        }
      y += (y > 0 ? block->space_before : 0) + block->height;
    }

  gtk_print_operation_set_n_pages (operation, copy->page_starts->len);
}

static void
draw_page (GtkPrintOperation *operation,
           GtkPrintContext   *context,
           int                page_nr,
           Copy              *copy)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  guint start = g_array_index (copy->page_starts, guint, page_nr);
  guint end = (guint) page_nr + 1 < copy->page_starts->len
              ? g_array_index (copy->page_starts, guint, page_nr + 1) : copy->blocks->len;
  double y = 0;

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = start; i < end; i++)
    {
      Block *block = g_ptr_array_index (copy->blocks, i);
      g_autoptr(PangoLayout) layout = layout_for (context, block);

      if (i > start)
        y += block->space_before;
      cairo_move_to (cr, block->indent, y);
      pango_cairo_show_layout (cr, layout);
      y += block->height;
    }

  /* Footer: page n/N */
  {
    g_autofree char *n = g_strdup_printf ("%d", page_nr + 1);
    g_autofree char *pages = g_strdup_printf ("%u", copy->page_starts->len);
    g_autofree char *with_n = polku_plan_text_fill (copy->language, POLKU_PLAN_TEXT_PAGE, n);
    g_autofree char *footer = g_strdup (with_n);
    Block block = { NULL, STYLE_SMALL, 0, 0, 0 };
    g_autoptr(PangoLayout) layout = NULL;
    char *hole = strstr (footer, "%d");

    /* "Sivu 1/%d" → "Sivu 1/3" */
    if (hole != NULL)
      {
        g_autofree char *full = g_strdup_printf ("%.*s%s%s", (int) (hole - footer), footer,
                                                 pages, hole + 2);
        g_free (footer);
        footer = g_steal_pointer (&full);
      }
    block.markup = g_markup_escape_text (footer, -1);
    layout = layout_for (context, &block);
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
    cairo_move_to (cr, 0, gtk_print_context_get_height (context) - FOOTER_HEIGHT / 2);
    pango_cairo_show_layout (cr, layout);
    g_free (block.markup);
  }
}

/**
 * polku_plan_print_operation_new:
 * @document: the plan
 * @client: the plan's client
 * @context: (nullable): the team's responsible workers and the case's review date
 *
 * Returns: (transfer full): a print operation that prints the client's copy of the plan,
 *   in the plan's language
 */
GtkPrintOperation *
polku_plan_print_operation_new (JsonNode               *document,
                                PolkuClient            *client,
                                const PolkuPlanContext *context)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  GtkPrintOperation *operation;
  Copy *copy;

  g_return_val_if_fail (document != NULL && JSON_NODE_HOLDS_OBJECT (document), NULL);
  g_return_val_if_fail (POLKU_IS_CLIENT (client), NULL);

  copy = build_copy (document, client, context);
  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, polku_plan_text (copy->language,
                                                                POLKU_PLAN_TEXT_TITLE));
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print), copy);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page), copy);
  g_object_set_data_full (G_OBJECT (operation), "polku-plan-copy", copy,
                          (GDestroyNotify) copy_free);
  return operation;
}

/**
 * polku_plan_export_pdf:
 * @path: the PDF file to write
 *
 * Writes the client's copy of the plan as a PDF to @path, and nowhere else.
 */
gboolean
polku_plan_export_pdf (JsonNode                *document,
                       PolkuClient             *client,
                       const PolkuPlanContext  *context,
                       const char              *path,
                       GError                 **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) local_error = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  operation = polku_plan_print_operation_new (document, client, context);
  g_return_val_if_fail (operation != NULL, FALSE);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL,
                                    &local_error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the PDF: %s"),
                   local_error != NULL ? local_error->message : "");
      return FALSE;
    }
  return TRUE;
}

/* The first letter of @name, upper case, if it is a letter (else nothing). */
static void
append_initial (GString    *out,
                const char *name)
{
  gunichar c;

  if (name == NULL || name[0] == '\0')
    return;
  c = g_utf8_get_char_validated (name, -1);
  if (c != (gunichar) -1 && c != (gunichar) -2 && g_unichar_isalpha (c))
    g_string_append_unichar (out, g_unichar_toupper (c));
}

/**
 * polku_plan_pdf_file_name:
 * @client: (nullable): whose copy it is
 * @language: the plan's language ("fi" or "sv")
 * @date: the day of the copy, YYYY-MM-DD
 *
 * The name offered for the client's copy: the plan's name in its language, the client's
 * initials and the date, such as hoito-ja-palvelusuunnitelma-AÖ-2026-12-03.pdf. Never the
 * identity code or a whole name: the file leaves the encrypted store, and its name shows in
 * file managers, recent-file lists and backups where its content does not.
 *
 * Returns: (transfer full): a file name without a folder
 */
char *
polku_plan_pdf_file_name (PolkuClient *client,
                          const char  *language,
                          const char  *date)
{
  GString *name = g_string_new (g_strcmp0 (language, "sv") == 0 ? "vard-och-serviceplan"
                                                                : "hoito-ja-palvelusuunnitelma");
  g_autoptr(GString) initials = g_string_new (NULL);

  g_return_val_if_fail (client == NULL || POLKU_IS_CLIENT (client), NULL);

  if (client != NULL)
    {
      append_initial (initials, polku_client_get_given_name (client));
      append_initial (initials, polku_client_get_family_name (client));
    }
  if (initials->len > 0)
    g_string_append_printf (name, "-%s", initials->str);
  if (date != NULL && date[0] != '\0' && strchr (date, '/') == NULL)
    g_string_append_printf (name, "-%s", date);
  g_string_append (name, ".pdf");
  return g_string_free (name, FALSE);
}
