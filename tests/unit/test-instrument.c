/* test-instrument.c: instrument definitions as data: loading, validation, an organisation's
 * own wording, and a new instrument scored by the same engine
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "polku-instrument-private.h"
#include "polku-scoring.h"

/* A small valid definition; the error cases replace one piece of it. */
static const char mini[] =
  "{\"format\": 1, \"id\": \"mini\", \"version\": \"1\", \"title\": {\"en\": \"Mini\"},\n"
  " \"scales\": [{\"id\": \"s\", \"min\": 1, \"max\": 4, \"anchors\": ["
  "{\"value\": 1, \"label\": {\"en\": \"No\", \"fi\": \"Ei\"}}, "
  "{\"value\": 4, \"label\": {\"en\": \"Yes\"}}]}],\n"
  " \"items\": [{\"id\": \"a\", \"scale\": \"s\", \"text\": {\"en\": \"A\", \"fi\": \"Aa\"}}, "
  "{\"id\": \"b\", \"scale\": \"s\", \"reversed\": true, \"text\": {\"en\": \"B\"}}, "
  "{\"id\": \"c\", \"scale\": \"s\", \"text\": {\"en\": \"C\"}}],\n"
  " \"reported_items\": [{\"item\": \"a\", \"key\": \"first\"}],\n"
  " \"domain_scores\": [{\"id\": \"raw\", \"mean_times\": 1, \"range\": [1, 4]}, "
  "{\"id\": \"pct\", \"rescale_from\": \"raw\", \"range\": [0, 100]}],\n"
  " \"domains\": [{\"id\": \"all\", \"title\": {\"en\": \"All\"}, \"items\": [\"a\", \"b\", "
  "\"c\"], \"min_answered\": 2}],\n"
  " \"max_missing\": 1}";

typedef struct
{
  const char *from;     /* replaced in mini (first occurrence) … */
  const char *to;       /* … by this */
  const char *message;  /* the error starts with "broken.json: " and has this */
} Broken;

