/* polku-cli-score.c: `polku-cli score`: scoring without a database
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   polku-cli score INSTRUMENT [FILE]     {"answers": {"1": 4, …}} → the scores
 *   polku-cli score continuity [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--types T,T]
 *                              [--non-urgent] [FILE]
 *
 * JSON on standard input (or from FILE), JSON on standard output. Malformed input exits with
 * 2 and one line. Neither needs a database or a key.
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "polku-continuity.h"
#include "polku-date.h"
#include "polku-instrument.h"
#include "polku-scoring.h"

#include "polku-cli-private.h"

/* The first member of @object that is not @expected, or NULL. */
static const char *
other_member (JsonObject *object,
              const char *expected)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, expected))
      return l->data;
  return NULL;
}

static int
score_instrument (const char *instrument_id,
                  int         argc,
                  char      **argv)
{
  g_autoptr(PolkuInstrument) instrument = NULL;
  g_autoptr(PolkuScores) scores = NULL;
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(JsonNode) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree int *answers = NULL;
  const char *file = NULL;
  const char *other;
  JsonObject *object;
  JsonNode *node;

  for (int i = 1; i < argc; i++)
    {
      if (argv[i][0] == '-' && argv[i][1] != '\0')
        return fail (EXIT_USAGE, _("Unknown option “%s”. Usage: polku-cli score %s [FILE]"),
                     argv[i], instrument_id);
      if (file != NULL)
        return fail (EXIT_USAGE, _("Give one input file at most. Usage: polku-cli score %s "
                                   "[FILE]"), instrument_id);
      file = argv[i];
    }

  instrument = polku_instrument_lookup (instrument_id, &error);
  if (instrument == NULL)
    return fail (g_error_matches (error, POLKU_INSTRUMENT_ERROR,
                                  POLKU_INSTRUMENT_ERROR_NOT_FOUND) ? EXIT_USAGE : EXIT_ERROR,
                 "%s", error->message);

  input = polku_cli_read_json (file, &error);
  if (input == NULL)
    return fail (EXIT_USAGE, "%s", error->message);
  if (!JSON_NODE_HOLDS_OBJECT (input))
    return fail (EXIT_USAGE, _("The input must be a JSON object: {\"answers\": {…}}."));

  object = json_node_get_object (input);
  if ((other = other_member (object, "answers")) != NULL)
    return fail (EXIT_USAGE, _("Unknown member “%s” in the input: only “answers” is "
                               "expected."), other);

  node = json_object_get_member (object, "answers");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (EXIT_USAGE, _("“answers” must be a JSON object of item numbers and answers, "
                               "such as {\"answers\": {\"1\": 4, \"2\": 3}}."));

  answers = polku_instrument_answers_from_json (instrument, json_node_get_object (node),
                                                &error);
  if (answers == NULL)
    return fail (EXIT_USAGE, "%s", error->message);

  scores = polku_scores_compute (instrument, answers);
  output = polku_scores_to_json (scores);
  print_json (output);
  return EXIT_OK;
}

