/* test-checklist.c: the warning-sign checklist and the closing reasons are data: the
 * built-in ones, validation with errors that name file and field, and a county's replacement
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "polku-checklist.h"
#include "polku-closing-reasons.h"

static void
test_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuChecklist) checklist = polku_checklist_get_default (&error);
  static const char * const groups[] = {
    "worry", "crisis", "addiction_medication", "life_situation", "service_use", "health", NULL
  };

  g_assert_no_error (error);
  g_assert_nonnull (checklist);
  g_assert_cmpstr (polku_checklist_get_id (checklist), ==, "heratteet");

  /* The six groups of the seeds, each with its items, labelled in three languages. */
  g_assert_cmpuint (polku_checklist_get_n_groups (checklist), ==, 6);
  for (guint g = 0; g < 6; g++)
    {
      const char *group_id = polku_checklist_get_group_id (checklist, g);

      g_assert_cmpstr (group_id, ==, groups[g]);
      g_assert_cmpuint (polku_checklist_get_n_items (checklist, g), >=, 2);
      for (guint i = 0; i < polku_checklist_get_n_items (checklist, g); i++)
        {
          const char *item_id = polku_checklist_get_item_id (checklist, g, i);

          g_assert_nonnull (polku_checklist_get_item_label (checklist, group_id, item_id, "en"));
          g_assert_nonnull (polku_checklist_get_item_label (checklist, group_id, item_id, "fi"));
          g_assert_nonnull (polku_checklist_get_item_label (checklist, group_id, item_id, "sv"));
          g_assert_true (polku_checklist_check_item (checklist, group_id, item_id, NULL));
        }
    }

  g_assert_cmpstr (polku_checklist_get_item_label (checklist, "addiction_medication",
                                                   "many_medicines", "fi"),
                   ==, "Käytössä yli seitsemän lääkettä");
  g_assert_cmpstr (polku_checklist_get_item_label (checklist, "life_situation", "debt", "sv"),
                   ==, "Skuldsättning");
  /* LC_ALL=C.UTF-8 in the tests: English. */
  g_assert_cmpstr (polku_checklist_get_group_label (checklist, "life_situation", NULL), ==,
                   "A hard life situation");

  g_assert_false (polku_checklist_check_item (checklist, "worry", "nonsense", &error));
  g_assert_error (error, POLKU_CHECKLIST_ERROR, POLKU_CHECKLIST_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_assert_false (polku_checklist_check_item (checklist, "nonsense", "crisis", &error));
  g_assert_error (error, POLKU_CHECKLIST_ERROR, POLKU_CHECKLIST_ERROR_UNKNOWN);
  g_assert_null (polku_checklist_get_item_label (checklist, "nonsense", "crisis", "en"));
}

/* The sixth sign keeps the practice's meaning (001: "huoli tai riittämättömyyden tunne"): the
 * worker's own sense that their help is not enough, not one service's; and people who would
 * need services but do not use them (003) can be flagged. */
static void
test_practice_wording (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuChecklist) checklist = polku_checklist_get_default (&error);
  const char *fi, *sv, *en;

  g_assert_no_error (error);
  fi = polku_checklist_get_item_label (checklist, "worry", "insufficiency", "fi");
  sv = polku_checklist_get_item_label (checklist, "worry", "insufficiency", "sv");
  en = polku_checklist_get_item_label (checklist, "worry", "insufficiency", "en");
  g_assert_nonnull (strstr (fi, "Työntekijän riittämättömyyden tunne"));
  g_assert_nonnull (strstr (sv, "känsla av otillräcklighet"));
  g_assert_nonnull (strstr (en, "sense that their help is not enough"));
  g_assert_null (strstr (fi, "Yhden palvelun"));

  g_assert_true (polku_checklist_check_item (checklist, "service_use", "needs_but_not_using",
                                             &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (polku_checklist_get_item_label (checklist, "service_use",
                                                            "needs_but_not_using", "fi"),
                            "Tarvitsisi palveluita, mutta ei käytä niitä"));
}