static const Broken broken[] = {
  { "{\"format\": 1,", "{\"format\": 1,,", "broken.json: not valid JSON" },
  { "\"format\": 1, ", "", "broken.json: format: missing" },
  { "\"format\": 1,", "\"format\": 2,", "broken.json: format: must be a whole number" },
  { "\"format\": 1,", "\"format\": 1, \"colour\": 1,", "broken.json: (top level).colour" },
  { "\"id\": \"mini\"", "\"id\": \"Mini!\"", "broken.json: id: " },
  { "\"title\": {\"en\": \"Mini\"}", "\"title\": {\"fi\": \"Mini\"}", "broken.json: title.en" },
  { "\"title\": {\"en\": \"Mini\"}", "\"title\": {\"en\": \"\"}", "broken.json: title.en" },
  { "\"title\": {\"en\": \"Mini\"}", "\"title\": {\"en\": \"M\", \"English\": \"M\"}",
    "broken.json: title.English" },
  { "\"min\": 1, \"max\": 4", "\"min\": 4, \"max\": 4", "broken.json: scales[0].max" },
  { "\"min\": 1, \"max\": 4", "\"min\": 0, \"max\": 4", "broken.json: scales[0].min" },
  { "\"min\": 1, \"max\": 4", "\"min\": 1.5, \"max\": 4", "broken.json: scales[0].min" },
  { "{\"value\": 1, ", "{\"value\": 5, ", "broken.json: scales[0].anchors[0].value" },
  { "{\"value\": 4, ", "{\"value\": 1, ", "broken.json: scales[0].anchors[1].value" },
  { "\"label\": {\"en\": \"Yes\"}", "\"label\": \"Yes\"",
    "broken.json: scales[0].anchors[1].label" },
  { "{\"id\": \"b\", \"scale\": \"s\"", "{\"id\": \"b\", \"scale\": \"t\"",
    "broken.json: items[1].scale" },
  { "{\"id\": \"b\",", "{\"id\": \"a\",", "broken.json: items[1].id" },
  { "\"reversed\": true", "\"reversed\": \"yes\"", "broken.json: items[1].reversed" },
  { "\"text\": {\"en\": \"C\"}", "\"txt\": {\"en\": \"C\"}", "broken.json: items[2].txt" },
  { "\"text\": {\"en\": \"C\"}", "\"text\": {\"sv\": \"C\"}", "broken.json: items[2].text.en" },
  { "[\"a\", \"b\", \"c\"]", "[]", "broken.json: domains[0].items: must not be empty" },
  { "{\"item\": \"a\", \"key\": \"first\"}", "{\"item\": \"z\", \"key\": \"first\"}",
    "broken.json: reported_items[0].item" },
  { "\"key\": \"first\"", "\"key\": \"domains\"", "broken.json: reported_items[0].key" },
  { "\"rescale_from\": \"raw\"", "\"rescale_from\": \"rw\"",
    "broken.json: domain_scores[1].rescale_from" },
  { "\"mean_times\": 1,", "", "broken.json: domain_scores[0]: needs exactly one" },
  { "\"range\": [1, 4]", "\"range\": [4, 1]", "broken.json: domain_scores[0].range" },
  { "\"range\": [1, 4]", "\"range\": [1]", "broken.json: domain_scores[0].range" },
  { "\"c\"], \"min", "\"x\"], \"min", "broken.json: domains[0].items[2]" },
  { "\"c\"], \"min", "\"a\"], \"min", "broken.json: domains[0].items[2]" },
  { "\"min_answered\": 2", "\"min_answered\": 4", "broken.json: domains[0].min_answered" },
  { "\"min_answered\": 2", "\"min_answered\": 0", "broken.json: domains[0].min_answered" },
  { "\"min_answered\": 2", "\"min_answered\": \"2\"", "broken.json: domains[0].min_answered" },
  { "\"title\": {\"en\": \"All\"}, ", "", "broken.json: domains[0].title: missing" },
  { "\"max_missing\": 1", "\"max_missing\": 4", "broken.json: max_missing" },
  { ",\n \"max_missing\": 1", "", "broken.json: max_missing: missing" },
};

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static void
test_broken (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *data = replace_once (mini, broken[i].from, broken[i].to);
      g_autoptr(GError) error = NULL;
      g_autoptr(PolkuInstrument) instrument = NULL;

      instrument = polku_instrument_new_from_data (data, -1, "broken.json", &error);
      g_test_message ("expected: %s; got: %s", broken[i].message,
                      error != NULL ? error->message : "(no error)");
      g_assert_error (error, POLKU_INSTRUMENT_ERROR, POLKU_INSTRUMENT_ERROR_INVALID);
      g_assert_null (instrument);
      g_assert_true (g_str_has_prefix (error->message, broken[i].message));
    }
}

/* A new instrument is a new file: the same engine scores it. */
static void
test_new_instrument (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuInstrument) instrument = NULL;
  g_autoptr(PolkuScores) scores = NULL;
  g_autoptr(PolkuScores) too_few = NULL;
  g_autoptr(PolkuScores) discarded = NULL;
  int answers[3] = { 1, 1, 4 };
  int one_missing[3] = { 0, 2, 9 };
  int two_missing[3] = { 0, 0, 4 };

  instrument = polku_instrument_new_from_data (mini, -1, "mini.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_instrument_get_id (instrument), ==, "mini");
  g_assert_cmpuint (polku_instrument_get_n_items (instrument), ==, 3);
  g_assert_cmpint (polku_instrument_find_item (instrument, "c"), ==, 2);
  g_assert_cmpint (polku_instrument_find_item (instrument, "d"), ==, -1);
  g_assert_cmpstr (polku_instrument_get_item_anchor (instrument, 0, 4), ==, "Yes");
  g_assert_null (polku_instrument_get_item_anchor (instrument, 0, 2));

  /* b is reversed on 1–4: 1 counts as 4. Mean (1 + 4 + 4) / 3 = 3; (3 − 1) × 100 / 3. */
  scores = polku_scores_compute (instrument, answers);
  g_assert_false (scores->discarded);
  g_assert_cmpint (scores->reported[0], ==, 1);
  g_assert_cmpfloat (scores->domains[0].values[0], ==, 3.0);
  g_assert_cmpfloat (scores->domains[0].values[1], ==, (3.0 - 1) * 100 / 3);

  /* 9 is off the scale: missing. Two missing is more than max_missing 1. */
  too_few = polku_scores_compute (instrument, one_missing);
  g_assert_true (too_few->discarded);
  g_assert_cmpuint (too_few->missing, ==, 2);
  discarded = polku_scores_compute (instrument, two_missing);
  g_assert_true (discarded->discarded);
  g_assert_true (isnan (discarded->domains[0].values[0]));
}

