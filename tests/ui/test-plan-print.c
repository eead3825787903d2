/* test-plan-print.c: the client's copy of the plan as PDF, in the plan's own language
 * whatever the UI language is, checked with pdftotext; nothing is left in temporary files.
 * The copy names the team's responsible workers and the case's review date (the context),
 * never the legacy copies an old version of the plan carries, and follows a change in the
 * team with no new version of the plan.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "polku-case-store.h"
#include "polku-client-private.h"
#include "polku-client-store.h"
#include "polku-plan-print.h"
#include "polku-plan-store.h"
#include "polku-team-store.h"
#include "test-helpers.h"

#define CLIENT_ID "0b8f0b62-c45d-46a4-a192-2825ef7190d7"

static char *tmp_dir;
static char *base_dir;

/* A folder for the PDFs, outside the TMPDIR that is checked for leftovers */
static char *
make_out_dir (void)
{
  g_autofree char *templ = g_build_filename (base_dir, "polku-plan-pdf-XXXXXX", NULL);

  g_assert_nonnull (g_mkdtemp (templ));
  return g_steal_pointer (&templ);
}

static PolkuClient *
make_client (void)
{
  PolkuClient *client = polku_client_new ();

  polku_client_set_given_name (client, "Aino");
  polku_client_set_family_name (client, "Östman");
  polku_client_set_stamps (client, CLIENT_ID, "2026-10-01T08:00:00.000Z",
                           "2026-10-01T08:00:00.000Z");
  return client;
}

static JsonNode *
make_plan (const char *language,
           guint       n_extra_goals)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf (
    "{\"schema\": 1, \"id\": \"5d5a248e-9ac5-4109-b908-31f2d382f817\","
    " \"client_id\": \"" CLIENT_ID "\", \"language\": \"%s\","
    " \"modified\": \"2026-11-20T10:00:00.000Z\","
    " \"client_view\": \"I want to live at home & see my grandchildren.\","
    " \"main_burden\": \"Debts <and> loneliness\", \"agreed_on\": \"2026-10-30\","
    " \"responsible_worker\": {\"name\": \"Camilla Björkman\", \"title\": \"Coordinator\","
    "   \"organisation\": \"Wellbeing county\", \"phone\": \"044 123 4567\","
    "   \"email\": \"camilla.bjorkman@example.fi\"},"
    " \"goals\": [{\"id\": \"11111111-1111-4111-8111-111111111111\","
    "   \"text\": \"Bills paid on time\", \"expressed_by\": \"client\", \"status\": \"active\","
    "   \"target_date\": \"2027-06-30\", \"client_assessment\": \"Getting there\","
    "   \"client_progress\": 6,"
    "   \"actions\": [{\"id\": \"22222222-2222-4222-8222-222222222222\","
    "     \"text\": \"Debt counselling appointment\", \"responsible\": \"Jonas Backman\","
    "     \"organisation\": \"Social work\", \"due_date\": \"2026-12-15\", \"status\": \"done\"}]},"
    "  {\"id\": \"33333333-3333-4333-8333-333333333333\", \"text\": \"Blood pressure in balance\","
    "   \"expressed_by\": \"professional\", \"professional\": \"Malin Ekholm, nurse\","
    "   \"status\": \"proposed\"}],"
    " \"services\": [{\"id\": \"44444444-4444-4444-8444-444444444444\", \"name\": \"Home care\","
    "   \"provider\": \"Home care unit\"}],"
    " \"differing_views\": [{\"id\": \"55555555-5555-4555-8555-555555555555\","
    "   \"topic\": \"Alcohol\", \"client_view\": \"Not a problem\", \"client_reason\": \"Sleep\","
    "   \"professional\": \"Malin Ekholm\", \"professional_view\": \"Harms sleep\","
    "   \"professional_reason\": \"AUDIT 14\"}],"
    " \"next_review\": \"2027-02-01\"}", language);
  JsonNode *node;
  JsonArray *goals;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  node = json_node_copy (json_parser_get_root (parser));
  goals = json_object_get_array_member (json_node_get_object (node), "goals");
  for (guint i = 0; i < n_extra_goals; i++)
    {
      g_autoptr(JsonObject) goal = json_object_new ();
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *goal_text = g_strdup_printf ("Extra goal number %u, written long enough "
                                                    "to wrap onto a second line of the page",
                                                    i + 1);

      json_object_set_string_member (goal, "id", id);
      json_object_set_string_member (goal, "text", goal_text);
      json_object_set_string_member (goal, "expressed_by", "client");
      json_object_set_string_member (goal, "status", "active");
      json_array_add_object_element (goals, g_steal_pointer (&goal));
    }
  g_assert_true (polku_plan_document_validate (node, &error));
  g_assert_no_error (error);
  return node;
}

