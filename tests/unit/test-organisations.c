/* test-organisations.c: the county's organisations file: the built-in one, lookups, names in
 * the three languages, legacy names, and files that are refused with the file and field named
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-organisations.h"

#include "test-common.h"

static PolkuOrganisations *
load_text (const char  *text,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return polku_organisations_new_from_bytes (bytes, "county.json", error);
}

static void
test_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuOrganisations) organisations = polku_organisations_get_default (&error);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *list;
  PolkuOrganisation *kela;
  /* Every name the demo typed into consents before schema 7, in Finnish and Swedish. */
  static const struct { const char *name; const char *id; } demo_names[] = {
    { "Hyvinvointialue, sosiaalipalvelut", "county-social-services" },
    { "Välfärdsområdet, socialtjänsterna", "county-social-services" },
    { "Hyvinvointialue, terveyspalvelut", "county-health-services" },
    { "Välfärdsområdet, hälsotjänsterna", "county-health-services" },
    { "Hyvinvointialue, mielenterveys- ja päihdepalvelut", "county-mental-health" },
    { "Välfärdsområdet, mentalvårds- och missbrukartjänsterna", "county-mental-health" },
    { "Työllisyyspalvelut", "employment-services" },
    { "Sysselsättningstjänsterna", "employment-services" },
    { "Kela", "kela" },
    { "FPA", "kela" },
    { "Mielenterveysyhdistys Tukipilari ry", "tukipilari" },
    { "Föreningen Stödpelaren rf", "tukipilari" },
    { "Hyvinvointialue", "county" },
  };

  g_assert_no_error (error);
  list = polku_organisations_get_list (organisations);
  g_assert_cmpuint (g_list_model_get_n_items (list), >=, 10);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PolkuOrganisation) organisation = g_list_model_get_item (list, i);

      g_assert_true (g_hash_table_add (ids, (gpointer) polku_organisation_get_id (organisation)));
      g_assert_nonnull (polku_organisation_sector_get_label (
                          polku_organisation_get_sector (organisation)));
    }

  kela = polku_organisations_lookup (organisations, "kela");
  g_assert_nonnull (kela);
  g_assert_cmpstr (polku_organisation_get_name (kela, "fi"), ==, "Kela");
  g_assert_cmpstr (polku_organisation_get_name (kela, "sv"), ==, "FPA");
  g_assert_cmpstr (polku_organisation_get_name (kela, "de"), ==,
                   polku_organisation_get_name (kela, "en"));
  g_assert_cmpstr (polku_organisation_get_sector (kela), ==, "other");
  g_assert_null (polku_organisation_get_access_group (kela));
  g_assert_cmpstr (polku_organisation_get_access_group (
                     polku_organisations_lookup (organisations, "tukipilari")), ==,
                   "tukipilari");
  g_assert_null (polku_organisations_lookup (organisations, "Kela"));

  for (guint i = 0; i < G_N_ELEMENTS (demo_names); i++)
    {
      PolkuOrganisation *organisation = polku_organisations_resolve (organisations,
                                                                     demo_names[i].name);

      g_test_message ("%s", demo_names[i].name);
      g_assert_nonnull (organisation);
      g_assert_cmpstr (polku_organisation_get_id (organisation), ==, demo_names[i].id);
    }
  /* Ids, and names in any case and with stray spaces, resolve; others do not. */
  g_assert_true (polku_organisations_resolve (organisations, "kela") == kela);
  g_assert_true (polku_organisations_resolve (organisations, " fpa ") == kela);
  g_assert_true (polku_organisations_resolve (organisations, "KELA") == kela);
  g_assert_null (polku_organisations_resolve (organisations, "Poliisi"));
  g_assert_null (polku_organisations_resolve (organisations, NULL));

  g_assert_true (polku_organisations_check_id (organisations, "kela", &error));
  g_assert_false (polku_organisations_check_id (organisations, "poliisi", &error));
  g_assert_error (error, POLKU_ORGANISATIONS_ERROR, POLKU_ORGANISATIONS_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "polku-cli organisations list"));
}

#define ORG(id, fi, sector) \
  "{\"id\": \"" id "\", \"names\": {\"fi\": \"" fi "\", \"sv\": \"" fi " sv\", \"en\": \"" fi \
  " en\"}, \"sector\": \"" sector "\"}"
#define FILE_OF(organisations) \
  "{\"format\": \"polku-organisations\", \"version\": 1, \"organisations\": [" organisations "]}"