static void
test_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuInstrument) whoqol = polku_instrument_lookup ("whoqol-bref", &error);
  g_autoptr(PolkuInstrument) satisfaction = NULL;
  g_autoptr(PolkuInstrument) none = NULL;
  g_autoptr(GPtrArray) all = NULL;
  static const guint reversed[] = { 3, 4, 26 };
  static const char * const domains[] = { "physical", "psychological", "social",
                                          "environment" };
  static const guint domain_items[4][9] = {
    { 3, 4, 10, 15, 16, 17, 18 }, { 5, 6, 7, 11, 19, 26 }, { 20, 21, 22 },
    { 8, 9, 12, 13, 14, 23, 24, 25 },
  };
  static const guint min_answered[] = { 6, 5, 2, 6 };

  g_assert_no_error (error);
  g_assert_cmpuint (polku_instrument_get_n_items (whoqol), ==, 26);
  for (guint i = 0; i < 26; i++)
    {
      gboolean is_reversed = FALSE;
      g_autofree char *id = g_strdup_printf ("%u", i + 1);

      for (guint r = 0; r < G_N_ELEMENTS (reversed); r++)
        is_reversed |= reversed[r] == i + 1;
      g_assert_cmpstr (polku_instrument_get_item_id (whoqol, i), ==, id);
      g_assert_cmpint (polku_instrument_get_item_reversed (whoqol, i), ==, is_reversed);
      g_assert_cmpint (polku_instrument_get_item_min (whoqol, i), ==, 1);
      g_assert_cmpint (polku_instrument_get_item_max (whoqol, i), ==, 5);
      for (int v = 1; v <= 5; v++)
        g_assert_nonnull (polku_instrument_get_item_anchor (whoqol, i, v));
    }
  g_assert_cmpuint (polku_instrument_get_n_domains (whoqol), ==, 4);
  for (guint d = 0; d < 4; d++)
    {
      guint n = 0;

      while (n < 9 && domain_items[d][n] != 0)
        n++;
      g_assert_cmpstr (polku_instrument_get_domain_id (whoqol, d), ==, domains[d]);
      g_assert_cmpuint (polku_instrument_get_domain_n_items (whoqol, d), ==, n);
      for (guint k = 0; k < n; k++)
        g_assert_cmpuint (polku_instrument_get_domain_item (whoqol, d, k) + 1, ==,
                          domain_items[d][k]);
      g_assert_cmpuint (polku_instrument_get_domain_min_answered (whoqol, d), ==,
                        min_answered[d]);
    }
  g_assert_cmpuint (polku_instrument_get_max_missing (whoqol), ==, 5);
  g_assert_cmpuint (polku_instrument_get_n_reported (whoqol), ==, 2);
  g_assert_cmpstr (polku_instrument_get_reported_key (whoqol, 0), ==, "q1");
  g_assert_cmpstr (polku_instrument_get_reported_key (whoqol, 1), ==, "q2");

  satisfaction = polku_instrument_lookup ("client-satisfaction", &error);
  g_assert_no_error (error);
  g_assert_nonnull (satisfaction);

  none = polku_instrument_lookup ("no-such", &error);
  g_assert_error (error, POLKU_INSTRUMENT_ERROR, POLKU_INSTRUMENT_ERROR_NOT_FOUND);
  g_assert_null (none);
  g_clear_error (&error);

  all = polku_instrument_list_all (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
}

