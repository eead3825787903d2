/* test-data-file.c: the shared reader of the data files a county may replace
 * (polku-data-file.h): errors that name the file and the field in the loader's domain, both
 * styles' wording, ids, labels, finding the county's file, and loading it once
 *
 * The loaders themselves are tested with their files in test-checklist.c,
 * test-organisations.c and test-contact.c; /data-file/lone-surrogate runs all four on the
 * one text json-glib lets through that is not UTF-8.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "polku-checklist.h"
#include "polku-closing-reasons.h"
#include "polku-contact-type.h"
#include "polku-data-file.h"
#include "polku-json.h"
#include "polku-organisations.h"
#include "test-common.h"

#define TEST_ERROR (test_error_quark ())
#define TEST_ERROR_INVALID 7

GQuark test_error_quark (void);
G_DEFINE_QUARK (test-data-file-error-quark, test_error)

#define TERSE(name) { name, TEST_ERROR, TEST_ERROR_INVALID, POLKU_DATA_FILE_TERSE }
#define SENTENCES(name) { name, TEST_ERROR, TEST_ERROR_INVALID, POLKU_DATA_FILE_SENTENCES }

/* What every county file says of a text that is not UTF-8 (polku_data_file_check_utf8 ()). */
#define NOT_UTF8 \
  "the text is not valid UTF-8 (a broken character, or an escape such as \\udc00 that " \
  "stands for no character)"

static JsonObject *
object_of (const char *text)
{
  g_autoptr(JsonNode) node = parse_json (text);

  return json_object_ref (json_node_get_object (node));
}

static void
free_labels (char **labels)
{
  for (guint i = 0; i < POLKU_DATA_FILE_N_LANGUAGES; i++)
    g_clear_pointer (&labels[i], g_free);
}

static void
test_invalid (void)
{
  PolkuDataFileReader file = TERSE ("heratteet.json");
  g_autoptr(GError) error = NULL;

  g_assert_false (polku_data_file_invalid (&file, "groups[2].id", "wrong", &error));
  g_assert_error (error, TEST_ERROR, TEST_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "heratteet.json: groups[2].id: wrong");
  g_clear_error (&error);

  /* A problem of the whole file names no field. */
  g_assert_false (polku_data_file_invalid (&file, NULL, "wrong", &error));
  g_assert_cmpstr (error->message, ==, "heratteet.json: wrong");
  g_clear_error (&error);
  g_assert_false (polku_data_file_invalid (&file, "", "wrong", &error));
  g_assert_cmpstr (error->message, ==, "heratteet.json: wrong");

  /* No error asked for: still FALSE. */
  g_assert_false (polku_data_file_invalid (&file, "id", "wrong", NULL));
}

static void
test_ids (void)
{
  g_autofree char *longest = g_strnfill (64, 'a');
  g_autofree char *too_long = g_strnfill (65, 'a');
  g_autofree char *top = polku_data_file_path ("", "id");
  g_autofree char *nested = polku_data_file_path ("groups[0]", "id");

  g_assert_cmpstr (top, ==, "id");
  g_assert_cmpstr (nested, ==, "groups[0].id");

  g_assert_true (polku_data_file_is_id ("telephone_service", '_'));
  g_assert_true (polku_data_file_is_id ("county-social-services", '-'));
  g_assert_true (polku_data_file_is_id ("a1", '-'));
  g_assert_true (polku_data_file_is_id (longest, '_'));
  g_assert_false (polku_data_file_is_id (too_long, '_'));
  g_assert_false (polku_data_file_is_id ("telephone_service", '-'));
  g_assert_false (polku_data_file_is_id ("county-social", '_'));
  g_assert_false (polku_data_file_is_id ("Doctor", '_'));
  g_assert_false (polku_data_file_is_id ("lääkäri", '_'));
  g_assert_false (polku_data_file_is_id ("a b", '_'));
  g_assert_false (polku_data_file_is_id ("", '_'));
  g_assert_false (polku_data_file_is_id (NULL, '_'));
}

static void
test_is_text (void)
{
  g_assert_true (polku_data_file_is_text ("Lääkäri"));
  g_assert_true (polku_data_file_is_text (" x "));
  g_assert_false (polku_data_file_is_text (" \t\n"));
  g_assert_false (polku_data_file_is_text (""));
  g_assert_false (polku_data_file_is_text (NULL));
  g_assert_false (polku_data_file_is_text ("L\xe4\xe4k\xe4ri"));
}