#define LABELS "{\"en\": \"E\", \"fi\": \"F\", \"sv\": \"S\"}"
#define GOOD \
  "{\"format\": \"polku-checklist/1\", \"id\": \"county\", \"title\": " LABELS ", " \
  "\"groups\": [{\"id\": \"only\", \"label\": " LABELS ", " \
  "\"items\": [{\"id\": \"one\", \"label\": " LABELS "}]}]}"

/* Each bad file fails with an error naming the file and the field. */
static void
test_invalid (void)
{
  static const struct
  {
    const char *json;
    const char *field;
  } cases[] = {
    { "[1, 2]", "the checklist must be a JSON object" },
    { "{\"format\": \"polku-checklist/2\"}", "format" },
    { "{\"format\": \"polku-checklist/1\", \"id\": \"Bad Id\"}", ": id:" },
    { "{\"format\": \"polku-checklist/1\", \"id\": \"x\", \"title\": " LABELS
      ", \"groups\": []}", "groups" },
    { "{\"format\": \"polku-checklist/1\", \"id\": \"x\", \"colour\": 1}", "colour" },
    { "{\"format\": \"polku-checklist/1\", \"id\": \"x\", \"title\": {\"en\": \"E\", "
      "\"fi\": \"F\"}}", "title.sv" },
    { "{\"format\": \"polku-checklist/1\", \"id\": \"x\", \"title\": " LABELS ", "
      "\"groups\": [{\"id\": \"g\", \"label\": " LABELS ", \"items\": [{\"id\": \"i\", "
      "\"label\": {\"en\": \"E\", \"fi\": \"F\", \"sv\": \"  \"}}]}]}",
      "groups[0].items[0].label.sv" },
    { "{\"format\": \"polku-checklist/1\", \"id\": \"x\", \"title\": " LABELS ", "
      "\"groups\": [{\"id\": \"g\", \"label\": " LABELS ", \"items\": [{\"id\": \"i\", "
      "\"label\": " LABELS "}, {\"id\": \"i\", \"label\": " LABELS "}]}]}",
      "groups[0].items[1].id" },
    { "{\"format\": \"polku-checklist/1\", \"id\": \"x\", \"title\": " LABELS ", "
      "\"groups\": [{\"id\": \"g\", \"label\": " LABELS ", \"items\": []}]}",
      "groups[0].items" },
    { "{not json", "not valid JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = NULL;
      g_autoptr(PolkuChecklist) checklist = polku_checklist_new_from_bytes (bytes,
                                                                            "county.json",
                                                                            &error);

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_null (checklist);
      g_assert_error (error, POLKU_CHECKLIST_ERROR, POLKU_CHECKLIST_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "county.json: "));
      g_assert_nonnull (strstr (error->message, cases[i].field));
    }
}