/* The satisfaction question's anchors are the practice's categories word for word (002:
 * "erittäin tyytyväisiä", "melko tyytyväisiä", "ei tyytyväisiä eikä tyytymättömiä"), in fi,
 * sv and en, whatever the user's language; the stored values keep their meaning (5 best).
 * One answer (the first item, the reported "overall") is enough to be scored, which the
 * one-tap question needs. */
static void
test_satisfaction_anchors (void)
{
  static const char * const expected[5][3] = {
    /* value 1 … 5: fi, sv, en */
    { "Erittäin tyytymätön", "Mycket missnöjd", "Very dissatisfied" },
    { "Melko tyytymätön", "Ganska missnöjd", "Fairly dissatisfied" },
    { "Ei tyytyväinen eikä tyytymätön", "Varken nöjd eller missnöjd",
      "Neither satisfied nor dissatisfied" },
    { "Melko tyytyväinen", "Ganska nöjd", "Fairly satisfied" },
    { "Erittäin tyytyväinen", "Mycket nöjd", "Very satisfied" },
  };
  static const char * const languages[] = { "fi", "sv", "en" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuInstrument) satisfaction = polku_instrument_lookup ("client-satisfaction",
                                                                     &error);
  g_autoptr(PolkuScores) one_answer = NULL;
  int answers[4] = { 4, POLKU_ANSWER_MISSING, POLKU_ANSWER_MISSING, POLKU_ANSWER_MISSING };

  g_assert_no_error (error);
  g_assert_cmpuint (polku_instrument_get_n_reported (satisfaction), ==, 1);
  g_assert_cmpstr (polku_instrument_get_reported_key (satisfaction, 0), ==, "overall");
  g_assert_cmpuint (polku_instrument_get_reported_item (satisfaction, 0), ==, 0);
  for (guint item = 0; item < polku_instrument_get_n_items (satisfaction); item++)
    {
      g_assert_cmpint (polku_instrument_get_item_min (satisfaction, item), ==, 1);
      g_assert_cmpint (polku_instrument_get_item_max (satisfaction, item), ==, 5);
      for (int value = 1; value <= 5; value++)
        for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
          g_assert_cmpstr (polku_instrument_get_item_anchor_in (satisfaction, item, value,
                                                                languages[l]),
                           ==, expected[value - 1][l]);
    }
  /* The user's language: anchors as in the file; an unknown language gives English. */
  g_setenv ("LANGUAGE", "sv", TRUE);
  g_assert_cmpstr (polku_instrument_get_item_anchor (satisfaction, 0, 4), ==, "Ganska nöjd");
  g_unsetenv ("LANGUAGE");
  g_assert_cmpstr (polku_instrument_get_item_anchor_in (satisfaction, 0, 4, "de"), ==,
                   "Fairly satisfied");

  one_answer = polku_scores_compute (satisfaction, answers);
  g_assert_false (one_answer->discarded);
  g_assert_cmpint (one_answer->reported[0], ==, 4);
  g_assert_cmpint (one_answer->domains[0].state, ==, POLKU_DOMAIN_TOO_FEW_ANSWERS);
}