static void
test_member_string (void)
{
  g_autoptr(JsonObject) object =
    object_of ("{\"text\": \"x\", \"number\": 1, \"null\": null, \"list\": [\"x\"]}");

  g_assert_cmpstr (polku_json_get_string (object, "text"), ==, "x");
  g_assert_null (polku_json_get_string (object, "number"));
  g_assert_null (polku_json_get_string (object, "null"));
  g_assert_null (polku_json_get_string (object, "list"));
  g_assert_null (polku_json_get_string (object, "missing"));
}

static void
test_check_members (void)
{
  static const char * const allowed[] = { "id", "label", NULL };
  PolkuDataFileReader terse = TERSE ("closing-reasons.json");
  PolkuDataFileReader sentences = SENTENCES ("organisations.json");
  g_autoptr(JsonObject) good = object_of ("{\"id\": \"a\", \"label\": {}}");
  g_autoptr(JsonObject) bad = object_of ("{\"id\": \"a\", \"lable\": {}}");
  g_autoptr(GError) error = NULL;

  g_assert_true (polku_data_file_check_members (&terse, good, allowed, "", &error));
  g_assert_no_error (error);

  g_assert_false (polku_data_file_check_members (&terse, bad, allowed, "", &error));
  g_assert_error (error, TEST_ERROR, TEST_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "closing-reasons.json: lable: unknown field");
  g_clear_error (&error);

  g_assert_false (polku_data_file_check_members (&terse, bad, allowed, "reasons[3]", &error));
  g_assert_cmpstr (error->message, ==, "closing-reasons.json: reasons[3].lable: unknown field");
  g_clear_error (&error);

  g_assert_false (polku_data_file_check_members (&sentences, bad, allowed, "organisations[1]",
                                                 &error));
  g_assert_cmpstr (error->message, ==,
                   "organisations.json: organisations[1].lable: unknown field (check its "
                   "spelling).");
}

static void
test_read_id (void)
{
  PolkuDataFileReader terse = TERSE ("heratteet.json");
  PolkuDataFileReader sentences = SENTENCES ("contact-types.json");
  g_autoptr(JsonObject) underscore = object_of ("{\"id\": \"telephone_service\"}");
  g_autoptr(JsonObject) hyphen = object_of ("{\"id\": \"county-coordination\"}");
  g_autoptr(JsonObject) number = object_of ("{\"id\": 3}");
  g_autoptr(JsonObject) none = object_of ("{}");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (polku_data_file_read_id (&terse, underscore, "", &error), ==,
                   "telephone_service");
  g_assert_cmpstr (polku_data_file_read_id (&sentences, hyphen, "types[0]", &error), ==,
                   "county-coordination");
  g_assert_no_error (error);

  g_assert_null (polku_data_file_read_id (&terse, hyphen, "", &error));
  g_assert_error (error, TEST_ERROR, TEST_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "heratteet.json: id: an id of lower-case letters a–z, digits and “_” is "
                   "needed");
  g_clear_error (&error);
  g_assert_null (polku_data_file_read_id (&terse, number, "groups[1].items[2]", &error));
  g_assert_cmpstr (error->message, ==,
                   "heratteet.json: groups[1].items[2].id: an id of lower-case letters a–z, "
                   "digits and “_” is needed");
  g_clear_error (&error);

  g_assert_null (polku_data_file_read_id (&sentences, underscore, "types[4]", &error));
  g_assert_cmpstr (error->message, ==,
                   "contact-types.json: types[4].id: an id of lower-case letters a–z, digits "
                   "and hyphens is needed.");
  g_clear_error (&error);
  g_assert_null (polku_data_file_read_id (&sentences, none, "types[5]", &error));
  g_assert_cmpstr (error->message, ==,
                   "contact-types.json: types[5].id: an id of lower-case letters a–z, digits "
                   "and hyphens is needed.");
}

/* Reads @member of @json with @reader; returns the error's message, or the labels joined by
 * "|". */
