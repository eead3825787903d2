/* test-checklist.c: the warning-sign checklist is data: the built-in one, validation with
 * errors that name file and field, and a county's replacement
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "polku-checklist.h"

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
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("POLKU_CHECKLIST");
  g_setenv ("XDG_CONFIG_HOME", "/nonexistent", TRUE);
  g_setenv ("XDG_CONFIG_DIRS", "/nonexistent", TRUE);

  g_test_add_func ("/checklist/builtin", test_builtin);
  g_test_add_func ("/checklist/invalid", test_invalid);
  g_test_add_func ("/checklist/replacement", test_replacement);
  g_test_add_func ("/checklist/broken-replacement", test_broken_replacement);
  g_test_add_func ("/checklist/file-missing", test_file_missing);
  return g_test_run ();
}