/* Texts follow the user's language, and fall back to English. */
static void
test_languages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuInstrument) instrument = NULL;

  instrument = polku_instrument_new_from_data (mini, -1, "mini.json", &error);
  g_assert_no_error (error);

  g_setenv ("LANGUAGE", "fi", TRUE);
  g_assert_cmpstr (polku_instrument_get_item_text (instrument, 0), ==, "Aa");
  g_assert_cmpstr (polku_instrument_get_item_text (instrument, 1), ==, "B");
  g_assert_cmpstr (polku_instrument_get_item_anchor (instrument, 0, 1), ==, "Ei");
  g_setenv ("LANGUAGE", "sv:en", TRUE);
  g_assert_cmpstr (polku_instrument_get_item_text (instrument, 0), ==, "A");
  g_unsetenv ("LANGUAGE");
}

static char *
bundled_whoqol_text (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_resources_lookup_data ("/io/github/polku/Polku/core/instruments/whoqol-bref.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* An organisation's file with the same id replaces the texts (the licensed wording), but
 * may not change how anything is scored; a file with a new id adds an instrument. */
static void
test_organisation_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("polku-instruments-XXXXXX", NULL);
  g_autofree char *whoqol_text = bundled_whoqol_text ();
  g_autofree char *licensed = replace_once (whoqol_text, "\"Quality of life overall\"",
                                            "\"Licensed wording of question 1\"");
  g_autofree char *tampered = replace_once (whoqol_text,
                                            "\"scale\": \"amount\", \"reversed\": true",
                                            "\"scale\": \"amount\"");
  g_autofree char *licensed_path = g_build_filename (dir, "whoqol-bref-licensed.json", NULL);
  g_autofree char *mini_path = g_build_filename (dir, "mini.json", NULL);
  g_autoptr(PolkuInstrument) instrument = NULL;
  g_autoptr(PolkuInstrument) added = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (licensed_path, licensed, -1, NULL));
  g_assert_true (g_file_set_contents (mini_path, mini, -1, NULL));
  g_setenv ("POLKU_INSTRUMENTS_DIR", dir, TRUE);
  polku_instrument_reset_registry ();

  instrument = polku_instrument_lookup ("whoqol-bref", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_instrument_get_item_text (instrument, 0), ==,
                   "Licensed wording of question 1");
  g_assert_cmpstr (polku_instrument_get_file_name (instrument), ==, licensed_path);
  added = polku_instrument_lookup ("mini", &error);
  g_assert_no_error (error);
  g_clear_object (&instrument);

  /* Q3 no longer reversed: refused, naming the file and the field. */
  g_assert_true (g_file_set_contents (licensed_path, tampered, -1, NULL));
  polku_instrument_reset_registry ();
  instrument = polku_instrument_lookup ("whoqol-bref", &error);
  g_assert_error (error, POLKU_INSTRUMENT_ERROR, POLKU_INSTRUMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "whoqol-bref-licensed.json: items:"));
  g_assert_null (instrument);
  g_clear_error (&error);

  /* A broken file: the error names it, for every lookup. */
  g_assert_true (g_file_set_contents (licensed_path, "{\"format\": 1}", -1, NULL));
  polku_instrument_reset_registry ();
  instrument = polku_instrument_lookup ("whoqol-bref", &error);
  g_assert_error (error, POLKU_INSTRUMENT_ERROR, POLKU_INSTRUMENT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, licensed_path));
  g_assert_nonnull (strstr (error->message, ": id: missing"));
  g_clear_error (&error);

  g_remove (licensed_path);
  g_remove (mini_path);
  g_rmdir (dir);
  g_setenv ("POLKU_INSTRUMENTS_DIR", "/nonexistent/polku-test", TRUE);
  polku_instrument_reset_registry ();
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("POLKU_INSTRUMENTS_DIR", "/nonexistent/polku-test", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/instrument/broken", test_broken);
  g_test_add_func ("/instrument/new-instrument", test_new_instrument);
  g_test_add_func ("/instrument/bundled", test_bundled);
  g_test_add_func ("/instrument/satisfaction-anchors", test_satisfaction_anchors);
  g_test_add_func ("/instrument/languages", test_languages);
  g_test_add_func ("/instrument/organisation-files", test_organisation_files);

  return g_test_run ();
}