/* The team's two responsible workers and the case's review date. */
static PolkuPlanContext *
make_context (void)
{
  PolkuPlanContext *context = polku_plan_context_new ("2027-03-15");

  polku_plan_context_add_worker (context, "Patrik Forsman", "Klientansvarig",
                                 "Österbottens välfärdsområde", "044 555 0101");
  polku_plan_context_add_worker (context, "Annika Sjöberg", "Socialhandledare", NULL,
                                 "annika.sjoberg@example.fi");
  return context;
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("the PDF does not say “%s”:\n%s", part, text);
}

static void
assert_lacks (const char *text,
              const char *part)
{
  if (strstr (text, part) != NULL)
    g_error ("the PDF says “%s”, which it should not:\n%s", part, text);
}

static void
assert_dir_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name = dir != NULL ? g_dir_read_name (dir) : NULL;

  if (name != NULL)
    g_error ("left behind in %s: %s", path, name);
}

static void
export_and_check (const char *language)
{
  g_autoptr(PolkuClient) client = make_client ();
  g_autoptr(JsonNode) plan = make_plan (language, 0);
  g_autoptr(PolkuPlanContext) context = make_context ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out_dir = make_out_dir ();
  g_autofree char *path = g_build_filename (out_dir, "plan.pdf", NULL);
  g_autofree char *text = NULL;
  gboolean sv = g_str_equal (language, "sv");

  /* the output folder is outside TMPDIR, so that TMPDIR can be checked for leftovers */
  g_assert_true (polku_plan_export_pdf (plan, client, context, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path);

  assert_contains (text, sv ? "Gemensam vård- och serviceplan"
                            : "Yhteinen hoito- ja palvelusuunnitelma");
  assert_lacks (text, sv ? "Yhteinen hoito- ja palvelusuunnitelma"
                         : "Gemensam vård- och serviceplan");
  assert_contains (text, "Aino Östman");
  assert_contains (text, sv ? "Avtalad med dig: 30.10.2026" : "Sovittu kanssasi: 30.10.2026");
  /* the team's responsible workers, not the old version's own copy */
  assert_contains (text, sv ? "Dina ansvariga arbetstagare" : "Vastuutyöntekijäsi");
  assert_contains (text, "Patrik Forsman, Klientansvarig, Österbottens välfärdsområde");
  assert_contains (text, sv ? "Telefon: 044 555 0101" : "Puhelin: 044 555 0101");
  assert_contains (text, "Annika Sjöberg, Socialhandledare");
  assert_contains (text, sv ? "E-post: annika.sjoberg@example.fi"
                            : "Sähköposti: annika.sjoberg@example.fi");
  assert_lacks (text, "Camilla");
  assert_lacks (text, "044 123 4567");
  assert_contains (text, sv ? "Din situation med egna ord" : "Tilanteesi omin sanoin");
  assert_contains (text, "I want to live at home & see my grandchildren.");
  assert_contains (text, "Debts <and> loneliness");
  assert_contains (text, sv ? "Mål" : "Tavoitteet");
  assert_contains (text, "Bills paid on time");
  assert_contains (text, sv ? "Ditt mål" : "Sinun tavoitteesi");
  assert_contains (text, "Malin Ekholm, nurse");
  assert_contains (text, sv ? "pågår" : "työn alla");
  assert_contains (text, "30.6.2027");
  assert_contains (text, "6/10");
  assert_contains (text, "Debt counselling appointment");
  assert_contains (text, "Jonas Backman, Social work");
  assert_contains (text, "15.12.2026");
  assert_contains (text, "Home care (Home care unit)");
  assert_contains (text, sv ? "När synsätten skiljer sig" : "Kun näkemykset eroavat");
  assert_contains (text, "AUDIT 14");
  assert_contains (text, sv ? "Planen ses över nästa gång"
                            : "Suunnitelma tarkistetaan seuraavan kerran");
  /* the case's review date, not the old version's next_review */
  assert_contains (text, "15.3.2027");
  assert_lacks (text, "1.2.2027");
  assert_contains (text, sv ? "Sida 1/1" : "Sivu 1/1");
  /* The UI language (Finnish in this test) never leaks into a Swedish copy */
  if (sv)
    {
      assert_lacks (text, "Tavoite");
      assert_lacks (text, "Vastuu");
    }

  assert_dir_empty (tmp_dir);
  test_remove_tree (out_dir);
}

/* The PDF is offered under a name of its own for each client and day, with initials only:
 * never the identity code or a whole name. */
static void
test_file_name (void)
{
  g_autoptr(PolkuClient) client = make_client ();
  g_autoptr(PolkuClient) other = polku_client_new ();
  g_autofree char *fi = NULL;
  g_autofree char *sv = NULL;
  g_autofree char *second = NULL;
  g_autofree char *nameless = NULL;

  polku_client_set_hetu (client, "131052-308T");
  polku_client_set_given_name (other, "Eero");
  polku_client_set_family_name (other, "Laine");
  fi = polku_plan_pdf_file_name (client, "fi", "2026-12-03");
  sv = polku_plan_pdf_file_name (client, "sv", "2026-12-03");
  second = polku_plan_pdf_file_name (other, "fi", "2026-12-03");
  nameless = polku_plan_pdf_file_name (NULL, "fi", "2026-12-03");

  g_assert_cmpstr (fi, ==, "hoito-ja-palvelusuunnitelma-AÖ-2026-12-03.pdf");
  g_assert_cmpstr (sv, ==, "vard-och-serviceplan-AÖ-2026-12-03.pdf");
  g_assert_cmpstr (second, ==, "hoito-ja-palvelusuunnitelma-EL-2026-12-03.pdf");
  g_assert_cmpstr (nameless, ==, "hoito-ja-palvelusuunnitelma-2026-12-03.pdf");
  g_assert_null (strstr (fi, "131052"));
  g_assert_null (strstr (fi, "Östman"));
  g_assert_null (strchr (fi, '/'));
}

static void
test_finnish (void)
{
  export_and_check ("fi");
}

static void
test_swedish (void)
{
  export_and_check ("sv");
}

static void
test_pages (void)
{
  g_autoptr(PolkuClient) client = make_client ();
  g_autoptr(JsonNode) plan = make_plan ("sv", 40);
  g_autoptr(GError) error = NULL;
  g_autofree char *out_dir = make_out_dir ();
  g_autofree char *path = g_build_filename (out_dir, "plan.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_true (polku_plan_export_pdf (plan, client, NULL, path, &error));
  text = pdf_text (path);
  assert_contains (text, "Extra goal number 40");
  assert_contains (text, "Sida 1/");
  assert_contains (text, "Sida 2/");
  assert_contains (text, "Planen ses över nästa gång");
  assert_dir_empty (tmp_dir);
  test_remove_tree (out_dir);
}

/* A path that cannot be written is an error, not a crash. */
static void
test_unwritable (void)
{
  g_autoptr(PolkuClient) client = make_client ();
  g_autoptr(JsonNode) plan = make_plan ("fi", 0);
  g_autoptr(GError) error = NULL;

  g_assert_false (polku_plan_export_pdf (plan, client, NULL, "/nonexistent/folder/plan.pdf",
                                         &error));
  g_assert_nonnull (error);
}

static guint
count_of (const char *text,
          const char *part)
{
  guint n = 0;

  for (const char *at = strstr (text, part); at != NULL; at = strstr (at + 1, part))
    n++;
  return n;
}

/* Dates that have passed while the goal, the action or the review is still open say so on
 * the client's copy, in the plan's language; finished ones do not. */
static void
test_dates_passed (gconstpointer data)
{
  const char *language = data;
  gboolean sv = g_str_equal (language, "sv");
  g_autoptr(PolkuClient) client = make_client ();
  g_autoptr(JsonNode) plan = make_plan (language, 0);
  g_autoptr(PolkuPlanContext) context = polku_plan_context_new ("2020-04-01");
  g_autoptr(GError) error = NULL;
  g_autofree char *out_dir = make_out_dir ();
  g_autofree char *path = g_build_filename (out_dir, "plan.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *goal_line = NULL;
  JsonArray *goals = json_object_get_array_member (json_node_get_object (plan), "goals");
  JsonObject *first = json_array_get_object_element (goals, 0);
  JsonObject *second = json_array_get_object_element (goals, 1);
  JsonObject *action = json_array_get_object_element (
    json_object_get_array_member (first, "actions"), 0);
  const char *passed = sv ? "tidpunkten har passerat" : "ajankohta on mennyt";

  json_object_set_string_member (first, "target_date", "2020-01-31");    /* active: marked */
  json_object_set_string_member (action, "due_date", "2020-02-15");
  json_object_set_string_member (action, "status", "planned");           /* open: marked */
  json_object_set_string_member (second, "target_date", "2020-03-01");
  json_object_set_string_member (second, "status", "achieved");          /* done: not */
  g_assert_true (polku_plan_document_validate (plan, &error));

  g_assert_true (polku_plan_export_pdf (plan, client, context, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  assert_contains (text, sv ? "31.1.2020 – tidpunkten har passerat, vi avtalar en ny"
                            : "31.1.2020 – ajankohta on mennyt, sovitaan uusi");
  assert_contains (text, "15.2.2020 – ");
  assert_contains (text, "1.4.2020 – ");
  goal_line = g_strdup_printf ("1.3.2020 – %s", passed);
  assert_lacks (text, goal_line);
  assert_contains (text, "1.3.2020");
  g_assert_cmpuint (count_of (text, passed), ==, 3);

  /* the same plan with its dates ahead says nothing of the kind */
  json_object_set_string_member (first, "target_date", "2999-01-31");
  json_object_set_string_member (action, "due_date", "2999-02-15");
  g_clear_pointer (&context, polku_plan_context_free);
  context = polku_plan_context_new ("2999-04-01");
  g_assert_true (polku_plan_export_pdf (plan, client, context, path, &error));
  g_assert_no_error (error);
  g_free (text);
  text = pdf_text (path);
  g_assert_cmpuint (count_of (text, passed), ==, 0);
  test_remove_tree (out_dir);
}

/* With the real store: the copy names whoever the team names now and the case's review
 * date; changing the team changes the next copy with no new version of the plan. */
static void
test_team_change (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out_dir = make_out_dir ();
  g_autofree char *db_path = g_build_filename (out_dir, "polku.db", NULL);
  g_autofree char *path = g_build_filename (out_dir, "plan.pdf", NULL);
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(PolkuClient) client = NULL;
  g_autoptr(JsonNode) plan = NULL;
  g_autoptr(PolkuTeamMember) first = NULL;
  g_autoptr(PolkuTeamMember) second = NULL;
  g_autoptr(PolkuTeamMember) named = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  const char *id;

  store = polku_store_open (db_path, POLKU_KEY_RAW,
                            "2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99",
                            TRUE, &error);
  g_assert_no_error (error);
  polku_store_set_actor (store, "Camilla Björkman");
  client = test_add_client (store, "Aino", "Östman");
  id = polku_client_get_id (client);
  plan = polku_plan_document_new (id, "fi");
  g_assert_true (polku_plan_store_save (store, id, plan, 0, POLKU_PLAN_ORIGIN_CREATE, NULL,
                                        &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(PolkuTeamMember) draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                                                       "client-id", id,
                                                       "person", round == 0 ? "Paula Niemi"
                                                                            : "Heidi Turunen",
                                                       "role", "Sosiaaliohjaaja",
                                                       "organisation", "Hyvinvointialue",
                                                       "sector", "social",
                                                       "contact", round == 0 ? "040 111 2222"
                                                                             : "040 333 4444",
                                                       "joined-on", "2026-10-01",
                                                       "responsible", round == 0,
                                                       NULL);
      g_autoptr(PolkuPlanContext) context = NULL;
      g_autoptr(JsonNode) saved = polku_plan_store_load (store, id, NULL, &error);
      g_autofree char *text = NULL;

      if (round == 0)
        {
          first = polku_team_store_add (store, draft, &error);
          kase = polku_case_store_set_review (store, id, "2027-01-20", &error);
        }
      else
        {
          second = polku_team_store_add (store, draft, &error);
          g_assert_no_error (error);
          named = polku_team_store_set_responsible (store, polku_team_member_get_id (second),
                                                    "2026-11-01", &error);
        }
      g_assert_no_error (error);

      context = polku_plan_context_read (store, id, &error);
      g_assert_no_error (error);
      g_assert_true (polku_plan_export_pdf (saved, client, context, path, &error));
      g_assert_no_error (error);
      text = pdf_text (path);
      assert_contains (text, round == 0 ? "Paula Niemi, Sosiaaliohjaaja, Hyvinvointialue"
                                        : "Heidi Turunen, Sosiaaliohjaaja, Hyvinvointialue");
      assert_contains (text, round == 0 ? "040 111 2222" : "040 333 4444");
      assert_contains (text, "20.1.2027");
    }

  versions = polku_plan_store_list_versions (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 1);
  g_clear_object (&store);
  assert_dir_empty (tmp_dir);
  test_remove_tree (out_dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("POLKU_LOCALEDIR");
  int status;

  /* A private TMPDIR, checked for leftovers after each export */
  base_dir = g_strdup (g_getenv ("TMPDIR") != NULL ? g_getenv ("TMPDIR") : "/tmp");
  tmp_dir = g_build_filename (base_dir, "polku-test-plan-print-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (tmp_dir));
  g_setenv ("TMPDIR", tmp_dir, TRUE);
  /* The UI speaks Finnish; the copies must follow the plan's language anyway. */
  g_setenv ("LANGUAGE", "fi", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_cmpstr (g_get_tmp_dir (), ==, tmp_dir);

  g_test_add_func ("/plan-print/file-name", test_file_name);
  g_test_add_func ("/plan-print/finnish", test_finnish);
  g_test_add_func ("/plan-print/swedish", test_swedish);
  g_test_add_func ("/plan-print/pages", test_pages);
  g_test_add_func ("/plan-print/unwritable", test_unwritable);
  g_test_add_func ("/plan-print/team-change", test_team_change);
  g_test_add_data_func ("/plan-print/dates-passed/fi", "fi", test_dates_passed);
  g_test_add_data_func ("/plan-print/dates-passed/sv", "sv", test_dates_passed);

  status = g_test_run ();
  test_remove_tree (tmp_dir);
  return status;
}
