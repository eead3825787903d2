/* test-record-entry.c: the text for the health or social-care record, for a demo client in
 * Finnish and Swedish: its key lines, the stored scores, d.m.yyyy dates, no identity
 * code or name, one audit entry
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "polku-assessment-store.h"
#include "polku-audit.h"
#include "polku-contact-store.h"
#include "polku-coordinator-store.h"
#include "polku-date.h"
#include "polku-demo.h"
#include "polku-plan-store.h"
#include "polku-plan-text.h"
#include "polku-record-entry.h"
#include "polku-satisfaction-report.h"

#include "case-test-helpers.h"

static guint
count_audit (PolkuStore *store,
             const char *client,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = polku_audit_list (store, client, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (polku_audit_entry_get_action (g_ptr_array_index (entries, i)), action) == 0)
      {
        g_autofree char *label = polku_audit_entry_dup_action_label (
          g_ptr_array_index (entries, i));

        /* The Log view says it in words. */
        g_assert_cmpstr (label, !=, action);
        n++;
      }
  return n;
}

/* The latest scored WHOQOL-BREF's domains, as the entry must show them ("56,3"). */
static PolkuAssessment *
latest_whoqol (PolkuStore *store,
               const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = polku_assessment_store_list (store, id, "whoqol-bref", FALSE,
                                                           &error);
  PolkuAssessment *latest = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      g_autoptr(PolkuScores) scores = polku_assessment_compute_scores (
        g_ptr_array_index (list, i), &error);

      g_assert_no_error (error);
      if (!scores->discarded)
        latest = g_ptr_array_index (list, i);
    }
  return latest != NULL ? g_object_ref (latest) : NULL;
}

static char *
expected_score (PolkuAssessment *assessment,
                guint            domain,
                const char      *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuScores) scores = polku_assessment_compute_scores (assessment, &error);
  g_autoptr(PolkuInstrument) instrument = polku_assessment_dup_instrument (assessment, &error);
  guint last = polku_instrument_get_n_scores (instrument) - 1;
  double value = scores->domains[domain].values[last];
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert_false (isnan (value));
  g_ascii_formatd (number, sizeof number, "%.1f", value);
  g_strdelimit (number, ".", ',');
  return g_strdup_printf ("%s %s",
                          polku_instrument_get_domain_title_in (instrument, domain, language),
                          number);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not in the entry:\n%s", part, text);
}