/* A wellbeing county replaces the built-in checklist with its own file. */
static void
test_replacement (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("polku-test-checklist-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "county.json", NULL);
      g_autoptr(PolkuChecklist) checklist = NULL;

      g_assert_true (g_file_set_contents (path, GOOD, -1, NULL));
      g_setenv ("POLKU_CHECKLIST", path, TRUE);
      checklist = polku_checklist_get_default (&error);
      g_unlink (path);
      g_rmdir (dir);
      g_assert_no_error (error);
      g_assert_cmpstr (polku_checklist_get_id (checklist), ==, "county");
      g_assert_cmpuint (polku_checklist_get_n_groups (checklist), ==, 1);
      g_assert_cmpstr (polku_checklist_get_item_label (checklist, "only", "one", "sv"), ==, "S");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A broken replacement is an error that names the file, not a silent fallback. */
static void
test_broken_replacement (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("polku-test-checklist-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "county.json", NULL);
      g_autoptr(PolkuChecklist) checklist = NULL;

      g_assert_true (g_file_set_contents (path, "{\"format\": \"polku-checklist/1\"}", -1,
                                          NULL));
      g_setenv ("POLKU_CHECKLIST", path, TRUE);
      checklist = polku_checklist_get_default (&error);
      g_unlink (path);
      g_rmdir (dir);
      g_assert_null (checklist);
      g_assert_error (error, POLKU_CHECKLIST_ERROR, POLKU_CHECKLIST_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "county.json: id: "));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_file_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuChecklist) checklist =
    polku_checklist_new_from_file ("/nonexistent/heratteet.json", &error);

  g_assert_null (checklist);
  /* Read with the bounded reader (GIO), so a GIO error, not g_file_get_contents ()'s. */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_closing_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClosingReasons) reasons = polku_closing_reasons_get_default (&error);
  static const char * const ids[] = {
    "goals_reached", "stable_usual_care", "moved_away", "declined", "died", "other", NULL
  };
  g_autofree char *with_words = NULL;
  g_autofree char *without = NULL;
  g_autofree char *unknown = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (polku_closing_reasons_get_id (reasons), ==, "closing_reasons");
  g_assert_cmpuint (polku_closing_reasons_get_n_reasons (reasons), ==,
                    g_strv_length ((char **) ids));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_assert_cmpstr (polku_closing_reasons_get_reason_id (reasons, i), ==, ids[i]);
      g_assert_nonnull (polku_closing_reasons_get_label (reasons, ids[i], "en"));
      g_assert_nonnull (polku_closing_reasons_get_label (reasons, ids[i], "fi"));
      g_assert_nonnull (polku_closing_reasons_get_label (reasons, ids[i], "sv"));
      /* Only "other" needs words. */
      g_assert_cmpint (polku_closing_reasons_get_text_required (reasons, ids[i]), ==,
                       g_str_equal (ids[i], "other"));
    }
  g_assert_cmpstr (polku_closing_reasons_get_label (reasons, "died", "fi"), ==, "Kuoli");

  g_assert_true (polku_closing_reasons_check (reasons, "moved_away", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (polku_closing_reasons_check (reasons, "other", "Palveluasumiseen", &error));
  g_assert_no_error (error);
  g_assert_false (polku_closing_reasons_check (reasons, "other", NULL, &error));
  g_assert_error (error, POLKU_CLOSING_REASONS_ERROR, POLKU_CLOSING_REASONS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (polku_closing_reasons_check (reasons, "bored", "x", &error));
  g_assert_error (error, POLKU_CLOSING_REASONS_ERROR, POLKU_CLOSING_REASONS_ERROR_UNKNOWN);
  /* The message lists what may be used. */
  g_assert_nonnull (strstr (error->message, "goals_reached"));
  g_clear_error (&error);
  g_assert_false (polku_closing_reasons_check (reasons, NULL, "x", &error));
  g_assert_error (error, POLKU_CLOSING_REASONS_ERROR, POLKU_CLOSING_REASONS_ERROR_UNKNOWN);
  g_clear_error (&error);

  /* Readers get the label and the words, never the code twice. */
  with_words = polku_closing_reasons_dup_description (reasons, "other", "Palveluasumiseen");
  g_assert_cmpstr (with_words, ==, "Other reason: Palveluasumiseen");
  without = polku_closing_reasons_dup_description (reasons, "moved_away", NULL);
  g_assert_cmpstr (without, ==, "Moved away from the area");
  unknown = polku_closing_reasons_dup_description (reasons, "county_code", NULL);
  g_assert_cmpstr (unknown, ==, "county_code");
}

#define CR_HEAD \
  "{\"format\": \"polku-closing-reasons/1\", \"id\": \"county\", \"title\": " LABELS ", "
#define CR_OTHER "{\"id\": \"other\", \"label\": " LABELS ", \"text_required\": true}"

/* Each bad list fails with an error naming the file and the field. */
static void
test_closing_invalid (void)
{
  static const struct
  {
    const char *json;
    const char *field;
  } cases[] = {
    { "[1]", "must be a JSON object" },
    { "{\"format\": \"polku-checklist/1\"}", "format" },
    { CR_HEAD "\"reasons\": []}", "reasons" },
    /* "other" is needed: cases closed before the reasons were coded have it. */
    { CR_HEAD "\"reasons\": [{\"id\": \"done\", \"label\": " LABELS "}]}", "“other”" },
    { CR_HEAD "\"reasons\": [" CR_OTHER ", " CR_OTHER "]}", "reasons[1].id" },
    { CR_HEAD "\"reasons\": [{\"id\": \"other\", \"label\": " LABELS
      ", \"text_required\": \"yes\"}]}", "reasons[0].text_required" },
    { CR_HEAD "\"reasons\": [{\"id\": \"other\", \"label\": {\"en\": \"E\", \"fi\": \"F\"}}]}",
      "reasons[0].label.sv" },
    { CR_HEAD "\"reasons\": [{\"id\": \"Other\", \"label\": " LABELS "}]}", "reasons[0].id" },
    { CR_HEAD "\"reasons\": [" CR_OTHER "], \"colour\": 1}", "colour" },
    { "{not json", "not valid JSON" },
  };
  g_autoptr(GBytes) good = NULL;
  g_autoptr(PolkuClosingReasons) reasons = NULL;
  g_autoptr(GError) error = NULL;
  static const char good_json[] = CR_HEAD "\"reasons\": [" CR_OTHER "]}";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) local_error = NULL;
      g_autoptr(PolkuClosingReasons) bad =
        polku_closing_reasons_new_from_bytes (bytes, "county.json", &local_error);

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_null (bad);
      g_assert_error (local_error, POLKU_CLOSING_REASONS_ERROR,
                      POLKU_CLOSING_REASONS_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (local_error->message, "county.json: "));
      g_assert_nonnull (strstr (local_error->message, cases[i].field));
    }

  good = g_bytes_new_static (good_json, strlen (good_json));
  reasons = polku_closing_reasons_new_from_bytes (good, "county.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (polku_closing_reasons_get_n_reasons (reasons), ==, 1);
}

/* A wellbeing county replaces the built-in list with its own file, like the checklist. */
static void
test_closing_replacement (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("polku-test-closing-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "county.json", NULL);
      g_autoptr(PolkuClosingReasons) reasons = NULL;

      g_assert_true (g_file_set_contents (path, CR_HEAD "\"reasons\": [" CR_OTHER "]}", -1,
                                          NULL));
      g_setenv ("POLKU_CLOSING_REASONS", path, TRUE);
      reasons = polku_closing_reasons_get_default (&error);
      g_unlink (path);
      g_rmdir (dir);
      g_assert_no_error (error);
      g_assert_cmpstr (polku_closing_reasons_get_id (reasons), ==, "county");
      g_assert_cmpstr (polku_closing_reasons_get_label (reasons, "other", "sv"), ==, "S");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("POLKU_CHECKLIST");
  g_unsetenv ("POLKU_CLOSING_REASONS");
  g_setenv ("XDG_CONFIG_HOME", "/nonexistent", TRUE);
  g_setenv ("XDG_CONFIG_DIRS", "/nonexistent", TRUE);

  g_test_add_func ("/checklist/builtin", test_builtin);
  g_test_add_func ("/checklist/invalid", test_invalid);
  g_test_add_func ("/checklist/replacement", test_replacement);
  g_test_add_func ("/checklist/broken-replacement", test_broken_replacement);
  g_test_add_func ("/checklist/file-missing", test_file_missing);
  g_test_add_func ("/checklist/practice-wording", test_practice_wording);
  g_test_add_func ("/closing-reasons/builtin", test_closing_builtin);
  g_test_add_func ("/closing-reasons/invalid", test_closing_invalid);
  g_test_add_func ("/closing-reasons/replacement", test_closing_replacement);
  return g_test_run ();
}