static void
test_files (void)
{
  static const struct { const char *text; const char *message; } bad[] = {
    { "{", "not valid JSON" },
    { "[]", "one JSON object" },
    { "{\"format\": \"polku-checklist/1\", \"version\": 1, \"organisations\": []}", "format" },
    { "{\"format\": \"polku-organisations\", \"version\": 2, \"organisations\": []}",
      "version" },
    { FILE_OF (""), "organisations: a non-empty list" },
    { "{\"format\": \"polku-organisations\", \"version\": 1, \"organisations\": [], "
      "\"extra\": 1}", "extra" },
    { FILE_OF ("1"), "organisations[0]: each organisation" },
    { FILE_OF ("{\"id\": \"Kela\", \"names\": {\"fi\": \"a\", \"sv\": \"b\", \"en\": \"c\"}, "
               "\"sector\": \"other\"}"), "organisations[0].id" },
    { FILE_OF (ORG ("a", "A", "health") "," ORG ("a", "B", "health")),
      "organisations[1].id: the id “a” is used twice" },
    { FILE_OF ("{\"id\": \"a\", \"names\": {\"fi\": \"A\", \"en\": \"A\"}, "
               "\"sector\": \"health\"}"), "organisations[0].names.sv" },
    { FILE_OF ("{\"id\": \"a\", \"names\": {\"fi\": \" \", \"sv\": \"A\", \"en\": \"A\"}, "
               "\"sector\": \"health\"}"), "organisations[0].names.fi" },
    { FILE_OF ("{\"id\": \"a\", \"names\": {\"fi\": \"A\", \"sv\": \"A\", \"en\": \"A\", "
               "\"de\": \"A\"}, \"sector\": \"health\"}"), "names.de" },
    { FILE_OF (ORG ("a", "A", "church")), "organisations[0].sector" },
    { FILE_OF ("{\"id\": \"a\", \"names\": {\"fi\": \"A\", \"sv\": \"B\", \"en\": \"C\"}}"),
      "organisations[0].sector" },
    { FILE_OF ("{\"id\": \"a\", \"names\": {\"fi\": \"A\", \"sv\": \"B\", \"en\": \"C\"}, "
               "\"sector\": \"health\", \"access_group\": \"Kaikki ryhmät\"}"),
      "organisations[0].access_group" },
    { FILE_OF ("{\"id\": \"a\", \"names\": {\"fi\": \"A\", \"sv\": \"B\", \"en\": \"C\"}, "
               "\"sector\": \"health\", \"url\": \"x\"}"), "organisations[0].url" },
    /* One name, two organisations: a consent naming it could not be resolved. */
    { FILE_OF (ORG ("a", "Kela", "other") "," ORG ("b", "KELA", "other")),
      "organisations[1].names.en: the name “KELA en” is the name of “a” too" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuOrganisations) good = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(PolkuOrganisations) organisations = load_text (bad[i].text, &local_error);

      g_test_message ("%u: %s", i, local_error != NULL ? local_error->message : "(none)");
      g_assert_null (organisations);
      g_assert_error (local_error, POLKU_ORGANISATIONS_ERROR, POLKU_ORGANISATIONS_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (local_error->message, "county.json: "));
      g_assert_nonnull (strstr (local_error->message, bad[i].message));
    }

  /* The same name in two languages of one organisation is fine; so is a comment. */
  good = load_text ("{\"format\": \"polku-organisations\", \"version\": 1, \"comment\": \"x\","
                    " \"organisations\": [{\"id\": \"kela\", \"comment\": \"y\", \"names\":"
                    " {\"fi\": \"Kela\", \"sv\": \"FPA\", \"en\": \"Kela\"}, \"sector\":"
                    " \"other\", \"access_group\": \"kela-2\"}]}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (polku_organisations_get_list (good)), ==, 1);
  g_assert_cmpstr (polku_organisation_get_access_group (polku_organisations_lookup (good,
                                                                                   "kela")),
                   ==, "kela-2");
}

/* A county's file in its place replaces the built-in one. */
static void
test_county_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("polku-test-organisations-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "organisations.json", NULL);
  g_autofree char *found = NULL;

  g_assert_true (g_file_set_contents (path, FILE_OF (ORG ("oma", "Oma yksikkö", "social")),
                                      -1, &error));
  g_setenv ("POLKU_ORGANISATIONS", path, TRUE);
  found = polku_organisations_dup_default_path ();
  g_assert_cmpstr (found, ==, path);
  {
    g_autoptr(PolkuOrganisations) county = polku_organisations_new_from_file (found, &error);

    g_assert_no_error (error);
    g_assert_nonnull (polku_organisations_lookup (county, "oma"));
    g_assert_null (polku_organisations_lookup (county, "kela"));
  }
  g_unsetenv ("POLKU_ORGANISATIONS");
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/organisations/default", test_default);
  g_test_add_func ("/organisations/files", test_files);
  g_test_add_func ("/organisations/county-file", test_county_file);
  return g_test_run ();
}