static char *
read_labels (const PolkuDataFileReader *reader,
             const char                *json,
             const char                *field)
{
  g_autoptr(JsonObject) object = object_of (json);
  g_autoptr(GError) error = NULL;
  char *labels[POLKU_DATA_FILE_N_LANGUAGES] = { NULL, };
  char *result;

  if (!polku_data_file_read_labels (reader, object, "label", field, labels, &error))
    {
      g_assert_error (error, TEST_ERROR, TEST_ERROR_INVALID);
      free_labels (labels);
      return g_strdup (error->message);
    }
  g_assert_no_error (error);
  result = g_strdup_printf ("%s|%s|%s", labels[0], labels[1], labels[2]);
  free_labels (labels);
  return result;
}

static void
test_labels_terse (void)
{
  PolkuDataFileReader file = TERSE ("heratteet.json");
  const struct { const char *json; const char *field; const char *result; } cases[] = {
    /* In the order of polku_data_file_languages, stripped. */
    { "{\"label\": {\"sv\": \"Oro \", \"fi\": \" Huoli\", \"en\": \"Worry\"}}", "",
      "Worry|Huoli|Oro" },
    { "{\"label\": {\"en\": \"Worry\", \"fi\": \"Huoli\"}}", "groups[0]",
      "heratteet.json: groups[0].label.sv: a label is missing" },
    { "{\"label\": {\"en\": \"Worry\", \"fi\": 1, \"sv\": \"Oro\"}}", "groups[0]",
      "heratteet.json: groups[0].label.fi: a label is missing" },
    { "{\"label\": {\"en\": \" \\t\", \"fi\": \"Huoli\", \"sv\": \"Oro\"}}", "groups[0]",
      "heratteet.json: groups[0].label.en: the label is empty" },
    /* Not blank, but no text either: the same words as the SENTENCES files. */
    { "{\"label\": {\"en\": \"Worry\", \"fi\": \"\\udc00x\", \"sv\": \"Oro\"}}", "groups[0]",
      "heratteet.json: groups[0].label.fi: " NOT_UTF8 },
    { "{\"label\": {\"en\": \"W\", \"fi\": \"H\", \"sv\": \"O\", \"de\": \"S\"}}", "",
      "heratteet.json: label.de: unknown field" },
    { "{\"label\": \"Worry\"}", "",
      "heratteet.json: label: an object with the labels in English, Finnish and Swedish is "
      "needed" },
    { "{}", "groups[1].items[0]",
      "heratteet.json: groups[1].items[0].label: an object with the labels in English, "
      "Finnish and Swedish is needed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = read_labels (&file, cases[i].json, cases[i].field);

      g_assert_cmpstr (result, ==, cases[i].result);
    }
}

static void
test_labels_sentences (void)
{
  PolkuDataFileReader file = SENTENCES ("contact-types.json");
  const struct { const char *json; const char *result; } cases[] = {
    /* As written: not stripped. */
    { "{\"label\": {\"en\": \" Doctor\", \"fi\": \"Lääkäri\", \"sv\": \"Läkare \"}}",
      " Doctor|Lääkäri|Läkare " },
    { "{\"label\": {\"en\": \"Doctor\", \"fi\": \"Lääkäri\"}}",
      "contact-types.json: types[0].label.sv: a non-empty string is needed." },
    { "{\"label\": {\"en\": \"\", \"fi\": \"Lääkäri\", \"sv\": \"Läkare\"}}",
      "contact-types.json: types[0].label.en: a non-empty string is needed." },
    /* json-glib turns a lone surrogate into bytes that are not UTF-8. */
    { "{\"label\": {\"en\": \"Doctor\", \"fi\": \"\\udc00x\", \"sv\": \"Läkare\"}}",
      "contact-types.json: types[0].label.fi: " NOT_UTF8 },
    { "{\"label\": {\"en\": \"D\", \"fi\": \"L\", \"sv\": \"L\", \"se\": \"D\"}}",
      "contact-types.json: types[0].label.se: unknown field (check its spelling)." },
    { "{\"label\": [\"Doctor\"]}",
      "contact-types.json: types[0].label: an object with a text for each language (\"en\", "
      "\"fi\", \"sv\") is needed." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = read_labels (&file, cases[i].json, "types[0]");

      g_assert_cmpstr (result, ==, cases[i].result);
    }
}

/* Parses @text with a TERSE reader; the error's message, or NULL when it parsed. */
static char *
parse_terse (const char *text)
{
  PolkuDataFileReader file = TERSE ("heratteet.json");
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = polku_data_file_parse (&file, bytes, &error);

  g_assert_true ((root == NULL) != (error == NULL));
  if (root != NULL)
    return NULL;
  g_assert_error (error, TEST_ERROR, TEST_ERROR_INVALID);
  return g_strdup (error->message);
}

/* Parses @text with a SENTENCES reader for the format "polku-test"; the error's message, or
 * NULL when it parsed. */
static char *
parse_versioned (const char *text)
{
  PolkuDataFileReader file = SENTENCES ("test.json");
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = polku_data_file_parse_versioned (&file, bytes, "polku-test",
                                                                &error);

  g_assert_true ((root == NULL) != (error == NULL));
  if (root != NULL)
    return NULL;
  g_assert_error (error, TEST_ERROR, TEST_ERROR_INVALID);
  return g_strdup (error->message);
}

static void
test_parse (void)
{
  g_autofree char *deep = g_strnfill (100, '[');
  g_autofree char *message = NULL;

  /* TERSE: any JSON; the loader checks the rest. */
  g_assert_null (parse_terse ("[1]"));
  message = parse_terse ("");
  g_assert_cmpstr (message, ==, "heratteet.json: not valid JSON: The input is empty: JSON was "
                   "expected.");
  g_clear_pointer (&message, g_free);
  message = parse_terse ("{\"id\": ");
  g_assert_true (g_str_has_prefix (message, "heratteet.json: not valid JSON: "));
  g_clear_pointer (&message, g_free);
  /* Bounded: nesting is checked before json-glib sees it. */
  message = parse_terse (deep);
  g_assert_cmpstr (message, ==, "heratteet.json: not valid JSON: The JSON is nested more than "
                   "64 levels deep: no input Polku reads is.");
  g_clear_pointer (&message, g_free);

  /* SENTENCES: one object of the format and version 1. */
  g_assert_null (parse_versioned ("{\"format\": \"polku-test\", \"version\": 1, \"x\": 2}"));
  message = parse_versioned ("");
  g_assert_cmpstr (message, ==, "test.json: the file must hold one JSON object.");
  g_clear_pointer (&message, g_free);
  message = parse_versioned ("[]");
  g_assert_cmpstr (message, ==, "test.json: the file must hold one JSON object.");
  g_clear_pointer (&message, g_free);
  message = parse_versioned ("{");
  g_assert_true (g_str_has_prefix (message, "test.json: not valid JSON ("));
  g_assert_true (g_str_has_suffix (message, ")."));
  g_clear_pointer (&message, g_free);
  message = parse_versioned ("{\"format\": \"polku-other\", \"version\": 1}");
  g_assert_cmpstr (message, ==, "test.json: format: must be \"polku-test\".");
  g_clear_pointer (&message, g_free);
  message = parse_versioned ("{\"version\": 1}");
  g_assert_cmpstr (message, ==, "test.json: format: must be \"polku-test\".");
  g_clear_pointer (&message, g_free);
  message = parse_versioned ("{\"format\": \"polku-test\", \"version\": 2}");
  g_assert_cmpstr (message, ==,
                   "test.json: version: must be 1 (this version of Polku reads version 1).");
  g_clear_pointer (&message, g_free);
  message = parse_versioned ("{\"format\": \"polku-test\", \"version\": \"1\"}");
  g_assert_cmpstr (message, ==,
                   "test.json: version: must be 1 (this version of Polku reads version 1).");
}

/* The kinds of the tests below read any "polku-organisations" file into an object that
 * remembers the name it was read under; parse_count counts the reads. */
static guint parse_count;

static gpointer
parse_test_file (GBytes      *bytes,
                 const char  *name,
                 GError     **error)
{
  PolkuDataFileReader file = SENTENCES (name);
  g_autoptr(JsonObject) root = NULL;
  GObject *object;

  parse_count++;
  root = polku_data_file_parse_versioned (&file, bytes, "polku-organisations", error);
  if (root == NULL)
    return NULL;
  object = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_data_full (object, "name", g_strdup (name), g_free);
  return object;
}

#define BUNDLED "/io/github/polku/Polku/core/organisations.json"
#define GOOD "{\"format\": \"polku-organisations\", \"version\": 1}"

static void
write_file (const char *path,
            const char *contents)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_find (void)
{
  PolkuDataFileKind in_subdir = {
    "POLKU_TEST_DATA_FILE", "lists", "test.json", BUNDLED, parse_test_file,
  };
  PolkuDataFileKind bundled_only = { NULL, "lists", "test.json", BUNDLED, parse_test_file, };
  const char *system_dir = g_get_system_config_dirs ()[0];
  g_autofree char *user = g_build_filename (g_get_user_config_dir (), "polku", "lists",
                                            "test.json", NULL);
  g_autofree char *system = g_build_filename (system_dir, "polku", "lists", "test.json", NULL);
  g_autofree char *path = NULL;

  /* G_TEST_OPTION_ISOLATE_DIRS: empty config dirs of the test's own. */
  g_assert_true (g_str_has_prefix (system_dir, g_get_tmp_dir ()));
  g_unsetenv ("POLKU_TEST_DATA_FILE");
  g_assert_null (polku_data_file_find (&in_subdir));

  write_file (system, GOOD);
  path = polku_data_file_find (&in_subdir);
  g_assert_cmpstr (path, ==, system);
  g_clear_pointer (&path, g_free);

  /* The user's file comes before the system's. */
  write_file (user, GOOD);
  path = polku_data_file_find (&in_subdir);
  g_assert_cmpstr (path, ==, user);
  g_clear_pointer (&path, g_free);

  /* The variable before both, even a file that does not exist (its error is the answer);
   * set but empty, it is not there. */
  g_setenv ("POLKU_TEST_DATA_FILE", "/nonexistent/test.json", TRUE);
  path = polku_data_file_find (&in_subdir);
  g_assert_cmpstr (path, ==, "/nonexistent/test.json");
  g_clear_pointer (&path, g_free);
  g_setenv ("POLKU_TEST_DATA_FILE", "", TRUE);
  path = polku_data_file_find (&in_subdir);
  g_assert_cmpstr (path, ==, user);
  g_clear_pointer (&path, g_free);
  g_unsetenv ("POLKU_TEST_DATA_FILE");

  /* A folder of that name is not a file. */
  g_assert_cmpint (g_unlink (user), ==, 0);
  g_assert_cmpint (g_mkdir (user, 0700), ==, 0);
  path = polku_data_file_find (&in_subdir);
  g_assert_cmpstr (path, ==, system);
  g_clear_pointer (&path, g_free);

  /* A kind without a variable is never replaced. */
  g_assert_null (polku_data_file_find (&bundled_only));

  /* Without a subfolder, straight under polku/. */
  {
    PolkuDataFileKind top = { "POLKU_TEST_DATA_FILE", NULL, "top.json", BUNDLED,
                              parse_test_file, };
    g_autofree char *top_path = g_build_filename (g_get_user_config_dir (), "polku", "top.json",
                                                  NULL);

    g_assert_null (polku_data_file_find (&top));
    write_file (top_path, GOOD);
    path = polku_data_file_find (&top);
    g_assert_cmpstr (path, ==, top_path);
  }
}

static void
test_new_from_file (void)
{
  PolkuDataFileKind kind = { NULL, NULL, "test.json", BUNDLED, parse_test_file, };
  g_autofree char *dir = g_dir_make_tmp ("polku-data-file-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "county.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) object = NULL;

  write_file (good, GOOD);
  write_file (bad, "{\"format\": \"polku-organisations\", \"version\": 3}");

  /* Errors name the file by its path, as the user wrote it. */
  object = polku_data_file_new_from_file (&kind, good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_object_get_data (object, "name"), ==, good);

  g_assert_null (polku_data_file_new_from_file (&kind, bad, &error));
  expected = g_strdup_printf ("%s: version: must be 1 (this version of Polku reads version 1).",
                              bad);
  g_assert_error (error, TEST_ERROR, TEST_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* Reading errors are reading errors. */
  g_assert_null (polku_data_file_new_from_file (&kind, "/nonexistent/test.json", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (good), ==, 0);
  g_assert_cmpint (g_unlink (bad), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_get_default (void)
{
  static PolkuDataFileKind bundled = { NULL, NULL, "organisations.json", BUNDLED,
                                       parse_test_file, };
  static PolkuDataFileKind county = { "POLKU_TEST_DATA_FILE", NULL, "test.json", BUNDLED,
                                      parse_test_file, };
  static PolkuDataFileKind missing = { NULL, NULL, "missing.json",
                                       "/io/github/polku/Polku/core/missing.json",
                                       parse_test_file, };
  g_autofree char *dir = g_dir_make_tmp ("polku-data-file-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "county.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) first = NULL;
  g_autoptr(GObject) second = NULL;
  g_autoptr(GObject) third = NULL;

  /* The bundled copy, read once, under its file name. */
  parse_count = 0;
  first = polku_data_file_get_default (&bundled, &error);
  second = polku_data_file_get_default (&bundled, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (first == second);
  g_assert_cmpuint (parse_count, ==, 1);
  g_assert_cmpstr (g_object_get_data (first, "name"), ==, "organisations.json");
  g_clear_object (&first);
  g_clear_object (&second);

  /* A county's broken file is an error, never the bundled copy; a failure is not kept. */
  write_file (path, "{\"format\": \"polku-organisations\"}");
  g_setenv ("POLKU_TEST_DATA_FILE", path, TRUE);
  parse_count = 0;
  g_assert_null (polku_data_file_get_default (&county, &error));
  g_assert_error (error, TEST_ERROR, TEST_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_true (g_str_has_suffix (error->message, ": version: must be 1 (this version of "
                                   "Polku reads version 1)."));
  g_clear_error (&error);
  g_assert_null (polku_data_file_get_default (&county, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (parse_count, ==, 2);

  /* Mended, it is read, and then kept even when the file changes again. */
  write_file (path, GOOD);
  first = polku_data_file_get_default (&county, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_object_get_data (first, "name"), ==, path);
  write_file (path, "broken");
  second = polku_data_file_get_default (&county, &error);
  g_assert_no_error (error);
  g_assert_true (first == second);
  g_assert_cmpuint (parse_count, ==, 3);
  g_unsetenv ("POLKU_TEST_DATA_FILE");

  /* Without a bundled copy: the resource's error. */
  third = polku_data_file_get_default (&missing, &error);
  g_assert_null (third);
  g_assert_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* What a loader gave (@loaded) for a bad file: nothing, and @error in @domain and @code with
 * @message. Clears @error. */
static void
assert_refused (gpointer     loaded,
                GError     **error,
                GQuark       domain,
                int          code,
                const char  *message)
{
  g_assert_null (loaded);
  g_assert_error (*error, domain, code);
  g_assert_cmpstr ((*error)->message, ==, message);
  g_clear_error (error);
}

/* @text as bytes that live as long as @kept. */
static GBytes *
bytes_kept (GPtrArray  *kept,
            const char *text)
{
  GBytes *bytes = g_bytes_new_static (text, strlen (text));

  g_ptr_array_add (kept, bytes);
  return bytes;
}

/* A label written as a lone "\udc00" escape: json-glib decodes it into bytes that are not
 * UTF-8 (json-glib 1.6 needs a character after it, which it swallows, or it reports an
 * unterminated string). Each of the four county files refuses it in the same words, naming
 * file and field. */
static void
test_lone_surrogate (void)
{
#define SURROGATE_LABELS "{\"en\": \"E\", \"fi\": \"\\udc00x\", \"sv\": \"S\"}"
#define GOOD_LABELS "{\"en\": \"E\", \"fi\": \"F\", \"sv\": \"S\"}"
  static const char checklist[] =
    "{\"format\": \"polku-checklist/1\", \"id\": \"county\", \"title\": " GOOD_LABELS ", "
    "\"groups\": [{\"id\": \"only\", \"label\": " GOOD_LABELS ", "
    "\"items\": [{\"id\": \"one\", \"label\": " SURROGATE_LABELS "}]}]}";
  static const char checklist_source[] =
    "{\"format\": \"polku-checklist/1\", \"id\": \"county\", \"source\": \"THL \\udc00x\", "
    "\"title\": " GOOD_LABELS ", \"groups\": [{\"id\": \"only\", \"label\": " GOOD_LABELS
    ", \"items\": [{\"id\": \"one\", \"label\": " GOOD_LABELS "}]}]}";
  static const char reasons[] =
    "{\"format\": \"polku-closing-reasons/1\", \"id\": \"county\", \"title\": " GOOD_LABELS
    ", \"reasons\": [{\"id\": \"other\", \"label\": " SURROGATE_LABELS "}]}";
  static const char reasons_source[] =
    "{\"format\": \"polku-closing-reasons/1\", \"id\": \"county\", \"source\": \"\\udc00x\", "
    "\"title\": " GOOD_LABELS ", \"reasons\": [{\"id\": \"other\", \"label\": " GOOD_LABELS
    "}]}";
  static const char organisations[] =
    "{\"format\": \"polku-organisations\", \"version\": 1, \"organisations\": [{\"id\": "
    "\"kela\", \"names\": " SURROGATE_LABELS ", \"sector\": \"other\"}]}";
  static const char types[] =
    "{\"format\": \"polku-contact-types\", \"version\": 1, \"categories\": [{\"id\": "
    "\"visits\", \"labels\": " GOOD_LABELS "}], \"types\": [{\"id\": \"doctor\", "
    "\"labels\": " SURROGATE_LABELS ", \"category\": \"visits\"}]}";
  static const char type_alias[] =
    "{\"format\": \"polku-contact-types\", \"version\": 1, \"categories\": [{\"id\": "
    "\"visits\", \"labels\": " GOOD_LABELS "}], \"types\": [{\"id\": \"doctor\", "
    "\"labels\": " GOOD_LABELS ", \"aliases\": [\"GP\", \"\\udc00x\"], "
    "\"category\": \"visits\"}]}";
#undef SURROGATE_LABELS
#undef GOOD_LABELS
#define BYTES(text) bytes_kept (kept, (text))
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;

  assert_refused (polku_checklist_new_from_bytes (BYTES (checklist), "county.json", &error),
                  &error, POLKU_CHECKLIST_ERROR, POLKU_CHECKLIST_ERROR_INVALID,
                  "county.json: groups[0].items[0].label.fi: " NOT_UTF8);
  assert_refused (polku_checklist_new_from_bytes (BYTES (checklist_source), "county.json",
                                                  &error),
                  &error, POLKU_CHECKLIST_ERROR, POLKU_CHECKLIST_ERROR_INVALID,
                  "county.json: source: " NOT_UTF8);
  assert_refused (polku_closing_reasons_new_from_bytes (BYTES (reasons), "county.json", &error),
                  &error, POLKU_CLOSING_REASONS_ERROR, POLKU_CLOSING_REASONS_ERROR_INVALID,
                  "county.json: reasons[0].label.fi: " NOT_UTF8);
  assert_refused (polku_closing_reasons_new_from_bytes (BYTES (reasons_source), "county.json",
                                                        &error),
                  &error, POLKU_CLOSING_REASONS_ERROR, POLKU_CLOSING_REASONS_ERROR_INVALID,
                  "county.json: source: " NOT_UTF8);
  assert_refused (polku_organisations_new_from_bytes (BYTES (organisations), "county.json",
                                                      &error),
                  &error, POLKU_ORGANISATIONS_ERROR, POLKU_ORGANISATIONS_ERROR_INVALID,
                  "county.json: organisations[0].names.fi: " NOT_UTF8);
  assert_refused (polku_contact_types_load_bytes (BYTES (types), "county.json", &error),
                  &error, POLKU_CONTACT_TYPE_ERROR, POLKU_CONTACT_TYPE_ERROR_INVALID,
                  "county.json: types[0].labels.fi: " NOT_UTF8);
  assert_refused (polku_contact_types_load_bytes (BYTES (type_alias), "county.json", &error),
                  &error, POLKU_CONTACT_TYPE_ERROR, POLKU_CONTACT_TYPE_ERROR_INVALID,
                  "county.json: types[0].aliases[1]: " NOT_UTF8);
#undef BYTES
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/data-file/invalid", test_invalid);
  g_test_add_func ("/data-file/ids", test_ids);
  g_test_add_func ("/data-file/is-text", test_is_text);
  g_test_add_func ("/data-file/member-string", test_member_string);
  g_test_add_func ("/data-file/check-members", test_check_members);
  g_test_add_func ("/data-file/read-id", test_read_id);
  g_test_add_func ("/data-file/labels-terse", test_labels_terse);
  g_test_add_func ("/data-file/labels-sentences", test_labels_sentences);
  g_test_add_func ("/data-file/parse", test_parse);
  g_test_add_func ("/data-file/find", test_find);
  g_test_add_func ("/data-file/new-from-file", test_new_from_file);
  g_test_add_func ("/data-file/get-default", test_get_default);
  g_test_add_func ("/data-file/lone-surrogate", test_lone_surrogate);

  return g_test_run ();
}