static void
test_demo_client (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(PolkuAssessment) whoqol = NULL;
  g_autoptr(PolkuAssessment) satisfied = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(PolkuCoordinatorPeriod) coordinator = NULL;
  g_autoptr(PolkuContact) call = polku_contact_new ();
  g_autoptr(JsonNode) plan = NULL;
  g_autofree char *review = days_from_today (40);
  g_autofree char *shown_today = polku_plan_text_format_date (f->today);
  g_autofree char *shown_review = polku_plan_text_format_date (review);
  PolkuClient *client = NULL;
  const char *id;
  const char *plan_language;
  guint made;

  polku_demo_populate (f->store, 8, 7, &error);
  g_assert_no_error (error);
  clients = polku_client_store_list (f->store, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < clients->len && client == NULL; i++)
    {
      PolkuClient *c = g_ptr_array_index (clients, i);

      whoqol = latest_whoqol (f->store, polku_client_get_id (c));
      if (whoqol != NULL && polku_client_get_hetu (c) != NULL)
        client = c;
      else
        g_clear_object (&whoqol);
    }
  g_assert_nonnull (client);
  id = polku_client_get_id (client);
  plan = polku_plan_store_load (f->store, id, NULL, &error);
  g_assert_no_error (error);
  plan_language = polku_plan_document_get_language (plan);

  /* What the entry reports, set now so that it is known. */
  kase = polku_case_store_set_review (f->store, id, review, &error);
  g_assert_no_error (error);
  /* The demo may have named her already. */
  coordinator = polku_coordinator_store_get_current (f->store, id, &error);
  g_assert_no_error (error);
  if (coordinator == NULL
      || g_strcmp0 (polku_coordinator_period_get_person (coordinator), "Sanna Koivisto") != 0)
    {
      g_clear_object (&coordinator);
      coordinator = polku_coordinator_store_set (f->store, id, "Sanna Koivisto", f->today,
                                                 &error);
      g_assert_no_error (error);
    }
  /* Her latest contact: today's call (the demo's are older). */
  polku_contact_set_client_id (call, id);
  polku_contact_set_date (call, f->today);
  polku_contact_set_type_id (call, "phone");
  polku_contact_set_professional_name (call, "Sanna Koivisto");
  g_assert_true (polku_contact_store_add (f->store, call, &error));
  g_assert_no_error (error);
  satisfied = polku_satisfaction_store_answer (f->store, id, 4, NULL, &error);
  g_assert_no_error (error);

  for (guint l = 0; l < 3; l++)
    {
      static const char * const languages[] = { NULL, "fi", "sv" };
      const char *language = languages[l] != NULL ? languages[l] : plan_language;
      gboolean sv = g_strcmp0 (language, "sv") == 0;
      g_autofree char *text = NULL;
      g_autofree char *written = NULL;
      g_autofree char *title = NULL;
      g_autofree char *next = NULL;
      g_autofree char *latest_date = polku_plan_text_format_date (
        polku_assessment_get_date (whoqol));
      g_autofree char *satisfaction = NULL;
      g_autofree char *contact = NULL;

      made = count_audit (f->store, id, POLKU_AUDIT_RECORD_ENTRY);
      text = polku_record_entry_build (f->store, id, languages[l], NULL, &written, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (written, ==, language);
      g_assert_cmpuint (count_audit (f->store, id, POLKU_AUDIT_RECORD_ENTRY), ==, made + 1);

      title = g_strdup_printf (sv ? "Klientansvarigs anteckning %s\n"
                                  : "Asiakasvastaavan kirjaus %s\n", shown_today);
      g_assert_true (g_str_has_prefix (text, title));
      assert_contains (text, sv ? "\nVård- och serviceplan\n"
                                : "\nHoito- ja palvelusuunnitelma\n");
      assert_contains (text, sv ? "Avtalad med klienten " : "Sovittu asiakkaan kanssa ");
      assert_contains (text, sv ? "\nLivskvalitet (WHOQOL-BREF, poäng 0–100)\n"
                                : "\nElämänlaatu (WHOQOL-BREF, pisteet 0–100)\n");
      /* The scores are the stored answers' scores, with the assessment's date. */
      for (guint d = 0; d < 4; d++)
        {
          g_autofree char *score = expected_score (whoqol, d, language);
          g_autofree char *line = g_strdup_printf ("\n%s: ", latest_date);

          assert_contains (text, score);
          assert_contains (text, line);
        }
      assert_contains (text, sv ? "\nVårdens kontinuitet, 12 mån ("
                                : "\nHoidon jatkuvuus, 12 kk (");
      assert_contains (text, "COCI ");
      assert_contains (text, "UPC ");
      satisfaction = g_strdup_printf ("%s\n%s: %s.\n",
                                      sv ? "Klientnöjdhet" : "Asiakastyytyväisyys", shown_today,
                                      sv ? "Ganska nöjd" : "Melko tyytyväinen");
      assert_contains (text, satisfaction);
      /* The review date in the UI's words for it ("Next review"). */
      next = g_strdup_printf (sv ? "Nästa översyn %s.\n" : "Seuraava tarkistus %s.\n",
                              shown_review);
      assert_contains (text, next);
      contact = g_strdup_printf (sv ? "Klientansvarigs senaste kontakt %s: "
                                    : "Viimeisin asiakasvastaavan yhteydenotto %s: ",
                                 shown_today);
      assert_contains (text, contact);
      assert_contains (text, sv ? "Klientansvarig: Sanna Koivisto\n"
                                : "Asiakasvastaava: Sanna Koivisto\n");
      assert_contains (text, sv ? "Ansvarig" : "Vastuutyöntekijä");

      /* d.m.yyyy only; no identity code, no name: the record knows whose it is. */
      g_assert_false (g_regex_match_simple ("[0-9]{4}-[0-9]{2}-[0-9]{2}", text, 0, 0));
      g_assert_null (strstr (text, polku_client_get_hetu (client)));
      g_assert_null (strstr (text, polku_client_get_family_name (client)));
    }
}

/* A client with nothing yet: English (no plan), and says what is missing (the review in
 * Finnish and Swedish too). Wrong input is an error that changes nothing. */
static void
test_empty_and_errors (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *language = NULL;
  g_autofree char *none = NULL;
  guint made = count_audit (f->store, client_id (f), POLKU_AUDIT_RECORD_ENTRY);

  text = polku_record_entry_build (f->store, client_id (f), NULL, "2026-03-05", &language,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpstr (language, ==, "en");
  g_assert_true (g_str_has_prefix (text, "Coordinator’s entry 5.3.2026\n"));
  assert_contains (text, "No plan has been made yet.\n");
  assert_contains (text, "No complete assessment.\n");
  assert_contains (text, "0 visits, COCI cannot be computed, UPC cannot be computed.\n");
  assert_contains (text, "\nClient satisfaction\nNot asked.\n");
  assert_contains (text, "Coordinator: not named\n");
  assert_contains (text, "No next review agreed.\n");
  g_clear_pointer (&text, g_free);
  text = polku_record_entry_build (f->store, client_id (f), "fi", "2026-03-05", NULL, &error);
  g_assert_no_error (error);
  assert_contains (text, "\nSeuraavaa tarkistusta ei ole sovittu.\n");
  g_clear_pointer (&text, g_free);
  text = polku_record_entry_build (f->store, client_id (f), "sv", "2026-03-05", NULL, &error);
  g_assert_no_error (error);
  assert_contains (text, "\nIngen nästa översyn har avtalats.\n");

  none = polku_record_entry_build (f->store, client_id (f), "de", NULL, NULL, &error);
  g_assert_error (error, POLKU_RECORD_ENTRY_ERROR, POLKU_RECORD_ENTRY_ERROR_LANGUAGE);
  g_assert_null (none);
  g_clear_error (&error);
  none = polku_record_entry_build (f->store, "6f1c1f3e-0b7c-4d51-9f3a-2b1c0d9e8f7a", "fi",
                                   NULL, NULL, &error);
  g_assert_nonnull (error);
  g_assert_null (none);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (f->store, client_id (f), POLKU_AUDIT_RECORD_ENTRY), ==,
                    made + 3);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("POLKU_INSTRUMENTS_DIR", "/nonexistent/polku-test", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/record-entry/demo-client", test_demo_client);
  ADD ("/record-entry/empty-and-errors", test_empty_and_errors);
#undef ADD

  return g_test_run ();
}