static void
add_index (JsonBuilder *builder,
           const char  *name,
           double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static int
score_continuity (int    argc,
                  char **argv)
{
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuContinuity) result = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GArray) visits = g_array_new (FALSE, TRUE, sizeof (PolkuVisit));
  g_auto(GStrv) types = NULL;
  PolkuVisitFilter filter = { NULL, NULL, NULL, TRUE };
  const char *file = NULL;
  const char *other;
  GDate from, to;
  JsonObject *object;
  JsonNode *node;
  JsonArray *array;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if ((g_str_equal (arg, "--from") || g_str_equal (arg, "--to")) && i + 1 < argc)
        {
          gboolean is_from = g_str_equal (arg, "--from");

          if (!polku_date_parse_iso (argv[++i], is_from ? &from : &to))
            return fail (EXIT_USAGE, _("%s needs a date as YYYY-MM-DD, not “%s”."), arg,
                         argv[i]);
          if (is_from)
            filter.from = &from;
          else
            filter.to = &to;
        }
      else if (g_str_equal (arg, "--types") && i + 1 < argc)
        {
          g_clear_pointer (&types, g_strfreev);
          types = g_strsplit (argv[++i], ",", -1);
          filter.types = (const char * const *) types;
        }
      else if (g_str_equal (arg, "--non-urgent"))
        filter.include_urgent = FALSE;
      else if (arg[0] == '-' && arg[1] != '\0')
        return fail (EXIT_USAGE, _("Unknown option “%s”. Usage: polku-cli score continuity "
                                   "[--from YYYY-MM-DD] [--to YYYY-MM-DD] [FILE]"), arg);
      else if (file != NULL)
        return fail (EXIT_USAGE, _("Give one input file at most. Usage: polku-cli score "
                                   "continuity [--from YYYY-MM-DD] [--to YYYY-MM-DD] [FILE]"));
      else
        file = arg;
    }
  if (filter.from != NULL && filter.to != NULL && g_date_compare (&from, &to) > 0)
    return fail (EXIT_USAGE, _("--from is after --to: the period is empty."));

  input = polku_cli_read_json (file, &error);
  if (input == NULL)
    return fail (EXIT_USAGE, "%s", error->message);
  if (!JSON_NODE_HOLDS_OBJECT (input))
    return fail (EXIT_USAGE, _("The input must be a JSON object: {\"visits\": […]}."));

  object = json_node_get_object (input);
  if ((other = other_member (object, "visits")) != NULL)
    return fail (EXIT_USAGE, _("Unknown member “%s” in the input: only “visits” is "
                               "expected."), other);

  node = json_object_get_member (object, "visits");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return fail (EXIT_USAGE, _("“visits” must be a JSON array of visits, such as "
                               "{\"visits\": [{\"date\": \"2025-01-31\", \"professional\": "
                               "\"a\"}]}."));
  array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GList) visit_members = NULL;
      PolkuVisit visit = { 0 };
      JsonObject *v;
      JsonNode *field;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (EXIT_USAGE, _("visits[%u] must be a JSON object."), i);
      v = json_node_get_object (element);
      visit_members = json_object_get_members (v);
      for (GList *l = visit_members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "date") && !g_str_equal (l->data, "professional")
            && !g_str_equal (l->data, "type") && !g_str_equal (l->data, "urgent"))
          return fail (EXIT_USAGE, _("visits[%u]: unknown member “%s”: a visit has “date”, "
                                     "“professional”, and optionally “type” and “urgent”."),
                       i, (const char *) l->data);

      field = json_object_get_member (v, "date");
      if (field == NULL || !JSON_NODE_HOLDS_VALUE (field)
          || json_node_get_value_type (field) != G_TYPE_STRING
          || !polku_date_parse_iso (json_node_get_string (field), &visit.date))
        return fail (EXIT_USAGE, _("visits[%u].date must be a date as \"YYYY-MM-DD\"."), i);

      field = json_object_get_member (v, "professional");
      if (field != NULL && !JSON_NODE_HOLDS_NULL (field))
        {
          if (!JSON_NODE_HOLDS_VALUE (field)
              || json_node_get_value_type (field) != G_TYPE_STRING)
            return fail (EXIT_USAGE, _("visits[%u].professional must be a string or null."),
                         i);
          visit.professional = json_node_get_string (field);
        }

      field = json_object_get_member (v, "type");
      if (field != NULL && !JSON_NODE_HOLDS_NULL (field))
        {
          if (!JSON_NODE_HOLDS_VALUE (field)
              || json_node_get_value_type (field) != G_TYPE_STRING)
            return fail (EXIT_USAGE, _("visits[%u].type must be a string or null."), i);
          visit.type = json_node_get_string (field);
        }

      field = json_object_get_member (v, "urgent");
      if (field != NULL)
        {
          if (!JSON_NODE_HOLDS_VALUE (field)
              || json_node_get_value_type (field) != G_TYPE_BOOLEAN)
            return fail (EXIT_USAGE, _("visits[%u].urgent must be true or false."), i);
          visit.urgent = json_node_get_boolean (field);
        }

      g_array_append_val (visits, visit);
    }

  result = polku_continuity_compute ((const PolkuVisit *) visits->data, visits->len, &filter);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "visits");
  json_builder_add_int_value (builder, result->visits);
  json_builder_set_member_name (builder, "professionals");
  json_builder_add_int_value (builder, result->professionals);
  json_builder_set_member_name (builder, "left_out_without_professional");
  json_builder_add_int_value (builder, result->left_out_without_professional);
  add_index (builder, "coci", result->coci);
  add_index (builder, "upc", result->upc);
  add_index (builder, "secon", result->secon);
  add_index (builder, "mmci", result->mmci);
  json_builder_set_member_name (builder, "usual_professionals");
  json_builder_begin_array (builder);
  for (guint i = 0; result->usual_professionals[i] != NULL; i++)
    json_builder_add_string_value (builder, result->usual_professionals[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  polku_cli_print_builder (builder);
  return EXIT_OK;
}

int
polku_cli_score (int    argc,
                 char **argv)
{
  if (argc < 2)
    return fail (EXIT_USAGE, _("Say what to score: polku-cli score whoqol-bref [FILE] or "
                               "polku-cli score continuity [FILE]."));

  if (g_str_equal (argv[1], "continuity"))
    return score_continuity (argc - 1, argv + 1);
  return score_instrument (argv[1], argc - 1, argv + 1);
}
