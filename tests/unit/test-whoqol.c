/* test-whoqol.c: WHOQOL-BREF scored by the instrument engine, every rule and edge case
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected domain scores are written as the item sum and count the WHO manual's syntax
 * gives (after reversing Q3, Q4 and Q26), so each case says by hand which items count.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "polku-instrument.h"
#include "polku-scoring.h"

#define NONE (-1)

typedef struct
{
  guint answered;
  int   sum;      /* of the (reversed) answers; NONE: no score expected */
} Domain;

typedef struct
{
  const char *name;
  const char *answers;  /* 26 tokens, "-" for unanswered */
  gboolean    discarded;
  guint       missing;
  int         q1;       /* NONE: null */
  int         q2;
  Domain      domains[4];  /* physical, psychological, social, environment */
} Case;

static const Case cases[] = {
  { "all-3", "3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3", FALSE, 0, 3, 3,
    { { 7, 21 }, { 6, 18 }, { 3, 9 }, { 8, 24 } } },
  /* Reversal at both extremes: Q3, Q4, Q26 answered 1 count as 5 and 5 as 1. */
  { "all-1", "1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", FALSE, 0, 1, 1,
    { { 7, 5 + 5 + 5 * 1 }, { 6, 5 * 1 + 5 }, { 3, 3 }, { 8, 8 } } },
  { "all-5", "5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5", FALSE, 0, 5, 5,
    { { 7, 1 + 1 + 5 * 5 }, { 6, 5 * 5 + 1 }, { 3, 15 }, { 8, 40 } } },
  { "reversed-only", "3 3 1 5 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 1", FALSE, 0, 3, 3,
    { { 7, 5 + 1 + 15 }, { 6, 15 + 5 }, { 3, 9 }, { 8, 24 } } },
  /* Q1 and Q2 are reported as given, never reversed, and belong to no domain. */
  { "q1-q2-alone", "1 5 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3", FALSE, 0, 1, 5,
    { { 7, 21 }, { 6, 18 }, { 3, 9 }, { 8, 24 } } },
  { "mixed", "4 3 1 5 3 4 3 4 4 3 4 2 4 3 4 3 3 3 4 4 3 4 4 4 3 2", FALSE, 0, 4, 3,
    { { 7, 5 + 1 + 3 + 4 + 3 + 3 + 3 }, { 6, 3 + 4 + 3 + 4 + 4 + 4 },
      { 3, 4 + 3 + 4 }, { 8, 4 + 4 + 2 + 4 + 3 + 4 + 4 + 3 } } },
  /* Physical: 6 of 7 is enough, 5 of 7 is not. */
  { "physical-6-of-7", "3 3 - 3 3 3 3 3 3 5 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3", FALSE, 1, 3, 3,
    { { 6, 3 + 5 + 12 }, { 6, 18 }, { 3, 9 }, { 8, 24 } } },
  { "physical-5-of-7", "3 3 - - 3 3 3 3 3 5 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3", FALSE, 2, 3, 3,
    { { 5, NONE }, { 6, 18 }, { 3, 9 }, { 8, 24 } } },
  /* Psychological: 5 of 6 is enough, 4 of 6 is not. */
  { "psychological-5-of-6", "3 3 3 3 2 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 -", FALSE, 1,
    3, 3, { { 7, 21 }, { 5, 2 + 12 }, { 3, 9 }, { 8, 24 } } },
  { "psychological-4-of-6", "3 3 3 3 - 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 -", FALSE, 2,
    3, 3, { { 7, 21 }, { 4, NONE }, { 3, 9 }, { 8, 24 } } },
  /* Social: 2 of 3 is enough, 1 of 3 is not. */
  { "social-2-of-3", "3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 4 - 5 3 3 3 3", FALSE, 1, 3, 3,
    { { 7, 21 }, { 6, 18 }, { 2, 9 }, { 8, 24 } } },
  { "social-1-of-3", "3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 4 - - 3 3 3 3", FALSE, 2, 3, 3,
    { { 7, 21 }, { 6, 18 }, { 1, NONE }, { 8, 24 } } },
  /* Environment: 6 of 8 is enough, 5 of 8 is not. */
  { "environment-6-of-8", "3 3 3 3 3 3 3 - - 3 3 1 3 3 3 3 3 3 3 3 3 3 3 3 3 3", FALSE, 2,
    3, 3, { { 7, 21 }, { 6, 18 }, { 3, 9 }, { 6, 1 + 15 } } },
  { "environment-5-of-8", "3 3 3 3 3 3 3 - - 3 3 - 3 3 3 3 3 3 3 3 3 3 3 3 3 3", FALSE, 3,
    3, 3, { { 7, 21 }, { 6, 18 }, { 3, 9 }, { 5, NONE } } },
  /* The 20 % rule: 5 of 26 missing is scored, 6 discards everything. */
  { "5-missing", "- - - 3 - 3 3 - 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3", FALSE, 5, NONE, NONE,
    { { 6, 18 }, { 5, 15 }, { 3, 9 }, { 7, 21 } } },
  { "6-missing", "- - - 3 - 3 3 - 3 3 3 3 3 3 3 3 3 3 3 - 3 3 3 3 3 3", TRUE, 6, NONE, NONE,
    { { 6, NONE }, { 5, NONE }, { 2, NONE }, { 7, NONE } } },
  { "6-missing-q1-kept", "4 5 - - - - 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 - - 3", TRUE, 6,
    NONE, NONE, { { 5, NONE }, { 4, NONE }, { 3, NONE }, { 6, NONE } } },
  { "nothing", "- - - - - - - - - - - - - - - - - - - - - - - - - -", TRUE, 26, NONE, NONE,
    { { 0, NONE }, { 0, NONE }, { 0, NONE }, { 0, NONE } } },
};

static const char * const domain_ids[] = { "physical", "psychological", "social",
                                           "environment" };

static PolkuInstrument *
whoqol (void)
{
  g_autoptr(GError) error = NULL;
  PolkuInstrument *instrument = polku_instrument_lookup ("whoqol-bref", &error);

  g_assert_no_error (error);
  return instrument;
}

/* Builds {"answers"…} content as JSON text from the case's tokens. */
static char *
case_json (const Case *c)
{
  g_auto(GStrv) tokens = g_strsplit (c->answers, " ", -1);
  g_autoptr(GString) json = g_string_new ("{");

  g_assert_cmpuint (g_strv_length (tokens), ==, 26);
  for (guint i = 0; i < 26; i++)
    {
      if (g_str_equal (tokens[i], "-"))
        continue;  /* a missing key is an unanswered item */
      g_string_append_printf (json, "%s\"%u\": %s", json->len > 1 ? ", " : "", i + 1,
                              tokens[i]);
    }
  g_string_append_c (json, '}');
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
check_scores (const Case        *c,
              const PolkuScores *scores)
{
  g_assert_cmpint (scores->discarded, ==, c->discarded);
  g_assert_cmpuint (scores->missing, ==, c->missing);
  g_assert_cmpuint (scores->n_reported, ==, 2);
  g_assert_cmpint (scores->reported[0], ==, c->q1 == NONE ? POLKU_ANSWER_MISSING : c->q1);
  g_assert_cmpint (scores->reported[1], ==, c->q2 == NONE ? POLKU_ANSWER_MISSING : c->q2);
  g_assert_cmpuint (scores->n_domains, ==, 4);

  for (guint d = 0; d < 4; d++)
    {
      const PolkuDomainScore *domain = &scores->domains[d];

      g_test_message ("%s: %s", c->name, domain_ids[d]);
      g_assert_cmpstr (domain->id, ==, domain_ids[d]);
      g_assert_cmpuint (domain->answered, ==, c->domains[d].answered);
      if (c->domains[d].sum == NONE)
        {
          g_assert_true (isnan (domain->values[0]));
          g_assert_true (isnan (domain->values[1]));
          g_assert_cmpint (domain->state, ==, c->discarded ? POLKU_DOMAIN_DISCARDED
                                                           : POLKU_DOMAIN_TOO_FEW_ANSWERS);
        }
      else
        {
          /* The mean × 4, and (score − 4) × 100 / 16 from the unrounded score: exactly. */
          double score = (double) c->domains[d].sum / c->domains[d].answered * 4;

          g_assert_cmpint (domain->state, ==, POLKU_DOMAIN_SCORED);
          g_assert_cmpfloat (domain->values[0], ==, score);
          g_assert_cmpfloat (domain->values[1], ==, (score - 4) * 100 / 16);
          g_assert_cmpfloat (domain->values[0], >=, 4);
          g_assert_cmpfloat (domain->values[0], <=, 20);
        }
    }
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(PolkuInstrument) instrument = whoqol ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuScores) scores = NULL;
  g_autofree char *json = case_json (c);
  g_autofree int *answers = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  answers = polku_instrument_answers_from_json (
    instrument, json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  scores = polku_scores_compute (instrument, answers);
  check_scores (c, scores);
}

/* The 0–100 ends: all answers giving 4 and 20 map to exactly 0 and 100. */
static void
test_transform_ends (void)
{
  g_autoptr(PolkuInstrument) instrument = whoqol ();
  int low[26], high[26];
  g_autoptr(PolkuScores) lows = NULL;
  g_autoptr(PolkuScores) highs = NULL;

  for (guint i = 0; i < 26; i++)
    {
      gboolean reversed = i == 2 || i == 3 || i == 25;

      low[i] = reversed ? 5 : 1;
      high[i] = reversed ? 1 : 5;
    }
  lows = polku_scores_compute (instrument, low);
  highs = polku_scores_compute (instrument, high);
  for (guint d = 0; d < 4; d++)
    {
      g_assert_cmpfloat (lows->domains[d].values[0], ==, 4.0);
      g_assert_cmpfloat (lows->domains[d].values[1], ==, 0.0);
      g_assert_cmpfloat (highs->domains[d].values[0], ==, 20.0);
      g_assert_cmpfloat (highs->domains[d].values[1], ==, 100.0);
    }
}

typedef struct
{
  const char *value;   /* JSON text of the answer to Q3 */
  int         counted; /* what Q3 counts as after reversal; NONE: missing */
} AnswerCase;

/* An answer that is not a whole number 1–5 is missing; 4.0 is 4. */
static const AnswerCase answer_cases[] = {
  { "1", 5 }, { "5", 1 }, { "4.0", 2 }, { "1e0", 5 }, { "2.5", NONE }, { "0", NONE },
  { "6", NONE }, { "-1", NONE }, { "4.000001", NONE }, { "\"3\"", NONE }, { "true", NONE },
  { "false", NONE }, { "null", NONE }, { "[3]", NONE }, { "{\"v\": 3}", NONE },
  { "1e300", NONE }, { "99999999999999999999", NONE }, { "3.0000000000000000001", 3 },
};

static void
test_answer_values (void)
{
  g_autoptr(PolkuInstrument) instrument = whoqol ();

  for (guint i = 0; i < G_N_ELEMENTS (answer_cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(PolkuScores) scores = NULL;
      g_autofree int *answers = NULL;
      g_autofree char *json = NULL;
      int expected_sum;

      /* Q3 plus the rest of the physical domain (Q4 Q10 Q15 Q16 Q17 Q18) answered 3. */
      json = g_strdup_printf ("{\"3\": %s, \"4\": 3, \"10\": 3, \"15\": 3, \"16\": 3, "
                              "\"17\": 3, \"18\": 3}", answer_cases[i].value);
      g_test_message ("answer %s", answer_cases[i].value);
      json_parser_load_from_data (parser, json, -1, &error);
      g_assert_no_error (error);
      answers = polku_instrument_answers_from_json (
        instrument, json_node_get_object (json_parser_get_root (parser)), &error);
      g_assert_no_error (error);
      scores = polku_scores_compute (instrument, answers);

      /* 19 or 20 of 26 missing: discarded, but the counting still shows. */
      g_assert_true (scores->discarded);
      if (answer_cases[i].counted == NONE)
        {
          g_assert_cmpint (answers[2], ==, POLKU_ANSWER_MISSING);
          g_assert_cmpuint (scores->missing, ==, 20);
          g_assert_cmpuint (scores->domains[0].answered, ==, 6);
        }
      else
        {
          g_assert_cmpuint (scores->missing, ==, 19);
          g_assert_cmpuint (scores->domains[0].answered, ==, 7);
          expected_sum = answer_cases[i].counted;
          g_assert_cmpint (6 - answers[2], ==, expected_sum);
        }
    }
}

static void
test_unknown_item (void)
{
  static const char * const bad[] = {
    "{\"0\": 3}", "{\"27\": 3}", "{\"01\": 3}", "{\"q1\": 3}", "{\"\": 3}", "{\"1.0\": 3}",
  };
  g_autoptr(PolkuInstrument) instrument = whoqol ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree int *answers = NULL;

      json_parser_load_from_data (parser, bad[i], -1, &error);
      g_assert_no_error (error);
      answers = polku_instrument_answers_from_json (
        instrument, json_node_get_object (json_parser_get_root (parser)), &error);
      g_assert_error (error, POLKU_INSTRUMENT_ERROR, POLKU_INSTRUMENT_ERROR_ANSWERS);
      g_assert_null (answers);
    }
}

/* The JSON output: the exact shape of `polku-cli score whoqol-bref`, with full precision. */
static void
test_json (void)
{
  g_autoptr(PolkuInstrument) instrument = whoqol ();
  g_autoptr(PolkuScores) scores = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int answers[26];
  JsonObject *root, *domains, *physical, *social;

  for (guint i = 0; i < 26; i++)
    answers[i] = 3;
  answers[0] = 0;   /* Q1 unanswered */
  answers[9] = 5;   /* physical: 3 + 3 + 5 + 3·4 = 23 of 7 */
  answers[20] = 0;  /* social: 2 of 3 */
  answers[21] = 0;  /* social: 1 of 3: no score */
  scores = polku_scores_compute (instrument, answers);
  node = polku_scores_to_json (scores);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (root), ==, 5);
  g_assert_false (json_object_get_boolean_member (root, "discarded"));
  g_assert_cmpint (json_object_get_int_member (root, "missing"), ==, 3);
  g_assert_true (json_object_get_null_member (root, "q1"));
  g_assert_cmpint (json_object_get_int_member (root, "q2"), ==, 3);
  domains = json_object_get_object_member (root, "domains");
  g_assert_cmpuint (json_object_get_size (domains), ==, 4);
  physical = json_object_get_object_member (domains, "physical");
  g_assert_cmpint (json_object_get_int_member (physical, "answered"), ==, 7);
  /* Written and read back without losing a bit. */
  g_assert_cmpfloat (json_object_get_double_member (physical, "score_4_20"), ==,
                     23.0 / 7 * 4);
  g_assert_cmpfloat (json_object_get_double_member (physical, "score_0_100"), ==,
                     (23.0 / 7 * 4 - 4) * 100 / 16);
  social = json_object_get_object_member (domains, "social");
  g_assert_cmpint (json_object_get_int_member (social, "answered"), ==, 1);
  g_assert_true (json_object_get_null_member (social, "score_4_20"));
  g_assert_true (json_object_get_null_member (social, "score_0_100"));
}

static void
test_reasons (void)
{
  g_autoptr(PolkuInstrument) instrument = whoqol ();
  g_autoptr(PolkuScores) scores = NULL;
  g_autofree char *scored = NULL;
  g_autofree char *too_few = NULL;
  int answers[26];

  for (guint i = 0; i < 26; i++)
    answers[i] = 3;
  answers[19] = answers[20] = 0;
  scores = polku_scores_compute (instrument, answers);
  scored = polku_scores_dup_domain_reason (scores, 0);
  too_few = polku_scores_dup_domain_reason (scores, 2);
  g_assert_null (scored);
  g_assert_nonnull (too_few);
  g_assert_nonnull (strstr (too_few, "1 of 3"));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("POLKU_INSTRUMENTS_DIR", "/nonexistent/polku-test", TRUE);
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/whoqol/case/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/whoqol/transform-ends", test_transform_ends);
  g_test_add_func ("/whoqol/answer-values", test_answer_values);
  g_test_add_func ("/whoqol/unknown-item", test_unknown_item);
  g_test_add_func ("/whoqol/json", test_json);
  g_test_add_func ("/whoqol/reasons", test_reasons);

  return g_test_run ();
}
